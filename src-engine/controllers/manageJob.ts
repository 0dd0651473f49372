import { recordRemainingMs } from './backoff';
import type { BackoffRecord } from './backoff';
import { hasIndex, withIndexes } from './indexes';
import type { IndexIntervals } from './indexes';
import { indexBackoffRemainingMs } from './jobMemory';
import { podRequest } from './podRequest';
import type { PodTally } from './podTally';
import type { SyncActions } from './syncActions';
import type { SyncEvents } from './syncEvents';
import type { JobObject, JobSpec, PodObject } from './types';

/** MaxPodCreateDeletePerSync: pods created or deleted in one sync at most. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

/** What manageJob reads besides the Job and what this sync found out about its pods (PodTally). */
export interface ManageJobInput {
  readonly now: number;
  /** The pod-failure backoff record after this sync's new failures. */
  readonly backoff: BackoffRecord;
  /**
   * syncJobBatchPeriod: the controller comes back no sooner than this after a sync that left
   * pods to create or delete (the events of the pods it did create or delete bring it back,
   * batched), and never waits less than this for a backoff to end (enqueueSyncJobWithDelay).
   */
  readonly batchPeriodMs: number;
}

/** What manageJob did; its actions and events went straight into the sync's lists. */
export interface ManageResult {
  readonly created: number;
  /** Indexes of the pods created (per-index backoff only), else null. */
  readonly createdIndexes: number[] | null;
  readonly deleted: number;
  /** How many of the deleted pods were ready (running). */
  readonly deletedReady: number;
  readonly requeueAfterMs: number | null;
}

const NO_PODS: readonly PodObject[] = [];
const MANAGED_NOTHING: ManageResult = { created: 0, createdIndexes: null, deleted: 0, deletedReady: 0, requeueAfterMs: null };

/** created: a ManageResult for pods created (a literal: this runs in every sync that creates). */
function created(count: number, createdIndexes: number[] | null, requeueAfterMs: number | null): ManageResult {
  return { created: count, createdIndexes, deleted: 0, deletedReady: 0, requeueAfterMs };
}

/** waiting: nothing done, come back after `requeueAfterMs`. */
function waiting(requeueAfterMs: number): ManageResult {
  return { created: 0, createdIndexes: null, deleted: 0, deletedReady: 0, requeueAfterMs };
}

/**
 * manageJob creates or deletes pods (never both in one pass) so that the number of active
 * pods approaches wantActive, holding creation back during the pod-failure backoff (for the
 * whole Job, or with backoffLimitPerIndex for each index).
 * Mirrors job_controller.go `manageJob` and `getPodCreationInfoForIndependentIndexes`.
 */
export function manageJob(
  job: JobObject,
  tally: PodTally,
  input: ManageJobInput,
  actions: SyncActions,
  events: SyncEvents,
): ManageResult {
  const active = tally.active;
  const spec = job.spec;
  if (spec.suspend) return deletePods(active, input.batchPeriodMs, actions, events);
  const want = wantActive(spec, tally.succeeded, active.length);
  const victims = activePodsForRemoval(spec, active, tally.succeededIntervals, active.length - want);
  if (victims.length > 0) return deletePods(victims, input.batchPeriodMs, actions, events);

  const onlyReplaceFailed = spec.podReplacementPolicy === 'Failed' || spec.podFailurePolicy !== null;
  const diff = want - active.length - (onlyReplaceFailed ? tally.terminating : 0);
  if (diff <= 0) return MANAGED_NOTHING;
  const perIndex = spec.completionMode === 'Indexed' && spec.backoffLimitPerIndex !== null;
  if (!perIndex) {
    const remaining = recordRemainingMs(input.backoff, input.now);
    if (remaining > 0) return waiting(Math.max(remaining, input.batchPeriodMs));
  }
  const more = diff > MAX_POD_CREATE_DELETE_PER_SYNC;
  const count = more ? MAX_POD_CREATE_DELETE_PER_SYNC : diff;
  if (spec.completionMode !== 'Indexed') {
    // Every pod of a NonIndexed Job is asked for with the same (read-only) request.
    const request = podRequest(job, null, null);
    for (let i = 0; i < count; i++) actions.push({ type: 'createPod', pod: request });
    return created(count, null, more ? input.batchPeriodMs : null);
  }
  const pending = firstPendingIndexes(spec.completions as number, tally, count, onlyReplaceFailed);
  return createIndexedPods(job, tally, input, pending, more, perIndex, actions);
}

/**
 * wantActive: parallelism, but never more than the completions still needed; a work-queue
 * Job (no completions) keeps what runs once one pod succeeded (job_controller.go `manageJob`).
 */
function wantActive(spec: JobSpec, succeeded: number, active: number): number {
  if (spec.completions === null) return succeeded > 0 ? active : spec.parallelism;
  return Math.max(0, Math.min(spec.completions - succeeded, spec.parallelism));
}

/**
 * activePodsForRemoval picks the pods to delete: for an Indexed Job first every pod with a
 * missing, out-of-range, duplicate or already succeeded index (when there are any, only
 * those); then, for `excess` > 0, the pods not running yet, newest first (controller.ActivePods
 * order). Mirrors job_controller.go `activePodsForRemoval` and indexed_job_utils.go
 * `appendDuplicatedIndexPodsForRemoval`.
 */
function activePodsForRemoval(
  spec: JobSpec,
  active: readonly PodObject[],
  succeededIntervals: IndexIntervals,
  excess: number,
): readonly PodObject[] {
  if (spec.completionMode === 'Indexed') {
    const seen = new Set<number>();
    const extra: PodObject[] = [];
    for (const pod of active) {
      const i = pod.index;
      if (
        i === null ||
        spec.completions === null ||
        i < 0 ||
        i >= spec.completions ||
        seen.has(i) ||
        hasIndex(succeededIntervals, i)
      ) {
        extra.push(pod);
      } else seen.add(i);
    }
    if (extra.length > 0) return extra;
  }
  if (excess <= 0) return NO_PODS;
  const ordered = active.slice().sort((a, b) => {
    const ra = a.phase === 'Running' ? 1 : 0;
    const rb = b.phase === 'Running' ? 1 : 0;
    if (ra !== rb) return ra - rb;
    if (a.creationTimestamp !== b.creationTimestamp) return b.creationTimestamp - a.creationTimestamp;
    return a.name < b.name ? 1 : -1;
  });
  return ordered.slice(0, excess);
}

/**
 * firstPendingIndexes returns the `count` lowest indexes below completions that no active pod
 * holds (nor, under podReplacementPolicy Failed, a terminating one) and that have neither
 * succeeded nor failed. Mirrors indexed_job_utils.go `firstPendingIndexes`.
 */
export function firstPendingIndexes(completions: number, tally: PodTally, count: number, onlyReplaceFailed: boolean): number[] {
  const held: number[] = [];
  for (const pod of tally.active) if (pod.index !== null) held.push(pod.index);
  if (onlyReplaceFailed && tally.terminatingIndexes !== null) held.push(...tally.terminatingIndexes);
  let nonPending = withIndexes(tally.succeededIntervals, held, completions);
  if (tally.failedIntervals.length > 0) nonPending = withIndexes(nonPending, flatten(tally.failedIntervals), completions);
  const result: number[] = [];
  let candidate = 0;
  for (const iv of nonPending) {
    for (; candidate < completions && result.length < count && candidate < iv.first; candidate++) result.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && result.length < count; candidate++) result.push(candidate);
  return result;
}

/** flatten lists the indexes of a few intervals (failed indexes are few: at most maxFailedIndexes + 1). */
function flatten(intervals: IndexIntervals): number[] {
  const out: number[] = [];
  for (const { first, last } of intervals) for (let i = first; i <= last; i++) out.push(i);
  return out;
}

/**
 * createIndexedPods creates the pods of `pending` indexes. With backoffLimitPerIndex only the
 * indexes whose backoff has ended are created now; an index still in backoff keeps its slot
 * empty (no higher index takes it), and when none is ready the controller comes back when the
 * first backoff ends. Mirrors job_controller.go `manageJob` and
 * `getPodCreationInfoForIndependentIndexes`.
 */
function createIndexedPods(
  job: JobObject,
  tally: PodTally,
  input: ManageJobInput,
  pending: readonly number[],
  more: boolean,
  perIndex: boolean,
  actions: SyncActions,
): ManageResult {
  const now = input.now;
  const createdIndexes: number[] | null = perIndex ? [] : null;
  let count = 0;
  let held = false;
  let minRemaining: number | null = null;
  for (const i of pending) {
    const failures = perIndex ? tally.indexFailures.get(i) : undefined;
    if (failures !== undefined) {
      const remaining = indexBackoffRemainingMs(failures, now);
      if (remaining > 0) {
        held = true;
        minRemaining = minRemaining === null ? remaining : Math.min(minRemaining, remaining);
        continue;
      }
    }
    actions.push({ type: 'createPod', pod: podRequest(job, i, failures ?? null) });
    if (createdIndexes !== null) createdIndexes.push(i);
    count++;
  }
  if (count === 0 && minRemaining !== null) return waiting(Math.max(minRemaining, input.batchPeriodMs));
  // The created pods' events bring the controller back for what is left: more pods than one
  // sync may create, or indexes whose backoff had not ended.
  return created(count, createdIndexes, more || held ? input.batchPeriodMs : null);
}

/**
 * deletePods deletes up to MaxPodCreateDeletePerSync victims (stripping the finalizer); their
 * events bring the controller back for the rest.
 */
function deletePods(
  victims: readonly PodObject[],
  batchPeriodMs: number,
  actions: SyncActions,
  events: SyncEvents,
): ManageResult {
  const n = Math.min(victims.length, MAX_POD_CREATE_DELETE_PER_SYNC);
  let deletedReady = 0;
  for (let i = 0; i < n; i++) {
    const pod = victims[i] as PodObject;
    actions.push({ type: 'deletePod', podName: pod.name, removeFinalizer: true });
    events.add('Normal', 'SuccessfulDelete', events.details ? `Deleted pod: ${pod.name}` : '');
    if (pod.phase === 'Running') deletedReady++;
  }
  return {
    created: 0,
    createdIndexes: null,
    deleted: n,
    deletedReady,
    requeueAfterMs: victims.length > n ? batchPeriodMs : null,
  };
}
