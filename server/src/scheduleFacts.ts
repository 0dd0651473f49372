/**
 * Everything the server says about a schedule, computed once from the engine: words, next
 * runs, and the warnings users miss (never fires, day-of-month OR day-of-week, a DST change
 * among the next runs). Hover, inlay hints, code lenses and kubeJobs/describeSchedule share it.
 */
import {
  describeSchedule,
  domDowIsOr,
  formatUtcOffset,
  neverFiresReason,
  nextRuns,
  nextZoneTransition,
  parseSchedule,
  validateTimeZone,
} from './engineApi';
import type { CronSchedule } from './engineApi';
import { formatShort } from './convert';

export interface ScheduleFacts {
  readonly valid: boolean;
  readonly error?: string;
  readonly description?: string;
  /** The zone the runs are computed in (the timeZone field, else UTC). */
  readonly timeZone: string;
  /** True when the CronJob has no timeZone: the controller's zone applies (UTC on most clusters). */
  readonly zoneFromController: boolean;
  readonly runs: readonly number[];
  readonly warnings: readonly string[];
  readonly schedule?: CronSchedule;
}

const parses = new Map<string, { schedule?: CronSchedule; error?: string }>();

/** parsed caches the parse per schedule text (hover and inlay hints repeat them on every request). */
function parsed(spec: string): { schedule?: CronSchedule; error?: string } {
  let cached = parses.get(spec);
  if (cached) return cached;
  const result = parseSchedule(spec);
  cached = result.ok ? { schedule: result.schedule } : { error: result.error };
  if (parses.size > 5000) parses.clear();
  parses.set(spec, cached);
  return cached;
}

/** scheduleWords is the schedule in words (undefined when it does not parse). */
export function scheduleWords(spec: string, timeZone?: string): string | undefined {
  const schedule = parsed(spec).schedule;
  return schedule ? safe(() => describeSchedule(schedule, timeZone)) : undefined;
}

export function scheduleFacts(spec: string, timeZone: string | undefined, nowMs: number, count = 5): ScheduleFacts {
  const { schedule, error } = parsed(spec);
  // A CRON_TZ=/TZ= prefix wins: the controller passes such a schedule on unchanged and ignores
  // spec.timeZone (formatSchedule, pkg/controller/cronjob/cronjob_controllerv2.go).
  const own = schedule?.location !== undefined && schedule.location !== 'Local' ? schedule.location : undefined;
  const zone = own ?? timeZone ?? 'UTC';
  const base = { timeZone: zone, zoneFromController: own === undefined && timeZone === undefined };
  const description = schedule ? safe(() => describeSchedule(schedule, timeZone)) : undefined;
  if (!schedule) return { ...base, valid: false, error: error ?? 'invalid schedule', runs: [], warnings: [] };
  if (timeZone !== undefined && own === undefined) {
    const check = validateTimeZone(timeZone);
    if (check && !check.ok) {
      return {
        ...base,
        valid: false,
        error: `timeZone: ${check.error ?? 'unknown time zone'}`,
        runs: [],
        warnings: [],
        schedule,
        ...(description ? { description } : {}),
      };
    }
  }
  const warnings: string[] = [];
  if (own !== undefined) {
    warnings.push(
      `The schedule names its own zone (${own}): the controller uses ` +
        `it${timeZone !== undefined ? ` and ignores spec.timeZone (${timeZone})` : ''}, and the API server rejects a TZ or ` +
        `CRON_TZ prefix when the CronJob is created. Move the zone to spec.timeZone.`,
    );
  }
  const never = safe(() => neverFiresReason(schedule));
  if (never) warnings.push(`Never fires: ${never}.`);
  if (schedule.kind === 'cron' && safe(() => domDowIsOr(schedule))) {
    warnings.push(
      'Runs on day-of-month OR day-of-week: when both day fields are restricted, a day matches if either one matches (classic cron), not both.',
    );
  }
  const runs = never ? [] : (safe(() => nextRuns(schedule, nowMs, count, timeZone)) ?? []);
  const last = runs[runs.length - 1];
  if (last !== undefined && schedule.kind === 'cron') {
    const transition = nextZoneTransition(zone, nowMs, last);
    if (transition) {
      const forward = transition.offsetAfterSeconds > transition.offsetBeforeSeconds;
      warnings.push(
        `DST: clocks go ${forward ? 'forward' : 'back'} on ${formatShort(transition.atMs, zone)} (${formatUtcOffset(transition.offsetBeforeSeconds)} → ${formatUtcOffset(transition.offsetAfterSeconds)}). ` +
          (forward
            ? 'A run whose wall time falls in the skipped hour does not happen that day.'
            : 'A run whose wall time falls in the repeated hour runs twice.'),
      );
    }
  }
  return { ...base, valid: true, runs, warnings, schedule, ...(description ? { description } : {}) };
}

function safe<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}
