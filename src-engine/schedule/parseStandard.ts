import type { CronDescriptor, CronField, CronFieldName, CronFields, CronSchedule, ScheduleParseResult } from './cronSchedule';
import { FIELD_BOUNDS, FIELD_ORDER } from './cronSchedule';
import { parseGoDuration } from './goDuration';
import { goAtoi, goFieldsSplit, goToLower, goTrimSpace } from './goStrconv';
import { goLoadLocation } from './loadLocation';

const MONTH_NAMES: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DOW_NAMES: Readonly<Record<string, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELD_NAMES: { readonly [K in CronFieldName]?: Readonly<Record<string, number>> } = {
  month: MONTH_NAMES,
  dayOfWeek: DOW_NAMES,
};

const NS_PER_SECOND = 1_000_000_000n;
/** Go's text for the panic of `spec[eq+1 : i]` with i = -1 (runtime boundsError, a negative high bound). */
const ROBFIG_ZONE_PANIC = 'runtime error: slice bounds out of range [:-1]';

/**
 * parseStandard parses a schedule exactly like robfig/cron v3.0.1 `ParseStandard`
 * (parser.go `Parser.Parse` with Minute|Hour|Dom|Month|Dow|Descriptor): optional
 * `TZ=`/`CRON_TZ=` prefix, descriptors, five whitespace-separated fields. On failure the
 * error is robfig's message, word for word and in its check order. One deliberate
 * difference: a zone prefix without a following space makes robfig panic (it slices the zone
 * name up to the index of a space that is not there); here it is an error that carries the
 * panic's own text.
 */
export function parseStandard(spec: string): ScheduleParseResult {
  if (spec.length === 0) return { ok: false, error: 'empty spec string' };
  let rest = spec;
  let location: string | undefined;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    const eq = rest.indexOf('=');
    if (space < 0) {
      return {
        ok: false,
        error:
          `cannot parse ${rest}: a TZ= or CRON_TZ= prefix must be followed by a space and the schedule ` +
          '(robfig/cron panics here)',
        panic: ROBFIG_ZONE_PANIC,
      };
    }
    const name = rest.slice(eq + 1, space);
    const loaded = goLoadLocation(name);
    if (!loaded.ok) return { ok: false, error: `provided bad location ${name}: ${loaded.error}` };
    location = loaded.location;
    rest = goTrimSpace(rest.slice(space));
  }
  if (rest.startsWith('@')) return parseDescriptor(spec, rest, location);

  const parts = goFieldsSplit(rest);
  if (parts.length !== 5) {
    return { ok: false, error: `expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]` };
  }
  const fields: Partial<Record<CronFieldName, CronField>> = {};
  for (let i = 0; i < 5; i++) {
    const name = FIELD_ORDER[i] as CronFieldName;
    const parsed = parseField(parts[i] as string, name);
    if (typeof parsed === 'string') return { ok: false, error: parsed };
    fields[name] = parsed;
  }
  const schedule: CronSchedule = {
    kind: 'cron',
    source: spec,
    ...(location !== undefined ? { location } : {}),
    fields: fields as CronFields,
  };
  return { ok: true, schedule };
}

/** Mirrors robfig `getField`: comma list (empty items skipped), union of ranges; error text on failure. */
function parseField(text: string, name: CronFieldName): CronField | string {
  const bits = new Array<boolean>(64).fill(false);
  let star = false;
  for (const expr of text.split(',')) {
    if (expr === '') continue;
    const r = parseRange(expr, name, bits);
    if (typeof r === 'string') return r;
    if (r) star = true;
  }
  const values: number[] = [];
  for (let v = 0; v < 64; v++) if (bits[v]) values.push(v);
  return { values, star, text };
}

interface ParsedNumber {
  value: number;
  text: string;
}

/**
 * Mirrors robfig `getRange`: sets the bits of one item and returns whether it carries the
 * star bit, or returns the error text. Check order: numbers (left to right), too many
 * hyphens, step number, too many slashes, below minimum, above maximum, beyond end, zero step.
 */
function parseRange(expr: string, name: CronFieldName, bits: boolean[]): boolean | string {
  const { min, max } = FIELD_BOUNDS[name];
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] as string).split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: ParsedNumber;
  let end: ParsedNumber;
  let star = false;
  const low = lowAndHigh[0] as string;
  if (low === '*' || low === '?') {
    // Anything after "*-" is ignored, as upstream (`*-5` means `*`).
    start = { value: min, text: String(min) };
    end = { value: max, text: String(max) };
    star = true;
  } else {
    const s = parseIntOrName(low, FIELD_NAMES[name]);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1] as string, FIELD_NAMES[name]);
      if (typeof e === 'string') return e;
      end = e;
    } else {
      return `too many hyphens: ${expr}`;
    }
  }
  let step: ParsedNumber;
  if (rangeAndStep.length === 1) {
    step = { value: 1, text: '1' };
  } else if (rangeAndStep.length === 2) {
    const st = mustParseInt(rangeAndStep[1] as string);
    if (typeof st === 'string') return st;
    step = st;
    // "N/step" means "N-max/step".
    if (singleDigit) end = { value: max, text: String(max) };
    if (step.value > 1) star = false;
  } else {
    return `too many slashes: ${expr}`;
  }
  if (start.value < min) return `beginning of range (${start.text}) below minimum (${min}): ${expr}`;
  if (end.value > max) return `end of range (${end.text}) above maximum (${max}): ${expr}`;
  if (start.value > end.value) return `beginning of range (${start.text}) beyond end of range (${end.text}): ${expr}`;
  if (step.value === 0) return `step of range should be a positive number: ${expr}`;
  for (let v = start.value; v <= end.value; v += step.value) bits[v] = true;
  return star;
}

/** Mirrors robfig `parseIntOrName`: a three-letter name (case-insensitive) or an integer. */
function parseIntOrName(expr: string, names: Readonly<Record<string, number>> | undefined): ParsedNumber | string {
  if (names !== undefined) {
    const lower = goToLower(expr);
    if (Object.prototype.hasOwnProperty.call(names, lower)) {
      const v = names[lower] as number;
      return { value: v, text: String(v) };
    }
  }
  return mustParseInt(expr);
}

/** Mirrors robfig `mustParseInt`: Go Atoi, then a non-negativity check. */
function mustParseInt(expr: string): ParsedNumber | string {
  const r = goAtoi(expr);
  if (!r.ok) return `failed to parse int from ${expr}: ${r.error}`;
  if (r.negative) return `negative number (${r.text}) not allowed: ${expr}`;
  return { value: r.value, text: r.text };
}

const DESCRIPTOR_FIELDS: Readonly<Record<string, readonly [string, string, string, string, string]>> = {
  '@yearly': ['0', '0', '1', '1', '*'],
  '@annually': ['0', '0', '1', '1', '*'],
  '@monthly': ['0', '0', '1', '*', '*'],
  '@weekly': ['0', '0', '*', '*', '0'],
  '@daily': ['0', '0', '*', '*', '*'],
  '@midnight': ['0', '0', '*', '*', '*'],
  '@hourly': ['0', '*', '*', '*', '*'],
};

/** Mirrors robfig `parseDescriptor`: exact, case-sensitive names, or `@every <Go duration>`. */
function parseDescriptor(source: string, descriptor: string, location: string | undefined): ScheduleParseResult {
  const loc = location !== undefined ? { location } : {};
  const preset = DESCRIPTOR_FIELDS[descriptor];
  if (preset !== undefined) {
    // robfig builds these from `1 << min` (no star bit) and `all()` (star bit set), which is what
    // parsing the equivalent five fields gives too.
    const fields: Partial<Record<CronFieldName, CronField>> = {};
    FIELD_ORDER.forEach((name, i) => {
      fields[name] = parseField(preset[i] as string, name) as CronField;
    });
    return {
      ok: true,
      schedule: { kind: 'cron', source, ...loc, descriptor: descriptor as CronDescriptor, fields: fields as CronFields },
    };
  }
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    const text = descriptor.slice(every.length);
    const d = parseGoDuration(text);
    if (!d.ok) return { ok: false, error: `failed to parse duration ${descriptor}: ${d.error}` };
    // robfig `Every`: below one second becomes one second; sub-second parts are dropped.
    const ns = d.nanoseconds < NS_PER_SECOND ? NS_PER_SECOND : d.nanoseconds;
    const everyMs = Number(ns / NS_PER_SECOND) * 1000;
    // The zone prefix is accepted but meaningless for a fixed delay (robfig drops it too).
    return { ok: true, schedule: { kind: 'every', source, ...loc, descriptor: '@every', everyMs, everyText: text } };
  }
  return { ok: false, error: `unrecognized descriptor: ${descriptor}` };
}
