import { civilFromSeconds, newCivilTime } from '../schedule/civil';

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));

/**
 * formatRfc3339 renders epoch ms the way Go's time.RFC3339 does for a time in a zone with
 * the given UTC offset (seconds east): `2026-01-05T09:00:00+01:00`, `Z` for offset 0;
 * sub-second parts are dropped. Integer arithmetic only (it runs once per simulated Job).
 */
export function formatRfc3339(ms: number, offsetSeconds = 0): string {
  const wall = Math.floor(ms / 1000) + offsetSeconds;
  const hours = Math.floor(wall / 3600);
  if (hours !== lastHours) {
    // `YYYY-MM-DDTHH`, remembered: a simulation formats many instants of one hour.
    const days = Math.floor(hours / 24);
    lastHourPrefix = `${civilDate(days)}T${pad2(hours - days * 24)}`;
    lastHours = hours;
  }
  const secondOfHour = wall - hours * 3600;
  // Concatenated: the result is stored (an annotation), not compared, so a rope is fine.
  return lastHourPrefix + (MINUTE_SECOND[secondOfHour] as string) + offsetSuffix(offsetSeconds);
}

/** `:MM:SS` for every second of an hour. */
const MINUTE_SECOND = Array.from({ length: 3600 }, (_, s) => `:${pad2(Math.floor(s / 60))}:${pad2(s % 60)}`);
let lastHours = NaN;
let lastHourPrefix = '';

let lastOffset = 0;
let lastSuffix = 'Z';

/** offsetSuffix: `Z` for UTC, else `+hh:mm` / `-hh:mm`; remembered for the last offset seen. */
function offsetSuffix(offsetSeconds: number): string {
  if (offsetSeconds === lastOffset) return lastSuffix;
  let suffix: string;
  if (offsetSeconds === 0) suffix = 'Z';
  else {
    const sign = offsetSeconds < 0 ? '-' : '+';
    const abs = Math.abs(offsetSeconds);
    suffix = sign + pad2(Math.floor(abs / 3600)) + ':' + pad2(Math.floor((abs % 3600) / 60));
  }
  lastOffset = offsetSeconds;
  lastSuffix = suffix;
  return suffix;
}

/** civilDate: YYYY-MM-DD of a day number since 1970-01-01 (proleptic Gregorian, schedule/civil.ts). */
export function civilDate(days: number): string {
  const c = civilFromSeconds(days * 86400, scratch);
  const year = c.year >= 0 && c.year <= 9999 ? String(c.year).padStart(4, '0') : String(c.year);
  return `${year}-${pad2(c.month)}-${pad2(c.day)}`;
}

const scratch = newCivilTime();

function pad2(n: number): string {
  return n >= 0 && n < 100 ? (TWO_DIGITS[n] as string) : String(n);
}

/** parseRfc3339 reads an RFC 3339 timestamp into epoch ms, or null when it is not one. */
export function parseRfc3339(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : null;
}
