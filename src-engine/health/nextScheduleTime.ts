import { nextScheduleTimeDuration, NEXT_SCHEDULE_DELTA_MS } from '../controllers/mostRecentScheduleTime';
import type { HealthRule } from './rule';
import type { ScheduleClock } from './scheduleClock';
import { formatDuration, formatInZone } from './scheduleClock';
import type { HealthInput } from './types';

/**
 * nextRunTimeOf is the scheduled time the controller will start next: where it requeues the
 * CronJob (`nextScheduleTimeDuration`, pkg/controller/cronjob/utils.go), less its 100 ms padding.
 * Null when suspended or when the schedule cannot run.
 */
export function nextRunTimeOf({ cronJob, now }: HealthInput, clock: ScheduleClock): number | null {
  if (cronJob.suspend || !clock.next) return null;
  const wait = nextScheduleTimeDuration(cronJob.creationTimestamp, cronJob.lastScheduleTime, now, clock.next);
  return wait === null ? null : now + wait - NEXT_SCHEDULE_DELTA_MS;
}

/** Differences below this are rounding (the API serialises times to the second). */
const SAME_TIME_MS = 1000;

/**
 * next-schedule-differs: servers that implement the proposed status.nextScheduleTime say when
 * they will run the CronJob next; when that is not the time kube-jobs computes from the schedule
 * and zone, one of them is reading the schedule differently (a zone database, a DST rule).
 */
export const nextScheduleTimeRule: HealthRule = {
  id: 'next-schedule-differs',
  check(input, clock) {
    const reported = input.cronJob.nextScheduleTime;
    const ours = nextRunTimeOf(input, clock);
    if (reported === null || ours === null || Math.abs(reported - ours) < SAME_TIME_MS) return [];
    return [
      {
        rule: 'next-schedule-differs',
        severity: 'info',
        title: 'The server expects a different next run',
        message:
          `status.nextScheduleTime is ${formatInZone(reported, clock.timeZone)}, kube-jobs computes ` +
          `${formatInZone(ours, clock.timeZone)} from the schedule and zone (${formatDuration(Math.abs(reported - ours))} ` +
          `${reported > ours ? 'earlier' : 'later'})`,
      },
    ];
  },
};
