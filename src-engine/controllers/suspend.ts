import { findTrueCondition, setCondition } from './conditions';
import type { SyncEvents } from './syncEvents';
import type { JobCondition, JobStatus } from './types';

/** wasResumed: the Job is not suspended but still carries Suspended=True (it was just resumed). */
export function wasResumed(status: JobStatus, suspend: boolean): boolean {
  return !suspend && findTrueCondition(status, 'Suspended') !== null;
}

/**
 * suspendConditions sets Suspended True/False on suspend and resume and records the event.
 * Mirrors job_controller.go `syncJob` (the JobSuspended / JobResumed branch).
 */
export function suspendConditions(
  conditions: readonly JobCondition[],
  suspend: boolean,
  now: number,
  events: SyncEvents,
): readonly JobCondition[] {
  let current: JobCondition | undefined;
  for (const c of conditions) {
    if (c.type === 'Suspended') {
      current = c;
      break;
    }
  }
  if (suspend && current?.status !== 'True') {
    events.add('Normal', 'Suspended', 'Job suspended');
    return setCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now);
  }
  if (!suspend && current?.status === 'True') {
    events.add('Normal', 'Resumed', 'Job resumed');
    return setCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
  }
  return conditions;
}
