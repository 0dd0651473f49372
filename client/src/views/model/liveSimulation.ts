import type { CronJob } from './k8s';
import { cronJobFromManifest, nextRuns, parseStandard, renderSimulationSvg, simulateCronJob } from '../../../../src-engine';

/** Runs in a week above which the simulation covers one day only (it stays quick to compute and read). */
const SIMULATION_BUSY_RUNS = 300;

/**
 * simulateComingDays runs the engine's simulator on a live CronJob from `nowMs` — a week, or a
 * day for busy schedules — and renders the engine's SVG (Jobs as bars, calendar of runs and
 * skips). Pods are assumed to succeed after 10 s (the simulator's default model).
 * Returns the SVG and what it covers, or a reason why there is none.
 */
export function simulateComingDays(cj: CronJob, nowMs: number): { svg?: string; note: string } {
  try {
    const parsed = parseStandard(cj.spec?.schedule ?? '');
    if (!parsed.ok) return { note: `no simulation: ${parsed.error}` };
    if (cj.spec?.suspend) return { note: 'no simulation while suspended' };
    const week = nextRuns(parsed.schedule, nowMs, SIMULATION_BUSY_RUNS + 1, cj.spec?.timeZone || 'UTC').filter(
      (t) => t <= nowMs + 7 * 86_400_000,
    ).length;
    const days = week > SIMULATION_BUSY_RUNS ? 1 : 7;
    const read = cronJobFromManifest(cj, nowMs);
    if (!read.ok) return { note: `no simulation: ${read.errors.join('; ')}` };
    const sim = simulateCronJob(read.value, { start: nowMs, until: nowMs + days * 86_400_000, maxRecords: 2000 });
    return {
      svg: renderSimulationSvg(sim, { maxRows: 60 }),
      note: `simulated ${days === 1 ? 'next 24 hours' : 'next 7 days'} from now, pods succeeding after 10 s`,
    };
  } catch (error) {
    return { note: `no simulation: ${error instanceof Error ? error.message : String(error)}` };
  }
}
