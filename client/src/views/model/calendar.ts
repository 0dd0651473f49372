import type { CalendarDay } from '../../webviews/contract';
import { formatInZone } from './format';
import { nextRuns, parseStandard } from '../../../../src-engine';

/** zonedDay returns `YYYY-MM-DD` and minutes after midnight of an instant in a zone. */
function zonedDay(ms: number, zone: string): { day: string; minutes: number } {
  const text = formatInZone(ms, zone);
  const [day = '', hm = '00:00'] = text.split(' ');
  const [h = '0', m = '0'] = hm.split(':');
  return { day, minutes: Number(h) * 60 + Number(m) };
}

const CALENDAR_MAX_PER_DAY = 48;

/**
 * calendar lays the next `days` days of runs out per day, in the CronJob's zone. A suspended
 * CronJob gets its days without runs: the controller creates no Job while spec.suspend is true.
 */
export function calendar(
  schedule: string,
  timeZone: string | undefined,
  nowMs: number,
  days: number,
  suspended = false,
): CalendarDay[] {
  const parsed = parseStandard(schedule);
  const zone = timeZone || 'UTC';
  const out: CalendarDay[] = [];
  const index = new Map<string, { runMinutes: number[]; more: number }>();
  for (let d = 0; d < days; d++) {
    const { day } = zonedDay(nowMs + d * 86_400_000, zone);
    if (!index.has(day)) {
      const entry = { runMinutes: [] as number[], more: 0 };
      index.set(day, entry);
      out.push({ label: day, runMinutes: entry.runMinutes, more: 0 });
    }
  }
  if (!parsed.ok || suspended) return out;
  const until = nowMs + days * 86_400_000;
  const runs = nextRuns(parsed.schedule, nowMs, days * CALENDAR_MAX_PER_DAY + 1, zone);
  for (const r of runs) {
    if (r > until) break;
    const { day, minutes } = zonedDay(r, zone);
    const entry = index.get(day);
    if (!entry) continue;
    if (entry.runMinutes.length < CALENDAR_MAX_PER_DAY) entry.runMinutes.push(minutes);
    else entry.more++;
  }
  return out.map((d) => ({ ...d, more: index.get(d.label)?.more ?? 0 }));
}
