import { finishedCondition } from '../controllers/conditions';
import { formatRfc3339 } from '../controllers/rfc3339';
import type { JobObject } from '../controllers/types';
import { MAX_JOB_HORIZON_MS } from './options';
import type { SimulateOptions } from './options';
import type { JobSimulation } from './records';
import type { JobRuntime } from './simObjects';
import { recordWarnings, stopOf, worldRun } from './simulationRun';
import type { SimulationRun } from './simulationRun';
import { World } from './world';

/** A Job that would create more pods than this is not simulated to its end (no `until`). */
export const MAX_SIMULATED_PODS = 1_000_000;

/**
 * tooManyPods says why a Job cannot be simulated to its end pod by pod (null when it can):
 * it would create at least `completions` pods (or `parallelism` for a work-queue Job).
 */
export function tooManyPods(job: JobObject): string | null {
  const pods = job.spec.completions ?? job.spec.parallelism;
  if (pods <= MAX_SIMULATED_PODS) return null;
  const why = job.spec.completions !== null ? `completions ${job.spec.completions}` : `parallelism ${job.spec.parallelism}`;
  return (
    `Job ${job.name} is too large to simulate to its end: ` +
    `it would create at least ${pods.toLocaleString('en-US')} pods (${why}), ` +
    `and kube-jobs simulates at most ${MAX_SIMULATED_PODS.toLocaleString('en-US')} pods one by one. ` +
    'Simulate a window of its start instead (e.g. 10 minutes).'
  );
}

/**
 * startJobSimulation sets up the Job controller (and the TTL-after-finished controller) for
 * `job` on a virtual clock from options.start, to be advanced in slices. Pods are created,
 * run and finish as the pod model says.
 */
export function startJobSimulation(job: JobObject, options: SimulateOptions): SimulationRun<JobSimulation> {
  const world = new World(options, true);
  const rt = world.addJob({ ...job, creationTimestamp: options.start }, null, null);
  const until = options.until ?? options.start + MAX_JOB_HORIZON_MS;
  return worldRun(world, until, () => jobResult(world, rt, job, options));
}

/**
 * simulateJob runs the Job controller (and the TTL-after-finished controller) for `job` on a
 * virtual clock from options.start, in one go. Returns the final status, every pod (up to
 * maxRecords), backoff waits and events.
 */
export function simulateJob(job: JobObject, options: SimulateOptions): JobSimulation {
  const run = startJobSimulation(job, options);
  run.advance(Infinity);
  return run.result();
}

function jobResult(world: World, rt: JobRuntime, job: JobObject, options: SimulateOptions): JobSimulation {
  const status = rt.job.status;
  const finished = finishedCondition(status);
  const ttl = job.spec.ttlSecondsAfterFinished;
  const stopped = stopOf(world, options.start, `${rt.podsCreated.toLocaleString('en-US')} pods created`);
  const end = stopped !== null ? stopped.at : (options.until ?? Math.max(world.lastTime, options.start));
  const warnings = stopped !== null ? [stopped.message] : [];
  if (stopped === null && options.until === undefined && finished === null) {
    warnings.push(`The Job had not finished when the simulation ended (${formatRfc3339(end)}): nothing more would happen.`);
  }
  warnings.push(...recordWarnings(world.podRecords.length, rt.podsCreated, 'pods', world.log.dropped));
  return {
    kind: 'Job',
    name: job.name,
    namespace: job.namespace,
    start: options.start,
    end,
    status,
    deletedAt: rt.deleted ? rt.job.deletionTimestamp : null,
    deadlineAt:
      job.spec.activeDeadlineSeconds !== null && status.startTime !== null
        ? status.startTime + job.spec.activeDeadlineSeconds * 1000
        : null,
    ttlExpireAt: ttl !== null && finished !== null ? finished.lastTransitionTime + ttl * 1000 : null,
    podsCreated: rt.podsCreated,
    pods: world.podRecords,
    backoffWaits: world.backoffWaits.waits,
    events: world.log.events,
    eventCounts: world.log.counts('job'),
    eventsDropped: world.log.dropped,
    stopped,
    warnings,
  };
}
