import { recordRemainingMs } from '../controllers/backoff';
import { finishedCondition, isJobFinished } from '../controllers/conditions';
import { cronJobFromManifest } from '../controllers/cronJobSpec';
import { parseCronJobSchedule, syncCronJob } from '../controllers/cronJob';
import type { CronJobObject, CronJobSyncOptions } from '../controllers/cronJob';
import { EMPTY_JOB_MEMORY, syncJob } from '../controllers/job';
import type { JobMemory } from '../controllers/job';
import { jobFromManifest } from '../controllers/jobSpec';
import { nextFnFor } from '../controllers/mostRecentScheduleTime';
import type { NextFn } from '../controllers/mostRecentScheduleTime';
import { syncTtlAfterFinished } from '../controllers/ttl';
import { civilDate } from '../controllers/rfc3339';
import type { ControllerEvent, JobObject, PodObject, PodPhase } from '../controllers/types';
import type { EventSink } from '../controllers/syncEvents';
import type { CronSchedule } from '../schedule';
import { VirtualClock } from './clock';
import type { PodModel, PodOutcome, PodOutcomeSequence } from './podModel';
import { Mulberry32, specPodModel } from './podModel';
import { EventQueue } from './queue';
import { NamedList } from './namedList';
import { PodStore } from './podStore';
import type { BackoffWait, CronJobSimulation, JobSimulation, SimDay, SimJobRecord, SimPodRecord } from './records';

/** Options of a simulation. */
export interface SimulateOptions {
  /** Creation time of the object and start of the simulation (epoch ms). */
  readonly start: number;
  /** End of the simulation, inclusive. Default: a Job runs until nothing more can happen; a CronJob for 24 h. */
  readonly until?: number;
  /** Pod outcomes; default every pod succeeds after 10 s. */
  readonly podModel?: PodModel;
  /** How many pods / Jobs / events are kept in detail (counts stay exact). Default 10000. */
  readonly maxRecords?: number;
}

export const DEFAULT_CRONJOB_HORIZON_MS = 24 * 3600_000;
/** A Job without `until` stops after this much virtual time even if it could go on. */
export const MAX_JOB_HORIZON_MS = 366 * 24 * 3600_000;
const DEFAULT_MAX_RECORDS = 10_000;
/** Kubelet crash-loop restart delay (restartPolicy OnFailure): 10 s doubling, at most 5 min. */
const KUBELET_BACKOFF_MS = 10_000;
const KUBELET_MAX_BACKOFF_MS = 300_000;
/** Exit code of a container killed on deletion (SIGKILL after the grace period). */
const KILLED_EXIT_CODE = 137;

// Priority classes for events at the same instant: pods change first, then the Job
// controller syncs, then TTL, then the CronJob controller sees the result.
const PRIO_POD = 0;
const PRIO_JOB = 1;
const PRIO_TTL = 2;
const PRIO_CRON = 3;

type PodEventKind = 'podStart' | 'podExit' | 'podRestart' | 'podGone';

/** One wake-up in the queue; every kind has the same shape (pod events use pod and gen). */
interface QueueItem {
  readonly kind: PodEventKind | 'syncJob' | 'ttl' | 'syncCronJob';
  readonly job: JobRuntime | null;
  readonly pod: SimPod | null;
  readonly gen: number;
}

const CRON_SYNC_ITEM: QueueItem = { kind: 'syncCronJob', job: null, pod: null, gen: 0 };
/** Pods of the simulator have no conditions (nothing sets DisruptionTarget etc.). */
const NO_POD_CONDITIONS: PodObject['conditions'] = [];

/** A pod in the simulated world; it is also the PodObject handed to syncJob (never mutated there). */
interface SimPod extends PodObject {
  phase: PodPhase;
  deletionTimestamp: number | null;
  hasTrackingFinalizer: boolean;
  finishedAt: number | null;
  exitCode: number | null;
  restartCount: number;
  /** Bumped when a pending pod event must be ignored (pod deleted). */
  gen: number;
  outcome: PodOutcome;
  readonly record: SimPodRecord | null;
}

interface JobRuntime {
  job: JobObject;
  memory: JobMemory;
  readonly pods: PodStore<SimPod>;
  readonly sequence: PodOutcomeSequence;
  readonly nameRng: Mulberry32;
  pendingSync: number | null;
  pendingTtl: number | null;
  podsCreated: number;
  deleted: boolean;
  finishedNotified: boolean;
  readonly record: SimJobRecord | null;
  readonly scheduledTime: number | null;
}

/** Collects events with exact counts and a bounded list. */
class EventLog {
  readonly events: ControllerEvent[] = [];
  dropped = 0;
  /** Whether the next event is kept in detail (else it is only counted, so need not be formatted). */
  detailed: boolean;
  // Counts per reason in first-seen order; a few reasons, found by a short scan.
  private readonly reasons: string[] = [];
  private readonly reasonCounts: number[] = [];
  constructor(private readonly max: number) {
    this.detailed = max > 0;
  }
  add(e: ControllerEvent): void {
    this.countReason(e.reason);
    if (this.detailed) {
      this.events.push(e);
      this.detailed = this.events.length < this.max;
    } else {
      this.dropped++;
    }
  }
  /** drop counts one event of `reason` that is not kept (the log is full, so it was never formatted). */
  drop(reason: string): void {
    this.countReason(reason);
    this.dropped++;
  }
  /** Exact number of events per reason, in the order reasons first appeared. */
  get counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < this.reasons.length; i++) out[this.reasons[i] as string] = this.reasonCounts[i] as number;
    return out;
  }
  private countReason(reason: string): void {
    const i = this.reasons.indexOf(reason);
    if (i >= 0) this.reasonCounts[i] = (this.reasonCounts[i] as number) + 1;
    else {
      this.reasons.push(reason);
      this.reasonCounts.push(1);
    }
  }
}

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const NAME_CODES = Array.from(NAME_ALPHABET, (c) => c.charCodeAt(0));

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * World: the simulated API server, kubelet and controller queue for one top-level object.
 * It pops the next (time, priority, seq) item, advances the virtual clock, mutates pods as
 * the pod model says, calls the pure sync functions and applies their actions.
 */
class World {
  readonly clock: VirtualClock;
  readonly queue = new EventQueue<QueueItem>();
  readonly log: EventLog;
  readonly podRecords: SimPodRecord[] = [];
  readonly backoffWaits: BackoffWait[] = [];
  readonly jobs = new NamedList<JobRuntime>();
  private readonly jobList: JobObject[] = [];
  private jobsChanged = false;
  jobsCreated = 0;
  /** Where Job syncs report events once the log is full: counted, never built. */
  private readonly countEvent: EventSink = (_type, reason) => this.log.drop(reason);
  onJobChange: ((rt: JobRuntime, what: 'created' | 'finished' | 'deleted') => void) | null = null;

  constructor(
    start: number,
    readonly model: PodModel,
    readonly maxRecords: number,
    readonly keepPods: boolean,
  ) {
    this.clock = new VirtualClock(start);
    this.log = new EventLog(maxRecords);
  }

  now(): number {
    return this.clock.now();
  }

  addJob(job: JobObject, record: SimJobRecord | null, scheduledTime: number | null): JobRuntime {
    const rt: JobRuntime = {
      job,
      memory: EMPTY_JOB_MEMORY,
      pods: new PodStore<SimPod>(),
      sequence: this.model.forJob(job.name, this.jobsCreated),
      nameRng: new Mulberry32(hashString(job.name)),
      pendingSync: null,
      pendingTtl: null,
      podsCreated: 0,
      deleted: false,
      finishedNotified: false,
      record,
      scheduledTime,
    };
    this.jobsCreated++;
    this.jobs.set(job.name, rt);
    this.jobsChanged = true;
    this.enqueueJobSync(rt, this.now());
    return rt;
  }

  /**
   * storedJobs lists the stored Job objects in the order the store holds them (what a CronJob
   * sync lists). The array is reused: a sync reads it and keeps nothing of it (for
   * the figure "simulate a year of a `* * * * *` CronJob" (bench/simulate.mjs), one sync a minute).
   */
  storedJobs(): readonly JobObject[] {
    if (this.jobsChanged) {
      // Overwritten in place: emptying it first (length = 0) would drop its backing store and
      // the pushes would allocate a new one on every change.
      const list = this.jobList;
      const rts = this.jobs.values();
      const n = rts.length;
      for (let i = 0; i < n; i++) {
        const job = (rts[i] as JobRuntime).job;
        if (i < list.length) list[i] = job;
        else list.push(job);
      }
      while (list.length > n) list.pop();
      this.jobsChanged = false;
    }
    return this.jobList;
  }

  enqueueJobSync(rt: JobRuntime, at: number): void {
    if (rt.deleted || (rt.pendingSync !== null && rt.pendingSync <= at)) return;
    rt.pendingSync = at;
    this.queue.push(at, PRIO_JOB, { kind: 'syncJob', job: rt, pod: null, gen: 0 });
  }

  run(until: number, maxEvents = 50_000_000): number {
    let last = this.now();
    let processed = 0;
    while (this.queue.size > 0 && processed < maxEvents) {
      const time = this.queue.peekTime();
      if (time > until) break;
      const item = this.queue.popItem();
      if (item === undefined) break;
      this.clock.advanceTo(time);
      last = time;
      processed++;
      this.dispatch(item);
    }
    return last;
  }

  dispatch(item: QueueItem): void {
    const kind = item.kind;
    if (kind === 'syncCronJob') {
      this.onCronSync?.();
      return;
    }
    const job = item.job as JobRuntime;
    if (kind === 'syncJob') {
      if (job.pendingSync !== this.now()) return;
      job.pendingSync = null;
      this.syncJob(job);
    } else if (kind === 'ttl') {
      if (job.pendingTtl !== this.now()) return;
      job.pendingTtl = null;
      this.syncTtl(job);
    } else {
      this.podEvent(kind, job, item.pod as SimPod, item.gen);
    }
  }

  onCronSync: (() => void) | null = null;

  private podEvent(kind: PodEventKind, rt: JobRuntime, pod: SimPod, gen: number): void {
    if (rt.deleted || pod.gen !== gen) return;
    const now = this.now();
    if (kind === 'podStart') {
      pod.phase = 'Running';
      if (pod.record !== null) {
        pod.record.phase = 'Running';
        pod.record.startedAt = now;
      }
      this.queue.push(now + pod.outcome.durationMs, PRIO_POD, { kind: 'podExit', job: rt, pod, gen });
      return;
    }
    if (kind === 'podRestart') {
      pod.restartCount++;
      pod.outcome = rt.sequence.next(pod.index);
      if (pod.record !== null) pod.record.restarts = pod.restartCount;
      this.queue.push(now + pod.outcome.durationMs, PRIO_POD, { kind: 'podExit', job: rt, pod, gen });
      this.enqueueJobSync(rt, now);
      return;
    }
    if (kind === 'podExit') {
      if (!pod.outcome.succeed && rt.job.spec.restartPolicy === 'OnFailure') {
        // The kubelet restarts the container in place after its crash-loop delay.
        const delay = Math.min(KUBELET_BACKOFF_MS * 2 ** Math.min(pod.restartCount, 10), KUBELET_MAX_BACKOFF_MS);
        this.queue.push(now + delay, PRIO_POD, { kind: 'podRestart', job: rt, pod, gen });
        return;
      }
      this.finishPod(rt, pod, pod.outcome.succeed ? 'Succeeded' : 'Failed', pod.outcome.exitCode);
      return;
    }
    // podGone: the deleted pod's containers are stopped.
    this.finishPod(rt, pod, 'Failed', KILLED_EXIT_CODE);
  }

  private finishPod(rt: JobRuntime, pod: SimPod, phase: 'Succeeded' | 'Failed', exitCode: number): void {
    const now = this.now();
    pod.gen++;
    pod.phase = phase;
    pod.finishedAt = now;
    pod.exitCode = exitCode;
    if (pod.record !== null) {
      pod.record.phase = phase;
      pod.record.finishedAt = now;
      pod.record.exitCode = exitCode;
    }
    if (!pod.hasTrackingFinalizer) rt.pods.delete(pod.name);
    this.enqueueJobSync(rt, now);
  }

  private syncJob(rt: JobRuntime): void {
    if (rt.deleted) return;
    const now = this.now();
    const wasFinished = isJobFinished(rt.job.status);
    const result = syncJob(rt.job, rt.pods.snapshot(), now, rt.memory, this.log.detailed ? true : this.countEvent);
    // The world is the API server's storage: it owns its Job objects and updates them in place
    // (the controller only ever saw them read-only during its sync).
    (rt.job as { status: JobObject['status'] }).status = result.status;
    rt.memory = result.memory;
    for (const e of result.events) this.log.add(e);
    let created = false;
    for (const action of result.actions) {
      if (action.type === 'createPod') {
        created = true;
        this.createPod(rt, action.pod.generateName, action.pod.index, action.pod.indexFailureCount, action.pod.indexIgnoredFailureCount);
      } else if (action.type === 'deletePod') {
        this.deletePod(rt, action.podName, action.removeFinalizer, rt.job.spec.suspend ? 'suspend' : 'controller');
      } else {
        const pod = rt.pods.get(action.podName);
        if (pod !== undefined) {
          pod.hasTrackingFinalizer = false;
          if (pod.phase === 'Succeeded' || pod.phase === 'Failed') rt.pods.delete(pod.name);
        }
      }
    }
    if (rt.record !== null) rt.record.status = result.status;
    const finished = isJobFinished(result.status);
    if (!finished && !created && this.keepPods) this.noteBackoff(rt, now);
    if (result.requeueAfterMs !== null) this.enqueueJobSync(rt, now + result.requeueAfterMs);
    if (finished && !wasFinished) {
      if (rt.record !== null) rt.record.finishedAt = now;
      this.scheduleTtl(rt);
      this.onJobChange?.(rt, 'finished');
    }
  }

  /** noteBackoff records a visible wait while the backoff holds pod creation back. */
  private noteBackoff(rt: JobRuntime, now: number): void {
    const remaining = recordRemainingMs(rt.memory.backoff, now);
    if (remaining > 0) {
      const until = now + remaining;
      const tail = this.backoffWaits[this.backoffWaits.length - 1];
      if (tail !== undefined && tail.index === null && tail.until >= now) tail.until = Math.max(tail.until, until);
      else if (this.backoffWaits.length < this.maxRecords) this.backoffWaits.push({ from: now, until, index: null });
    }
    for (const [index, f] of rt.memory.indexFailures) {
      const until = f.lastFailureTime + Math.min(10_000 * 2 ** Math.max(0, f.failureCount + f.ignoredFailureCount - 1), 600_000);
      if (until > now && !this.backoffWaits.some((w) => w.index === index && w.until === until) && this.backoffWaits.length < this.maxRecords) {
        this.backoffWaits.push({ from: f.lastFailureTime, until, index });
      }
    }
  }

  private scheduleTtl(rt: JobRuntime): void {
    const d = syncTtlAfterFinished(rt.job, this.now());
    if (d.kind === 'none') return;
    const at = d.kind === 'delete' ? this.now() : d.expireAt;
    rt.pendingTtl = at;
    this.queue.push(at, PRIO_TTL, { kind: 'ttl', job: rt, pod: null, gen: 0 });
  }

  private syncTtl(rt: JobRuntime): void {
    if (rt.deleted) return;
    const d = syncTtlAfterFinished(rt.job, this.now());
    if (d.kind === 'delete') this.deleteJob(rt, 'ttl');
    else if (d.kind === 'wait') {
      rt.pendingTtl = d.expireAt;
      this.queue.push(d.expireAt, PRIO_TTL, { kind: 'ttl', job: rt, pod: null, gen: 0 });
    }
  }

  private createPod(rt: JobRuntime, generateName: string, index: number | null, failureCount: number, ignoredCount: number): void {
    const now = this.now();
    // generateName: the API server retries on a name conflict, so do we.
    let name: string;
    do {
      const rng = rt.nameRng;
      const n = NAME_ALPHABET.length;
      name =
        generateName +
        String.fromCharCode(
          NAME_CODES[Math.floor(rng.next() * n)] as number,
          NAME_CODES[Math.floor(rng.next() * n)] as number,
          NAME_CODES[Math.floor(rng.next() * n)] as number,
          NAME_CODES[Math.floor(rng.next() * n)] as number,
          NAME_CODES[Math.floor(rng.next() * n)] as number,
        );
    } while (rt.pods.has(name));
    const outcome = rt.sequence.next(index);
    const latency = this.model.startLatencyMs;
    const record: SimPodRecord | null =
      this.keepPods && this.podRecords.length < this.maxRecords
        ? { name, index, createdAt: now, startedAt: latency > 0 ? null : now, finishedAt: null, phase: latency > 0 ? 'Pending' : 'Running', exitCode: null, restarts: 0, deletedAt: null, deletedBy: null }
        : null;
    if (record !== null) this.podRecords.push(record);
    const pod: SimPod = {
      name,
      creationTimestamp: now,
      index,
      phase: latency > 0 ? 'Pending' : 'Running',
      deletionTimestamp: null,
      hasTrackingFinalizer: true,
      finishedAt: null,
      exitCode: null,
      restartCount: 0,
      conditions: NO_POD_CONDITIONS,
      indexFailureCount: failureCount,
      indexIgnoredFailureCount: ignoredCount,
      gen: 0,
      outcome,
      record,
    };
    rt.pods.set(pod);
    rt.podsCreated++;
    if (rt.record !== null) rt.record.podsCreated = rt.podsCreated;
    if (this.log.detailed) this.log.add({ time: now, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${name}`, object: `Job/${rt.job.name}` });
    else this.log.drop('SuccessfulCreate');
    if (latency > 0) this.queue.push(now + latency, PRIO_POD, { kind: 'podStart', job: rt, pod, gen: 0 });
    else this.queue.push(now + outcome.durationMs, PRIO_POD, { kind: 'podExit', job: rt, pod, gen: 0 });
  }

  private deletePod(rt: JobRuntime, podName: string, removeFinalizer: boolean, by: 'controller' | 'suspend'): void {
    const pod = rt.pods.get(podName);
    if (pod === undefined || pod.deletionTimestamp !== null) return;
    const now = this.now();
    pod.deletionTimestamp = now;
    pod.gen++;
    if (removeFinalizer) pod.hasTrackingFinalizer = false;
    if (pod.record !== null) {
      pod.record.deletedAt = now;
      pod.record.deletedBy = by;
    }
    this.queue.push(now + this.model.terminationMs, PRIO_POD, { kind: 'podGone', job: rt, pod, gen: pod.gen });
    this.enqueueJobSync(rt, now);
  }

  deleteJob(rt: JobRuntime, why: 'history' | 'replace' | 'ttl'): void {
    if (rt.deleted) return;
    const now = this.now();
    rt.deleted = true;
    for (const pod of rt.pods.snapshot()) {
      if (pod.phase !== 'Succeeded' && pod.phase !== 'Failed' && pod.record !== null) {
        pod.record.deletedAt = now;
        pod.record.deletedBy = 'jobDeleted';
        pod.record.phase = 'Failed';
        pod.record.finishedAt = now + this.model.terminationMs;
        pod.record.exitCode = KILLED_EXIT_CODE;
      }
    }
    rt.pods.clear();
    const job = rt.job;
    rt.job = { name: job.name, namespace: job.namespace, creationTimestamp: job.creationTimestamp, deletionTimestamp: now, annotations: job.annotations, spec: job.spec, status: job.status };
    this.jobs.delete(job.name);
    this.jobsChanged = true;
    if (rt.record !== null) {
      rt.record.deletedAt = now;
      rt.record.deletedBy = why;
    }
    this.onJobChange?.(rt, 'deleted');
  }
}

/**
 * simulateJob runs the Job controller (and the TTL-after-finished controller) for `job` on a
 * virtual clock from options.start. Pods are created, run and finish as the pod model says.
 * Returns the final status, every pod (up to maxRecords), backoff waits and events.
 */
export function simulateJob(job: JobObject, options: SimulateOptions): JobSimulation {
  const model = options.podModel ?? defaultPodModel();
  const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
  const world = new World(options.start, model, maxRecords, true);
  const rt = world.addJob({ ...job, creationTimestamp: options.start }, null, null);
  const until = options.until ?? options.start + MAX_JOB_HORIZON_MS;
  const last = world.run(until);
  const status = rt.job.status;
  const finished = finishedCondition(status);
  const ttl = job.spec.ttlSecondsAfterFinished;
  return {
    kind: 'Job',
    name: job.name,
    namespace: job.namespace,
    start: options.start,
    end: options.until ?? Math.max(last, options.start),
    status,
    deletedAt: rt.deleted ? rt.job.deletionTimestamp : null,
    deadlineAt: job.spec.activeDeadlineSeconds !== null && status.startTime !== null ? status.startTime + job.spec.activeDeadlineSeconds * 1000 : null,
    ttlExpireAt: ttl !== null && finished !== null ? finished.lastTransitionTime + ttl * 1000 : null,
    podsCreated: rt.podsCreated,
    pods: world.podRecords,
    backoffWaits: world.backoffWaits,
    events: world.log.events,
    eventCounts: world.log.counts,
    eventsDropped: world.log.dropped,
    warnings: [],
  };
}

/**
 * simulateCronJob runs the CronJob controller on a virtual clock from options.start
 * (the CronJob's creation time) to options.until (default 24 h), together with the Job
 * controller for every Job it creates. Memory stays bounded over long horizons: only the
 * first maxRecords Jobs and events are kept in detail; counts and per-day tallies are exact.
 */
export function simulateCronJob(cronJob: CronJobObject, options: SimulateOptions): CronJobSimulation {
  const model = options.podModel ?? defaultPodModel();
  const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
  const world = new World(options.start, model, maxRecords, false);
  const until = options.until ?? options.start + DEFAULT_CRONJOB_HORIZON_MS;
  const cj: CronJobObject = { ...cronJob, creationTimestamp: options.start };
  const records: SimJobRecord[] = [];
  const days = new Map<number, SimDay>();
  let lastDay = NaN;
  let lastSimDay: SimDay | null = null;
  const dayOf = (ms: number): SimDay => {
    const day = Math.floor(ms / 86400_000);
    if (day === lastDay && lastSimDay !== null) return lastSimDay;
    let d = days.get(day);
    if (d === undefined) {
      d = { date: civilDate(day), created: 0, succeeded: 0, failed: 0, skipped: 0, replaced: 0 };
      days.set(day, d);
    }
    lastDay = day;
    lastSimDay = d;
    return d;
  };
  const parsed = parseCronJobSchedule(cj.spec);
  const schedule: CronSchedule | undefined = parsed.ok ? parsed.schedule : undefined;
  let next: NextFn | undefined;
  if (schedule !== undefined) {
    try {
      next = memoNext(nextFnFor(schedule, cj.spec.timeZone ?? undefined));
    } catch {
      next = undefined;
    }
  }
  const syncOptions: CronJobSyncOptions = schedule !== undefined && next !== undefined ? { schedule, next } : {};
  // Once the log is full, events are counted as the sync makes them (no event objects).
  const countCronEvent: EventSink = (_type, reason) => {
    world.log.drop(reason);
    if (reason === 'JobAlreadyActive') dayOf(world.now()).skipped++;
  };
  const countingSyncOptions: CronJobSyncOptions = { ...syncOptions, eventDetails: countCronEvent };
  let pendingCron: number | null = null;
  let deletingOwnJob = false;
  const enqueueCron = (at: number): void => {
    if (pendingCron !== null && pendingCron <= at) return;
    pendingCron = at;
    world.queue.push(at, PRIO_CRON, CRON_SYNC_ITEM);
  };
  world.onJobChange = (rt, what) => {
    if (what === 'finished') {
      const cond = finishedCondition(rt.job.status);
      const day = dayOf(rt.scheduledTime ?? world.now());
      if (cond?.type === 'Complete') day.succeeded++;
      else day.failed++;
    }
    // Deletions the CronJob controller made itself change nothing its next sync would act on.
    if (what === 'deleted' && rt.record?.deletedBy !== 'ttl' && deletingOwnJob) return;
    enqueueCron(world.now());
  };
  world.onCronSync = () => {
    const now = world.now();
    if (pendingCron !== now) return;
    pendingCron = null;
    const result = syncCronJob(cj, world.storedJobs(), now, world.log.detailed ? syncOptions : countingSyncOptions);
    (cj as { status: CronJobObject['status'] }).status = result.status;
    for (const e of result.events) {
      world.log.add(e);
      if (e.reason === 'JobAlreadyActive') dayOf(now).skipped++;
    }
    for (const action of result.actions) {
      if (action.type === 'deleteJob') {
        const rt = world.jobs.get(action.name);
        if (rt !== undefined) {
          if (action.why === 'replace') dayOf(now).replaced++;
          deletingOwnJob = true;
          world.deleteJob(rt, action.why);
          deletingOwnJob = false;
        }
      } else {
        const record: SimJobRecord | null =
          records.length < maxRecords
            ? { name: action.job.name, scheduledTime: action.scheduledTime, createdAt: now, finishedAt: null, deletedAt: null, deletedBy: null, status: action.job.status, podsCreated: 0 }
            : null;
        if (record !== null) records.push(record);
        dayOf(action.scheduledTime).created++;
        world.addJob(action.job.creationTimestamp === now ? action.job : { ...action.job, creationTimestamp: now }, record, action.scheduledTime);
      }
    }
    // The Job this sync created is a watch event for the controller too, but that sync would
    // find status already up to date (lastScheduleTime is the newest due time), so it is
    // left out; the requeue is what matters.
    if (result.requeueAfterMs !== null) enqueueCron(now + Math.max(0, result.requeueAfterMs));
  };
  enqueueCron(options.start);
  world.run(until);
  const remainingJobs = world.jobs
    .values()
    .slice()
    .sort((a, b) => a.job.creationTimestamp - b.job.creationTimestamp || (a.job.name < b.job.name ? -1 : 1))
    .map((rt) => rt.job.name);
  return {
    kind: 'CronJob',
    name: cj.name,
    namespace: cj.namespace,
    start: options.start,
    end: until,
    status: cj.status,
    jobsCreated: world.jobsCreated,
    jobs: records,
    remainingJobs,
    days: Array.from(days.values()).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    events: world.log.events,
    eventCounts: world.log.counts,
    eventsDropped: world.log.dropped,
    warnings: [],
  };
}

/**
 * memoNext caches recent Next results: a sync asks for Next of the same few instants again
 * and again. A small ring of (after, next) pairs; no Map, so nothing is rehashed. It buys part of
 * the figure "simulate a year of a `* * * * *` CronJob" (bench/simulate.mjs): without it that run
 * costs about 25 % more CPU (71 × the bare enumeration of the year's runs instead of 57 ×).
 */
function memoNext(next: NextFn): NextFn {
  const size = 8;
  const keys = new Array<number>(size).fill(NaN);
  const values = new Array<number>(size).fill(0);
  let slot = 0;
  return (after) => {
    for (let i = 0; i < size; i++) if (keys[i] === after) return values[i] as number;
    const value = next(after);
    keys[slot] = after;
    values[slot] = value;
    slot = (slot + 1) % size;
    return value;
  };
}

function defaultPodModel(): PodModel {
  const m = specPodModel('succeed@10s');
  if (!m.ok) throw new Error(m.error);
  return m.model;
}

/** What `simulateManifest` needs to know about the document. */
export type SimulateManifestResult =
  | { readonly ok: true; readonly simulation: JobSimulation | CronJobSimulation }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * simulate reads a parsed batch/v1 Job or CronJob document (the plain value of a
 * ManifestDocument) and simulates it. Returns the simulation, or the reasons the manifest
 * cannot be simulated (e.g. no restartPolicy).
 */
export function simulate(kind: 'Job' | 'CronJob', value: unknown, options: SimulateOptions): SimulateManifestResult {
  if (kind === 'Job') {
    const job = jobFromManifest(value, options.start);
    if (!job.ok) return { ok: false, errors: job.errors };
    return { ok: true, simulation: simulateJob(job.value, options) };
  }
  const cj = cronJobFromManifest(value, options.start);
  if (!cj.ok) return { ok: false, errors: cj.errors };
  return { ok: true, simulation: simulateCronJob(cj.value, options) };
}
