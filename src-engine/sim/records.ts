import type { CronJobStatus } from '../controllers/cronJob';
import type { ControllerEvent, JobStatus } from '../controllers/types';

/** One pod as the simulation saw it (for timelines and JSON). */
export interface SimPodRecord {
  readonly name: string;
  readonly index: number | null;
  readonly createdAt: number;
  /** When the pod started running (createdAt + start latency). */
  startedAt: number | null;
  finishedAt: number | null;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** Exit code of the main container's last run; null while running and for a pod stopped by deletion. */
  exitCode: number | null;
  /** Container restarts (restartPolicy OnFailure). */
  restarts: number;
  /** When the controller deleted it, and why. */
  deletedAt: number | null;
  deletedBy: 'controller' | 'suspend' | 'jobDeleted' | null;
}

/** A span of time in which the Job controller held pod creation back (pod-failure backoff). */
export interface BackoffWait {
  readonly from: number;
  until: number;
  /** Completion index for per-index backoff, else null. */
  readonly index: number | null;
}

/** Why a simulation stopped before the end of its window. */
export interface SimStop {
  /** workBudget: it would have taken too long; livePods: too many pods at once to hold. */
  readonly reason: 'workBudget' | 'livePods';
  /** The virtual time it had reached. */
  readonly at: number;
  readonly message: string;
}

/** What every simulation result has. */
interface SimulationBase {
  readonly name: string;
  readonly namespace: string;
  readonly start: number;
  /** End of the simulated window (until, or when nothing more could happen, or where it stopped). */
  readonly end: number;
  readonly events: readonly ControllerEvent[];
  /**
   * Exact number of events per reason (also beyond the kept list) recorded on the simulated
   * object: the Job, or the CronJob itself (its Jobs' events are in `jobEventCounts`).
   */
  readonly eventCounts: Readonly<Record<string, number>>;
  readonly eventsDropped: number;
  /** Set when the simulation stopped early; what follows `stopped.at` was not simulated. */
  readonly stopped: SimStop | null;
  /** What a reader must know to trust the result (stopped early, records cut, a Job not finished). */
  readonly warnings: readonly string[];
}

/** Result of simulating a Job. */
export interface JobSimulation extends SimulationBase {
  readonly kind: 'Job';
  readonly status: JobStatus;
  readonly deletedAt: number | null;
  /** startTime + activeDeadlineSeconds when both are known. */
  readonly deadlineAt: number | null;
  /** Finish time + ttlSecondsAfterFinished when finished with a TTL. */
  readonly ttlExpireAt: number | null;
  readonly podsCreated: number;
  /** The first pods (at most `maxRecords`); `podsCreated` stays exact. */
  readonly pods: readonly SimPodRecord[];
  readonly backoffWaits: readonly BackoffWait[];
}

/** One Job of a CronJob simulation. */
export interface SimJobRecord {
  readonly name: string;
  readonly scheduledTime: number;
  readonly createdAt: number;
  finishedAt: number | null;
  deletedAt: number | null;
  deletedBy: 'history' | 'replace' | 'ttl' | null;
  status: JobStatus;
  podsCreated: number;
}

/** Per-day tally of a CronJob simulation (UTC days), exact even when job records are capped. */
export interface SimDay {
  /** YYYY-MM-DD (UTC). */
  readonly date: string;
  created: number;
  succeeded: number;
  failed: number;
  /** JobAlreadyActive events (Forbid skips). */
  skipped: number;
  /** Jobs deleted by Replace. */
  replaced: number;
}

/** Result of simulating a CronJob. */
export interface CronJobSimulation extends SimulationBase {
  readonly kind: 'CronJob';
  readonly status: CronJobStatus;
  readonly jobsCreated: number;
  /** The first Jobs created (at most `maxRecords`); `jobsCreated` stays exact. */
  readonly jobs: readonly SimJobRecord[];
  /** Names of the Jobs that still exist at the end, in creation order. */
  readonly remainingJobs: readonly string[];
  readonly days: readonly SimDay[];
  /** Exact number of events per reason recorded on the CronJob's Jobs. */
  readonly jobEventCounts: Readonly<Record<string, number>>;
}

export type Simulation = JobSimulation | CronJobSimulation;
