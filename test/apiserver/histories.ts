/**
 * CronJobs with a past: a CronJob created long ago, the Jobs its controller created for chosen
 * scheduled times (named `<cronjob>-<minutes>`, with the scheduled-timestamp annotation, owned by
 * it), its status (lastScheduleTime, lastSuccessfulTime, active) as the controller would have
 * left it, and the events it recorded. For the health rules' tests and the demo world's
 * unhealthy CronJob; the store holds whatever is seeded, so a history can end in any state.
 */
import type { LogStore } from './logs';
import { seedEvent, seedJob } from './seed';
import type { PodState } from './seed';
import type { KObject, Store } from './store';
import { formatTime } from './timefmt';

const MIN = 60_000;

/** One past run of the CronJob. */
export interface RunSeed {
  readonly scheduledMs: number;
  readonly outcome: 'complete' | 'failed' | 'running';
  /** How long it ran (complete and failed runs; default 2 minutes). */
  readonly durationMs?: number;
}

/** An event the CronJob controller recorded, beyond the ones the runs imply. */
export interface EventSeed {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  readonly atMs: number;
}

export interface CronJobHistorySeed {
  readonly namespace: string;
  readonly name: string;
  readonly schedule: string;
  readonly timeZone?: string;
  readonly suspend?: boolean;
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  readonly startingDeadlineSeconds?: number;
  readonly createdMs: number;
  readonly runs: readonly RunSeed[];
  readonly events?: readonly EventSeed[];
  readonly image?: string;
  readonly failedJobsHistoryLimit?: number;
  /** status.lastScheduleTime when it is not the newest run's (a run deleted since, a controller that stopped). */
  readonly lastScheduleMs?: number;
}

/** seedCronJobHistory creates the CronJob, its Jobs (with pods) and events; returns the CronJob as stored at the end. */
export function seedCronJobHistory(
  store: Store,
  logs: LogStore | undefined,
  seed: CronJobHistorySeed,
): { cronJob: KObject; jobs: KObject[]; pods: KObject[] } {
  const image = seed.image ?? 'busybox:1.36';
  const spec: KObject = {
    schedule: seed.schedule,
    concurrencyPolicy: seed.concurrencyPolicy ?? 'Allow',
    suspend: seed.suspend ?? false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: seed.failedJobsHistoryLimit ?? 3,
    jobTemplate: {
      metadata: {},
      spec: {
        backoffLimit: 2,
        template: {
          metadata: {},
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{ name: seed.name, image, command: ['sh', '-c', 'echo working'], resources: {} }],
          },
        },
      },
    },
  };
  if (seed.timeZone !== undefined) spec.timeZone = seed.timeZone;
  if (seed.startingDeadlineSeconds !== undefined) spec.startingDeadlineSeconds = seed.startingDeadlineSeconds;
  const created = store.create('cronjobs', {
    metadata: { name: seed.name, namespace: seed.namespace, creationTimestamp: formatTime(seed.createdMs) },
    spec,
    status: {},
  });
  const jobs: KObject[] = [];
  const pods: KObject[] = [];
  const runs = [...seed.runs].sort((a, b) => a.scheduledMs - b.scheduledMs);
  for (const run of runs) {
    const name = `${seed.name}-${Math.floor(run.scheduledMs / MIN)}`;
    const podStates: PodState[] =
      run.outcome === 'complete' ? ['Completed'] : run.outcome === 'failed' ? ['Error', 'Error', 'Error'] : ['Running'];
    const made = seedJob(store, {
      namespace: seed.namespace,
      name,
      state: run.outcome,
      owner: created,
      startMs: run.scheduledMs,
      pods: podStates,
      image,
    });
    const duration = run.durationMs ?? 2 * MIN;
    const job =
      run.outcome === 'running'
        ? made.job
        : store.mutate('jobs', seed.namespace, name, (j) => finishAt(j, run.scheduledMs + duration));
    jobs.push(job);
    pods.push(...made.pods);
    for (const p of made.pods) {
      logs?.append(
        seed.namespace,
        p.metadata.name,
        seed.name,
        run.outcome === 'failed' ? 'error: upstream refused the connection' : `run of ${name}`,
      );
    }
    seedEvent(store, created, 'Normal', 'SuccessfulCreate', `Created job ${name}`, run.scheduledMs, 'cronjob-controller');
    if (run.outcome !== 'running') {
      seedEvent(
        store,
        created,
        'Normal',
        'SawCompletedJob',
        `Saw completed job: ${name}, condition: ${run.outcome === 'complete' ? 'Complete' : 'Failed'}`,
        run.scheduledMs + duration,
        'cronjob-controller',
      );
    }
  }
  for (const e of seed.events ?? []) seedEvent(store, created, e.type, e.reason, e.message, e.atMs, 'cronjob-controller');
  const lastSchedule = seed.lastScheduleMs ?? runs[runs.length - 1]?.scheduledMs;
  const successes = runs.filter((r) => r.outcome === 'complete').map((r) => r.scheduledMs + (r.durationMs ?? 2 * MIN));
  const active = jobs.filter(
    (j) =>
      !(j.status.conditions ?? []).some((c: KObject) => c.status === 'True' && (c.type === 'Complete' || c.type === 'Failed')),
  );
  const cronJob = store.mutate('cronjobs', seed.namespace, seed.name, (c) => {
    c.status = {
      ...(lastSchedule !== undefined ? { lastScheduleTime: formatTime(lastSchedule) } : {}),
      ...(successes.length > 0 ? { lastSuccessfulTime: formatTime(Math.max(...successes)) } : {}),
      ...(active.length > 0 ? { active: active.map(objectReference) } : {}),
    };
  });
  return { cronJob, jobs, pods };
}

/** objectReference is how status.active refers to a Job (core/v1 ObjectReference). */
function objectReference(job: KObject): KObject {
  return {
    kind: 'Job',
    namespace: job.metadata.namespace,
    name: job.metadata.name,
    uid: job.metadata.uid,
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata.resourceVersion,
  };
}

/** finishAt moves a finished Job's completion (or failure) to `endMs`, as if it had run that long. */
function finishAt(job: KObject, endMs: number): void {
  const end = formatTime(endMs);
  if (job.status.completionTime !== undefined) job.status.completionTime = end;
  for (const c of job.status.conditions ?? []) {
    c.lastProbeTime = end;
    c.lastTransitionTime = end;
  }
}
