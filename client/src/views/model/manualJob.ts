import { randomNameSuffix } from '../../../../src-engine';
import type { CronJob, Job } from './k8s';

/** The annotation `kubectl create job --from=cronjob/…` puts on a manually started Job. */
export const MANUAL_INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';

/** Jobs' names also become the `batch.kubernetes.io/job-name` label value, limited to 63 characters. */
const MAX_JOB_NAME = 63;

/**
 * manualJobName builds `<cronjob>-manual-<5 random chars>`, shortening the CronJob's part so
 * the whole stays ≤ 63 characters (the pod label limit) and does not end in `-` or `.`.
 */
export function manualJobName(cronJobName: string, random: () => number): string {
  const tail = `-manual-${randomNameSuffix({ next: random })}`;
  const base = cronJobName.slice(0, MAX_JOB_NAME - tail.length).replace(/[-.]+$/, '');
  return `${base}${tail}`;
}

/**
 * jobFromCronJob is the Job `kubectl create job <name> --from=cronjob/<cj>` creates: the
 * jobTemplate's labels, annotations and spec, the `cronjob.kubernetes.io/instantiate: manual`
 * annotation, and a controller reference to the CronJob (so the CronJob lists it and garbage
 * collection removes it with the CronJob).
 * Mirrors kubectl pkg/cmd/create/create_job.go `createJobFromCronJob`.
 */
export function jobFromCronJob(cj: CronJob, name: string): Job {
  const template = cj.spec?.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata?.namespace,
      labels: { ...(template?.metadata?.labels ?? {}) },
      annotations: { ...(template?.metadata?.annotations ?? {}), [MANUAL_INSTANTIATE_ANNOTATION]: 'manual' },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cj.metadata?.name ?? '',
          uid: cj.metadata?.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: structuredClone(template?.spec ?? { template: { spec: { containers: [] } } }),
  };
}

/**
 * triggerQuestion is what the person confirms before a manual run: what is created, and why
 * the real CronJob controller then records `UnexpectedJob` (syncCronJob in
 * pkg/controller/cronjob/cronjob_controllerv2.go warns about every unfinished child Job that is
 * not in status.active, and never adds it there).
 */
export function triggerQuestion(namespace: string, name: string, context: string): { message: string; detail: string } {
  return {
    message: `Trigger CronJob ${namespace}/${name} now on context ${context}?`,
    detail:
      `This creates a Job from the CronJob's jobTemplate now, like kubectl create job --from=cronjob/${name}. ` +
      'The CronJob controller did not schedule that Job, so while it runs the controller records a Warning event ' +
      '"UnexpectedJob" (Saw a job that the controller did not create or forgot) on the CronJob: that is expected. ' +
      'The manual Job does not count as active for concurrencyPolicy, and once finished it counts toward the history limits.',
  };
}
