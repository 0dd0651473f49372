import type { JobObject } from './types';
import { finishedCondition } from './conditions';

/** Result of the TTL-after-finished controller for one Job. */
export type TtlDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'wait'; readonly expireAt: number; readonly requeueAfterMs: number }
  | { readonly kind: 'delete'; readonly expireAt: number; readonly propagation: 'Foreground' };

/**
 * syncTtlAfterFinished decides whether a finished Job with ttlSecondsAfterFinished is due for
 * deletion: expireAt = the Complete/Failed condition's lastTransitionTime + ttl; at or after
 * it the Job is deleted with Foreground propagation, before it the controller waits.
 * Mirrors pkg/controller/ttlafterfinished/ttlafterfinished_controller.go `processTTL` /
 * `timeLeft`.
 */
export function syncTtlAfterFinished(job: JobObject, now: number): TtlDecision {
  const ttl = job.spec.ttlSecondsAfterFinished;
  if (ttl === null || job.deletionTimestamp !== null) return { kind: 'none' };
  const finished = finishedCondition(job.status);
  if (finished === null) return { kind: 'none' };
  const expireAt = finished.lastTransitionTime + ttl * 1000;
  if (now >= expireAt) return { kind: 'delete', expireAt, propagation: 'Foreground' };
  return { kind: 'wait', expireAt, requeueAfterMs: expireAt - now };
}
