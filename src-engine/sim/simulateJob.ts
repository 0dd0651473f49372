import { finishedCondition } from '../controllers/conditions';
import type { JobObject } from '../controllers/types';
import { DEFAULT_MAX_RECORDS, MAX_JOB_HORIZON_MS, defaultPodModel } from './options';
import type { SimulateOptions } from './options';
import type { JobSimulation } from './records';
import { World } from './world';

/**
 * simulateJob runs the Job controller (and the TTL-after-finished controller) for `job` on a
 * virtual clock from options.start. Pods are created, run and finish as the pod model says.
 * Returns the final status, every pod (up to maxRecords), backoff waits and events.
 */
export function simulateJob(job: JobObject, options: SimulateOptions): JobSimulation {
  const model = options.podModel ?? defaultPodModel();
  const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
  const world = new World(options.start, model, maxRecords, true, options.timing);
  const rt = world.addJob({ ...job, creationTimestamp: options.start }, null, null);
  const until = options.until ?? options.start + MAX_JOB_HORIZON_MS;
  const last = world.run(until);
  const status = rt.job.status;
  const finished = finishedCondition(status);
  const ttl = job.spec.ttlSecondsAfterFinished;
  return {
    kind: 'Job',
    name: job.name,
    namespace: job.namespace,
    start: options.start,
    end: options.until ?? Math.max(last, options.start),
    status,
    deletedAt: rt.deleted ? rt.job.deletionTimestamp : null,
    deadlineAt: job.spec.activeDeadlineSeconds !== null && status.startTime !== null ? status.startTime + job.spec.activeDeadlineSeconds * 1000 : null,
    ttlExpireAt: ttl !== null && finished !== null ? finished.lastTransitionTime + ttl * 1000 : null,
    podsCreated: rt.podsCreated,
    pods: world.podRecords,
    backoffWaits: world.backoffWaits,
    events: world.log.events,
    eventCounts: world.log.counts,
    eventsDropped: world.log.dropped,
    warnings: [],
  };
}
