/**
 * Pod-failure backoff of the Job controller (C.4). Mirrors pkg/controller/job/backoff_utils.go
 * (`backoffRecord`, `newBackoffRecord`, `getRemainingTime`, `getFinishedTime`).
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

/** A pod that finished since the last sync, reduced to what the backoff needs. */
export interface FinishedPod {
  readonly finishedAt: number;
  readonly succeeded: boolean;
}

/**
 * newBackoffRecord folds newly finished pods into the record: failures without a new success
 * extend the streak; a new success resets it and only failures finishing strictly after the
 * latest new success count. Returns the new record (the input is not changed).
 * Mirrors backoff_utils.go `newBackoffRecord`.
 */
export function newBackoffRecord(previous: BackoffRecord, finished: readonly FinishedPod[]): BackoffRecord {
  let lastSuccess: number | null = null;
  for (const p of finished) if (p.succeeded && (lastSuccess === null || p.finishedAt > lastSuccess)) lastSuccess = p.finishedAt;
  let count = 0;
  let lastFailure: number | null = null;
  for (const p of finished) {
    if (p.succeeded || (lastSuccess !== null && p.finishedAt <= lastSuccess)) continue;
    count++;
    if (lastFailure === null || p.finishedAt > lastFailure) lastFailure = p.finishedAt;
  }
  if (lastSuccess === null) {
    if (count === 0) return previous;
    return { failuresAfterLastSuccess: previous.failuresAfterLastSuccess + count, lastFailureTime: lastFailure };
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
