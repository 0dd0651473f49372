import type { JobMemory } from '../controllers/jobMemory';
import type { JobObject, PodObject, PodPhase } from '../controllers/types';
import type { CrashLoopBackOff } from '../kubelet/crashLoopBackOff';
import type { Mulberry32, PodOutcome, PodOutcomeSequence } from './podModel';
import type { PodStore } from './podStore';
import type { SimJobRecord, SimPodRecord } from './records';

/** What the simulated kubelet does to a pod next. */
export type PodEventKind = 'podStart' | 'podExit' | 'podRestart' | 'podGone';

/** One wake-up in the simulator's queue; every kind has the same shape (pod events use pod and gen). */
export interface QueueItem {
  readonly kind: PodEventKind | 'syncJob' | 'ttl' | 'syncCronJob';
  readonly job: JobRuntime | null;
  readonly pod: SimPod | null;
  readonly gen: number;
}

// Priority classes for events at the same instant: pods change first, then the Job
// controller syncs, then TTL, then the CronJob controller sees the result.
export const PRIO_POD = 0;
export const PRIO_JOB = 1;
export const PRIO_TTL = 2;
export const PRIO_CRON = 3;

/** A pod in the simulated world; it is also the PodObject handed to syncJob (never mutated there). */
export interface SimPod extends PodObject {
  phase: PodPhase;
  deletionTimestamp: number | null;
  hasTrackingFinalizer: boolean;
  finishedAt: number | null;
  exitCode: number | null;
  restartCount: number;
  /** Bumped when a pending pod event must be ignored (pod deleted). */
  gen: number;
  outcome: PodOutcome;
  /** The kubelet's restart back-off of the pod's container (restartPolicy OnFailure). */
  backOff: CrashLoopBackOff | null;
  readonly record: SimPodRecord | null;
}

/** A Job in the simulated world, with the controller's memory of it and its pods. */
export interface JobRuntime {
  job: JobObject;
  memory: JobMemory;
  readonly pods: PodStore<SimPod>;
  readonly sequence: PodOutcomeSequence;
  /** Draws the random suffixes of its pods' names (seeded from the Job's name). */
  readonly nameRandom: Mulberry32;
  pendingSync: number | null;
  /**
   * When the sync that the last sync's own writes (status update, created or deleted pods)
   * queued is due: pod events before then are handled in it (the queue keeps the earliest).
   * The simulator does not run that sync when nothing else happens, as it would change nothing.
   */
  batchedSyncAt: number | null;
  pendingTtl: number | null;
  podsCreated: number;
  deleted: boolean;
  readonly record: SimJobRecord | null;
  readonly scheduledTime: number | null;
}
