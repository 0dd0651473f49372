import { countIndexes, parseIndexIntervals, withIndexes } from './indexes';
import type { IndexIntervals } from './indexes';
import type { IndexFailureRecord, JobMemory } from './jobMemory';
import { matchPodFailurePolicy } from './podFailurePolicy';
import type { SyncActions } from './syncActions';
import type { JobObject, PodObject } from './types';

/** What one pass over a Job's pods found (job_controller.go `syncJob` up to the terminal checks). */
export interface PodTally {
  /** Pods neither finished nor being deleted (controller.FilterActivePods). */
  readonly active: PodObject[];
  /** Pods being deleted that have not finished (controller.CountTerminatingPods). */
  readonly terminating: number;
  /** Completion indexes of those pods (null for none). */
  readonly terminatingIndexes: number[] | null;
  /** Active pods that are running (no readiness probes are modelled: running is ready). */
  readonly ready: number;
  /** Container restarts of the active pods (pastBackoffLimitOnFailure). */
  readonly restarts: number;
  /** status.succeeded with this pass's new successes (for an Indexed Job, the completed indexes). */
  readonly succeeded: number;
  /** status.failed with this pass's new failures (those the podFailurePolicy does not ignore). */
  readonly failed: number;
  /** Indexed: the completed indexes, new ones included (empty otherwise). */
  readonly succeededIntervals: IndexIntervals;
  /** backoffLimitPerIndex: the failed indexes, new ones included (empty otherwise). */
  readonly failedIntervals: IndexIntervals;
  /** Backoff inputs: finish time of the latest new success, finish times of the new failures. */
  readonly lastSuccess: number | null;
  readonly failureTimes: number[] | null;
  /** Message of the first FailJob rule a new failure matched, or null. */
  readonly failJobMessage: string | null;
  /** Per-index failure records after this pass (the memory's own map when unchanged). */
  readonly indexFailures: Map<number, IndexFailureRecord>;
  readonly indexFailuresChanged: boolean;
}

const NO_INTERVALS: IndexIntervals = [];

/**
 * withStatusIndexes: the index set written in the status plus the new indexes. Mirrors
 * indexed_job_utils.go `calculateSucceededIndexes`, `calculateFailedIndexes`.
 */
function withStatusIndexes(text: string | null, added: readonly number[] | null, completions: number | null): IndexIntervals {
  const parsed = parseIndexIntervals(text ?? '');
  return withIndexes(parsed.ok ? parsed.intervals : NO_INTERVALS, added ?? [], completions ?? undefined);
}

/** validIndex: the pod has a completion index in [0, completions). */
export function validIndex(p: PodObject, completions: number | null): boolean {
  return p.index !== null && completions !== null && p.index >= 0 && p.index < completions;
}

/**
 * tallyPods classifies the pods of `job` and counts the ones that finished since the last
 * pass (those still carrying the tracking finalizer), asking for each finalizer's removal in
 * `actions`. Failures go through the podFailurePolicy (Ignore: not counted, but per index
 * remembered; FailJob: the Job fails; FailIndex: the index fails). Without "only replace
 * failed pods", a pod being deleted counts as failed at once (`isPodFailed`).
 * Mirrors job_controller.go `syncJob` (FilterActivePods, countReadyPods, getNewFinishedPods),
 * `trackJobStatusAndRemoveFinalizers`, `isPodFailed` and indexed_job_utils.go
 * `calculateSucceededIndexes`, `calculateFailedIndexes`, `getNewIndexFailureCounts`.
 */
export function tallyPods(
  job: JobObject,
  pods: readonly PodObject[],
  memory: JobMemory,
  now: number,
  actions: SyncActions,
): PodTally {
  const spec = job.spec;
  const indexed = spec.completionMode === 'Indexed';
  const completions = spec.completions;
  const perIndex = indexed && spec.backoffLimitPerIndex !== null;
  const onlyReplaceFailed = spec.podReplacementPolicy === 'Failed' || spec.podFailurePolicy !== null;
  const mainContainer = spec.containerNames[0] ?? 'main';

  // Sized up front (an empty literal grows to 17 slots on its first push, every sync).
  let activeSize = 0;
  for (const pod of pods) if (pod.deletionTimestamp === null && pod.phase !== 'Succeeded' && pod.phase !== 'Failed') activeSize++;
  const active: PodObject[] = activeSize === 0 ? [] : new Array<PodObject>(activeSize);
  let activeFilled = 0;
  let terminating = 0;
  let terminatingIndexes: number[] | null = null;
  let ready = 0;
  let restarts = 0;
  let newSucceeded = 0;
  let newSucceededIndexes: number[] | null = null;
  let newFailed = 0;
  let newFailedIndexes: number[] | null = null;
  let lastSuccess: number | null = null;
  let failureTimes: number[] | null = null;
  let failJobMessage: string | null = null;
  // Only Jobs with backoffLimitPerIndex keep per-index records; others never copy the map.
  const indexFailures: Map<number, IndexFailureRecord> = perIndex
    ? new Map(memory.indexFailures)
    : (memory.indexFailures as Map<number, IndexFailureRecord>);
  let indexFailuresChanged = false;

  for (const pod of pods) {
    const phase = pod.phase;
    const finished = phase === 'Succeeded' || phase === 'Failed';
    if (!finished) {
      if (pod.deletionTimestamp === null) {
        active[activeFilled++] = pod;
        if (phase === 'Running') ready++;
        restarts += pod.restartCount;
      } else {
        terminating++;
        if (pod.index !== null) (terminatingIndexes ??= []).push(pod.index);
      }
    }
    if (!pod.hasTrackingFinalizer) continue;
    if (phase === 'Succeeded') {
      actions.push({ type: 'removeFinalizer', podName: pod.name });
      const finishedAt = pod.finishedAt ?? now;
      if (lastSuccess === null || finishedAt > lastSuccess) lastSuccess = finishedAt;
      if (indexed) {
        if (validIndex(pod, completions)) (newSucceededIndexes ??= []).push(pod.index as number);
      } else {
        newSucceeded++;
      }
    } else if (phase === 'Failed' || (!finished && pod.deletionTimestamp !== null && !onlyReplaceFailed)) {
      actions.push({ type: 'removeFinalizer', podName: pod.name });
      const finishedAt = pod.finishedAt ?? pod.deletionTimestamp ?? now;
      (failureTimes ??= []).push(finishedAt);
      const match = matchPodFailurePolicy(spec.podFailurePolicy, pod, job.namespace, mainContainer);
      if (match.action === 'Ignore') {
        // Ignored failures are not counted, but they do feed the backoff (getNewIndexFailureCounts).
        if (perIndex && validIndex(pod, completions)) {
          indexFailures.set(pod.index as number, {
            failureCount: pod.indexFailureCount,
            ignoredFailureCount: pod.indexIgnoredFailureCount + 1,
            lastFailureTime: finishedAt,
          });
          indexFailuresChanged = true;
        }
        continue;
      }
      newFailed++;
      if (match.action === 'FailJob' && failJobMessage === null) failJobMessage = match.message ?? '';
      if (perIndex && validIndex(pod, completions)) {
        const i = pod.index as number;
        if (match.action === 'FailIndex' || pod.indexFailureCount >= (spec.backoffLimitPerIndex as number)) {
          (newFailedIndexes ??= []).push(i);
          indexFailures.delete(i);
        } else {
          indexFailures.set(i, {
            failureCount: pod.indexFailureCount + 1,
            ignoredFailureCount: pod.indexIgnoredFailureCount,
            lastFailureTime: finishedAt,
          });
        }
        indexFailuresChanged = true;
      }
    }
  }
  const failed = job.status.failed + newFailed;
  let succeeded = job.status.succeeded + newSucceeded;
  let succeededIntervals = NO_INTERVALS;
  let failedIntervals = NO_INTERVALS;
  if (indexed) {
    succeededIntervals = withStatusIndexes(job.status.completedIndexes, newSucceededIndexes, completions);
    succeeded = countIndexes(succeededIntervals);
    if (perIndex) failedIntervals = withStatusIndexes(job.status.failedIndexes, newFailedIndexes, completions);
  }
  return {
    active,
    terminating,
    terminatingIndexes,
    ready,
    restarts,
    succeeded,
    failed,
    succeededIntervals,
    failedIntervals,
    lastSuccess,
    failureTimes,
    failJobMessage,
    indexFailures,
    indexFailuresChanged,
  };
}

/**
 * countRemainingAsFailed: once a Job is failing, every pod still carrying the tracking
 * finalizer that this sync has not counted yet (running, pending, or terminating under
 * podReplacementPolicy Failed) is counted as failed now and its finalizer removed, unless the
 * podFailurePolicy ignores it. Those pods never add their index to failedIndexes: they had not
 * failed when the controller counted them. The caller deletes the active ones (with their
 * finalizer removed); this asks for the terminating ones' finalizer removal. Returns how many
 * were counted. Mirrors job_controller.go `trackJobStatusAndRemoveFinalizers` ("When the job is
 * considered finished, every non-terminated pod is considered failed") and `canRemoveFinalizer`.
 */
export function countRemainingAsFailed(job: JobObject, pods: readonly PodObject[], actions: SyncActions): number {
  const spec = job.spec;
  const onlyReplaceFailed = spec.podReplacementPolicy === 'Failed' || spec.podFailurePolicy !== null;
  const mainContainer = spec.containerNames[0] ?? 'main';
  let counted = 0;
  for (const pod of pods) {
    if (!pod.hasTrackingFinalizer || pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    const deleting = pod.deletionTimestamp !== null;
    // Counted by tallyPods already (isPodFailed).
    if (deleting && !onlyReplaceFailed) continue;
    if (deleting) actions.push({ type: 'removeFinalizer', podName: pod.name });
    if (spec.completionMode === 'Indexed' && !validIndex(pod, spec.completions)) continue;
    if (matchPodFailurePolicy(spec.podFailurePolicy, pod, job.namespace, mainContainer).action !== 'Ignore') counted++;
  }
  return counted;
}
