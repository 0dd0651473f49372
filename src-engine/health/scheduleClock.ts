import { formatRfc3339 } from '../controllers/rfc3339';
export { formatDuration } from '../sim/report';
import { GO_ZERO_TIME_MS, mostRecentScheduleTime, nextFnFor } from '../controllers/mostRecentScheduleTime';
import type { MostRecentScheduleTime, NextFn } from '../controllers/mostRecentScheduleTime';
import { describeSchedule, goLoadLocation, isFullField, parseStandard, zoneOffsetAt } from '../schedule';
import type { CronSchedule } from '../schedule';
import type { LiveCronJob } from './types';

/**
 * A CronJob's schedule in its zone, as the controller evaluates it: robfig's Next in
 * spec.timeZone (UTC when unset — kube-controller-manager's own zone on most clusters), with the
 * DST rules of nextRun. Undefined `next` means the controller cannot evaluate it at all.
 */
export interface ScheduleClock {
  readonly schedule: CronSchedule | undefined;
  /** Why the controller starts nothing (UnparseableSchedule, UnknownTimeZone), when it cannot. */
  readonly problem: { readonly reason: string; readonly message: string } | undefined;
  readonly next: NextFn | undefined;
  readonly timeZone: string | undefined;
}

export function scheduleClock(cronJob: LiveCronJob): ScheduleClock {
  const timeZone = cronJob.timeZone ?? undefined;
  if (timeZone !== undefined) {
    const zone = goLoadLocation(timeZone);
    if (!zone.ok) {
      return {
        schedule: undefined,
        next: undefined,
        timeZone,
        problem: { reason: 'UnknownTimeZone', message: `invalid timeZone ${JSON.stringify(timeZone)}: ${zone.error}` },
      };
    }
  }
  const parsed = parseStandard(cronJob.schedule);
  if (!parsed.ok) {
    return {
      schedule: undefined,
      next: undefined,
      timeZone,
      problem: {
        reason: 'UnparseableSchedule',
        message: `unparseable schedule ${JSON.stringify(cronJob.schedule)}: ${parsed.error}`,
      },
    };
  }
  return { schedule: parsed.schedule, next: nextFnFor(parsed.schedule, timeZone), timeZone, problem: undefined };
}

/**
 * controllerDue is what the controller's sync at `now` finds due: `mostRecentScheduleTime` with
 * startingDeadlineSeconds, as `nextScheduleTime` (pkg/controller/cronjob/utils.go) asks it.
 */
export function controllerDue(cronJob: LiveCronJob, now: number, next: NextFn): MostRecentScheduleTime {
  const { creationTimestamp, lastScheduleTime, startingDeadlineSeconds } = cronJob;
  return mostRecentScheduleTime(creationTimestamp, lastScheduleTime, startingDeadlineSeconds, now, next, true);
}

/** nextAfter is Next(t), or null when the schedule never fires again. */
export function nextAfter(next: NextFn, t: number): number | null {
  const n = next(t);
  return n === GO_ZERO_TIME_MS ? null : n;
}

/** Windows tried when looking back for the latest run: a day, a month, a year, five years (robfig's horizon). */
const LOOK_BACK_MS = [86_400_000, 32 * 86_400_000, 366 * 86_400_000, 5 * 366 * 86_400_000];

/**
 * latestRunBetween is the last scheduled time in (after, until], or null: found by walking the
 * runs of a short window before `until`, widened until one is found, so a minutely schedule
 * after a year-long gap costs a day of runs, not a year.
 */
export function latestRunBetween(next: NextFn, after: number, until: number): number | null {
  if (until <= after) return null;
  for (const window of LOOK_BACK_MS) {
    const from = Math.max(after, until - window);
    let latest: number | null = null;
    for (let t = nextAfter(next, from); t !== null && t <= until; t = nextAfter(next, t)) latest = t;
    if (latest !== null || from === after) return latest;
  }
  return null;
}

/** countRunsBetween counts scheduled times in (after, until], stopping at `max`. */
export function countRunsBetween(next: NextFn, after: number, until: number, max: number): number {
  let count = 0;
  for (let t = nextAfter(next, after); t !== null && t <= until && count < max; t = nextAfter(next, t)) count++;
  return count;
}

/**
 * describeFor says the schedule in words with its zone ("At 02:00 (Europe/Berlin time)"); UTC is
 * named when an hour is set without a zone.
 */
export function describeFor(clock: ScheduleClock, cronJob: LiveCronJob): string {
  if (!clock.schedule) return cronJob.schedule;
  const words = describeSchedule(clock.schedule, clock.timeZone);
  const hour = clock.schedule.fields?.hour;
  const wallClock = hour !== undefined && !isFullField(hour, 'hour');
  return clock.timeZone === undefined && wallClock ? `${words} (UTC: the controller's zone, as no spec.timeZone is set)` : words;
}

/** formatInZone renders a time as `2026-03-08 02:30 -05:00` in the CronJob's zone (UTC without one). */
export function formatInZone(ms: number, timeZone: string | undefined): string {
  let offset: number;
  try {
    offset = timeZone === undefined ? 0 : zoneOffsetAt(timeZone, ms);
  } catch {
    offset = 0;
  }
  const text = formatRfc3339(ms, offset);
  return `${text.slice(0, 10)} ${text.slice(11, 16)} ${offset === 0 ? 'UTC' : text.slice(19)}`;
}
