import { behindScheduleRule } from './behindSchedule';
import { cannotScheduleRule } from './cannotSchedule';
import { failedRunsRule } from './failedRuns';
import { forbidSkipsRule } from './forbidSkips';
import { nextRunTimeOf, nextScheduleTimeRule } from './nextScheduleTime';
import { replacedRunsRule } from './replacedRuns';
import type { HealthRule } from './rule';
import { startGraceMs } from './rule';
import { describeFor, latestRunBetween, nextAfter, scheduleClock } from './scheduleClock';
import type { ScheduleClock } from './scheduleClock';
import { slowRunRule } from './slowRun';
import { lastSuccessOf, staleSuccessRule } from './staleSuccess';
import { tooManyMissedStartsRule } from './tooManyMissedStarts';
import type { CronJobHealth, HealthFinding, HealthInput } from './types';

/** The health rules, in the order their findings are listed. */
export const HEALTH_RULES: readonly HealthRule[] = [
  cannotScheduleRule,
  tooManyMissedStartsRule,
  behindScheduleRule,
  failedRunsRule,
  staleSuccessRule,
  forbidSkipsRule,
  replacedRunsRule,
  slowRunRule,
  nextScheduleTimeRule,
];

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * cronJobHealth judges a live CronJob at `now` from its spec and status, its Jobs and its events:
 * every health rule's findings (errors first), the status they add up to, the schedule in words
 * and the next run. Pure: the same input gives the same answer. Never throws.
 */
export function cronJobHealth(input: HealthInput): CronJobHealth {
  const clock = scheduleClock(input.cronJob);
  const findings: HealthFinding[] = [];
  for (const rule of HEALTH_RULES) {
    try {
      findings.push(...rule.check(input, clock));
    } catch {
      // A rule bug must not hide the others; each rule has its own tests.
    }
  }
  // TooManyMissedTimes says what the controller does about the missed runs; behind-schedule would repeat it.
  const shown = findings.some((f) => f.rule === 'too-many-missed-starts' && f.severity === 'error')
    ? findings.filter((f) => f.rule !== 'behind-schedule')
    : findings;
  shown.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const status = shown.some((f) => f.severity === 'error')
    ? 'unhealthy'
    : shown.some((f) => f.severity === 'warning')
      ? 'warning'
      : 'healthy';
  return {
    status,
    suspended: input.cronJob.suspend,
    findings: shown,
    scheduleText: describeFor(clock, input.cronJob),
    nextRunTime: nextRunTimeOf(input, clock),
    lastScheduleTime: input.cronJob.lastScheduleTime,
    lastSuccessTime: lastSuccessOf(input),
    recheckAt: recheckAt(input, clock),
  };
}

/**
 * recheckAt is the end of the start grace of the run due now (behind-schedule may start to
 * apply then), else of the next run.
 */
function recheckAt(input: HealthInput, clock: ScheduleClock): number | null {
  const { cronJob, now } = input;
  if (cronJob.suspend || !clock.next) return null;
  const grace = startGraceMs(cronJob.startingDeadlineSeconds);
  const due = latestRunBetween(clock.next, cronJob.lastScheduleTime ?? cronJob.creationTimestamp, now);
  if (due !== null && now <= due + grace) return due + grace + 1000;
  const next = nextAfter(clock.next, now);
  return next === null ? null : next + grace + 1000;
}
