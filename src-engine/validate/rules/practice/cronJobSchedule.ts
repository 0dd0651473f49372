import type { RuleContext } from '../../context';
import { str } from '../../context';
import type { RuleDefinition, RuleInfo } from '../../rule';
import { nextRuns, parseStandard } from '../../scheduleApi';
import type { CronSchedule } from '../../scheduleApi';

/** A CronJob's schedule as the schedule advice reads it. */
export interface CronJobScheduleView {
  readonly text: string;
  /** The parsed schedule; undefined when it does not parse (the `schedule-syntax` rule says why). */
  readonly schedule: CronSchedule | undefined;
  readonly timeZone: string | undefined;
}

/** cronJobSchedule returns the schedule of a CronJob document, or undefined for a Job or a missing schedule. */
export function cronJobSchedule(ctx: RuleContext): CronJobScheduleView | undefined {
  if (ctx.kind !== 'CronJob') return undefined;
  const text = ctx.spec?.['schedule'];
  if (typeof text !== 'string' || text === '') return undefined;
  const parsed = parseStandard(text);
  return { text, schedule: parsed.ok ? parsed.schedule : undefined, timeZone: str(ctx.spec?.['timeZone']) };
}

/** cronScheduleRule is advice on a CronJob's schedule; a Job, or a CronJob without a schedule, has nothing for it. */
export function cronScheduleRule(info: RuleInfo, check: (view: CronJobScheduleView, ctx: RuleContext) => void): RuleDefinition {
  return {
    rules: [info],
    check(ctx) {
      const view = cronJobSchedule(ctx);
      if (view) check(view, ctx);
    },
  };
}

/** A fixed instant to enumerate runs from: the rules must not read the clock, and the gaps between runs repeat every year. */
const REFERENCE_MS = Date.UTC(2026, 0, 5);
const RUNS_SAMPLED = 60;

/**
 * shortestIntervalMs is the smallest gap between two consecutive runs among the first runs after a
 * fixed date (in UTC, so a DST change does not shorten it), or undefined for a schedule that never fires.
 */
export function shortestIntervalMs(schedule: CronSchedule): number | undefined {
  if (schedule.kind === 'every') return schedule.everyMs;
  const runs = nextRuns(schedule, REFERENCE_MS, RUNS_SAMPLED);
  let shortest: number | undefined;
  for (let i = 1; i < runs.length; i++) {
    const gap = (runs[i] as number) - (runs[i - 1] as number);
    if (shortest === undefined || gap < shortest) shortest = gap;
  }
  return shortest;
}
