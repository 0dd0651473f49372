import type { PodModel } from './podModel';
import { specPodModel } from './podModel';

/** Options of a simulation. */
export interface SimulateOptions {
  /** Creation time of the object and start of the simulation (epoch ms). */
  readonly start: number;
  /** End of the simulation, inclusive. Default: a Job runs until nothing more can happen; a CronJob for 24 h. */
  readonly until?: number;
  /** Pod outcomes; default every pod succeeds after 10 s. */
  readonly podModel?: PodModel;
  /** How many pods / Jobs / events are kept in detail (counts stay exact). Default 10000. */
  readonly maxRecords?: number;
  /**
   * 'cluster' (default): as on a real cluster, the Job controller handles pod events in syncs
   * batched by 1 s (syncJobBatchPeriod) and the API server stores times in whole seconds, so
   * two pod events less than 1 s apart are seen together and each wave of pods starts about
   * 1 s after the last one ended. 'ideal': every controller reacts at the instant of an event
   * and times keep their milliseconds (the model the conformance vectors are written in).
   */
  readonly timing?: SimTiming;
  /**
   * Work a simulation may spend before it stops and says so (world.ts WAKE_UP_WORK per
   * wake-up, one per pod a sync reads). Default DEFAULT_WORK_BUDGET, a few seconds.
   */
  readonly workBudget?: number;
}

export type SimTiming = 'cluster' | 'ideal';

export const DEFAULT_CRONJOB_HORIZON_MS = 24 * 3600_000;
/** A Job without `until` stops after this much virtual time even if it could go on. */
export const MAX_JOB_HORIZON_MS = 366 * 24 * 3600_000;
export const DEFAULT_MAX_RECORDS = 10_000;

/** defaultPodModel: every pod succeeds after 10 s. */
export function defaultPodModel(): PodModel {
  const m = specPodModel('succeed@10s');
  if (!m.ok) throw new Error(m.error);
  return m.model;
}
