import type { CivilTime } from './civil';
import { civilFromSeconds, daysFromCivil, newCivilTime } from './civil';
import type { CronSchedule } from './cronSchedule';
import type { ZoneTable } from './zoneTable';
import { zoneTable } from './zoneTable';

/**
 * robfig/cron v3 `SpecSchedule.Next` (spec.go), reproduced step for step in Unix seconds so
 * that DST behaves as in Kubernetes: wall times that do not exist are skipped, repeated wall
 * times run twice, a day without midnight is handled by robfig's hour correction, and nothing
 * is searched beyond five years. The loops over hours, minutes and seconds jump several units
 * at once, but only inside a stretch of constant UTC offset, where that gives the same result
 * as robfig's one-unit steps.
 */

/** Field sets compiled for fast matching. */
interface Matcher {
  readonly minute: Uint8Array;
  readonly hour: Uint8Array;
  readonly dom: Uint8Array;
  readonly month: Uint8Array;
  readonly dow: Uint8Array;
  /** True when DOM or DOW carries the star bit: both must match (robfig dayMatches). */
  readonly dayAnd: boolean;
  /** minuteJump[m]: minutes from m to the next matching minute or minute 0. */
  readonly minuteJump: Uint8Array;
  /** hourJump[h]: hours from h to the next matching hour or hour 0. */
  readonly hourJump: Uint8Array;
}

/** Each schedule's field tables, compiled once: for the figure "next run with a zone" (bench/schedule.mjs). */
const matchers = new WeakMap<CronSchedule, Matcher | null>();

function matcherFor(schedule: CronSchedule): Matcher | null {
  let m = matchers.get(schedule);
  if (m === undefined) {
    m = compile(schedule);
    matchers.set(schedule, m);
  }
  return m;
}

function compile(schedule: CronSchedule): Matcher | null {
  const f = schedule.fields;
  if (schedule.kind !== 'cron' || f === undefined) return null;
  const set = (values: readonly number[], size: number): Uint8Array => {
    const a = new Uint8Array(size);
    for (const v of values) if (v < size) a[v] = 1;
    return a;
  };
  const jumps = (bits: Uint8Array, size: number): Uint8Array => {
    const j = new Uint8Array(size);
    for (let v = 0; v < size; v++) {
      let k = 1;
      while ((v + k) % size !== 0 && bits[(v + k) % size] === 0) k++;
      j[v] = k;
    }
    return j;
  };
  const minute = set(f.minute.values, 60);
  const hour = set(f.hour.values, 24);
  return {
    minute,
    hour,
    dom: set(f.dayOfMonth.values, 32),
    month: set(f.month.values, 13),
    dow: set(f.dayOfWeek.values, 7),
    dayAnd: f.dayOfMonth.star || f.dayOfWeek.star,
    minuteJump: jumps(minute, 60),
    hourJump: jumps(hour, 24),
  };
}

/** Wall-clock fields of `t` in `z`; leaves z.period* describing t's offset stretch. */
function wallAt(z: ZoneTable, t: number, w: CivilTime): void {
  civilFromSeconds(t + z.offsetAt(t), w);
}

/**
 * Go `time.Date` for a zone: normalises overflowing fields, then picks the offset the way Go
 * does (offset at the wall time read as UTC, re-looked-up when the result falls outside that
 * offset's period; offset 0 is taken as is). This decides where gap and overlap times land.
 */
function goDate(z: ZoneTable, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const m0 = month - 1;
  const carry = Math.floor(m0 / 12);
  const wall = (daysFromCivil(year + carry, m0 - carry * 12 + 1, 1) + day - 1) * 86400 + hour * 3600 + minute * 60 + second;
  let offset = z.offsetAt(wall);
  if (offset !== 0) {
    const utc = wall - offset;
    if (utc < z.periodStart || utc >= z.periodEnd) offset = z.offsetAt(utc);
    return wall - offset;
  }
  return wall;
}

function dayMatches(m: Matcher, w: CivilTime): boolean {
  const domMatch = m.dom[w.day] === 1;
  const dowMatch = m.dow[w.weekday] === 1;
  return m.dayAnd ? domMatch && dowMatch : domMatch || dowMatch;
}

const scratch = newCivilTime();

/**
 * advance moves t forward by `jump` seconds, to the field's next allowed value, or only by `step`
 * when the jump would cross the zone's next offset change (the wall clock is read again there,
 * as robfig's t.Add in the zone does), and reads the wall clock at the new instant into w.
 */
function advance(z: ZoneTable, w: CivilTime, t: number, jump: number, step: number): number {
  const next = t + jump < z.periodEnd ? t + jump : t + step;
  wallAt(z, next, w);
  return next;
}

/**
 * Upper bound on loop steps in one walk. A normal walk takes at most a few thousand (five
 * years of months and days, one-unit steps near offset changes); only a walk that robfig itself
 * would never finish gets here.
 */
const MAX_STEPS = 200_000;

/**
 * The Next walk on whole Unix seconds; returns NaN when nothing matches within five years, and
 * also where robfig's loop never ends: when a day is missing from the calendar (Pacific/Apia
 * skipped 2011-12-30), time.Date maps the missing midnight back onto the previous day and
 * robfig's day loop repeats forever. Here the walk stops instead.
 */
function nextSecond(m: Matcher, z: ZoneTable, afterSecond: number): number {
  const w = scratch;
  let steps = 0;
  let t = afterSecond + 1;
  wallAt(z, t, w);
  let added = false;
  const yearLimit = w.year + 5;
  wrap: for (;;) {
    if (w.year > yearLimit || ++steps > MAX_STEPS) return NaN;

    while (m.month[w.month] === 0) {
      if (!added) {
        added = true;
        t = goDate(z, w.year, w.month, 1, 0, 0, 0);
        wallAt(z, t, w);
      }
      t = goDate(z, w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
      wallAt(z, t, w);
      if (++steps > MAX_STEPS) return NaN;
      if (w.month === 1) continue wrap;
    }

    while (!dayMatches(m, w)) {
      if (!added) {
        added = true;
        t = goDate(z, w.year, w.month, w.day, 0, 0, 0);
        wallAt(z, t, w);
      }
      const before = t;
      t = goDate(z, w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
      wallAt(z, t, w);
      // robfig: a day whose midnight does not exist starts at 01:00 (or 23:00 the day before); correct by whole hours.
      if (w.hour !== 0) {
        t += (w.hour > 12 ? 24 - w.hour : -w.hour) * 3600;
        wallAt(z, t, w);
      }
      // No progress means robfig would loop here forever.
      if (t === before || ++steps > MAX_STEPS) return NaN;
      if (w.day === 1) continue wrap;
    }

    while (m.hour[w.hour] === 0) {
      if (!added) {
        added = true;
        t = goDate(z, w.year, w.month, w.day, w.hour, 0, 0);
        wallAt(z, t, w);
      }
      t = advance(z, w, t, (m.hourJump[w.hour] as number) * 3600, 3600);
      if (++steps > MAX_STEPS) return NaN;
      if (w.hour === 0) continue wrap;
    }

    while (m.minute[w.minute] === 0) {
      if (!added) {
        added = true;
        t -= ((t % 60) + 60) % 60;
        wallAt(z, t, w);
      }
      t = advance(z, w, t, (m.minuteJump[w.minute] as number) * 60, 60);
      if (++steps > MAX_STEPS) return NaN;
      if (w.minute === 0) continue wrap;
    }

    // The standard parser's seconds field is always {0}.
    while (w.second !== 0) {
      added = true;
      t = advance(z, w, t, 60 - w.second, Math.max(1, z.periodEnd - t));
      if (++steps > MAX_STEPS) return NaN;
      if (w.second === 0) continue wrap;
    }
    return t;
  }
}

// JavaScript's Date range; beyond it (or NaN) there is no meaningful run time, and the walk must not spin.
const MAX_EPOCH_MS = 8.64e15;

function inRange(ms: number): boolean {
  return Math.abs(ms) <= MAX_EPOCH_MS - 10 * 366 * 86400_000;
}

/** The zone a schedule runs in: its own TZ= prefix wins over the CronJob's timeZone (robfig Next). */
function scheduleZone(schedule: CronSchedule, timeZone: string | undefined): ZoneTable {
  const own = schedule.location;
  return zoneTable(own !== undefined && own !== 'Local' ? own : timeZone);
}

/**
 * nextRun returns the first run strictly after `afterMs` (epoch ms), as robfig `Next` computes
 * it: in the schedule's `TZ=` zone if it has one, else in `timeZone` (UTC when absent). For
 * `@every D` it is afterMs truncated to the second plus D (robfig ConstantDelaySchedule).
 * Returns null when a cron schedule has no run within five years (`0 0 30 2 *`), or when
 * afterMs is not a finite time within JavaScript's date range.
 * Throws RangeError for a zone name Go cannot load.
 */
export function nextRun(schedule: CronSchedule, afterMs: number, timeZone?: string): number | null {
  if (!inRange(afterMs)) return null;
  const afterSecond = Math.floor(afterMs / 1000);
  if (schedule.kind === 'every') return afterSecond * 1000 + (schedule.everyMs ?? 1000);
  const m = matcherFor(schedule);
  if (m === null) return null;
  const s = nextSecond(m, scheduleZone(schedule, timeZone), afterSecond);
  return Number.isNaN(s) ? null : s * 1000;
}

/** nextRuns returns up to `count` successive runs after `afterMs` (fewer when the schedule stops firing). */
export function nextRuns(schedule: CronSchedule, afterMs: number, count: number, timeZone?: string): number[] {
  const out: number[] = [];
  forEachRun(schedule, afterMs, Infinity, (ms) => out.push(ms) < count, timeZone, count);
  return out;
}

/**
 * forEachRun calls `visit` for every run strictly after `afterMs` and at or before `untilMs`, in
 * order, until `visit` returns false or `maxRuns` runs were visited; returns how many were
 * visited. Each step continues from the previous run (no per-call setup), so enumerating a
 * year of `* * * * *` is cheap: the figure "every run of `* * * * *` over a year" (bench/schedule.mjs).
 */
export function forEachRun(
  schedule: CronSchedule,
  afterMs: number,
  untilMs: number,
  visit: (runMs: number) => boolean | void,
  timeZone?: string,
  maxRuns = Infinity,
): number {
  let count = 0;
  if (!(maxRuns > 0) || !inRange(afterMs)) return 0;
  if (schedule.kind === 'every') {
    const step = schedule.everyMs ?? 1000;
    for (let t = Math.floor(afterMs / 1000) * 1000 + step; t <= untilMs && count < maxRuns; t += step) {
      count++;
      if (visit(t) === false) break;
    }
    return count;
  }
  const m = matcherFor(schedule);
  if (m === null) return 0;
  const z = scheduleZone(schedule, timeZone);
  let s = Math.floor(afterMs / 1000);
  while (count < maxRuns) {
    s = nextSecond(m, z, s);
    if (Number.isNaN(s) || s * 1000 > untilMs) break;
    count++;
    if (visit(s * 1000) === false) break;
  }
  return count;
}
