import { apiTime } from '../controllers/apiTime';
import { isJobFinished } from '../controllers/conditions';
import { generatedName } from '../controllers/generateName';
import { SYNC_JOB_BATCH_PERIOD_MS, syncJob } from '../controllers/job';
import { EMPTY_JOB_MEMORY } from '../controllers/jobMemory';
import type { JobMemory } from '../controllers/jobMemory';
import { jobStatusChanged } from '../controllers/jobStatus';
import type { EventDetail, EventSink } from '../controllers/syncEvents';
import { syncTtlAfterFinished } from '../controllers/ttl';
import type { JobObject, JobStatus, PodTemplateRequest } from '../controllers/types';
import { BackoffWaitLog } from './backoffWaits';
import { DEFAULT_WORK_BUDGET, MAX_LIVE_PODS, WAKE_UP_WORK } from './budget';
import { VirtualClock } from './clock';
import { EventLog } from './eventLog';
import { finishPod, restartAfterCrash, restartContainer, startPod } from './kubelet';
import { JobStore, newJobRuntime } from './jobStore';
import { newPodRecord, newSimPod } from './newPod';
import { DEFAULT_MAX_RECORDS, defaultPodModel } from './options';
import type { SimulateOptions } from './options';
import type { PodModel } from './podModel';
import { EventQueue } from './queue';
import type { SimJobRecord, SimPodRecord } from './records';
import { PRIO_JOB, PRIO_POD, PRIO_TTL } from './simObjects';
import type { JobRuntime, PodEventKind, QueueItem, SimPod } from './simObjects';

/**
 * World: the simulated API server (the store of Jobs and pods), kubelet and Job controller
 * queue for one top-level object. It pops the next (time, priority, seq) item, advances the
 * virtual clock, changes pods as the pod model says, calls the pure sync functions and
 * applies their actions. A CronJob driver plugs in through onCronSync and onJobChange.
 */
export class World {
  readonly clock: VirtualClock;
  readonly queue = new EventQueue<QueueItem>();
  readonly log: EventLog;
  readonly podRecords: SimPodRecord[] = [];
  readonly backoffWaits: BackoffWaitLog;
  readonly jobs = new JobStore();
  jobsCreated = 0;
  /** Where Job syncs report events once the log is full: counted, never built. */
  private readonly countEvent: EventSink = (_type, reason) => this.log.drop(reason, 'job');
  onJobChange: ((rt: JobRuntime, what: 'created' | 'finished' | 'deleted') => void) | null = null;
  onCronSync: (() => void) | null = null;
  /** The Job controller's batch period for pod events (0: it reacts at once). */
  private readonly batchPeriodMs: number;
  /** Whether stored times are whole seconds, as the API server keeps them. */
  private readonly wholeSeconds: boolean;
  /**
   * The options of every Job sync, one object changed before each call (it saves an
   * allocation per sync, a few percent of the year-long CronJob figure).
   */
  private readonly syncOptions: {
    memory: JobMemory;
    eventDetails: EventDetail;
    batchPeriodMs: number;
    wholeSecondTimes: boolean;
  };
  /** End of the current run (inclusive). */
  private until = Infinity;
  /** Work done so far (WAKE_UP_WORK per wake-up, one per pod a sync reads). */
  work = 0;
  /** Pods that exist now, over every Job. */
  private livePods = 0;
  /** Why the run stopped early, or null. */
  stopped: 'workBudget' | 'livePods' | null = null;
  /** Time of the last wake-up processed. */
  lastTime: number;

  readonly model: PodModel;
  /** How many pods / Jobs / events are kept in detail. */
  readonly maxRecords: number;
  private readonly workBudget: number;

  /** A world for a simulation with `options`; `keepPods` keeps pod records (a Job's simulation, not a CronJob's). */
  constructor(
    options: SimulateOptions,
    readonly keepPods: boolean,
  ) {
    this.model = options.podModel ?? defaultPodModel();
    this.maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
    this.workBudget = options.workBudget ?? DEFAULT_WORK_BUDGET;
    this.clock = new VirtualClock(options.start);
    this.lastTime = options.start;
    this.log = new EventLog(this.maxRecords);
    this.backoffWaits = new BackoffWaitLog(this.maxRecords);
    const cluster = (options.timing ?? 'cluster') === 'cluster';
    const batchPeriodMs = cluster ? SYNC_JOB_BATCH_PERIOD_MS : 0;
    this.batchPeriodMs = batchPeriodMs;
    this.wholeSeconds = cluster;
    this.syncOptions = { memory: EMPTY_JOB_MEMORY, eventDetails: true, batchPeriodMs, wholeSecondTimes: cluster };
  }

  /** stored is a time as the API server stores it. */
  private stored(ms: number): number {
    return this.wholeSeconds ? apiTime(ms) : ms;
  }

  now(): number {
    return this.clock.now();
  }

  addJob(job: JobObject, record: SimJobRecord | null, scheduledTime: number | null): JobRuntime {
    const rt = newJobRuntime(job, this.model.forJob(job.name, this.jobsCreated), record, scheduledTime);
    this.jobsCreated++;
    this.jobs.set(rt);
    this.enqueueJobSync(rt, this.now());
    return rt;
  }

  /** storedJobs lists the stored Job objects (what a CronJob sync lists; a reused array, see JobStore). */
  storedJobs(): readonly JobObject[] {
    return this.jobs.objectList();
  }

  /**
   * podEventSync queues the sync a pod event at `now` causes: one batch period later, or in
   * the batched sync already queued (enqueueSyncJobBatched; the delaying queue keeps the
   * earliest time).
   */
  private podEventSync(rt: JobRuntime, now: number): void {
    const batched = rt.batchedSyncAt;
    this.enqueueJobSync(rt, batched !== null && batched >= now ? batched : now + this.batchPeriodMs);
  }

  enqueueJobSync(rt: JobRuntime, at: number): void {
    if (rt.deleted || (rt.pendingSync !== null && rt.pendingSync <= at)) return;
    rt.pendingSync = at;
    this.queue.push(at, PRIO_JOB, { kind: 'syncJob', job: rt, pod: null, gen: 0 });
  }

  /**
   * advance drains the queue up to `until` (inclusive), stopping when the work done reaches
   * `pauseAt` (to be resumed by another call) or the budget (for good: `stopped` says why).
   * Returns true when the run is over.
   */
  advance(until: number, pauseAt = Infinity): boolean {
    this.until = until;
    while (this.queue.size > 0) {
      if (this.work >= pauseAt) return false;
      const time = this.queue.peekTime();
      if (time > until) break;
      const item = this.queue.popItem();
      if (item === undefined) break;
      this.clock.advanceTo(time);
      this.lastTime = time;
      this.work += WAKE_UP_WORK;
      this.dispatch(item);
      if (this.work >= this.workBudget) this.stopped = 'workBudget';
      else if (this.livePods > MAX_LIVE_PODS) this.stopped = 'livePods';
      if (this.stopped !== null) return true;
    }
    this.settleQuietSyncs(until);
    return true;
  }

  /**
   * The sync that a sync's own writes queue (batchedSyncAt) finds nothing new unless a pod
   * event joins it; all it changes is the count of ready pods, which the controller never
   * reads back. So it is skipped, and run only where its result is the one left at the end:
   * here for the syncs due by `until` that nothing followed.
   */
  private settleQuietSyncs(until: number): void {
    for (const rt of this.jobs.values()) {
      const at = rt.batchedSyncAt;
      if (at !== null && at <= until && rt.pendingSync === null) this.syncJob(rt, at);
    }
  }

  /**
   * settleQuietSync, before a pod event at `now`: when the skipped sync is already past and the
   * sync this event causes falls after the end of the simulation, the skipped sync's result
   * would be the last one, so it is run now, as of its time.
   */
  private settleQuietSync(rt: JobRuntime, now: number): void {
    const at = rt.batchedSyncAt;
    if (at === null || at >= now) return;
    rt.batchedSyncAt = null;
    if (Math.min(rt.pendingSync ?? Infinity, now + this.batchPeriodMs) > this.until) this.syncJob(rt, at);
  }

  private dispatch(item: QueueItem): void {
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

  private podEvent(kind: PodEventKind, rt: JobRuntime, pod: SimPod, gen: number): void {
    if (rt.deleted || pod.gen !== gen) return;
    const now = this.now();
    this.settleQuietSync(rt, now);
    if (kind === 'podStart') {
      this.queue.push(startPod(pod, now), PRIO_POD, { kind: 'podExit', job: rt, pod, gen });
      // Running pods are ready: the status counts them.
      this.podEventSync(rt, now);
    } else if (kind === 'podRestart') {
      this.queue.push(restartContainer(pod, now, rt.sequence), PRIO_POD, { kind: 'podExit', job: rt, pod, gen });
      this.podEventSync(rt, now);
    } else if (kind === 'podExit') {
      if (!pod.outcome.succeed && rt.job.spec.restartPolicy === 'OnFailure') {
        this.queue.push(restartAfterCrash(pod, now), PRIO_POD, { kind: 'podRestart', job: rt, pod, gen });
        return;
      }
      this.podFinished(rt, pod, pod.outcome.succeed ? 'Succeeded' : 'Failed', pod.outcome.exitCode);
    } else {
      // podGone: the deleted pod's containers were stopped (how they exited is not modelled).
      this.podFinished(rt, pod, 'Failed', null);
    }
  }

  private podFinished(rt: JobRuntime, pod: SimPod, phase: 'Succeeded' | 'Failed', exitCode: number | null): void {
    const now = this.now();
    finishPod(pod, phase, exitCode, now, this.stored(now));
    if (!pod.hasTrackingFinalizer) this.removePod(rt, pod.name);
    this.podEventSync(rt, now);
  }

  /** syncJob runs the Job controller for `rt` as of `now` (a skipped sync's time, or the clock's). */
  private syncJob(rt: JobRuntime, now = this.now()): void {
    if (rt.deleted) return;
    rt.batchedSyncAt = null;
    const wasFinished = isJobFinished(rt.job.status);
    // The store's own list: syncJob only reads it, and the actions are applied after it returns.
    const pods = rt.pods.view();
    this.work += pods.length;
    const options = this.syncOptions;
    options.memory = rt.memory;
    options.eventDetails = this.log.detailed ? true : this.countEvent;
    const result = syncJob(rt.job, pods, now, options);
    // The world is the API server's storage: it owns its Job objects and updates them in place
    // (the controller only ever saw them read-only during its sync).
    const previous = rt.job.status;
    const status = result.status;
    (rt.job as { status: JobStatus }).status = status;
    rt.memory = result.memory;
    // What the sync wrote comes back as events, and a batched sync is queued for them. It finds
    // nothing new unless a pod event joins it (a pod created running is one), so it is only run
    // then, or when it recomputes the activeDeadlineSeconds wake-up from the stored
    // (whole-second) startTime.
    if (result.actions.length > 0 || jobStatusChanged(previous, status)) {
      rt.batchedSyncAt = now + this.batchPeriodMs;
      if (this.wholeSeconds && rt.job.spec.activeDeadlineSeconds !== null && !isJobFinished(status)) {
        this.enqueueJobSync(rt, rt.batchedSyncAt);
      }
    }
    for (const e of result.events) this.log.add(e);
    let created = false;
    for (const action of result.actions) {
      if (action.type === 'createPod') {
        created = true;
        this.createPod(rt, action.pod);
      } else if (action.type === 'deletePod') {
        this.deletePod(rt, action.podName, action.removeFinalizer, rt.job.spec.suspend ? 'suspend' : 'controller');
      } else {
        const pod = rt.pods.get(action.podName);
        if (pod !== undefined) {
          pod.hasTrackingFinalizer = false;
          if (pod.phase === 'Succeeded' || pod.phase === 'Failed') this.removePod(rt, pod.name);
        }
      }
    }
    if (rt.record !== null) rt.record.status = status;
    const finished = isJobFinished(status);
    if (!finished && !created && this.keepPods) this.backoffWaits.note(rt.memory, now);
    if (result.requeueAfterMs !== null) this.enqueueJobSync(rt, now + result.requeueAfterMs);
    if (finished && !wasFinished) {
      if (rt.record !== null) rt.record.finishedAt = now;
      this.scheduleTtl(rt);
      this.onJobChange?.(rt, 'finished');
    }
  }

  /** removePod: the API server deletes a finished pod once no finalizer holds it. */
  private removePod(rt: JobRuntime, name: string): void {
    if (rt.pods.delete(name)) this.livePods--;
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

  private createPod(rt: JobRuntime, request: PodTemplateRequest): void {
    const now = this.now();
    // generateName: the API server retries on a name conflict, so do we.
    let name: string;
    do name = generatedName(request.generateName, rt.nameRandom);
    while (rt.pods.has(name));
    const outcome = rt.sequence.next(request.index);
    const latency = this.model.startLatencyMs;
    const record =
      this.keepPods && this.podRecords.length < this.maxRecords ? newPodRecord(name, request.index, now, latency === 0) : null;
    if (record !== null) this.podRecords.push(record);
    const pod = newSimPod(request, name, this.stored(now), outcome, latency === 0, record);
    rt.pods.set(pod);
    this.livePods++;
    rt.podsCreated++;
    if (rt.record !== null) rt.record.podsCreated = rt.podsCreated;
    if (this.log.detailed) {
      this.log.add({
        time: now,
        type: 'Normal',
        reason: 'SuccessfulCreate',
        message: `Created pod: ${name}`,
        object: `Job/${rt.job.name}`,
      });
    } else this.log.drop('SuccessfulCreate', 'job');
    if (latency > 0) {
      this.queue.push(now + latency, PRIO_POD, { kind: 'podStart', job: rt, pod, gen: 0 });
    } else {
      // Running (ready) at once: the batched sync the creation queued counts it (settleQuietSync).
      this.queue.push(now + outcome.durationMs, PRIO_POD, { kind: 'podExit', job: rt, pod, gen: 0 });
    }
  }

  private deletePod(rt: JobRuntime, podName: string, removeFinalizer: boolean, by: 'controller' | 'suspend'): void {
    const pod = rt.pods.get(podName);
    if (pod === undefined || pod.deletionTimestamp !== null) return;
    const now = this.now();
    pod.deletionTimestamp = this.stored(now);
    pod.gen++;
    if (removeFinalizer) pod.hasTrackingFinalizer = false;
    if (pod.record !== null) {
      pod.record.deletedAt = now;
      pod.record.deletedBy = by;
    }
    this.queue.push(now + this.model.terminationMs, PRIO_POD, { kind: 'podGone', job: rt, pod, gen: pod.gen });
    this.podEventSync(rt, now);
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
      }
    }
    this.livePods -= rt.pods.size;
    rt.pods.clear();
    const job = rt.job;
    rt.job = {
      name: job.name,
      namespace: job.namespace,
      creationTimestamp: job.creationTimestamp,
      deletionTimestamp: now,
      annotations: job.annotations,
      spec: job.spec,
      status: job.status,
    };
    this.jobs.delete(job.name);
    if (rt.record !== null) {
      rt.record.deletedAt = now;
      rt.record.deletedBy = why;
    }
    this.onJobChange?.(rt, 'deleted');
  }
}
