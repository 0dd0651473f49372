/**
 * Pod-failure backoff of the Job controller. Mirrors pkg/controller/job/backoff_utils.go
 * (`backoffRecord`, `newBackoffRecord`, `getRemainingTimeForFailuresCount`).
 */

/** DefaultJobPodFailureBackOff: delay after the first failure. */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
/** MaxJobPodFailureBackOff: the cap is 10 minutes in code (the docs still say 6). */
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 600_000;

/** Per-Job in-memory record (the controller keeps it outside the API; a restart loses it). */
export interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  readonly lastFailureTime: number | null;
}

export const EMPTY_BACKOFF_RECORD: BackoffRecord = { failuresAfterLastSuccess: 0, lastFailureTime: null };

/**
 * newBackoffRecord folds the pods that finished since the last sync into the record, given
 * the finish time of the latest new success (null for none) and the finish times of the new
 * failures (null for none): failures without a new success extend the streak; a new success
 * resets it and only failures finishing strictly after it count. The record is returned
 * unchanged (the same object) when nothing changes. Mirrors backoff_utils.go `newBackoffRecord`.
 */
export function newBackoffRecord(
  previous: BackoffRecord,
  lastSuccess: number | null,
  failureTimes: readonly number[] | null,
): BackoffRecord {
  let count = 0;
  let lastFailure: number | null = null;
  if (failureTimes !== null) {
    for (const t of failureTimes) {
      if (lastSuccess !== null && t <= lastSuccess) continue;
      count++;
      if (lastFailure === null || t > lastFailure) lastFailure = t;
    }
  }
  if (lastSuccess === null) {
    if (count === 0) return previous;
    return { failuresAfterLastSuccess: previous.failuresAfterLastSuccess + count, lastFailureTime: lastFailure };
  }
  if (count === 0) {
    return previous.failuresAfterLastSuccess === 0 && previous.lastFailureTime === null ? previous : EMPTY_BACKOFF_RECORD;
  }
  return { failuresAfterLastSuccess: count, lastFailureTime: lastFailure };
}

/** backoffDelayMs is min(10 s × 2^(n−1), 10 min) for n ≥ 1 failures, 0 for n = 0. */
export function backoffDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  if (failures > 30) return MAX_JOB_POD_FAILURE_BACKOFF_MS;
  return Math.min(DEFAULT_JOB_POD_FAILURE_BACKOFF_MS * 2 ** (failures - 1), MAX_JOB_POD_FAILURE_BACKOFF_MS);
}

/**
 * backoffRemainingMs returns how long pod creation must still wait: the delay for
 * `failures` minus the time since `lastFailureTime`, never negative.
 * Mirrors backoff_utils.go `getRemainingTimeForFailuresCount`.
 */
export function backoffRemainingMs(failures: number, lastFailureTime: number | null, now: number): number {
  if (failures <= 0 || lastFailureTime === null) return 0;
  const remaining = backoffDelayMs(failures) - (now - lastFailureTime);
  return remaining > 0 ? remaining : 0;
}

/** recordRemainingMs is backoffRemainingMs for a Job-level record (backoffRecord.getRemainingTime). */
export function recordRemainingMs(record: BackoffRecord, now: number): number {
  return backoffRemainingMs(record.failuresAfterLastSuccess, record.lastFailureTime, now);
}
