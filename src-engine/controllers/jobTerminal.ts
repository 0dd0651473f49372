import { findTrueCondition } from './conditions';
import { countIndexes } from './indexes';
import type { PodTally } from './podTally';
import { matchSuccessPolicy } from './successPolicy';
import type { JobObject } from './types';

/** Where a Job is heading: the interim condition's reason and message (FailureTarget / SuccessCriteriaMet). */
export interface TerminalTarget {
  readonly kind: 'failure' | 'success';
  readonly reason: string;
  readonly message: string;
}

export const BACKOFF_LIMIT_EXCEEDED: TerminalTarget = {
  kind: 'failure',
  reason: 'BackoffLimitExceeded',
  message: 'Job has reached the specified backoff limit',
};
export const DEADLINE_EXCEEDED: TerminalTarget = {
  kind: 'failure',
  reason: 'DeadlineExceeded',
  message: 'Job was active longer than specified deadline',
};
export const MAX_FAILED_INDEXES_EXCEEDED: TerminalTarget = {
  kind: 'failure',
  reason: 'MaxFailedIndexesExceeded',
  message: 'Job has exceeded the specified maximal number of failed indexes',
};
export const FAILED_INDEXES: TerminalTarget = { kind: 'failure', reason: 'FailedIndexes', message: 'Job has failed indexes' };
export const COMPLETIONS_REACHED: TerminalTarget = {
  kind: 'success',
  reason: 'CompletionsReached',
  message: 'Reached expected number of succeeded pods',
};

/**
 * terminalTarget evaluates the terminal rules in Kubernetes' order, the first hit winning: an
 * interim condition already set (SuccessCriteriaMet, then FailureTarget), a FailJob rule,
 * backoffLimit (or OnFailure restarts), activeDeadlineSeconds, maxFailedIndexes, failed
 * indexes, the successPolicy. Returns null when none applies (completions are checked after
 * manageJob). Mirrors job_controller.go `syncJob` (the finishedCondition evaluation).
 */
export function terminalTarget(job: JobObject, t: PodTally, startTime: number | null, now: number): TerminalTarget | null {
  const spec = job.spec;
  const successCriteria = findTrueCondition(job.status, 'SuccessCriteriaMet');
  if (successCriteria !== null) return { kind: 'success', reason: successCriteria.reason, message: successCriteria.message };
  const failureTarget = findTrueCondition(job.status, 'FailureTarget');
  if (failureTarget !== null) return { kind: 'failure', reason: failureTarget.reason, message: failureTarget.message };
  if (t.failJobMessage !== null) return { kind: 'failure', reason: 'PodFailurePolicy', message: t.failJobMessage };
  if (t.failed > spec.backoffLimit || pastBackoffLimitOnFailure(spec.restartPolicy, spec.backoffLimit, t.restarts)) {
    return BACKOFF_LIMIT_EXCEEDED;
  }
  if (!spec.suspend && pastActiveDeadline(spec.activeDeadlineSeconds, startTime, now)) return DEADLINE_EXCEEDED;
  const indexed = spec.completionMode === 'Indexed';
  if (indexed && spec.backoffLimitPerIndex !== null) {
    const failedCount = countIndexes(t.failedIntervals);
    if (spec.maxFailedIndexes !== null && failedCount > spec.maxFailedIndexes) return MAX_FAILED_INDEXES_EXCEEDED;
    if (failedCount > 0 && failedCount + t.succeeded >= (spec.completions as number)) return FAILED_INDEXES;
  }
  if (indexed && spec.successPolicy !== null) {
    const hit = matchSuccessPolicy(spec.successPolicy, spec.completions as number, t.succeededIntervals);
    if (hit !== null) return { kind: 'success', reason: 'SuccessPolicy', message: hit.message };
  }
  return null;
}

/**
 * pastBackoffLimitOnFailure: with restartPolicy OnFailure the Job fails once the container
 * restarts of its running and pending pods reach backoffLimit (any restart when it is 0).
 * Mirrors job_controller.go `pastBackoffLimitOnFailure`.
 */
export function pastBackoffLimitOnFailure(restartPolicy: 'Never' | 'OnFailure', backoffLimit: number, restarts: number): boolean {
  if (restartPolicy !== 'OnFailure') return false;
  if (backoffLimit === 0) return restarts > 0;
  return restarts >= backoffLimit;
}

/** pastActiveDeadline: now − startTime ≥ activeDeadlineSeconds (job_controller.go `pastActiveDeadline`). */
export function pastActiveDeadline(activeDeadlineSeconds: number | null, startTime: number | null, now: number): boolean {
  if (activeDeadlineSeconds === null || startTime === null) return false;
  return now - startTime >= activeDeadlineSeconds * 1000;
}
