import { formatRfc3339 } from '../controllers/rfc3339';
import { MAX_LIVE_PODS } from './budget';
import type { World } from './world';
import type { SimStop } from './records';
import { formatDuration } from './report';

/**
 * A simulation that runs in slices: an editor runs it a slice at a time between other
 * requests, a command line in one go. Either way its total work is bounded (the world's work
 * budget); a run that hits the bound stops and says so in its result.
 */
export interface SimulationRun<S> {
  /** Runs until the end, or until `work` more units are spent; true once finished. */
  advance(work: number): boolean;
  /** Work spent so far (world.ts WAKE_UP_WORK per wake-up, one per pod a sync reads). */
  readonly work: number;
  /** The result: complete once advance returned true, the state so far before. */
  result(): S;
}

/** worldRun: the SimulationRun of `world` up to `until`, whose result `result` builds. */
export function worldRun<S>(world: World, until: number, result: () => S): SimulationRun<S> {
  let done = false;
  return {
    advance(work: number): boolean {
      if (!done) done = world.advance(until, world.work + work);
      return done;
    },
    get work(): number {
      return world.work;
    },
    result,
  };
}

/** stopOf describes why `world` stopped early, or null when it did not. */
export function stopOf(world: World, start: number, what: string): SimStop | null {
  if (world.stopped === null) return null;
  const at = world.lastTime;
  const where = `at ${formatRfc3339(at)} (+${formatDuration(at - start)} of simulated time, ${what})`;
  const message =
    world.stopped === 'livePods'
      ? `The simulation stopped ${where}: more than ${MAX_LIVE_PODS.toLocaleString('en-US')} pods existed at once, ` +
        'more than kube-jobs holds. ' +
        'Simulate a shorter window, or lower parallelism.'
      : `The simulation stopped ${where}: simulating further, pod by pod, would take more than a few seconds. ` +
        'Simulate a shorter window to see the rest.';
  return { reason: world.stopped, at, message };
}

/** recordWarnings: what a reader of the kept records must know (lists cut at maxRecords). */
export function recordWarnings(kept: number, total: number, noun: string, eventsDropped: number): string[] {
  const out: string[] = [];
  if (kept < total) {
    out.push(
      `Only the first ${kept.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${noun} are kept in detail; ` +
        'the counts are exact.',
    );
  }
  if (eventsDropped > 0) {
    out.push(`${eventsDropped.toLocaleString('en-US')} events beyond the first ones are only counted (eventCounts is exact).`);
  }
  return out;
}
