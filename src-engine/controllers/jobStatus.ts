import type { JobStatus } from './types';

/** newJobStatus is the empty status of a just-created Job. */
export function newJobStatus(indexed: boolean, perIndex: boolean): JobStatus {
  return {
    conditions: [],
    startTime: null,
    completionTime: null,
    active: 0,
    ready: 0,
    terminating: 0,
    succeeded: 0,
    failed: 0,
    completedIndexes: indexed ? '' : null,
    failedIndexes: perIndex ? '' : null,
  };
}

/**
 * jobStatusChanged: whether a sync wrote a different status, so that the API server sends the
 * update back as an event (job_controller.go `syncJob` needsStatusUpdate). Conditions are
 * compared by identity: setCondition keeps the list when nothing changes.
 */
export function jobStatusChanged(a: JobStatus, b: JobStatus): boolean {
  return (
    a.conditions !== b.conditions ||
    a.startTime !== b.startTime ||
    a.completionTime !== b.completionTime ||
    a.active !== b.active ||
    a.ready !== b.ready ||
    a.terminating !== b.terminating ||
    a.succeeded !== b.succeeded ||
    a.failed !== b.failed ||
    a.completedIndexes !== b.completedIndexes ||
    a.failedIndexes !== b.failedIndexes
  );
}
