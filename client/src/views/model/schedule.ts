import { describeSchedule as describeParsed, nextRun, parseStandard } from '../../../../src-engine';

/**
 * describeSchedule says a CronJob schedule in words, the way Kubernetes reads it (the
 * engine's robfig/cron parser), or undefined when the schedule does not parse.
 */
export function describeSchedule(schedule: string, timeZone?: string): string | undefined {
  const parsed = parseStandard(schedule);
  return parsed.ok ? describeParsed(parsed.schedule, timeZone) : undefined;
}

/**
 * nextRunMs is the first scheduled time strictly after `afterMs` in `timeZone` (the
 * controller manager's zone, assumed UTC, when unset), or undefined when the schedule cannot
 * be read or never fires. Uses the engine's `nextRun` (robfig `SpecSchedule.Next` semantics).
 */
export function nextRunMs(schedule: string, timeZone: string | undefined, afterMs: number): number | undefined {
  const parsed = parseStandard(schedule);
  if (!parsed.ok) return undefined;
  return nextRun(parsed.schedule, afterMs, timeZone || 'UTC') ?? undefined;
}
