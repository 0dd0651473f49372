import { nextRun } from '../schedule';
import type { CronSchedule } from '../schedule';

/** Go's zero time.Time (0001-01-01T00:00:00Z): what robfig Next returns when nothing fires in five years. */
export const GO_ZERO_TIME_MS = -62135596800000;

/** A Next function: the first run strictly after `afterMs` (robfig Schedule.Next). */
export type NextFn = (afterMs: number) => number;

/** nextFnFor wraps nextRun in the schedule's zone; "never" becomes Go's zero time, as in robfig. */
export function nextFnFor(schedule: CronSchedule, timeZone: string | undefined): NextFn {
  return (afterMs) => nextRun(schedule, afterMs, timeZone) ?? GO_ZERO_TIME_MS;
}

export type MissedSchedules = 'none' | 'few' | 'many';

export interface MostRecentScheduleTime {
  /** Where the search started (lastScheduleTime or creation, possibly moved to now − SDS). */
  readonly earliestTime: number;
  /** The most recent due time, or null. */
  readonly mostRecentTime: number | null;
  readonly missed: MissedSchedules;
  /** The controller's estimate of the missed times it counted (numberOfMissedSchedules); 0 when none. */
  readonly missedCount: number;
  /** Set when the schedule cannot be evaluated ("time difference … less than 1 second"). */
  readonly error: string | null;
}

/** Missed runs above this count are "many" (TooManyMissedTimes). */
export const MANY_MISSED_THRESHOLD = 100;

/**
 * mostRecentScheduleTime finds the scheduled time that is due at `now`: t1 = Next(earliest),
 * t2 = Next(t1); none if now < t1; t1 if now < t2; otherwise it estimates the number of missed
 * runs from the t1–t2 interval and walks forward from one interval before the estimate, so
 * only the latest due time is returned (irregular schedules after a long gap may return
 * none). earliest = lastScheduleTime ?? creationTimestamp, moved up to now −
 * startingDeadlineSeconds when `includeStartingDeadlineSeconds`.
 * Returns {earliestTime, mostRecentTime, missed, error}.
 * Mirrors pkg/controller/cronjob/utils.go `mostRecentScheduleTime`.
 */
export function mostRecentScheduleTime(
  creationTimestamp: number,
  lastScheduleTime: number | null,
  startingDeadlineSeconds: number | null,
  now: number,
  next: NextFn,
  includeStartingDeadlineSeconds: boolean,
): MostRecentScheduleTime {
  let earliestTime = lastScheduleTime ?? creationTimestamp;
  if (includeStartingDeadlineSeconds && startingDeadlineSeconds !== null) {
    const schedulingDeadline = now - startingDeadlineSeconds * 1000;
    if (schedulingDeadline > earliestTime) earliestTime = schedulingDeadline;
  }
  const t1 = next(earliestTime);
  const t2 = next(t1);
  if (now < t1) return { earliestTime, mostRecentTime: null, missed: 'none', missedCount: 0, error: null };
  if (now < t2) return { earliestTime, mostRecentTime: t1, missed: 'few', missedCount: 1, error: null };
  // Go rounds the duration to whole seconds (half away from zero) before taking seconds.
  const interval = Math.round((t2 - t1) / 1000);
  if (interval < 1) {
    const error = 'time difference between two schedules is less than 1 second';
    return { earliestTime, mostRecentTime: null, missed: 'none', missedCount: 0, error };
  }
  const elapsed = Math.trunc((now - t1) / 1000);
  const missedCount = Math.trunc(elapsed / interval) + 1;
  const potentialEarliest = t1 + (missedCount - 2) * interval * 1000;
  let mostRecentTime: number | null = null;
  for (let t = next(potentialEarliest); t <= now; t = next(t)) {
    mostRecentTime = t;
    if (t === GO_ZERO_TIME_MS) break;
  }
  const missed: MissedSchedules = missedCount > MANY_MISSED_THRESHOLD ? 'many' : 'few';
  return { earliestTime, mostRecentTime, missed, missedCount, error: null };
}

/** NEXT_SCHEDULE_DELTA_MS: requeue padding after the next scheduled time (nextScheduleDelta). */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/**
 * nextScheduleTimeDuration returns how long to wait before the next sync: Next(reference) +
 * 100 ms − now, where reference is the most recent due time, else `earliest` when nothing was
 * missed, else now; null when the schedule cannot be evaluated. Computed without
 * startingDeadlineSeconds, as upstream. Mirrors utils.go `nextScheduleTimeDuration`.
 */
export function nextScheduleTimeDuration(
  creationTimestamp: number,
  lastScheduleTime: number | null,
  now: number,
  next: NextFn,
): number | null {
  const r = mostRecentScheduleTime(creationTimestamp, lastScheduleTime, null, now, next, false);
  if (r.error !== null) return null;
  const reference = r.mostRecentTime ?? (r.missed === 'none' ? r.earliestTime : now);
  const t = next(reference);
  if (t === GO_ZERO_TIME_MS) return null;
  return t + NEXT_SCHEDULE_DELTA_MS - now;
}
