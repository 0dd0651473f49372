import { cronJobFromManifest } from '../controllers/cronJobSpec';
import { jobFromManifest } from '../controllers/jobSpec';
import type { SimulateOptions } from './options';
import type { CronJobSimulation, JobSimulation } from './records';
import { simulateCronJob } from './simulateCronJob';
import { simulateJob } from './simulateJob';

/** What `simulate` answers about a document. */
export type SimulateManifestResult =
  | { readonly ok: true; readonly simulation: JobSimulation | CronJobSimulation }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * simulate reads a parsed batch/v1 Job or CronJob document (the plain value of a
 * ManifestDocument) and simulates it. Returns the simulation, or the reasons the manifest
 * cannot be simulated (e.g. no restartPolicy).
 */
export function simulate(kind: 'Job' | 'CronJob', value: unknown, options: SimulateOptions): SimulateManifestResult {
  if (kind === 'Job') {
    const job = jobFromManifest(value, options.start);
    if (!job.ok) return { ok: false, errors: job.errors };
    return { ok: true, simulation: simulateJob(job.value, options) };
  }
  const cj = cronJobFromManifest(value, options.start);
  if (!cj.ok) return { ok: false, errors: cj.errors };
  return { ok: true, simulation: simulateCronJob(cj.value, options) };
}
