import { newBackoffRecord } from './backoff';
import { isJobFinished, setCondition } from './conditions';
import { countIndexes, formatIndexIntervals, parseIndexIntervals, withIndexes } from './indexes';
import type { IndexIntervals } from './indexes';
import { EMPTY_JOB_MEMORY } from './jobMemory';
import type { JobMemory } from './jobMemory';
import { COMPLETIONS_REACHED, terminalTarget } from './jobTerminal';
import type { TerminalTarget } from './jobTerminal';
import { manageJob } from './manageJob';
import { tallyPods } from './podTally';
import type { PodTally } from './podTally';
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

/** newJobStatus is the empty status of a just-created Job. */
export function newJobStatus(indexed: boolean, perIndex: boolean): JobStatus {
  return {
    conditions: [],
    startTime: null,
    completionTime: null,
    active: 0,
    ready: 0,
    terminating: 0,
    succeeded: 0,
    failed: 0,
    completedIndexes: indexed ? '' : null,
    failedIndexes: perIndex ? '' : null,
  };
}

const NO_INTERVALS: IndexIntervals = [];

/**
 * syncJob runs one pass of the Job controller for `job` and its `pods` at time `now`
 * (epoch ms). It counts pods that finished since the last pass (those still carrying the
 * tracking finalizer), updates the pod-failure backoff, evaluates the terminal rules in
 * Kubernetes order (FailJob rule, backoffLimit / OnFailure restarts, activeDeadlineSeconds,
 * failed indexes, successPolicy, completions) with the two-step conditions
 * (FailureTarget → Failed, SuccessCriteriaMet → Complete, the final one only once no pod is
 * terminating), handles suspend/resume, and otherwise creates or deletes pods toward
 * min(parallelism, completions − succeeded).
 *
 * Returns {status, actions, events, requeueAfterMs, memory}; the inputs are not changed.
 * Pod-creation events (SuccessfulCreate) are recorded by whoever carries out the createPod
 * action, because only it knows the generated pod name. `eventDetails` false leaves the
 * events' message and object empty; an EventSink gets the events instead of the result (for
 * drivers that only count events by reason).
 *
 * Mirrors pkg/controller/job/job_controller.go `syncJob` and `trackJobStatusAndRemoveFinalizers`;
 * the parts live beside it: podTally.ts, jobTerminal.ts, manageJob.ts, suspend.ts.
 */
export function syncJob(job: JobObject, pods: readonly PodObject[], now: number, memory: JobMemory = EMPTY_JOB_MEMORY, eventDetails: EventDetail = true): JobSyncResult {
  const spec = job.spec;
  // A Job managed by another controller is left alone entirely (managedByExternalController).
  if (spec.managedBy !== null && spec.managedBy !== JOB_CONTROLLER_NAME) return { status: job.status, actions: [], events: [], requeueAfterMs: null, memory };
  if (job.deletionTimestamp !== null || isJobFinished(job.status)) return { status: job.status, actions: [], events: [], requeueAfterMs: null, memory: EMPTY_JOB_MEMORY };

  const events = new SyncEvents('Job', job.name, now, eventDetails);
  const actions = new SyncActions();
  const tally = tallyPods(job, pods, memory, now, actions);
  const counts = countedStatus(job, tally);
  const backoff = newBackoffRecord(memory.backoff, tally.lastSuccess, tally.failureTimes);
  const indexFailures = tally.indexFailures;
  let indexFailuresChanged = tally.indexFailuresChanged;

  let conditions: readonly JobCondition[] = job.status.conditions;
  let startTime = job.status.startTime;
  let completionTime = job.status.completionTime;
  let requeueAfterMs: number | null = null;
  let terminating = tally.terminating;
  let target: TerminalTarget | null = terminalTarget(job, {
    now,
    failed: counts.failed,
    succeeded: counts.succeeded,
    succeededIntervals: counts.succeededIntervals,
    failedIntervals: counts.failedIntervals,
    restarts: tally.restarts,
    failJobMessage: tally.failJobMessage,
    startTime,
  });

  const active = tally.active;
  let activeCount = active.length;
  if (target === null) {
    // manageJob, then the completion check with the active count it leaves.
    const managed = manageJob(
      {
        job,
        active,
        terminating,
        now,
        backoff,
        indexFailures,
        succeededIntervals: counts.succeededIntervals,
        failedIntervals: counts.failedIntervals,
        succeeded: counts.succeeded,
      },
      actions,
      events,
    );
    requeueAfterMs = managed.requeueAfterMs;
    if (managed.createdIndexes !== null && managed.createdIndexes.length > 0) {
      for (const i of managed.createdIndexes) indexFailures.delete(i);
      indexFailuresChanged = true;
    }
    conditions = suspendConditions(conditions, spec.suspend, now, events);
    if (spec.suspend) {
      startTime = null;
    } else if (spec.parallelism > 0 && (startTime === null || wasResumed(job.status, spec.suspend))) {
      startTime = now;
    }
    activeCount = active.length - managed.deleted + managed.created;
    terminating += managed.deleted;
    const completions = spec.completions;
    const complete = completions === null ? counts.succeeded > 0 && activeCount === 0 : counts.succeeded >= completions && activeCount === 0;
    if (complete && !spec.suspend) {
      target = COMPLETIONS_REACHED;
    } else if (!spec.suspend && startTime !== null && spec.activeDeadlineSeconds !== null) {
      const untilDeadline = Math.max(0, startTime + spec.activeDeadlineSeconds * 1000 - now);
      requeueAfterMs = requeueAfterMs === null ? untilDeadline : Math.min(requeueAfterMs, untilDeadline);
    }
  }

  if (target !== null) {
    const interim = target.kind === 'failure' ? 'FailureTarget' : 'SuccessCriteriaMet';
    conditions = setCondition(conditions, interim, 'True', target.reason, target.message, now);
    // Failing: delete active pods keeping their finalizer (they count as failed). Succeeding:
    // strip the finalizer first, so lingering pods are not counted (deleteActivePods).
    for (const pod of active) {
      actions.push({ type: 'deletePod', podName: pod.name, removeFinalizer: target.kind === 'success' });
      events.add('Normal', 'SuccessfulDelete', events.details ? `Deleted pod: ${pod.name}` : '');
    }
    terminating += active.length;
    activeCount = 0;
    if (terminating === 0) {
      // enactJobFinished, recordJobFinished.
      if (target.kind === 'failure') {
        conditions = setCondition(conditions, 'Failed', 'True', target.reason, target.message, now);
        events.add('Warning', target.reason, target.message);
      } else {
        conditions = setCondition(conditions, 'Complete', 'True', target.reason, target.message, now);
        completionTime = now;
        events.add('Normal', 'Completed', 'Job completed');
        if (spec.completions !== null && counts.succeeded > spec.completions) {
          events.add('Warning', 'TooManySucceededPods', `Too many succeeded pods running after completion count reached`);
        }
      }
      requeueAfterMs = null;
    }
  }

  const status: JobStatus = {
    conditions,
    startTime,
    completionTime,
    active: activeCount,
    ready: Math.min(tally.ready, activeCount),
    terminating,
    succeeded: counts.succeeded,
    failed: counts.failed,
    completedIndexes: spec.completionMode === 'Indexed' ? formatIndexIntervals(counts.succeededIntervals) : null,
    failedIndexes: counts.perIndex ? formatIndexIntervals(counts.failedIntervals) : null,
  };
  if (isJobFinished(status)) return { status, actions: actions.list, events: events.list, requeueAfterMs: null, memory: EMPTY_JOB_MEMORY };
  const nextMemory: JobMemory =
    backoff === memory.backoff && !indexFailuresChanged ? memory : { backoff, indexFailures: indexFailuresChanged ? indexFailures : memory.indexFailures };
  return { status, actions: actions.list, events: events.list, requeueAfterMs, memory: nextMemory };
}

/** The counters after this sync's newly finished pods. */
interface CountedStatus {
  readonly succeeded: number;
  readonly failed: number;
  readonly succeededIntervals: IndexIntervals;
  readonly failedIntervals: IndexIntervals;
  readonly perIndex: boolean;
}

/**
 * countedStatus adds the new successes and failures to the Job's counters: for an Indexed Job
 * succeeded is the number of completed indexes (and with backoffLimitPerIndex the failed
 * indexes grow too). Mirrors indexed_job_utils.go `calculateSucceededIndexes`,
 * `calculateFailedIndexes`.
 */
function countedStatus(job: JobObject, tally: PodTally): CountedStatus {
  const spec = job.spec;
  const failed = job.status.failed + tally.newFailed;
  if (spec.completionMode !== 'Indexed') {
    return { succeeded: job.status.succeeded + tally.newSucceeded, failed, succeededIntervals: NO_INTERVALS, failedIntervals: NO_INTERVALS, perIndex: false };
  }
  const completions = spec.completions ?? undefined;
  const parsed = parseIndexIntervals(job.status.completedIndexes ?? '');
  const succeededIntervals = withIndexes(parsed.ok ? parsed.intervals : [], tally.newSucceededIndexes ?? [], completions);
  const perIndex = spec.backoffLimitPerIndex !== null;
  let failedIntervals = NO_INTERVALS;
  if (perIndex) {
    const parsedFailed = parseIndexIntervals(job.status.failedIndexes ?? '');
    failedIntervals = withIndexes(parsedFailed.ok ? parsedFailed.intervals : [], tally.newFailedIndexes ?? [], completions);
  }
  return { succeeded: countIndexes(succeededIntervals), failed, succeededIntervals, failedIntervals, perIndex };
}
