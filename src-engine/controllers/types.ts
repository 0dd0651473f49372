/**
 * Plain data the Job and CronJob step functions read and return. Field names follow
 * batch/v1 and core/v1; times are epoch milliseconds (null when unset). Everything here is
 * serialisable, so the simulator (virtual clock) and the local runtime (real clock) can hold
 * the same objects.
 */

/** A Job or CronJob condition, as in batch/v1 JobCondition. */
export interface JobCondition {
  readonly type: JobConditionType;
  readonly status: 'True' | 'False';
  readonly reason: string;
  readonly message: string;
  readonly lastTransitionTime: number;
}

export type JobConditionType = 'Complete' | 'Failed' | 'Suspended' | 'FailureTarget' | 'SuccessCriteriaMet';

/** One podFailurePolicy rule after defaulting (batch/v1 PodFailurePolicyRule). */
export interface PodFailurePolicyRule {
  readonly action: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';
  readonly onExitCodes?: {
    readonly containerName?: string;
    readonly operator: 'In' | 'NotIn';
    readonly values: readonly number[];
  };
  readonly onPodConditions?: readonly { readonly type: string; readonly status: string }[];
}

/** One successPolicy rule (batch/v1 SuccessPolicyRule). */
export interface SuccessPolicyRule {
  readonly succeededIndexes?: string;
  readonly succeededCount?: number;
}

/** The Job spec fields the controller reads, after the API server's defaults (defaults.go `SetDefaults_Job`). */
export interface JobSpec {
  readonly parallelism: number;
  /** null = work-queue Job (completions unset). */
  readonly completions: number | null;
  readonly completionMode: 'NonIndexed' | 'Indexed';
  readonly backoffLimit: number;
  readonly backoffLimitPerIndex: number | null;
  readonly maxFailedIndexes: number | null;
  readonly activeDeadlineSeconds: number | null;
  readonly ttlSecondsAfterFinished: number | null;
  readonly suspend: boolean;
  readonly podFailurePolicy: readonly PodFailurePolicyRule[] | null;
  readonly successPolicy: readonly SuccessPolicyRule[] | null;
  readonly podReplacementPolicy: 'Failed' | 'TerminatingOrFailed';
  readonly managedBy: string | null;
  readonly restartPolicy: 'Never' | 'OnFailure';
  /** Names of the regular containers of the pod template (first one is the one that "fails"). */
  readonly containerNames: readonly string[];
}

/** batch/v1 JobStatus (the fields kube-jobs tracks). */
export interface JobStatus {
  readonly conditions: readonly JobCondition[];
  readonly startTime: number | null;
  readonly completionTime: number | null;
  readonly active: number;
  readonly ready: number;
  readonly terminating: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Indexed Jobs: interval text ("0-2,5"); "" for none; null for NonIndexed. */
  readonly completedIndexes: string | null;
  /** Indexed Jobs with backoffLimitPerIndex: interval text; null otherwise. */
  readonly failedIndexes: string | null;
}

/** A Job as the controller sees it. */
export interface JobObject {
  readonly name: string;
  readonly namespace: string;
  readonly creationTimestamp: number;
  readonly deletionTimestamp: number | null;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: JobSpec;
  readonly status: JobStatus;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** A pod of a Job as the controller sees it (core/v1 Pod, reduced). */
export interface PodObject {
  readonly name: string;
  readonly creationTimestamp: number;
  /** Completion index (annotation and label batch.kubernetes.io/job-completion-index); null for NonIndexed. */
  readonly index: number | null;
  readonly phase: PodPhase;
  readonly deletionTimestamp: number | null;
  /** Carries finalizer batch.kubernetes.io/job-tracking (not yet counted in the Job status). */
  readonly hasTrackingFinalizer: boolean;
  /** When all containers terminated (container finishedAt); null while running. */
  readonly finishedAt: number | null;
  /** Exit code of the terminated main container; null while running. */
  readonly exitCode: number | null;
  /** Sum of container restartCount (restartPolicy OnFailure). */
  readonly restartCount: number;
  readonly conditions: readonly { readonly type: string; readonly status: string }[];
  /** Annotation batch.kubernetes.io/job-index-failure-count. */
  readonly indexFailureCount: number;
  /** Annotation batch.kubernetes.io/job-index-ignored-failure-count. */
  readonly indexIgnoredFailureCount: number;
}

/** What a new pod must look like; the API server (world) picks the final name from generateName. */
export interface PodTemplateRequest {
  readonly generateName: string;
  readonly index: number | null;
  /** spec.hostname for Indexed pods (`<job>-<index>`). */
  readonly hostname: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Env vars appended to every container (JOB_COMPLETION_INDEX for Indexed Jobs). */
  readonly env: readonly { readonly name: string; readonly valueFrom: string }[];
  readonly indexFailureCount: number;
  readonly indexIgnoredFailureCount: number;
}

/** A change the Job controller asks for; the driver (simulator or runtime) carries it out. */
export type JobAction =
  | { readonly type: 'createPod'; readonly pod: PodTemplateRequest }
  /**
   * Delete a pod. `removeFinalizer` true = the tracking finalizer is stripped first, so the
   * pod is never counted (suspend, scale-down, success policy); false = it is counted as failed
   * when it terminates (Job failing).
   */
  | { readonly type: 'deletePod'; readonly podName: string; readonly removeFinalizer: boolean }
  /** The pod was counted in status; drop batch.kubernetes.io/job-tracking. */
  | { readonly type: 'removeFinalizer'; readonly podName: string };

/** An event the controller records (core/v1 Event, reduced). */
export interface ControllerEvent {
  readonly time: number;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** `Job/<name>`, `CronJob/<name>` or `Pod/<name>`. */
  readonly object: string;
}

/** Result of a sync: the new status, what to do, what to record, when to look again. */
export interface SyncResult<S, A> {
  readonly status: S;
  readonly actions: readonly A[];
  readonly events: readonly ControllerEvent[];
  /** Ask to be synced again after this many ms (queue.AddAfter); null = only on changes. */
  readonly requeueAfterMs: number | null;
}

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const JOB_INDEX_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-failure-count';
export const JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-ignored-failure-count';
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
export const JOB_CONTROLLER_NAME = 'kubernetes.io/job-controller';
