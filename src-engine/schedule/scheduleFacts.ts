import type { CronField, CronSchedule } from './cronSchedule';
import { FIELD_BOUNDS } from './cronSchedule';

/**
 * Facts about a parsed schedule that the editor and lint rules ask about. All follow robfig
 * v3 semantics (star bit, DOM/DOW AND/OR rule).
 */

/** isFullField reports whether a field selects every value of its range (with or without `*`). */
export function isFullField(field: CronField, name: keyof typeof FIELD_BOUNDS): boolean {
  const { min, max } = FIELD_BOUNDS[name];
  return field.values.length === max - min + 1;
}

/**
 * domDowIsOr reports whether robfig combines day-of-month and day-of-week with OR: neither
 * field carries the star bit (`*`, `?`, `*\/1`). Then `0 0 13 * 5` runs on every 13th and on
 * every Friday, and `0 0 1-31 * 1` runs every day. False for `@every` schedules.
 */
export function domDowIsOr(schedule: CronSchedule): boolean {
  const f = schedule.fields;
  return f !== undefined && !f.dayOfMonth.star && !f.dayOfWeek.star;
}

/** runsEveryDay reports whether the day fields (after the AND/OR rule) let every day of a matching month run. */
export function runsEveryDay(schedule: CronSchedule): boolean {
  const f = schedule.fields;
  if (f === undefined) return false;
  const dom = isFullField(f.dayOfMonth, 'dayOfMonth');
  const dow = isFullField(f.dayOfWeek, 'dayOfWeek');
  return domDowIsOr(schedule) ? dom || dow : dom && dow;
}

/** isEveryMinute reports whether a cron schedule runs every minute of every day (`* * * * *` and equivalents). */
export function isEveryMinute(schedule: CronSchedule): boolean {
  const f = schedule.fields;
  return (
    f !== undefined &&
    isFullField(f.minute, 'minute') &&
    isFullField(f.hour, 'hour') &&
    isFullField(f.month, 'month') &&
    runsEveryDay(schedule)
  );
}

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTH_NAMES = [
  '',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const FIELD_NAMES = {
  minute: 'minute',
  hour: 'hour',
  dayOfMonth: 'day-of-month',
  month: 'month',
  dayOfWeek: 'day-of-week',
} as const;
/** The fields a run needs a value of whatever the day rule (day of month and day of week are checked below). */
const ALWAYS_NEEDED = ['minute', 'hour', 'month'] as const;

/**
 * neverFiresReason explains why a schedule that parses can never run, or returns undefined:
 * a field that selects nothing (a lone `,`), or days that no selected month has
 * (`0 0 30 2 *`, `0 0 31 4,6 *`). The API server accepts these; the controller then reports
 * InvalidSchedule at run time.
 */
export function neverFiresReason(schedule: CronSchedule): string | undefined {
  // Four rules ask it of each CronJob's schedule, and a parsed schedule is shared by every
  // document that writes the same text (parseStandard is remembered by text).
  if (neverFiresMemo.has(schedule)) return neverFiresMemo.get(schedule);
  const reason = neverFiresReasonUncached(schedule);
  neverFiresMemo.set(schedule, reason);
  return reason;
}

const neverFiresMemo = new WeakMap<CronSchedule, string | undefined>();

function neverFiresReasonUncached(schedule: CronSchedule): string | undefined {
  const f = schedule.fields;
  if (f === undefined) return undefined;
  for (const key of ALWAYS_NEEDED) {
    if (f[key].values.length === 0) return `the ${FIELD_NAMES[key]} field "${f[key].text}" selects no value`;
  }
  const or = domDowIsOr(schedule);
  const domEmpty = f.dayOfMonth.values.length === 0;
  const dowEmpty = f.dayOfWeek.values.length === 0;
  if (or ? domEmpty && dowEmpty : domEmpty || dowEmpty) {
    const key = domEmpty ? 'dayOfMonth' : 'dayOfWeek';
    return `the ${FIELD_NAMES[key]} field "${f[key].text}" selects no value`;
  }
  // With a day of week in play (OR rule, or AND with a starred day of month) some day always exists.
  if (or ? !dowEmpty : f.dayOfMonth.star) return undefined;
  const firstDom = f.dayOfMonth.values[0] as number;
  if (f.month.values.some((m) => firstDom <= (DAYS_IN_MONTH[m] as number))) return undefined;
  const months = f.month.values.map((m) => MONTH_NAMES[m]).join(', ');
  return `no selected month (${months}) has day ${f.dayOfMonth.values.join(', ')}`;
}

/** firesNever reports whether a schedule that parses can never run (see neverFiresReason). */
export function firesNever(schedule: CronSchedule): boolean {
  return neverFiresReason(schedule) !== undefined;
}
