import type { CronJobObject } from './cronJob';
import { createdMeta, isObj, jobSpecFromManifest, NOT_A_MAPPING, readObjectMeta, stringMap } from './jobSpec';
import type { ReadResult } from './jobSpec';

/**
 * cronJobFromManifest turns a parsed CronJob document into a freshly created CronJobObject
 * with the API server defaults (SetDefaults_CronJob: Allow, not suspended, history limits 3
 * and 1). The job template spec gets the Job defaults the API server applies when the Job
 * is created. Only controller-relevant checks are made; the schedule is parsed by the
 * controller itself (UnparseableSchedule), as upstream.
 */
export function cronJobFromManifest(doc: unknown, creationTimestamp: number): ReadResult<CronJobObject> {
  if (!isObj(doc)) return { ok: false, errors: [NOT_A_MAPPING] };
  const { name, namespace, errors } = readObjectMeta(doc);
  const spec = isObj(doc['spec']) ? doc['spec'] : {};
  const schedule = spec['schedule'];
  if (typeof schedule !== 'string' || schedule === '') errors.push('spec.schedule: Required value');
  const timeZone = spec['timeZone'];
  if (timeZone !== undefined && timeZone !== null && typeof timeZone !== 'string') {
    errors.push('spec.timeZone: Invalid value: must be a string');
  }
  const int = (field: string): number | null => {
    const v = spec[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      errors.push(`spec.${field}: Invalid value: ${JSON.stringify(v)}: must be greater than or equal to 0`);
      return null;
    }
    return v;
  };
  const startingDeadlineSeconds = int('startingDeadlineSeconds');
  const successfulJobsHistoryLimit = int('successfulJobsHistoryLimit') ?? 3;
  const failedJobsHistoryLimit = int('failedJobsHistoryLimit') ?? 1;
  const policy = spec['concurrencyPolicy'] ?? 'Allow';
  if (policy !== 'Allow' && policy !== 'Forbid' && policy !== 'Replace') {
    errors.push(
      `spec.concurrencyPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Allow", "Forbid", "Replace"`,
    );
  }
  const jobTemplate = isObj(spec['jobTemplate']) ? spec['jobTemplate'] : undefined;
  if (jobTemplate === undefined) errors.push('spec.jobTemplate: Required value');
  const templateMeta = jobTemplate !== undefined && isObj(jobTemplate['metadata']) ? jobTemplate['metadata'] : {};
  const jobSpec = jobSpecFromManifest(jobTemplate?.['spec'], 'spec.jobTemplate.spec');
  if (!jobSpec.ok && jobTemplate !== undefined) errors.push(...jobSpec.errors);
  if (errors.length > 0 || !jobSpec.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...createdMeta(name, namespace, creationTimestamp),
      spec: {
        schedule: schedule as string,
        timeZone: typeof timeZone === 'string' ? timeZone : null,
        startingDeadlineSeconds,
        concurrencyPolicy: policy as 'Allow' | 'Forbid' | 'Replace',
        suspend: spec['suspend'] === true,
        successfulJobsHistoryLimit,
        failedJobsHistoryLimit,
        jobTemplate: {
          labels: stringMap(templateMeta['labels']),
          annotations: stringMap(templateMeta['annotations']),
          spec: jobSpec.value,
        },
      },
      status: { active: [], lastScheduleTime: null, lastSuccessfulTime: null },
    },
  };
}
