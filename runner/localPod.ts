import { containerRestart } from '../src-engine/kubelet';
import type { CrashLoopBackOff } from '../src-engine/kubelet';
import type { Backend, RunningContainer } from './backend';
import type { ScaledClock } from './clock';
import type { RefValues } from './envFile';
import { resolveContainerEnv } from './env';
import type { PodIdentity, ResolvedEnvVar } from './env';
import { pipeLines } from './logLines';
import type { ContainerSpec, PodSpec } from './podSpec';
import type { ContainerRecord, PodRecord, RunRecorder } from './records';

/** How long the output of a container whose processes are all gone may stay open and silent, and open at all. */
const LOG_DRAIN_IDLE_MS = 2000;
const LOG_DRAIN_MAX_MS = 20_000;

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** A container's state, shaped like the Kubernetes ContainerStatus (times are controller epoch ms). */
export interface ContainerStatusView {
  readonly name: string;
  restartCount: number;
  ready: boolean;
  state:
    | { readonly waiting: { readonly reason: string; readonly message?: string } }
    | { readonly running: { readonly startedAt: number } }
    | {
        readonly terminated: {
          readonly exitCode: number;
          readonly reason: string;
          readonly message?: string;
          readonly signal?: number;
          readonly startedAt: number;
          readonly finishedAt: number;
        };
      };
}

export interface PodStatusView {
  phase: PodPhase;
  startTime?: number;
  /** Controller time of the last Ready transition; the Job controller uses it as a finish time. */
  readyFalseSince?: number;
  readonly initContainerStatuses: ContainerStatusView[];
  readonly containerStatuses: ContainerStatusView[];
}

export interface LogLine {
  readonly pod: string;
  readonly container: string;
  readonly stream: 'stdout' | 'stderr';
  readonly line: string;
}

/**
 * What a local pod gets from its run: where its containers run, the (scaled) clock, the secret
 * and config values, the run's id and working directory, where records and log lines go.
 */
export interface PodRunContext {
  readonly backend: Backend;
  readonly clock: ScaledClock;
  readonly values: RefValues;
  readonly runId: string;
  readonly cwd: string;
  readonly recorder?: RunRecorder;
  readonly onLog?: (line: LogLine) => void;
}

/** podRunContext is the part of a run's options its pods get (not the run's own listeners). */
export function podRunContext(run: PodRunContext): PodRunContext {
  return {
    backend: run.backend,
    clock: run.clock,
    values: run.values,
    runId: run.runId,
    cwd: run.cwd,
    ...(run.recorder === undefined ? {} : { recorder: run.recorder }),
    ...(run.onLog === undefined ? {} : { onLog: run.onLog }),
  };
}

export interface LocalPodOptions extends PodRunContext {
  readonly identity: PodIdentity;
  readonly spec: PodSpec;
  readonly jobName: string;
  readonly completionIndex?: number;
  /** Called on every status change (the driver re-syncs the Job controller). */
  readonly onChange?: (pod: LocalPod) => void;
  /** Container lifecycle, for the timeline (the kubelet's Started / Killing, and how each run ended). */
  readonly onContainerEvent?: (event: ContainerEvent) => void;
}

/** A container started, was asked to stop, or terminated (with the Kubernetes terminated reason). */
export interface ContainerEvent {
  readonly pod: string;
  readonly container: string;
  readonly kind: 'Started' | 'Killing' | 'Terminated';
  readonly exitCode?: number;
  /** Terminated: Completed, Error or StartError, as in ContainerStateTerminated.reason. */
  readonly reason?: string;
  readonly message?: string;
}

/**
 * One pod run locally: init containers one after another, then the containers side by side,
 * restarted in place with the kubelet's back-off under restartPolicy OnFailure. Deleting a pod
 * stops every process it started (SIGTERM, SIGKILL after terminationGracePeriodSeconds, scaled).
 */
export class LocalPod {
  readonly name: string;
  readonly creationTimestamp: number;
  deletionTimestamp: number | undefined;
  readonly status: PodStatusView;
  readonly record: PodRecord;
  /** Resolves once the pod is terminal and none of its processes is left. */
  readonly done: Promise<void>;
  private readonly running = new Set<RunningContainer>();
  private readonly runningNames = new Set<string>();
  private readonly abort = new AbortController();
  /** When each container last wrote a line (performance.now()), to tell a draining pipe from an abandoned one. */
  private readonly lastOutput = new Map<string, number>();

  constructor(readonly options: LocalPodOptions) {
    this.name = options.identity.name;
    this.creationTimestamp = options.clock.now();
    const { spec } = options;
    const initial = (c: ContainerSpec): ContainerStatusView => ({
      name: c.name,
      restartCount: 0,
      ready: false,
      state: { waiting: { reason: 'PodInitializing' } },
    });
    this.status = {
      phase: 'Pending',
      initContainerStatuses: spec.initContainers.map(initial),
      containerStatuses: spec.containers.map(initial),
    };
    const recordOf = (c: ContainerSpec, init: boolean): ContainerRecord => ({
      name: c.name,
      init,
      state: 'waiting',
      restartCount: 0,
      log: options.recorder?.logPath(this.name, c.name) ?? '',
    });
    this.record = {
      name: this.name,
      jobName: options.jobName,
      ...(options.completionIndex === undefined ? {} : { completionIndex: options.completionIndex }),
      phase: 'Pending',
      createdAt: Date.now(),
      containers: [...spec.initContainers.map((c) => recordOf(c, true)), ...spec.containers.map((c) => recordOf(c, false))],
    };
    options.recorder?.addPod(this.record);
    this.done = this.run();
  }

  get phase(): PodPhase {
    return this.status.phase;
  }

  /** pids of the process groups running now (for tests and the reaper). */
  get pids(): number[] {
    return [...this.running].map((r) => r.pid).filter((p): p is number => p !== undefined);
  }

  /** delete stops the pod gracefully; resolves once its processes are gone. */
  async delete(): Promise<void> {
    if (this.deletionTimestamp === undefined) {
      this.deletionTimestamp = this.options.clock.now();
      this.record.deleted = true;
      this.abort.abort();
      const graceMs = this.options.clock.realMs(this.options.spec.terminationGracePeriodSeconds * 1000);
      this.changed();
      for (const name of this.runningNames) {
        this.options.onContainerEvent?.({
          pod: this.name,
          container: name,
          kind: 'Killing',
          message: `Stopping container ${name}`,
        });
      }
      await Promise.all([...this.running].map((r) => r.stop(graceMs)));
    }
    await this.done;
  }

  /** forceKill kills every process of the pod at once, synchronously. */
  forceKill(): void {
    if (this.deletionTimestamp === undefined) this.deletionTimestamp = this.options.clock.now();
    this.abort.abort();
    for (const r of this.running) r.forceKill();
  }

  private changed(): void {
    this.record.phase = this.status.phase;
    this.options.recorder?.changed();
    this.options.onChange?.(this);
  }

  /** Set when the pod's own activeDeadlineSeconds passed (the kubelet's DeadlineExceeded). */
  deadlineExceeded = false;

  private async run(): Promise<void> {
    const { spec } = this.options;
    // Let the constructor return (and the caller subscribe) before anything happens.
    await Promise.resolve();
    const cancelDeadline =
      spec.activeDeadlineSeconds === undefined
        ? undefined
        : this.options.clock.after(spec.activeDeadlineSeconds * 1000, () => {
            if (this.status.phase === 'Succeeded' || this.status.phase === 'Failed' || this.abort.signal.aborted) return;
            // Mirrors the kubelet's activeDeadlineHandler: the pod fails with reason DeadlineExceeded and its containers are killed.
            this.deadlineExceeded = true;
            this.abort.abort();
            const graceMs = this.options.clock.realMs(spec.terminationGracePeriodSeconds * 1000);
            for (const r of this.running) void r.stop(graceMs);
          });
    try {
      await this.runPhases();
    } finally {
      cancelDeadline?.();
    }
  }

  private async runPhases(): Promise<void> {
    const { spec } = this.options;
    for (let i = 0; i < spec.initContainers.length; i++) {
      const exitCode = await this.runContainer(
        spec.initContainers[i] as ContainerSpec,
        this.status.initContainerStatuses[i] as ContainerStatusView,
        i,
      );
      if (exitCode !== 0) return this.finish('Failed');
    }
    if (this.abort.signal.aborted) return this.finish('Failed');
    this.status.phase = 'Running';
    const offset = spec.initContainers.length;
    const codes = await Promise.all(
      spec.containers.map((c, i) => this.runContainer(c, this.status.containerStatuses[i] as ContainerStatusView, offset + i)),
    );
    this.finish(codes.every((c) => c === 0) ? 'Succeeded' : 'Failed');
  }

  private finish(phase: PodPhase): void {
    // Containers that never started (an init container failed, or the pod was deleted first) stay waiting.
    this.status.phase = this.deadlineExceeded ? 'Failed' : phase;
    if (this.deadlineExceeded) this.record.reason = 'DeadlineExceeded';
    this.status.readyFalseSince ??= this.options.clock.now();
    this.record.finishedAt = Date.now();
    this.changed();
  }

  /** runContainer runs one container to its end (with in-place restarts); returns its last exit code. */
  private async runContainer(container: ContainerSpec, status: ContainerStatusView, recordIndex: number): Promise<number> {
    const { options } = this;
    const record = this.record.containers[recordIndex] as ContainerRecord;
    const signal = this.abort.signal;
    let backOff: CrashLoopBackOff | null = null;
    for (;;) {
      if (signal.aborted) return 137;
      const resolved = resolveContainerEnv(container, options.identity, options.values);
      const env: ResolvedEnvVar[] = [...resolved.vars];
      const plan = options.backend.plan({
        runId: options.runId,
        podName: this.name,
        hostname: options.identity.hostname,
        container,
        env,
        defaultCwd: options.cwd,
      });
      const problems = [
        ...resolved.problems,
        ...plan.problems,
        ...resolved.missing.map((m) => `${m.kind} ${m.name}${m.key === undefined ? '' : `/${m.key}`} has no value`),
      ];
      const startedAt = options.clock.now();
      let exitCode: number;
      if (problems.length > 0) {
        exitCode = 128;
        const message = this.mask(problems.join('; '));
        status.state = { terminated: { exitCode, reason: 'StartError', message, startedAt, finishedAt: startedAt } };
        this.log(container.name, 'stderr', `kube-jobs: ${problems.join('; ')}`);
      } else {
        const started = options.backend.start(plan);
        this.running.add(started);
        this.runningNames.add(container.name);
        options.onContainerEvent?.({
          pod: this.name,
          container: container.name,
          kind: 'Started',
          message: `Started container ${container.name}`,
        });
        this.status.startTime ??= startedAt;
        if (this.record.startedAt === undefined) this.record.startedAt = Date.now();
        status.state = { running: { startedAt } };
        status.ready = true;
        record.state = 'running';
        this.changed();
        // Waiting for the record's file counts as output: the pipe is being read, only slowly.
        const room = (): Promise<void> | undefined =>
          options.recorder
            ?.logRoom(this.name, container.name)
            ?.then(() => void this.lastOutput.set(container.name, performance.now()));
        const pipe = { room, cutter: options.values.secrets };
        const logsDone = Promise.all([
          pipeLines(started.stdout, (line) => this.log(container.name, 'stdout', line), pipe),
          pipeLines(started.stderr, (line) => this.log(container.name, 'stderr', line), pipe),
        ]);
        const exit = await started.exited;
        await this.drainLogs(container.name, started, logsDone);
        this.running.delete(started);
        this.runningNames.delete(container.name);
        exitCode = exit.exitCode;
        const finishedAt = options.clock.now();
        const reason = exit.startError !== undefined ? 'StartError' : exitCode === 0 ? 'Completed' : 'Error';
        status.state = {
          terminated: {
            exitCode,
            reason,
            startedAt,
            finishedAt,
            ...(exit.startError === undefined ? {} : { message: this.mask(exit.startError) }),
            ...(exit.signal === undefined ? {} : { signal: exitCode - 128 }),
          },
        };
        if (exit.startError !== undefined) this.log(container.name, 'stderr', `kube-jobs: ${exit.startError}`);
      }
      status.ready = false;
      this.status.readyFalseSince = options.clock.now();
      if ('terminated' in status.state) {
        const t = status.state.terminated;
        options.onContainerEvent?.({
          pod: this.name,
          container: container.name,
          kind: 'Terminated',
          exitCode,
          reason: t.reason,
          message: `Container ${container.name} terminated: exit code ${exitCode} (${t.reason})${t.message === undefined ? '' : `: ${t.message}`}`,
        });
      }
      record.state = 'terminated';
      record.exitCode = exitCode;
      record.reason = 'terminated' in status.state ? status.state.terminated.reason : undefined;
      if ('terminated' in status.state && status.state.terminated.message !== undefined) {
        record.message = status.state.terminated.message;
      }
      if (exitCode === 0 || options.spec.restartPolicy === 'Never' || signal.aborted) {
        this.changed();
        return exitCode;
      }
      // restartPolicy OnFailure: the kubelet restarts the container in place after its crash-loop back-off.
      const exitedAt = 'terminated' in status.state ? status.state.terminated.finishedAt : options.clock.now();
      const restart = containerRestart(backOff, exitedAt);
      backOff = restart.backOff;
      this.changed();
      if (!(await options.clock.sleep(restart.restartAt - exitedAt, signal))) return exitCode;
      status.restartCount++;
      record.restartCount = status.restartCount;
    }
  }

  /**
   * drainLogs reads what the container wrote before it ended. Every process of the container is
   * gone by now, so its pipes reach their end at once — unless a process that could not be found
   * (it left the group and cleared its environment, and its parent is gone) still holds them.
   * The pod does not wait for such a process, as a container's state follows its main process:
   * once the output stays silent for LOG_DRAIN_IDLE_MS (or LOG_DRAIN_MAX_MS have passed), it
   * stops reading.
   */
  private async drainLogs(container: string, started: RunningContainer, logsDone: Promise<unknown>): Promise<void> {
    let ended = false;
    void logsDone.then(() => (ended = true));
    const drainStart = performance.now();
    const giveUpAt = drainStart + LOG_DRAIN_MAX_MS;
    for (;;) {
      const silentFor = performance.now() - Math.max(drainStart, this.lastOutput.get(container) ?? 0);
      if (silentFor >= LOG_DRAIN_IDLE_MS || performance.now() >= giveUpAt) break;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([logsDone, new Promise((resolve) => (timer = setTimeout(resolve, LOG_DRAIN_IDLE_MS - silentFor)))]);
      clearTimeout(timer);
      if (ended) return;
    }
    started.stdout?.destroy();
    started.stderr?.destroy();
    await logsDone;
    const notice = 'kube-jobs: a process this container started still holds its output, and it cannot be found to stop it';
    this.log(container, 'stderr', notice);
  }

  /** mask hides every secret value of the run (secretMask.ts), in log lines and in messages. */
  private mask(text: string): string {
    return this.options.values.secrets.mask(text);
  }

  private log(container: string, stream: 'stdout' | 'stderr', raw: string): void {
    this.lastOutput.set(container, performance.now());
    const line = this.mask(raw);
    this.options.recorder?.appendLog(this.name, container, `${line}\n`);
    this.options.onLog?.({ pod: this.name, container, stream, line });
  }
}
