import type { NextFn } from '../controllers/mostRecentScheduleTime';
import type { ScheduleClock } from './scheduleClock';
import type { HealthFinding, HealthInput } from './types';

/** A health rule: one concern, read from the CronJob, its Jobs, its events and the time. */
export interface HealthRule {
  readonly id: string;
  readonly check: (input: HealthInput, clock: ScheduleClock) => readonly HealthFinding[];
}

/** The schedule clock of a CronJob whose schedule fires. */
export type FiringClock = ScheduleClock & { readonly next: NextFn };

/**
 * scheduledRule is a health rule about the runs the controller starts: it has nothing to say
 * while the CronJob is suspended (`syncCronJob` starts nothing) or when its schedule cannot fire.
 */
export function scheduledRule(
  id: string,
  check: (input: HealthInput, clock: FiringClock) => readonly HealthFinding[],
): HealthRule {
  return {
    id,
    check(input, clock) {
      return input.cronJob.suspend || !fires(clock) ? [] : check(input, clock);
    },
  };
}

function fires(clock: ScheduleClock): clock is FiringClock {
  return clock.next !== undefined;
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
