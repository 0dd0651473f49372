import { cronJobFromManifest } from '../controllers/cronJobSpec';
import { jobFromManifest } from '../controllers/jobSpec';
import type { SimulateOptions } from './options';
import type { Simulation } from './records';
import { startCronJobSimulation } from './simulateCronJob';
import { startJobSimulation, tooManyPods } from './simulateJob';
import type { SimulationRun } from './simulationRun';

/**
 * Why a document cannot be simulated: `errors` (the manifest cannot run, e.g. no
 * restartPolicy), or `tooLarge` with one message (a Job too large to simulate to its end).
 */
export type SimulateRefusal = { readonly ok: false; readonly errors: readonly string[]; readonly tooLarge?: true };

/** What `startSimulation` answers about a document. */
export type SimulationStart = { readonly ok: true; readonly run: SimulationRun<Simulation> } | SimulateRefusal;

/** What `simulate` answers about a document. */
export type SimulateManifestResult = { readonly ok: true; readonly simulation: Simulation } | SimulateRefusal;

/**
 * startSimulation reads a parsed batch/v1 Job or CronJob document (the plain value of a
 * ManifestDocument) and sets up its simulation, to be advanced in slices. Refuses a manifest
 * that cannot run, and a Job too large to simulate to its end when no `until` bounds it.
 */
export function startSimulation(kind: 'Job' | 'CronJob', value: unknown, options: SimulateOptions): SimulationStart {
  if (kind === 'Job') {
    const job = jobFromManifest(value, options.start);
    if (!job.ok) return { ok: false, errors: job.errors };
    const tooLarge = options.until === undefined ? tooManyPods(job.value) : null;
    if (tooLarge !== null) return { ok: false, errors: [tooLarge], tooLarge: true };
    return { ok: true, run: startJobSimulation(job.value, options) };
  }
  const cj = cronJobFromManifest(value, options.start);
  if (!cj.ok) return { ok: false, errors: cj.errors };
  return { ok: true, run: startCronJobSimulation(cj.value, options) };
}

/** simulate runs startSimulation in one go: the simulation, or why there is none. */
export function simulate(kind: 'Job' | 'CronJob', value: unknown, options: SimulateOptions): SimulateManifestResult {
  const started = startSimulation(kind, value, options);
  if (!started.ok) return started;
  started.run.advance(Infinity);
  return { ok: true, simulation: started.run.result() };
}
