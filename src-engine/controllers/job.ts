import { apiTime } from './apiTime';
import { newBackoffRecord } from './backoff';
import { isJobFinished, setCondition } from './conditions';
import { formatIndexIntervals } from './indexes';
import { EMPTY_JOB_MEMORY } from './jobMemory';
import type { JobMemory } from './jobMemory';
import { COMPLETIONS_REACHED, terminalTarget } from './jobTerminal';
import type { TerminalTarget } from './jobTerminal';
import { manageJob } from './manageJob';
import { countRemainingAsFailed, tallyPods } from './podTally';
import { suspendConditions, wasResumed } from './suspend';
import { SyncActions } from './syncActions';
import { SyncEvents } from './syncEvents';
import type { EventDetail } from './syncEvents';
import { JOB_CONTROLLER_NAME } from './types';
import type { JobAction, JobCondition, JobObject, JobStatus, PodObject, SyncResult } from './types';

/** Result of syncJob: SyncResult plus the controller memory to pass to the next sync. */
export interface JobSyncResult extends SyncResult<JobStatus, JobAction> {
  readonly memory: JobMemory;
}

/** syncJobBatchPeriod: pod events (and the Job's own status updates) are handled in a sync this much later, batched. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;

/** How syncJob is called besides the Job, its pods and the time. */
export interface SyncJobOptions {
  /** What the controller remembers of the Job from its last sync (default: nothing). */
  readonly memory?: JobMemory;
  /** How events are reported (default: in full); see EventDetail. */
  readonly eventDetails?: EventDetail;
  /**
   * The batch period the driver's queue applies to pod events (default 1 s, as in
   * Kubernetes; 0 for a model where the controller reacts at once). It is also the shortest
   * wait for a backoff and the delay before the controller comes back to a sync that left
   * pods to create (manageJob).
   */
  readonly batchPeriodMs?: number;
  /**
   * Write times into the status in whole seconds, as the API server stores them (metav1.Time,
   * apiTime.ts), so that the driver's store need not copy the status to cut them. The sync's
   * own decisions still use the exact `now`. Default false.
   */
  readonly wholeSecondTimes?: boolean;
}

/**
 * syncJob runs one pass of the Job controller for `job` and its `pods` at time `now`
 * (epoch ms). It sets startTime on the first pass, counts pods that finished since the last
 * pass (those still carrying the tracking finalizer), updates the pod-failure backoff,
 * evaluates the terminal rules in Kubernetes order (FailJob rule, backoffLimit / OnFailure
 * restarts, activeDeadlineSeconds, failed indexes, successPolicy, completions) with the
 * two-step conditions (FailureTarget → Failed, SuccessCriteriaMet → Complete, the final one
 * only once no pod is terminating), handles suspend/resume, and otherwise creates or deletes
 * pods toward min(parallelism, completions − succeeded).
 *
 * Returns {status, actions, events, requeueAfterMs, memory}; the inputs are not changed.
 * Pod-creation events (SuccessfulCreate) are recorded by whoever carries out the createPod
 * action, because only it knows the generated pod name.
 *
 * Mirrors pkg/controller/job/job_controller.go `syncJob` and `trackJobStatusAndRemoveFinalizers`;
 * the parts live beside it: podTally.ts, jobTerminal.ts, manageJob.ts, suspend.ts.
 */
export function syncJob(job: JobObject, pods: readonly PodObject[], now: number, options: SyncJobOptions = {}): JobSyncResult {
  const memory = options.memory ?? EMPTY_JOB_MEMORY;
  const spec = job.spec;
  // A Job managed by another controller is left alone entirely (managedByExternalController).
  if (spec.managedBy !== null && spec.managedBy !== JOB_CONTROLLER_NAME) {
    return { status: job.status, actions: [], events: [], requeueAfterMs: null, memory };
  }
  if (job.deletionTimestamp !== null || isJobFinished(job.status)) {
    return { status: job.status, actions: [], events: [], requeueAfterMs: null, memory: EMPTY_JOB_MEMORY };
  }

  const batchPeriodMs = options.batchPeriodMs ?? SYNC_JOB_BATCH_PERIOD_MS;
  const events = new SyncEvents('Job', job.name, now, options.eventDetails ?? true);
  // The time written into the status (startTime, completionTime, conditions).
  const stamp = options.wholeSecondTimes === true ? apiTime(now) : now;
  const actions = new SyncActions();
  const tally = tallyPods(job, pods, memory, now, actions);
  const backoff = newBackoffRecord(memory.backoff, tally.lastSuccess, tally.failureTimes);
  const indexFailures = tally.indexFailures;
  let indexFailuresChanged = tally.indexFailuresChanged;

  let conditions: readonly JobCondition[] = job.status.conditions;
  // The first sync of a Job that is not suspended starts its clock, whether or not it will create a pod.
  let startTime = job.status.startTime ?? (spec.suspend ? null : now);
  let completionTime = job.status.completionTime;
  let requeueAfterMs: number | null = null;
  let terminating = tally.terminating;
  let failed = tally.failed;
  let target: TerminalTarget | null = terminalTarget(job, tally, startTime, now);
  if (target === null && !spec.suspend && startTime !== null && spec.activeDeadlineSeconds !== null) {
    requeueAfterMs = Math.max(0, startTime + spec.activeDeadlineSeconds * 1000 - now);
  }

  const active = tally.active;
  let activeCount = active.length;
  let ready = tally.ready;
  if (target === null) {
    // manageJob, then the completion check with the active count it leaves.
    const managed = manageJob(job, tally, { now, backoff, batchPeriodMs }, actions, events);
    if (managed.requeueAfterMs !== null) {
      requeueAfterMs = requeueAfterMs === null ? managed.requeueAfterMs : Math.min(requeueAfterMs, managed.requeueAfterMs);
    }
    if (managed.createdIndexes !== null && managed.createdIndexes.length > 0) {
      for (const i of managed.createdIndexes) indexFailures.delete(i);
      indexFailuresChanged = true;
    }
    if (spec.suspend) startTime = null;
    else if (wasResumed(job.status, spec.suspend)) startTime = now;
    conditions = suspendConditions(conditions, spec.suspend, stamp, events);
    activeCount = active.length - managed.deleted + managed.created;
    ready -= managed.deletedReady;
    terminating += managed.deleted;
    const completions = spec.completions;
    const complete =
      completions === null ? tally.succeeded > 0 && activeCount === 0 : tally.succeeded >= completions && activeCount === 0;
    if (complete && !spec.suspend) target = COMPLETIONS_REACHED;
  }

  if (target !== null) {
    const interim = target.kind === 'failure' ? 'FailureTarget' : 'SuccessCriteriaMet';
    conditions = setCondition(conditions, interim, 'True', target.reason, target.message, stamp);
    // Failing, every pod not counted yet counts as failed now; either way the active pods are
    // deleted with their finalizer removed (deleteActivePods, then canRemoveFinalizer).
    if (target.kind === 'failure') failed += countRemainingAsFailed(job, pods, actions);
    for (const pod of active) {
      actions.push({ type: 'deletePod', podName: pod.name, removeFinalizer: true });
      events.add('Normal', 'SuccessfulDelete', events.details ? `Deleted pod: ${pod.name}` : '');
    }
    terminating += active.length;
    activeCount = 0;
    ready = 0;
    requeueAfterMs = null;
    if (terminating === 0) {
      // enactJobFinished, recordJobFinished.
      if (target.kind === 'failure') {
        conditions = setCondition(conditions, 'Failed', 'True', target.reason, target.message, stamp);
        events.add('Warning', target.reason, target.message);
      } else {
        conditions = setCondition(conditions, 'Complete', 'True', target.reason, target.message, stamp);
        completionTime = stamp;
        events.add('Normal', 'Completed', 'Job completed');
        if (spec.completions !== null && tally.succeeded > spec.completions) {
          events.add('Warning', 'TooManySucceededPods', `Too many succeeded pods running after completion count reached`);
        }
      }
    }
  }

  const status: JobStatus = {
    conditions,
    // A startTime set in this sync is written as the API stores it.
    startTime: startTime === now ? stamp : startTime,
    completionTime,
    active: activeCount,
    ready,
    terminating,
    succeeded: tally.succeeded,
    failed,
    completedIndexes: spec.completionMode === 'Indexed' ? formatIndexIntervals(tally.succeededIntervals) : null,
    failedIndexes:
      spec.completionMode === 'Indexed' && spec.backoffLimitPerIndex !== null
        ? formatIndexIntervals(tally.failedIntervals)
        : null,
  };
  if (isJobFinished(status)) {
    return { status, actions: actions.list, events: events.list, requeueAfterMs: null, memory: EMPTY_JOB_MEMORY };
  }
  const nextMemory: JobMemory =
    backoff === memory.backoff && !indexFailuresChanged
      ? memory
      : { backoff, indexFailures: indexFailuresChanged ? indexFailures : memory.indexFailures };
  return { status, actions: actions.list, events: events.list, requeueAfterMs, memory: nextMemory };
}
