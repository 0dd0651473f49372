import { civilDate } from '../controllers/rfc3339';
import type { SimDay } from './records';

const DAY_MS = 86400_000;

/** DayTally keeps the per-UTC-day counts of a CronJob simulation (exact, whatever the horizon). */
export class DayTally {
  private readonly days = new Map<number, SimDay>();
  private lastDay = NaN;
  private lastSimDay: SimDay | null = null;

  /** dayOf returns the tally of the UTC day holding `ms` (the same day is asked for many times in a row). */
  dayOf(ms: number): SimDay {
    const day = Math.floor(ms / DAY_MS);
    if (day === this.lastDay && this.lastSimDay !== null) return this.lastSimDay;
    let d = this.days.get(day);
    if (d === undefined) {
      d = { date: civilDate(day), created: 0, succeeded: 0, failed: 0, skipped: 0, replaced: 0 };
      this.days.set(day, d);
    }
    this.lastDay = day;
    this.lastSimDay = d;
    return d;
  }

  /** The days with any count, in date order. */
  sorted(): SimDay[] {
    return Array.from(this.days.values()).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
}
