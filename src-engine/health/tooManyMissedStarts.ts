import { MANY_MISSED_THRESHOLD, mostRecentScheduleTime } from '../controllers/mostRecentScheduleTime';
import type { NextFn } from '../controllers/mostRecentScheduleTime';
import type { HealthRule } from './rule';
import { controllerDue, formatDuration, formatInZone, nextAfter } from './scheduleClock';
import type { LiveCronJob } from './types';

const FIX =
  'Set spec.startingDeadlineSeconds to less than 100 intervals of the schedule (for example 3600): ' +
  'the controller then counts only the missed times inside that window, never more than 100, and skips a run it is too late ' +
  'for ' +
  '(MissSchedule) instead of starting the most recent missed one on resume';

/**
 * tooManyMissedAt is the first time at which `mostRecentScheduleTime` (pkg/controller/cronjob/utils.go)
 * counts more than 100 missed start times for this CronJob if nothing is started before: its
 * estimate is floor((now − t1) / (t2 − t1)) + 1 with t1, t2 the first two runs after the last
 * scheduled time, so the count passes 100 at t1 + 100 intervals. Null when startingDeadlineSeconds
 * keeps the counted window under 100 intervals, or the schedule has no second run.
 */
export function tooManyMissedAt(cronJob: LiveCronJob, next: NextFn): number | null {
  const earliest = cronJob.lastScheduleTime ?? cronJob.creationTimestamp;
  const t1 = nextAfter(next, earliest);
  const t2 = t1 === null ? null : nextAfter(next, t1);
  if (t1 === null || t2 === null) return null;
  const intervalSeconds = Math.round((t2 - t1) / 1000);
  if (intervalSeconds < 1) return null;
  const at = t1 + MANY_MISSED_THRESHOLD * intervalSeconds * 1000;
  if (cronJob.startingDeadlineSeconds === null) return at;
  const check = mostRecentScheduleTime(
    cronJob.creationTimestamp,
    cronJob.lastScheduleTime,
    cronJob.startingDeadlineSeconds,
    at,
    next,
    true,
  );
  return check.missed === 'many' ? at : null;
}

/**
 * too-many-missed-starts: more than 100 missed start times since the last scheduled one. In
 * Kubernetes 1.35 `nextScheduleTime` (pkg/controller/cronjob/utils.go) then records a
 * TooManyMissedTimes warning and still starts one Job, for the most recent missed time; all the
 * others are dropped, and for an irregular schedule the controller's estimate can miss the last
 * one too, so nothing starts until the next scheduled time. (The first CronJob controller started
 * nothing at all in this state, which is how the warning earned its reputation.) For a suspended
 * CronJob the rule predicts when resuming will hit it.
 */
export const tooManyMissedStartsRule: HealthRule = {
  id: 'too-many-missed-starts',
  check({ cronJob, events, now }, clock) {
    if (!clock.next) return [];
    const zone = clock.timeZone;
    const since = cronJob.lastScheduleTime ?? cronJob.creationTimestamp;
    const sinceText =
      cronJob.lastScheduleTime !== null
        ? `the last scheduled run (${formatInZone(since, zone)})`
        : `the CronJob's creation (${formatInZone(since, zone)})`;
    const due = controllerDue(cronJob, now, clock.next);
    if (cronJob.suspend) {
      const at = tooManyMissedAt(cronJob, clock.next);
      if (at === null) return [];
      const when = at <= now ? 'now' : `after ${formatInZone(at, zone)} (in ${formatDuration(at - now)})`;
      return [
        {
          rule: 'too-many-missed-starts',
          severity: at <= now ? 'warning' : 'info',
          title:
            at <= now
              ? 'Resuming now hits TooManyMissedTimes'
              : `Resuming after ${formatDuration(at - now)} hits TooManyMissedTimes`,
          message:
            `suspended, with no run since ${sinceText}; resuming ${when} makes the controller count more than ` +
            `${MANY_MISSED_THRESHOLD} missed start times: it records TooManyMissedTimes, starts one Job at once for the most ` +
            `recent missed time and drops all the others`,
          fix: FIX,
        },
      ];
    }
    const seen = events.filter((e) => e.reason === 'TooManyMissedTimes');
    const evidence =
      seen.length > 0
        ? ` (TooManyMissedTimes seen ${seen.reduce((n, e) => n + e.count, 0)} times, last at ` +
          `${formatInZone(Math.max(...seen.map((e) => e.time)), zone)})`
        : '';
    if (due.error !== null) return [];
    if (due.missed !== 'many') {
      // Already past it: the event is the only trace of the runs it dropped.
      if (seen.length === 0) return [];
      return [
        {
          rule: 'too-many-missed-starts',
          severity: 'warning',
          title: 'TooManyMissedTimes recorded: missed runs were dropped',
          message:
            `the controller recorded TooManyMissedTimes${evidence}: it had counted more than ${MANY_MISSED_THRESHOLD} ` +
            `missed start times and started only the most recent one`,
          fix: FIX,
        },
      ];
    }
    const outcome =
      due.mostRecentTime !== null
        ? `it starts one Job, for ${formatInZone(due.mostRecentTime, zone)}, and drops the other ${due.missedCount - 1}`
        : `its estimate finds no run to start for this irregular schedule, so nothing starts until the next scheduled ` +
          `time${nextText(clock.next, now, zone)}`;
    return [
      {
        rule: 'too-many-missed-starts',
        severity: 'error',
        title: `TooManyMissedTimes: ${due.missedCount} missed start times`,
        message:
          `the controller counts ${due.missedCount} missed start times since ${sinceText}, more than ` +
          `${MANY_MISSED_THRESHOLD}${evidence}: it records TooManyMissedTimes and ${outcome}`,
        fix: FIX,
      },
    ];
  },
};

function nextText(next: NextFn, now: number, zone: string | undefined): string {
  const t = nextAfter(next, now);
  return t === null ? '' : ` (${formatInZone(t, zone)})`;
}
