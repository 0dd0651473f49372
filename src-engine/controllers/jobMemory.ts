import { EMPTY_BACKOFF_RECORD, backoffDelayMs, backoffRemainingMs } from './backoff';
import type { BackoffRecord } from './backoff';

/** Failures of one index waiting for its replacement pod (backoffLimitPerIndex). */
export interface IndexFailureRecord {
  readonly failureCount: number;
  readonly ignoredFailureCount: number;
  readonly lastFailureTime: number;
}

/**
 * What the Job controller keeps in memory between syncs of one Job (never in the API):
 * the pod-failure backoff record, and per index the failure counts to copy into the next pod
 * (upstream reads them from the failed pod whose finalizer removal it delays,
 * indexed_job_utils.go `getPodsWithDelayedDeletionPerIndex`).
 */
export interface JobMemory {
  readonly backoff: BackoffRecord;
  readonly indexFailures: ReadonlyMap<number, IndexFailureRecord>;
}

export const EMPTY_JOB_MEMORY: JobMemory = { backoff: EMPTY_BACKOFF_RECORD, indexFailures: new Map() };

/**
 * indexBackoffRemainingMs is how long the replacement pod of a failed index must still wait.
 * Mirrors backoff_utils.go `getRemainingTimePerIndex` (the record's counts already include
 * the failure it was made for).
 */
export function indexBackoffRemainingMs(record: IndexFailureRecord, now: number): number {
  return backoffRemainingMs(record.failureCount + record.ignoredFailureCount, record.lastFailureTime, now);
}

/** indexBackoffEnd is when the replacement pod of a failed index may be created. */
export function indexBackoffEnd(record: IndexFailureRecord): number {
  return record.lastFailureTime + backoffDelayMs(record.failureCount + record.ignoredFailureCount);
}
