import type { JobCondition, JobConditionType, JobStatus } from './types';

/** findCondition returns the condition of that type with status True, or null. */
export function findTrueCondition(status: JobStatus, type: JobConditionType): JobCondition | null {
  for (const c of status.conditions) if (c.type === type && c.status === 'True') return c;
  return null;
}

/** finishedCondition returns the Complete=True or Failed=True condition (IsJobFinished), or null. */
export function finishedCondition(status: JobStatus): JobCondition | null {
  return findTrueCondition(status, 'Complete') ?? findTrueCondition(status, 'Failed');
}

/** isJobFinished mirrors pkg/controller/job/util `IsJobFinished`. */
export function isJobFinished(status: JobStatus): boolean {
  return finishedCondition(status) !== null;
}

/**
 * setCondition returns conditions with `type` set to the given status/reason/message. An
 * existing condition of that type keeps its lastTransitionTime unless its status changes.
 * Mirrors job_controller.go `ensureJobConditionStatus`.
 */
export function setCondition(
  conditions: readonly JobCondition[],
  type: JobConditionType,
  status: 'True' | 'False',
  reason: string,
  message: string,
  now: number,
): readonly JobCondition[] {
  let i = 0;
  while (i < conditions.length && (conditions[i] as JobCondition).type !== type) i++;
  const n = conditions.length;
  const old = i < n ? (conditions[i] as JobCondition) : null;
  if (old !== null && old.status === status && old.reason === reason && old.message === message) return conditions;
  const condition: JobCondition = {
    type,
    status,
    reason,
    message,
    lastTransitionTime: old !== null && old.status === status ? old.lastTransitionTime : now,
  };
  if (old !== null) {
    const next = conditions.slice();
    next[i] = condition;
    return next;
  }
  // Literals for the usual short lists (this runs twice for every finished Job; spreading goes
  // through the iterator protocol).
  if (n === 0) return [condition];
  if (n === 1) return [conditions[0] as JobCondition, condition];
  const next = conditions.slice();
  next.push(condition);
  return next;
}
