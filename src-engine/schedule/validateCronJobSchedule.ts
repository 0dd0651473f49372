import { parseStandard } from './parseStandard';
import { validateTimeZone } from './validateTimeZone';

/** One problem found by validateCronJobSchedule, in the API server's terms. */
export interface ScheduleProblem {
  field: 'spec.schedule' | 'spec.timeZone';
  type: 'Required value' | 'Invalid value';
  /** The detail after `Invalid value: "<value>": `. */
  message: string;
}

/** Options for updates (pkg/apis/batch/validation CronJobValidationOptions). */
export interface ScheduleValidationOptions {
  /** Update of a CronJob whose old schedule already contained `TZ`: the TZ rule is relaxed. */
  allowTzInSchedule?: boolean;
}

/**
 * validateCronJobSchedule checks `spec.schedule` and `spec.timeZone` as the API server does on
 * create, returning every problem (empty list = valid). Mirrors pkg/apis/batch/validation
 * `validateCronJobSpec` / `validateScheduleFormat` / `validateTimeZone`: empty schedule is
 * Required; ParseStandard errors; any `TZ` substring (case-sensitive) is rejected on create;
 * `timeZone` undefined means the field is absent (no zone check).
 */
export function validateCronJobSchedule(
  schedule: string,
  timeZone: string | undefined,
  options: ScheduleValidationOptions = {},
): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (schedule.length === 0) {
    problems.push({ field: 'spec.schedule', type: 'Required value', message: '' });
  } else {
    const parsed = parseStandard(schedule);
    if (!parsed.ok) problems.push({ field: 'spec.schedule', type: 'Invalid value', message: parsed.error });
    const hasTz = schedule.includes('TZ');
    if (options.allowTzInSchedule === true && hasTz && timeZone !== undefined) {
      problems.push({
        field: 'spec.schedule',
        type: 'Invalid value',
        message: 'cannot use both timeZone field and TZ or CRON_TZ in schedule',
      });
    } else if (options.allowTzInSchedule !== true && hasTz) {
      problems.push({
        field: 'spec.schedule',
        type: 'Invalid value',
        message: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      });
    }
  }
  if (timeZone !== undefined) {
    const zone = validateTimeZone(timeZone);
    for (const message of zone.errors ?? []) problems.push({ field: 'spec.timeZone', type: 'Invalid value', message });
  }
  return problems;
}
