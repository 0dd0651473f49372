import { recordRemainingMs } from './backoff';
import type { BackoffRecord } from './backoff';
import { hasIndex } from './indexes';
import type { IndexIntervals } from './indexes';
import { indexBackoffRemainingMs } from './jobMemory';
import type { IndexFailureRecord } from './jobMemory';
import { podRequest } from './podRequest';
import type { SyncActions } from './syncActions';
import type { SyncEvents } from './syncEvents';
import type { JobObject, JobSpec, PodObject } from './types';

/** MaxPodCreateDeletePerSync: pods created or deleted in one sync at most. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** Shortest re-queue while the pod-failure backoff holds creation back. */
export const MIN_BACKOFF_REQUEUE_MS = 1000;

/** What manageJob reads: the Job and what this sync found out about its pods. */
export interface ManageJobInput {
  readonly job: JobObject;
  readonly active: readonly PodObject[];
  readonly terminating: number;
  readonly now: number;
  /** The pod-failure backoff record after this sync's new failures. */
  readonly backoff: BackoffRecord;
  readonly indexFailures: ReadonlyMap<number, IndexFailureRecord>;
  readonly succeededIntervals: IndexIntervals;
  readonly failedIntervals: IndexIntervals;
  readonly succeeded: number;
}

/** What manageJob did; its actions and events went straight into the sync's lists. */
export interface ManageResult {
  readonly created: number;
  /** Indexes of the pods created (per-index backoff only), else null. */
  readonly createdIndexes: number[] | null;
  readonly deleted: number;
  readonly requeueAfterMs: number | null;
}

const MANAGED_NOTHING: ManageResult = { created: 0, createdIndexes: null, deleted: 0, requeueAfterMs: null };

/**
 * manageJob creates or deletes pods (never both in one pass) so that the number of active
 * pods approaches wantActive, holding creation back during the pod-failure backoff.
 * Mirrors job_controller.go `manageJob`.
 */
export function manageJob(input: ManageJobInput, actions: SyncActions, events: SyncEvents): ManageResult {
  const { job, active } = input;
  const spec = job.spec;
  if (spec.suspend) return deletePods(active, actions, events);
  const want = wantActive(spec, input.succeeded, active.length);
  const victims = activePodsForRemoval(spec, active, input.succeededIntervals, active.length - want);
  if (victims.length > 0) return deletePods(victims, actions, events);

  const onlyReplaceFailed = spec.podReplacementPolicy === 'Failed' || spec.podFailurePolicy !== null;
  const diff = want - active.length - (onlyReplaceFailed ? input.terminating : 0);
  if (diff <= 0) return MANAGED_NOTHING;
  const perIndex = spec.completionMode === 'Indexed' && spec.backoffLimitPerIndex !== null;
  if (!perIndex) {
    const remaining = recordRemainingMs(input.backoff, input.now);
    if (remaining > 0) return { created: 0, createdIndexes: null, deleted: 0, requeueAfterMs: Math.max(remaining, MIN_BACKOFF_REQUEUE_MS) };
  }
  return createPods(input, diff, actions);
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
function activePodsForRemoval(spec: JobSpec, active: readonly PodObject[], succeededIntervals: IndexIntervals, excess: number): readonly PodObject[] {
  if (spec.completionMode === 'Indexed') {
    const seen = new Set<number>();
    const extra: PodObject[] = [];
    for (const pod of active) {
      const i = pod.index;
      if (i === null || spec.completions === null || i < 0 || i >= spec.completions || seen.has(i) || hasIndex(succeededIntervals, i)) extra.push(pod);
      else seen.add(i);
    }
    if (extra.length > 0) return extra;
  }
  if (excess <= 0) return [];
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
 * createPods asks for up to `diff` new pods (at most MaxPodCreateDeletePerSync, then a
 * requeue for the rest); an Indexed Job's pods take the lowest pending indexes.
 */
function createPods(input: ManageJobInput, wanted: number, actions: SyncActions): ManageResult {
  const { job, now } = input;
  const spec = job.spec;
  const perIndex = spec.completionMode === 'Indexed' && spec.backoffLimitPerIndex !== null;
  const more = wanted > MAX_POD_CREATE_DELETE_PER_SYNC;
  const diff = more ? MAX_POD_CREATE_DELETE_PER_SYNC : wanted;
  let created = 0;
  const createdIndexes: number[] | null = perIndex ? [] : null;
  let requeueAfterMs: number | null = more ? 0 : null;
  if (spec.completionMode !== 'Indexed') {
    // Every pod of a NonIndexed Job is asked for with the same (read-only) request.
    const request = podRequest(job, null, null);
    for (; created < diff; created++) actions.push({ type: 'createPod', pod: request });
    return { created, createdIndexes, deleted: 0, requeueAfterMs };
  }
  const completions = spec.completions as number;
  const held = new Set<number>();
  for (const pod of input.active) if (pod.index !== null) held.add(pod.index);
  // Walk the gaps between succeeded intervals, lowest index first.
  const succeededIntervals = input.succeededIntervals;
  let next = 0;
  let k = 0;
  while (created < diff && next < completions) {
    const iv = succeededIntervals[k];
    if (iv !== undefined && next >= iv.first) {
      next = Math.max(next, iv.last + 1);
      k++;
      continue;
    }
    const i = next++;
    if (held.has(i) || hasIndex(input.failedIntervals, i)) continue;
    const failures = input.indexFailures.get(i);
    if (perIndex && failures !== undefined) {
      const remaining = indexBackoffRemainingMs(failures, now);
      if (remaining > 0) {
        requeueAfterMs = requeueAfterMs === null ? remaining : Math.min(requeueAfterMs, remaining);
        continue;
      }
    }
    actions.push({ type: 'createPod', pod: podRequest(job, i, failures ?? null) });
    if (createdIndexes !== null) createdIndexes.push(i);
    created++;
  }
  // Terminating pods held back by podReplacementPolicy Failed are waited for by pod events.
  return { created, createdIndexes, deleted: 0, requeueAfterMs };
}

/** deletePods deletes up to MaxPodCreateDeletePerSync victims (stripping the finalizer) and asks to come back for the rest. */
function deletePods(victims: readonly PodObject[], actions: SyncActions, events: SyncEvents): ManageResult {
  const n = Math.min(victims.length, MAX_POD_CREATE_DELETE_PER_SYNC);
  for (let i = 0; i < n; i++) {
    const pod = victims[i] as PodObject;
    actions.push({ type: 'deletePod', podName: pod.name, removeFinalizer: true });
    events.add('Normal', 'SuccessfulDelete', events.details ? `Deleted pod: ${pod.name}` : '');
  }
  return { created: 0, createdIndexes: null, deleted: n, requeueAfterMs: victims.length > n ? 0 : null };
}
