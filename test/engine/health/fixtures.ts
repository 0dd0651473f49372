import type { HealthInput, LiveCronJob, LiveEvent, LiveJob } from '../../../src-engine';

/** An instant by its RFC 3339 name (tests name their times, as the controller's upstream tests do). */
export const at = (rfc3339: string): number => Date.parse(rfc3339);

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** An hourly UTC CronJob created long ago, last scheduled at 10:00 on 2026-01-05 (a Monday). */
export function cronJob(overrides: Partial<LiveCronJob> = {}): LiveCronJob {
  return {
    name: 'report',
    namespace: 'demo',
    uid: 'uid-report',
    creationTimestamp: at('2025-12-01T00:00:00Z'),
    schedule: '0 * * * *',
    timeZone: null,
    suspend: false,
    startingDeadlineSeconds: null,
    concurrencyPolicy: 'Allow',
    lastScheduleTime: at('2026-01-05T10:00:00Z'),
    lastSuccessfulTime: at('2026-01-05T10:05:00Z'),
    active: [],
    nextScheduleTime: null,
    ...overrides,
  };
}

/** A Job of that CronJob, named as the controller names it, for a run at `scheduled`. */
export function job(scheduled: number, state: LiveJob['state'], minutes = 5, overrides: Partial<LiveJob> = {}): LiveJob {
  const start = scheduled + 1000;
  return {
    name: `report-${Math.floor(scheduled / MIN)}`,
    creationTimestamp: scheduled,
    scheduledTime: scheduled,
    state,
    startTime: state === 'suspended' ? null : start,
    finishedTime: state === 'complete' || state === 'failed' ? start + minutes * MIN : null,
    reason: state === 'complete' ? 'CompletionsReached' : state === 'failed' ? 'BackoffLimitExceeded' : null,
    activeDeadlineSeconds: null,
    ...overrides,
  };
}

export function event(reason: string, message: string, time: number, type: LiveEvent['type'] = 'Normal'): LiveEvent {
  return { type, reason, message, time, count: 1 };
}

export function input(now: number, cron: Partial<LiveCronJob> = {}, jobs: LiveJob[] = [], events: LiveEvent[] = []): HealthInput {
  return { cronJob: cronJob(cron), jobs, events, now };
}
