import { EMPTY_BACKOFF_RECORD, backoffRemainingMs, recordRemainingMs } from './backoff';
import type { BackoffRecord } from './backoff';
import { findTrueCondition, isJobFinished, setCondition } from './conditions';
import { countIndexes, formatIndexIntervals, hasIndex, parseIndexIntervals, withIndexes } from './indexes';
import type { IndexIntervals } from './indexes';
import { matchPodFailurePolicy } from './podFailurePolicy';
import { matchSuccessPolicy } from './successPolicy';
import {
  JOB_COMPLETION_INDEX_ANNOTATION,
  JOB_CONTROLLER_NAME,
  JOB_INDEX_FAILURE_COUNT_ANNOTATION,
  JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION,
} from './types';
import type { JobAction, JobCondition, JobObject, JobStatus, PodObject, PodTemplateRequest, SyncResult } from './types';
import { SyncEvents } from './syncEvents';
import type { EventDetail } from './syncEvents';

/** MaxPodCreateDeletePerSync: pods created or deleted in one sync at most. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** Shortest re-queue while the pod-failure backoff holds creation back. */
export const MIN_BACKOFF_REQUEUE_MS = 1000;
/** generateName prefixes of Indexed pods are cut to this length (podGenerateNameWithIndex). */
const MAX_GENERATE_NAME_PREFIX = 58;

/** Failures of one index waiting for its replacement pod (backoffLimitPerIndex). */
export interface IndexFailureRecord {
  readonly failureCount: number;
  readonly ignoredFailureCount: number;
  readonly lastFailureTime: number;
}

/**
 * What the Job controller keeps in memory between syncs of one Job (never in the API):
 * the pod-failure backoff record, and per index the failure counts to copy into the next pod
 * (upstream reads them from the failed pod whose finalizer removal it delays).
 */
export interface JobMemory {
  readonly backoff: BackoffRecord;
  readonly indexFailures: ReadonlyMap<number, IndexFailureRecord>;
}

export const EMPTY_JOB_MEMORY: JobMemory = { backoff: EMPTY_BACKOFF_RECORD, indexFailures: new Map() };

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

interface TerminalTarget {
  readonly kind: 'failure' | 'success';
  readonly reason: string;
  readonly message: string;
}

const BACKOFF_LIMIT_EXCEEDED: TerminalTarget = { kind: 'failure', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
const DEADLINE_EXCEEDED: TerminalTarget = { kind: 'failure', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
const MAX_FAILED_INDEXES_EXCEEDED: TerminalTarget = { kind: 'failure', reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximal number of failed indexes' };
const FAILED_INDEXES: TerminalTarget = { kind: 'failure', reason: 'FailedIndexes', message: 'Job has failed indexes' };
const COMPLETIONS_REACHED: TerminalTarget = { kind: 'success', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
const NO_INTERVALS: IndexIntervals = [];

/** Where one sync writes its actions; like SyncEvents, the list is created with its first item. */
class SyncActions {
  private items: JobAction[] | null = null;
  push(action: JobAction): void {
    if (this.items === null) this.items = [action];
    else this.items.push(action);
  }
  /** The actions asked for (a new empty array when none). */
  get list(): JobAction[] {
    return this.items ?? [];
  }
}

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
 * Mirrors pkg/controller/job/job_controller.go `syncJob`, `manageJob`,
 * `trackJobStatusAndRemoveFinalizers`, `pastBackoffLimitOnFailure`, `pastActiveDeadline`.
 */
export function syncJob(job: JobObject, pods: readonly PodObject[], now: number, memory: JobMemory = EMPTY_JOB_MEMORY, eventDetails: EventDetail = true): JobSyncResult {
  const spec = job.spec;
  // C.13: a Job managed by another controller is left alone entirely.
  if (spec.managedBy !== null && spec.managedBy !== JOB_CONTROLLER_NAME) return { status: job.status, actions: [], events: [], requeueAfterMs: null, memory };
  if (job.deletionTimestamp !== null || isJobFinished(job.status)) return { status: job.status, actions: [], events: [], requeueAfterMs: null, memory: EMPTY_JOB_MEMORY };

  const events = new SyncEvents('Job', job.name, now, eventDetails);
  const actions = new SyncActions();
  const indexed = spec.completionMode === 'Indexed';
  const completions = spec.completions;
  const perIndex = indexed && spec.backoffLimitPerIndex !== null;
  const onlyReplaceFailed = spec.podReplacementPolicy === 'Failed' || spec.podFailurePolicy !== null;
  const mainContainer = spec.containerNames[0] ?? 'main';

  // C.1 classification, and C.3 counting of pods that finished since the last pass.
  // Sized up front (an empty literal grows to 17 slots on its first push, every sync).
  let activeSize = 0;
  for (const pod of pods) if (pod.deletionTimestamp === null && pod.phase !== 'Succeeded' && pod.phase !== 'Failed') activeSize++;
  const active: PodObject[] = activeSize === 0 ? [] : new Array<PodObject>(activeSize);
  let activeFilled = 0;
  let terminating = 0;
  let ready = 0;
  let newSucceeded = 0;
  let newSucceededIndexes: number[] | null = null;
  let newFailed = 0;
  let newFailedIndexes: number[] | null = null;
  // Backoff inputs (newBackoffRecord): the latest new success and the new failures' times.
  let lastSuccess: number | null = null;
  let failureTimes: number[] | null = null;
  let failJob: TerminalTarget | null = null;
  // Only Jobs with backoffLimitPerIndex keep per-index records; others never copy the map.
  const indexFailures: Map<number, IndexFailureRecord> = perIndex ? new Map(memory.indexFailures) : (memory.indexFailures as Map<number, IndexFailureRecord>);
  let indexFailuresChanged = false;
  let restarts = 0;

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
      }
    }
    if (!pod.hasTrackingFinalizer) continue;
    // Without "only replace failed pods", a pod being deleted counts as failed at once.
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
        // §H7: ignored failures are not counted, but they do feed the backoff.
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
      if (match.action === 'FailJob' && failJob === null) {
        failJob = { kind: 'failure', reason: 'PodFailurePolicy', message: match.message ?? '' };
      }
      if (perIndex && validIndex(pod, completions)) {
        const i = pod.index as number;
        if (match.action === 'FailIndex' || pod.indexFailureCount >= (spec.backoffLimitPerIndex as number)) {
          (newFailedIndexes ??= []).push(i);
          indexFailures.delete(i);
        } else {
          indexFailures.set(i, { failureCount: pod.indexFailureCount + 1, ignoredFailureCount: pod.indexIgnoredFailureCount, lastFailureTime: finishedAt });
        }
        indexFailuresChanged = true;
      }
    }
  }

  let succeededIntervals: IndexIntervals = NO_INTERVALS;
  let failedIntervals: IndexIntervals = NO_INTERVALS;
  let succeeded: number;
  if (indexed) {
    const parsed = parseIndexIntervals(job.status.completedIndexes ?? '');
    succeededIntervals = withIndexes(parsed.ok ? parsed.intervals : [], newSucceededIndexes ?? [], completions ?? undefined);
    succeeded = countIndexes(succeededIntervals);
    if (perIndex) {
      const parsedFailed = parseIndexIntervals(job.status.failedIndexes ?? '');
      failedIntervals = withIndexes(parsedFailed.ok ? parsedFailed.intervals : [], newFailedIndexes ?? [], completions ?? undefined);
    }
  } else {
    succeeded = job.status.succeeded + newSucceeded;
  }
  const failed = job.status.failed + newFailed;
  const backoff = foldBackoffRecord(memory.backoff, lastSuccess, failureTimes);

  let conditions: readonly JobCondition[] = job.status.conditions;
  let startTime = job.status.startTime;
  let completionTime = job.status.completionTime;
  let requeueAfterMs: number | null = null;

  // C.6: the terminal rules, first hit wins; an interim condition already set wins over all.
  let target: TerminalTarget | null = null;
  const successCriteria = findTrueCondition(job.status, 'SuccessCriteriaMet');
  const failureTarget = successCriteria === null ? findTrueCondition(job.status, 'FailureTarget') : null;
  if (successCriteria !== null) {
    target = { kind: 'success', reason: successCriteria.reason, message: successCriteria.message };
  } else if (failureTarget !== null) {
    target = { kind: 'failure', reason: failureTarget.reason, message: failureTarget.message };
  } else if (failJob !== null) {
    target = failJob;
  } else if (failed > spec.backoffLimit || pastBackoffLimitOnFailure(spec.restartPolicy, spec.backoffLimit, restarts)) {
    target = BACKOFF_LIMIT_EXCEEDED;
  } else if (!spec.suspend && pastActiveDeadline(spec.activeDeadlineSeconds, startTime, now)) {
    target = DEADLINE_EXCEEDED;
  } else if (perIndex && spec.maxFailedIndexes !== null && countIndexes(failedIntervals) > spec.maxFailedIndexes) {
    target = MAX_FAILED_INDEXES_EXCEEDED;
  } else if (perIndex && failedIntervals.length > 0 && countIndexes(failedIntervals) + succeeded >= (completions as number)) {
    target = FAILED_INDEXES;
  } else if (indexed && spec.successPolicy !== null) {
    const hit = matchSuccessPolicy(spec.successPolicy, completions as number, succeededIntervals);
    if (hit !== null) target = { kind: 'success', reason: 'SuccessPolicy', message: hit.message };
  }

  let activeCount = active.length;
  if (target === null) {
    // manageJob, then the completion check with the active count it leaves.
    const managed = manageJob(job, active, terminating, now, backoff, indexFailures, succeededIntervals, failedIntervals, succeeded, onlyReplaceFailed, actions, events);
    requeueAfterMs = managed.requeueAfterMs;
    if (perIndex && managed.createdIndexes !== null && managed.createdIndexes.length > 0) {
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
    const complete = completions === null ? succeeded > 0 && activeCount === 0 : succeeded >= completions && activeCount === 0;
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
    // strip the finalizer first, so lingering pods are not counted (§H8).
    for (const pod of active) {
      actions.push({ type: 'deletePod', podName: pod.name, removeFinalizer: target.kind === 'success' });
      events.add('Normal', 'SuccessfulDelete', events.details ? `Deleted pod: ${pod.name}` : '');
    }
    terminating += active.length;
    activeCount = 0;
    if (terminating === 0) {
      if (target.kind === 'failure') {
        conditions = setCondition(conditions, 'Failed', 'True', target.reason, target.message, now);
        events.add('Warning', target.reason, target.message);
      } else {
        conditions = setCondition(conditions, 'Complete', 'True', target.reason, target.message, now);
        completionTime = now;
        events.add('Normal', 'Completed', 'Job completed');
        if (completions !== null && succeeded > completions) {
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
    ready: Math.min(ready, activeCount),
    terminating,
    succeeded,
    failed,
    completedIndexes: indexed ? formatIndexIntervals(succeededIntervals) : null,
    failedIndexes: perIndex ? formatIndexIntervals(failedIntervals) : null,
  };
  if (isJobFinished(status)) return { status, actions: actions.list, events: events.list, requeueAfterMs: null, memory: EMPTY_JOB_MEMORY };
  const nextMemory: JobMemory =
    backoff === memory.backoff && !indexFailuresChanged ? memory : { backoff, indexFailures: indexFailuresChanged ? indexFailures : memory.indexFailures };
  return { status, actions: actions.list, events: events.list, requeueAfterMs, memory: nextMemory };
}

function validIndex(p: PodObject, completions: number | null): boolean {
  return p.index !== null && completions !== null && p.index >= 0 && p.index < completions;
}

/**
 * foldBackoffRecord is newBackoffRecord for what the pod loop gathered: the latest new
 * success (null for none) and the finish times of the new failures.
 */
function foldBackoffRecord(previous: BackoffRecord, lastSuccess: number | null, failureTimes: readonly number[] | null): BackoffRecord {
  let count = 0;
  let lastFailure: number | null = null;
  if (failureTimes !== null) {
    for (const t of failureTimes) {
      if (lastSuccess !== null && t <= lastSuccess) continue;
      count++;
      if (lastFailure === null || t > lastFailure) lastFailure = t;
    }
  }
  if (lastSuccess === null) {
    if (count === 0) return previous;
    return { failuresAfterLastSuccess: previous.failuresAfterLastSuccess + count, lastFailureTime: lastFailure };
  }
  if (count === 0) return previous.failuresAfterLastSuccess === 0 && previous.lastFailureTime === null ? previous : EMPTY_BACKOFF_RECORD;
  return { failuresAfterLastSuccess: count, lastFailureTime: lastFailure };
}

/**
 * pastBackoffLimitOnFailure: with restartPolicy OnFailure the Job fails once the container
 * restarts of its running and pending pods reach backoffLimit (any restart when it is 0).
 * Mirrors job_controller.go `pastBackoffLimitOnFailure`.
 */
export function pastBackoffLimitOnFailure(restartPolicy: 'Never' | 'OnFailure', backoffLimit: number, restarts: number): boolean {
  if (restartPolicy !== 'OnFailure') return false;
  if (backoffLimit === 0) return restarts > 0;
  return restarts >= backoffLimit;
}

/** pastActiveDeadline: now − startTime ≥ activeDeadlineSeconds (job_controller.go `pastActiveDeadline`). */
export function pastActiveDeadline(activeDeadlineSeconds: number | null, startTime: number | null, now: number): boolean {
  if (activeDeadlineSeconds === null || startTime === null) return false;
  return now - startTime >= activeDeadlineSeconds * 1000;
}

function wasResumed(status: JobStatus, suspend: boolean): boolean {
  return !suspend && findTrueCondition(status, 'Suspended') !== null;
}

/** suspendConditions sets Suspended True/False on suspend and resume and records the event. */
function suspendConditions(conditions: readonly JobCondition[], suspend: boolean, now: number, events: SyncEvents): readonly JobCondition[] {
  let current: JobCondition | undefined;
  for (const c of conditions) {
    if (c.type === 'Suspended') {
      current = c;
      break;
    }
  }
  if (suspend && current?.status !== 'True') {
    events.add('Normal', 'Suspended', 'Job suspended');
    return setCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now);
  }
  if (!suspend && current?.status === 'True') {
    events.add('Normal', 'Resumed', 'Job resumed');
    return setCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
  }
  return conditions;
}

/** What manageJob did; its actions and events went straight into the sync's lists. */
interface ManageResult {
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
 * Mirrors job_controller.go `manageJob` (and `firstPendingIndexes` for Indexed Jobs).
 */
function manageJob(
  job: JobObject,
  active: readonly PodObject[],
  terminating: number,
  now: number,
  backoff: BackoffRecord,
  indexFailures: ReadonlyMap<number, IndexFailureRecord>,
  succeededIntervals: IndexIntervals,
  failedIntervals: IndexIntervals,
  succeeded: number,
  onlyReplaceFailed: boolean,
  actions: SyncActions,
  events: SyncEvents,
): ManageResult {
  const spec = job.spec;
  if (spec.suspend) return deletePods(active, actions, events);

  const indexed = spec.completionMode === 'Indexed';
  let wantActive: number;
  if (spec.completions === null) {
    wantActive = succeeded > 0 ? active.length : spec.parallelism;
  } else {
    wantActive = Math.max(0, Math.min(spec.completions - succeeded, spec.parallelism));
  }
  // Indexed: pods with a duplicate, missing or out-of-range index go first.
  if (indexed) {
    const seen = new Set<number>();
    const extra: PodObject[] = [];
    for (const pod of active) {
      const i = pod.index;
      if (i === null || spec.completions === null || i < 0 || i >= spec.completions || seen.has(i) || hasIndex(succeededIntervals, i)) extra.push(pod);
      else seen.add(i);
    }
    if (extra.length > 0) return deletePods(extra, actions, events);
  }
  if (active.length > wantActive) {
    // Prefer pods that are not running yet, then the newest (controller.ActivePods order).
    const ordered = active.slice().sort((a, b) => {
      const ra = a.phase === 'Running' ? 1 : 0;
      const rb = b.phase === 'Running' ? 1 : 0;
      if (ra !== rb) return ra - rb;
      if (a.creationTimestamp !== b.creationTimestamp) return b.creationTimestamp - a.creationTimestamp;
      return a.name < b.name ? 1 : -1;
    });
    return deletePods(ordered.slice(0, active.length - wantActive), actions, events);
  }

  let diff = wantActive - active.length - (onlyReplaceFailed ? terminating : 0);
  if (diff <= 0) return MANAGED_NOTHING;
  const perIndex = indexed && spec.backoffLimitPerIndex !== null;
  if (!perIndex) {
    const remaining = recordRemainingMs(backoff, now);
    if (remaining > 0) return { created: 0, createdIndexes: null, deleted: 0, requeueAfterMs: Math.max(remaining, MIN_BACKOFF_REQUEUE_MS) };
  }
  let more = false;
  if (diff > MAX_POD_CREATE_DELETE_PER_SYNC) {
    diff = MAX_POD_CREATE_DELETE_PER_SYNC;
    more = true;
  }
  let created = 0;
  const createdIndexes: number[] | null = perIndex ? [] : null;
  let requeueAfterMs: number | null = more ? 0 : null;
  if (!indexed) {
    // Every pod of a NonIndexed Job is asked for with the same (read-only) request.
    const request = podRequest(job, null, null);
    for (; created < diff; created++) actions.push({ type: 'createPod', pod: request });
  } else {
    const completions = spec.completions as number;
    const held = new Set<number>();
    for (const pod of active) if (pod.index !== null) held.add(pod.index);
    // Walk the gaps between succeeded intervals, lowest index first.
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
      if (held.has(i) || hasIndex(failedIntervals, i)) continue;
      const failures = indexFailures.get(i);
      if (perIndex && failures !== undefined) {
        const remaining = backoffRemainingMs(failures.failureCount + failures.ignoredFailureCount, failures.lastFailureTime, now);
        if (remaining > 0) {
          requeueAfterMs = requeueAfterMs === null ? remaining : Math.min(requeueAfterMs, remaining);
          continue;
        }
      }
      actions.push({ type: 'createPod', pod: podRequest(job, i, failures ?? null) });
      if (createdIndexes !== null) createdIndexes.push(i);
      created++;
    }
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

/** podRequest builds the createPod request (job_controller.go `createPod` + indexed_job_utils `addCompletionIndex*`). */
function podRequest(job: JobObject, index: number | null, failures: IndexFailureRecord | null): PodTemplateRequest {
  const labels: Record<string, string> = { 'batch.kubernetes.io/job-name': job.name, 'job-name': job.name };
  const annotations: Record<string, string> = {};
  if (index === null) {
    return { generateName: `${job.name}-`, index: null, hostname: null, labels, annotations, env: [], indexFailureCount: 0, indexIgnoredFailureCount: 0 };
  }
  labels[JOB_COMPLETION_INDEX_ANNOTATION] = String(index);
  annotations[JOB_COMPLETION_INDEX_ANNOTATION] = String(index);
  const failureCount = failures?.failureCount ?? 0;
  const ignored = failures?.ignoredFailureCount ?? 0;
  if (job.spec.backoffLimitPerIndex !== null) {
    annotations[JOB_INDEX_FAILURE_COUNT_ANNOTATION] = String(failureCount);
    if (ignored > 0) annotations[JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION] = String(ignored);
  }
  const suffix = `-${index}-`;
  const prefix = job.name.length + suffix.length > MAX_GENERATE_NAME_PREFIX ? job.name.slice(0, MAX_GENERATE_NAME_PREFIX - suffix.length) : job.name;
  return {
    generateName: prefix + suffix,
    index,
    hostname: `${job.name}-${index}`,
    labels,
    annotations,
    env: [{ name: 'JOB_COMPLETION_INDEX', valueFrom: `metadata.labels['${JOB_COMPLETION_INDEX_ANNOTATION}']` }],
    indexFailureCount: failureCount,
    indexIgnoredFailureCount: ignored,
  };
}
