/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), used instead
 * of Date so that the hot loops of nextRun allocate nothing (the figures "next run with a zone" and
 * "every run of `* * * * *` over a year", bench/schedule.mjs). Algorithms after H. Hinnant's
 * "chrono-compatible low-level date algorithms".
 */

/** daysFromCivil returns the day number of year-month-day (month 1–12, day 1–31). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Broken-down wall-clock time; reused by callers to avoid allocation. */
export interface CivilTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

// The date part of the last day converted: nextRun converts many instants of the same day in a row.
let cachedDays = NaN;
let cachedYear = 1970;
let cachedMonth = 1;
let cachedDay = 1;
let cachedWeekday = 4;

/** civilFromSeconds fills `out` with the calendar fields of `wallSeconds` (seconds since 1970-01-01 00:00 wall clock). */
export function civilFromSeconds(wallSeconds: number, out: CivilTime): CivilTime {
  const days = Math.floor(wallSeconds / 86400);
  let sod = wallSeconds - days * 86400;
  out.hour = Math.floor(sod / 3600);
  sod -= out.hour * 3600;
  out.minute = Math.floor(sod / 60);
  out.second = sod - out.minute * 60;
  if (days !== cachedDays) {
    cachedDays = days;
    cachedWeekday = (((days + 4) % 7) + 7) % 7;
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    cachedDay = doy - Math.floor((153 * mp + 2) / 5) + 1;
    cachedMonth = mp < 10 ? mp + 3 : mp - 9;
    cachedYear = yoe + era * 400 + (cachedMonth <= 2 ? 1 : 0);
  }
  out.weekday = cachedWeekday;
  out.day = cachedDay;
  out.month = cachedMonth;
  out.year = cachedYear;
  return out;
}

/** newCivilTime returns a zeroed CivilTime to be filled by civilFromSeconds. */
export function newCivilTime(): CivilTime {
  return { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, weekday: 4 };
}
