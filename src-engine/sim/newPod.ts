import type { PodObject, PodTemplateRequest } from '../controllers/types';
import type { PodOutcome } from './podModel';
import type { SimPodRecord } from './records';
import type { SimPod } from './simObjects';

/** Pods of the simulator have no conditions (nothing sets DisruptionTarget etc.). */
const NO_POD_CONDITIONS: PodObject['conditions'] = [];

/** newPodRecord: the timeline's record of a pod created at `now` (running at once unless it has a start latency). */
export function newPodRecord(name: string, index: number | null, now: number, running: boolean): SimPodRecord {
  const phase = running ? 'Running' : 'Pending';
  return {
    name,
    index,
    createdAt: now,
    startedAt: running ? now : null,
    finishedAt: null,
    phase,
    exitCode: null,
    restarts: 0,
    deletedAt: null,
    deletedBy: null,
  };
}

/**
 * newSimPod: the pod the API server stores for a Job's createPod request, named `name`
 * (creationTimestamp as stored), carrying the tracking finalizer, with the outcome its first
 * run will have.
 */
export function newSimPod(
  request: PodTemplateRequest,
  name: string,
  creationTimestamp: number,
  outcome: PodOutcome,
  running: boolean,
  record: SimPodRecord | null,
): SimPod {
  return {
    name,
    creationTimestamp,
    index: request.index,
    phase: running ? 'Running' : 'Pending',
    deletionTimestamp: null,
    hasTrackingFinalizer: true,
    finishedAt: null,
    exitCode: null,
    restartCount: 0,
    conditions: NO_POD_CONDITIONS,
    indexFailureCount: request.indexFailureCount,
    indexIgnoredFailureCount: request.indexIgnoredFailureCount,
    gen: 0,
    outcome,
    backOff: null,
    record,
  };
}
