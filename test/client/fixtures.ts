import type { CronJob, Event, Job, Pod } from '../../client/src/views/model/k8s';

/** Small builders for the objects the view models read; only the fields a test cares about. */
export const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export function cronJob(
  name: string,
  spec: Partial<NonNullable<CronJob['spec']>> = {},
  status: CronJob['status'] = {},
  ns = 'demo',
): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: ns, uid: `uid-${name}` },
    spec: {
      schedule: '0 2 * * *',
      jobTemplate: {
        spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: 'busybox' }] } } },
      },
      ...spec,
    },
    status,
  };
}

export function job(
  name: string,
  opts: { owner?: string; ns?: string; created?: number; spec?: Partial<NonNullable<Job['spec']>>; status?: Job['status'] } = {},
): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: opts.ns ?? 'demo',
      uid: `uid-${name}`,
      creationTimestamp: iso(opts.created ?? T0),
      ...(opts.owner
        ? {
            ownerReferences: [
              { apiVersion: 'batch/v1', kind: 'CronJob', name: opts.owner, uid: `uid-${opts.owner}`, controller: true },
            ],
          }
        : {}),
    },
    spec: { template: { spec: { containers: [{ name: 'main', image: 'busybox' }] } }, ...(opts.spec ?? {}) },
    status: opts.status ?? {},
  };
}

export function pod(name: string, jobName: string, status: Pod['status'], ns = 'demo', created = T0): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      creationTimestamp: iso(created),
      labels: { 'batch.kubernetes.io/job-name': jobName },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: jobName, uid: `uid-${jobName}`, controller: true }],
    },
    spec: { containers: [{ name: 'main', image: 'busybox' }], restartPolicy: 'Never' },
    status,
  };
}

export function event(
  name: string,
  about: { kind: string; name: string },
  reason: string,
  message: string,
  at: number,
  type = 'Warning',
  ns = 'demo',
): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: ns },
    involvedObject: { kind: about.kind, name: about.name, namespace: ns },
    reason,
    message,
    type,
    count: 1,
    lastTimestamp: iso(at),
  };
}

export const terminated = (exitCode: number, reason: string, message?: string): Pod['status'] => ({
  phase: exitCode === 0 ? 'Succeeded' : 'Failed',
  startTime: iso(T0),
  containerStatuses: [
    {
      name: 'main',
      image: 'busybox',
      imageID: '',
      ready: false,
      restartCount: 0,
      state: {
        terminated: { exitCode, reason, ...(message ? { message } : {}), startedAt: iso(T0), finishedAt: iso(T0 + 30_000) },
      },
    },
  ],
});

export const waiting = (reason: string, message = ''): Pod['status'] => ({
  phase: 'Pending',
  containerStatuses: [
    { name: 'main', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason, message } } },
  ],
});

export const running = (restarts = 0): Pod['status'] => ({
  phase: 'Running',
  startTime: iso(T0),
  containerStatuses: [
    {
      name: 'main',
      image: 'busybox',
      imageID: '',
      ready: true,
      restartCount: restarts,
      state: { running: { startedAt: iso(T0) } },
    },
  ],
});

/** A container that crashed `restarts` times, last with `lastExit`, now in CrashLoopBackOff (phase Running, as kubelets say). */
export const crashLooping = (restarts: number, lastExit: number): Pod['status'] => ({
  phase: 'Running',
  startTime: iso(T0),
  containerStatuses: [
    {
      name: 'main',
      image: 'busybox',
      imageID: '',
      ready: false,
      restartCount: restarts,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=main' } },
      lastState: { terminated: { exitCode: lastExit, reason: 'Error', startedAt: iso(T0), finishedAt: iso(T0 + 5000) } },
    },
  ],
});

/** A pod the scheduler could not place (condition PodScheduled=False, reason Unschedulable). */
export const unschedulable = (message: string): Pod['status'] => ({
  phase: 'Pending',
  conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: iso(T0) }],
});
