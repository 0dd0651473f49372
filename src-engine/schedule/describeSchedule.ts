import { toString as cronstrueToString } from 'cronstrue';
import type { CronField, CronFieldName, CronSchedule } from './cronSchedule';
import { FIELD_BOUNDS } from './cronSchedule';
import { domDowIsOr, isFullField, neverFiresReason } from './scheduleFacts';

/**
 * describeSchedule says in plain English when a schedule runs, with Kubernetes' meaning:
 * cronstrue supplies the wording, but it is only ever fed fields rewritten into a form it
 * reads the way robfig does, and the parts where it differs are written here: the DOM/DOW OR
 * rule, robfig-only syntax (`?` anywhere, `+5`, `*-5`, empty list items), descriptors, `@every`
 * (a delay, not a clock time), never-firing schedules and `TZ=` prefixes.
 * `timeZone` (the CronJob's spec.timeZone) is mentioned when given.
 */
export function describeSchedule(schedule: CronSchedule, timeZone?: string): string {
  const zone = schedule.location !== undefined && schedule.location !== 'Local' ? schedule.location : timeZone;
  if (schedule.kind === 'every') {
    return `Every ${formatDelay(schedule.everyMs ?? 1000)}, counted from the CronJob's creation or its last scheduled run, not aligned to the clock`;
  }
  const f = schedule.fields;
  if (f === undefined) return schedule.source;
  const never = neverFiresReason(schedule);
  if (never !== undefined) return `Never runs: ${never}`;
  const text = schedule.descriptor !== undefined ? describeDescriptor(schedule.descriptor) : describeFields(schedule);
  return zone !== undefined && zone !== '' && zone !== 'UTC' ? `${text} (${zone} time)` : text;
}

function describeDescriptor(descriptor: string): string {
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return 'At 00:00 on 1 January, once a year';
    case '@monthly':
      return 'At 00:00 on day 1 of every month';
    case '@weekly':
      return 'At 00:00 every Sunday';
    case '@hourly':
      return 'Every hour, on the hour';
    default:
      return 'At 00:00 every day';
  }
}

const CRONSTRUE_OPTIONS = { use24HourTimeFormat: true, throwExceptionOnParseError: true, verbose: false } as const;

function describeFields(schedule: CronSchedule): string {
  const f = schedule.fields;
  if (f === undefined) return schedule.source;
  const minute = plainField(f.minute, 'minute');
  const hour = plainField(f.hour, 'hour');
  const month = plainField(f.month, 'month');
  let dom = plainField(f.dayOfMonth, 'dayOfMonth');
  let dow = plainField(f.dayOfWeek, 'dayOfWeek');
  let or = domDowIsOr(schedule);
  if (or && (f.dayOfMonth.values.length === 0 || f.dayOfWeek.values.length === 0)) {
    // OR with a field that selects nothing (a lone ","): the other field alone decides.
    if (f.dayOfMonth.values.length === 0) dom = '*';
    else dow = '*';
    or = false;
  } else if (or && (isFullField(f.dayOfMonth, 'dayOfMonth') || isFullField(f.dayOfWeek, 'dayOfWeek'))) {
    // OR with a full field: every day matches.
    dom = '*';
    dow = '*';
  } else if (!domDowIsOr(schedule)) {
    // AND: the starred field is full, so the other one alone decides.
    if (f.dayOfMonth.star) dom = '*';
    if (f.dayOfWeek.star) dow = '*';
  }
  try {
    if (!or || (dom === '*' && dow === '*')) {
      return cronstrueToString(`${minute} ${hour} ${dom} ${month} ${dow}`, CRONSTRUE_OPTIONS);
    }
    // Both day fields restricted: Kubernetes runs on either (cronstrue would say "and").
    const time = cronstrueToString(`${minute} ${hour} * * *`, CRONSTRUE_OPTIONS);
    const domText = tail(cronstrueToString(`0 0 ${dom} * *`, CRONSTRUE_OPTIONS));
    const dowText = tail(cronstrueToString(`0 0 * * ${dow}`, CRONSTRUE_OPTIONS));
    const monthText = month === '*' ? '' : ', ' + tail(cronstrueToString(`0 0 * ${month} *`, CRONSTRUE_OPTIONS));
    return `${time}, ${domText} OR ${dowText.replace(/^only /, '')}${monthText}`;
  } catch {
    return fallbackDescription(schedule);
  }
}

/** The part of a cronstrue sentence after its leading "At 00:00, ". */
function tail(sentence: string): string {
  const i = sentence.indexOf(', ');
  return i < 0 ? sentence : sentence.slice(i + 2);
}

const SIMPLE_ITEM = /^(\*|[0-9]+|[0-9]+-[0-9]+|[A-Za-z]{3}|[A-Za-z]{3}-[A-Za-z]{3})(\/[0-9]+)?$/;

/**
 * plainField returns the field text when cronstrue reads it as robfig does, else the value
 * set rewritten as ranges (`1-5,8`) or `*`. Rewritten: `?` (robfig allows it in every field),
 * `+5`, `*-5`, empty items, step 0 cannot occur (rejected), leading zeros are kept (both agree).
 */
function plainField(field: CronField, name: CronFieldName): string {
  const { min, max } = FIELD_BOUNDS[name];
  if (field.values.length === max - min + 1) return '*';
  const items = field.text.split(',');
  const simple = items.every(
    (item) =>
      SIMPLE_ITEM.test(item) && !item.startsWith('*-') && (name === 'month' || name === 'dayOfWeek' || !/[A-Za-z]/.test(item)),
  );
  // Steps over weekdays read badly ("every 2 days of the week"): name the days instead.
  if (simple && !(name === 'dayOfWeek' && field.text.includes('/'))) return field.text;
  return compress(field.values);
}

function compress(values: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j + 1 < values.length && (values[j + 1] as number) === (values[j] as number) + 1) j++;
    if (j - i >= 2) {
      parts.push(`${values[i]}-${values[j]}`);
      i = j + 1;
    } else {
      parts.push(`${values[i]}`);
      i++;
    }
  }
  return parts.join(',');
}

/** Used only if cronstrue rejects a rewritten expression: list the values plainly. */
function fallbackDescription(schedule: CronSchedule): string {
  const f = schedule.fields;
  if (f === undefined) return schedule.source;
  const or = domDowIsOr(schedule) ? 'OR' : 'and';
  return `At minute ${compress(f.minute.values)} of hour ${compress(f.hour.values)}, on day-of-month ${compress(f.dayOfMonth.values)} ${or} day-of-week ${compress(f.dayOfWeek.values)}, in month ${compress(f.month.values)}`;
}

/** formatDelay renders whole seconds as `1 hour 30 minutes`, `45 seconds`, `36 hours`. */
export function formatDelay(ms: number): string {
  let s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts: string[] = [];
  const unit = (n: number, word: string): void => {
    if (n > 0) parts.push(`${n} ${word}${n === 1 ? '' : 's'}`);
  };
  unit(h, 'hour');
  unit(m, 'minute');
  unit(s, 'second');
  return parts.length === 0 ? '0 seconds' : parts.join(' ');
}
