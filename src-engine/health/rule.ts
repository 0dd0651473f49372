import type { ScheduleClock } from './scheduleClock';
import type { HealthFinding, HealthInput } from './types';

/** A health rule: one concern, read from the CronJob, its Jobs, its events and the time. */
export interface HealthRule {
  readonly id: string;
  readonly check: (input: HealthInput, clock: ScheduleClock) => readonly HealthFinding[];
}

/**
 * The allowance kube-jobs gives the controller to start a due run — its sync, the API calls and
 * clock skew between nodes — before calling the CronJob behind schedule. Not a Kubernetes
 * constant: the controller syncs 100 ms after each scheduled time (nextScheduleDelta) and
 * normally creates the Job within seconds.
 */
export const START_LATENCY_ALLOWANCE_MS = 120_000;

/**
 * startGraceMs is how long after a scheduled time a missing run counts as late: the allowance
 * above, or startingDeadlineSeconds when shorter — past it syncCronJob reports MissSchedule and
 * never starts that run.
 */
export function startGraceMs(startingDeadlineSeconds: number | null): number {
  return startingDeadlineSeconds === null
    ? START_LATENCY_ALLOWANCE_MS
    : Math.min(START_LATENCY_ALLOWANCE_MS, startingDeadlineSeconds * 1000);
}
