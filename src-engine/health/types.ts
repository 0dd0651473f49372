/**
 * Plain data the CronJob health rules read and return. Times are epoch milliseconds (null when
 * unset). `now` is always an input: the engine never reads the clock.
 */

/** A CronJob as the health rules need it (spec after defaulting, status as the server reports it). */
export interface LiveCronJob {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string | null;
  readonly creationTimestamp: number;
  readonly schedule: string;
  readonly timeZone: string | null;
  readonly suspend: boolean;
  readonly startingDeadlineSeconds: number | null;
  readonly concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
  readonly lastScheduleTime: number | null;
  readonly lastSuccessfulTime: number | null;
  /** Names of the Jobs in status.active. */
  readonly active: readonly string[];
  /** status.nextScheduleTime, reported by servers that implement the upstream proposal; null elsewhere. */
  readonly nextScheduleTime: number | null;
}

export type LiveJobState = 'running' | 'complete' | 'failed' | 'suspended';

/** One of the CronJob's Jobs. */
export interface LiveJob {
  readonly name: string;
  readonly creationTimestamp: number;
  /** The run it was created for: the scheduled-timestamp annotation, else the name's minutes, else creation. */
  readonly scheduledTime: number;
  readonly state: LiveJobState;
  readonly startTime: number | null;
  /** When it finished: completionTime, or the Failed condition's transition time. */
  readonly finishedTime: number | null;
  /** The Complete or Failed condition's reason (BackoffLimitExceeded, DeadlineExceeded…). */
  readonly reason: string | null;
  readonly activeDeadlineSeconds: number | null;
}

/** An event recorded about the CronJob. */
export interface LiveEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** The last time it was seen. */
  readonly time: number;
  readonly count: number;
}

export type HealthSeverity = 'error' | 'warning' | 'info';

/** One health finding: what is wrong (or about to be), with the evidence and what to do. */
export interface HealthFinding {
  readonly rule: string;
  readonly severity: HealthSeverity;
  /** One line for a badge's tooltip or a list. */
  readonly title: string;
  /** The evidence and the consequence, in full. */
  readonly message: string;
  /** What to do about it, when there is something to do. */
  readonly fix?: string;
  /** The Job it is about (blocked by, failed, slow…). */
  readonly job?: string;
}

/** The health of one CronJob at `now`. */
export interface CronJobHealth {
  /** healthy: nothing to say; warning: something to look at; unhealthy: runs are being lost or failing. */
  readonly status: 'healthy' | 'warning' | 'unhealthy';
  readonly suspended: boolean;
  readonly findings: readonly HealthFinding[];
  /** The schedule in words, with its zone. */
  readonly scheduleText: string;
  /** The next time the controller will start a run (null when suspended, or when the schedule cannot run). */
  readonly nextRunTime: number | null;
  readonly lastScheduleTime: number | null;
  /** status.lastSuccessfulTime, or the newest successful Job's completion when later. */
  readonly lastSuccessTime: number | null;
  /**
   * When this judgement may change with no new event: a due run's start grace running out. A
   * view redraws then; null when nothing is due.
   */
  readonly recheckAt: number | null;
}

/** What every health rule sees. */
export interface HealthInput {
  readonly cronJob: LiveCronJob;
  /** The Jobs the CronJob owns (any order). */
  readonly jobs: readonly LiveJob[];
  /** Events about the CronJob (any order); may be empty: servers keep events about an hour. */
  readonly events: readonly LiveEvent[];
  readonly now: number;
}
