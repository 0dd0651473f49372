import { randomUUID, randomInt } from 'node:crypto';
import {
  EMPTY_JOB_MEMORY,
  RANDOM_NAME_ALPHABET,
  SYNC_JOB_BATCH_PERIOD_MS,
  apiTime,
  finishedCondition,
  generatedName,
  jobStatusChanged,
  syncJob,
  syncTtlAfterFinished,
} from '../src-engine/controllers';
import type { ControllerEvent, JobAction, JobMemory, JobObject, PodObject, PodTemplateRequest } from '../src-engine/controllers';
import { LocalPod, podRunContext } from './localPod';
import type { ContainerSpec, PodSpec } from './podSpec';
import { timelineEvent } from './records';
import type { RunEnvironment } from './runEnvironment';

/** What a local Job run ended with. */
export interface JobRunResult {
  readonly result: 'Complete' | 'Failed' | 'Cancelled';
  readonly reason?: string;
  readonly message?: string;
  readonly job: JobObject;
}

export interface JobRunOptions extends RunEnvironment {
  readonly job: JobObject;
  /** Called after every sync and pod change (status display). */
  readonly onChange?: (run: JobRun) => void;
}

/** A pod of the run, with what the API server would hold beside the processes. */
interface PodEntry {
  readonly local: LocalPod;
  readonly request: PodTemplateRequest;
  hasTrackingFinalizer: boolean;
}

/** The API server's name for a pod created with `generateName: prefix` (random suffix from crypto). */
function generateName(prefix: string): string {
  return generatedName(prefix, CRYPTO_RANDOM);
}

/** Floats from crypto.randomInt, one per character of the alphabet. */
const CRYPTO_RANDOM = { next: (): number => randomInt(RANDOM_NAME_ALPHABET.length) / RANDOM_NAME_ALPHABET.length };

/**
 * A Job run locally: the engine's own `syncJob` step function, driven by a real (scaled)
 * clock. Each sync's actions are carried out for real — createPod starts processes,
 * deletePod stops them — and a new sync runs on every pod change and at requeueAfterMs, as
 * the Job controller's work queue would. There is no second Job controller here.
 */
export class JobRun {
  job: JobObject;
  private memory: JobMemory = EMPTY_JOB_MEMORY;
  private readonly entries = new Map<string, PodEntry>();
  private syncScheduled = false;
  private requeueTimer: { at: number; cancel: () => void } | undefined;
  private ttlCancel: (() => void) | undefined;
  private stopped = false;
  private resolveFinished!: (result: JobRunResult) => void;
  private resolveDeleted!: () => void;
  /** Resolves when the Job is Complete or Failed (and its pods' processes are gone), or cancelled. */
  readonly finished: Promise<JobRunResult>;
  /** Resolves when the TTL-after-finished controller deletes the Job (never without a TTL). */
  readonly deleted: Promise<void>;
  deletedAt: number | undefined;
  private outcome: JobRunResult | undefined;

  constructor(readonly options: JobRunOptions) {
    this.job = options.job;
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.deleted = new Promise((resolve) => (this.resolveDeleted = resolve));
  }

  /** Every pod the run created that still exists, oldest first. */
  get pods(): LocalPod[] {
    return [...this.entries.values()].map((e) => e.local);
  }

  /** How the run ended; undefined while it runs. */
  get result(): JobRunResult | undefined {
    return this.outcome;
  }

  start(): void {
    this.event({
      time: this.options.clock.now(),
      type: 'Normal',
      reason: 'Started',
      message: `Local run of Job ${this.job.name} started`,
      object: `Job/${this.job.name}`,
    });
    this.scheduleSync();
  }

  /** cancel stops every pod (SIGTERM, SIGKILL after the scaled grace period) and ends the run as Cancelled. */
  async cancel(why = 'Cancelled by the user', reason = 'Cancelled'): Promise<void> {
    if (this.stopped) {
      await this.finished;
      return;
    }
    this.stopped = true;
    this.requeueTimer?.cancel();
    this.ttlCancel?.();
    this.event({
      time: this.options.clock.now(),
      type: reason === 'Cancelled' ? 'Warning' : 'Normal',
      reason,
      message: why,
      object: `Job/${this.job.name}`,
    });
    await Promise.all(this.pods.map((p) => p.delete()));
    if (this.outcome === undefined) this.settle({ result: 'Cancelled', message: why, job: this.job });
    this.resolveDeleted();
  }

  /** stopTtl drops the pending TTL deletion of a finished Job: the caller stops watching, the record stays. */
  stopTtl(): void {
    this.ttlCancel?.();
    this.ttlCancel = undefined;
  }

  /** forceKill kills every process at once (process exit, editor shutdown). */
  forceKill(): void {
    this.stopped = true;
    this.requeueTimer?.cancel();
    this.ttlCancel?.();
    for (const pod of this.pods) pod.forceKill();
  }

  /** podObjects is what the controller sees of the pods (core/v1 Pod, reduced). */
  podObjects(): PodObject[] {
    return [...this.entries.values()].map((entry) => toPodObject(entry));
  }

  private scheduleSync(): void {
    if (this.syncScheduled || this.stopped) return;
    this.syncScheduled = true;
    setImmediate(() => {
      this.syncScheduled = false;
      this.sync();
    });
  }

  private requeue(afterMs: number): void {
    const at = this.options.clock.now() + afterMs;
    if (this.requeueTimer !== undefined && this.requeueTimer.at <= at) return;
    this.requeueTimer?.cancel();
    const cancel = this.options.clock.after(afterMs, () => {
      this.requeueTimer = undefined;
      this.scheduleSync();
    });
    this.requeueTimer = { at, cancel };
  }

  /**
   * syncBatched: a pod event is handled one batch period later, together with every other
   * event until then (enqueueSyncJobBatched; the queue keeps the earliest time).
   */
  private syncBatched(): void {
    this.requeue(SYNC_JOB_BATCH_PERIOD_MS);
  }

  private sync(): void {
    if (this.stopped) return;
    const now = this.options.clock.now();
    // Times in the status are whole seconds, as the API server keeps them.
    const result = syncJob(this.job, this.podObjects(), now, { memory: this.memory, wholeSecondTimes: true });
    const previous = this.job.status;
    this.job = { ...this.job, status: result.status };
    this.memory = result.memory;
    for (const e of result.events) this.event(e);
    for (const action of result.actions) this.apply(action, now);
    if (result.requeueAfterMs !== null) this.requeue(result.requeueAfterMs);
    // What the sync wrote comes back as events, handled in a batched sync.
    if (result.actions.length > 0 || jobStatusChanged(previous, this.job.status)) this.syncBatched();
    this.options.onChange?.(this);
    const done = finishedCondition(this.job.status);
    if (done !== null && this.outcome === undefined) {
      void this.onFinished(done.type === 'Complete' ? 'Complete' : 'Failed', done.reason, done.message);
    }
  }

  private apply(action: JobAction, now: number): void {
    switch (action.type) {
      case 'createPod': {
        const local = this.createPod(action.pod);
        this.event({
          time: now,
          type: 'Normal',
          reason: 'SuccessfulCreate',
          message: `Created pod: ${local.name}`,
          object: `Job/${this.job.name}`,
        });
        break;
      }
      case 'deletePod': {
        const entry = this.entries.get(action.podName);
        if (entry === undefined) break;
        // The controller records SuccessfulDelete itself; deleting a pod already terminating changes nothing.
        if (action.removeFinalizer) entry.hasTrackingFinalizer = false;
        void entry.local.delete();
        break;
      }
      case 'removeFinalizer': {
        const entry = this.entries.get(action.podName);
        if (entry === undefined) break;
        entry.hasTrackingFinalizer = false;
        this.collect(entry);
        break;
      }
    }
  }

  /** collect drops a deleted, finished pod whose finalizer is gone: the API server would remove it now. */
  private collect(entry: PodEntry): void {
    const { local } = entry;
    if (
      local.deletionTimestamp !== undefined &&
      !entry.hasTrackingFinalizer &&
      (local.phase === 'Succeeded' || local.phase === 'Failed')
    ) {
      this.entries.delete(local.name);
    }
  }

  private createPod(request: PodTemplateRequest): LocalPod {
    const { options } = this;
    let name = generateName(request.generateName);
    while (this.entries.has(name)) name = generateName(request.generateName);
    const withEnv = (c: ContainerSpec): ContainerSpec => {
      const extra = request.env
        .filter((e) => !(c.env ?? []).some((own) => own.name === e.name))
        .map((e) => ({ name: e.name, valueFrom: { fieldRef: { fieldPath: e.valueFrom } } }));
      return extra.length === 0 ? c : { ...c, env: [...(c.env ?? []), ...extra] };
    };
    const spec: PodSpec = {
      ...options.podSpec,
      initContainers: options.podSpec.initContainers.map(withEnv),
      containers: options.podSpec.containers.map(withEnv),
    };
    const local = new LocalPod({
      identity: {
        name,
        namespace: this.job.namespace,
        uid: randomUUID(),
        labels: { ...options.templateLabels, ...request.labels },
        annotations: { ...options.templateAnnotations, ...request.annotations },
        hostname: (request.hostname ?? options.podSpec.hostname ?? name).slice(0, 63),
      },
      spec,
      jobName: this.job.name,
      ...(request.index === null ? {} : { completionIndex: request.index }),
      ...podRunContext(options),
      onChange: (pod) => this.podChanged(pod),
      onContainerEvent: (e) =>
        this.event({
          time: options.clock.now(),
          type: e.kind === 'Terminated' && e.exitCode !== 0 ? 'Warning' : 'Normal',
          reason: e.kind === 'Terminated' ? (e.reason ?? 'Terminated') : e.kind,
          message: e.message ?? '',
          object: `Pod/${e.pod}`,
        }),
    });
    this.entries.set(name, { local, request, hasTrackingFinalizer: true });
    return local;
  }

  private podChanged(pod: LocalPod): void {
    const entry = this.entries.get(pod.name);
    if (entry !== undefined) this.collect(entry);
    this.options.onChange?.(this);
    this.syncBatched();
  }

  private async onFinished(result: 'Complete' | 'Failed', reason: string, message: string): Promise<void> {
    this.outcome = { result, reason, message, job: this.job };
    // The controller deleted the pods that were still running before adding the final condition; wait for their processes.
    await Promise.all(this.pods.map((p) => p.done));
    this.settle(this.outcome);
    this.scheduleTtl();
  }

  private settle(outcome: JobRunResult): void {
    this.outcome = outcome;
    this.resolveFinished(outcome);
  }

  /** scheduleTtl runs the TTL-after-finished controller's decision on the same clock. */
  private scheduleTtl(): void {
    if (this.stopped) return;
    const decision = syncTtlAfterFinished(this.job, this.options.clock.now());
    if (decision.kind === 'none') return;
    if (decision.kind === 'wait') {
      this.ttlCancel = this.options.clock.after(decision.requeueAfterMs, () => this.scheduleTtl());
      return;
    }
    const now = this.options.clock.now();
    this.deletedAt = now;
    this.job = { ...this.job, deletionTimestamp: now };
    this.event({
      time: now,
      type: 'Normal',
      reason: 'Deleted',
      message: `Job deleted by the TTL-after-finished controller (ttlSecondsAfterFinished: ${this.job.spec.ttlSecondsAfterFinished ?? 0}); its pods are removed first (Foreground)`,
      object: `Job/${this.job.name}`,
    });
    this.entries.clear();
    this.stopped = true;
    this.resolveDeleted();
    this.options.onChange?.(this);
  }

  private event(e: ControllerEvent): void {
    const event = timelineEvent(e, Date.now());
    this.options.recorder?.addEvent(event);
    this.options.onEvent?.(event);
  }
}

/** toPodObject reduces a local pod to what the Job controller reads. */
function toPodObject(entry: PodEntry): PodObject {
  const { local, request } = entry;
  const statuses = [...local.status.containerStatuses, ...local.status.initContainerStatuses];
  const terminated = statuses.map((s) => ('terminated' in s.state ? s.state.terminated : undefined));
  const finished = local.phase === 'Succeeded' || local.phase === 'Failed';
  const failedExit = terminated.find((t) => t !== undefined && t.exitCode !== 0);
  const finishTimes = terminated.filter((t) => t !== undefined).map((t) => t.finishedAt);
  // Times as the API server stores them (whole seconds).
  const deletedAt = local.deletionTimestamp;
  return {
    name: local.name,
    creationTimestamp: apiTime(local.creationTimestamp),
    index: request.index,
    phase: local.phase,
    deletionTimestamp: deletedAt === undefined ? null : apiTime(deletedAt),
    hasTrackingFinalizer: entry.hasTrackingFinalizer,
    finishedAt: finished
      ? apiTime(finishTimes.length > 0 ? Math.max(...finishTimes) : (local.status.readyFalseSince ?? local.creationTimestamp))
      : null,
    exitCode: finished ? (failedExit?.exitCode ?? 0) : null,
    restartCount: statuses.reduce((n, s) => n + s.restartCount, 0),
    conditions: [
      { type: 'Ready', status: statuses.length > 0 && local.status.containerStatuses.every((s) => s.ready) ? 'True' : 'False' },
    ],
    indexFailureCount: request.indexFailureCount,
    indexIgnoredFailureCount: request.indexIgnoredFailureCount,
  };
}
