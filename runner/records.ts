import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ControllerEvent } from '../src-engine/controllers';
import { processStartTicks } from './procScan';

/**
 * A run folder, `.kube-jobs/runs/<timestamp>-<name>/`, keeps what a finished run showed:
 *   run.json                 summary: the workload, runtime, outcome, every pod with its containers' exit codes
 *   events.jsonl             the timeline, one event per line (controller events and pod transitions)
 *   pods/<pod>/<container>.log   each container's output (secret values masked)
 *   live-output.spill        while a slow reader lags behind the CLI's live output: what it has not read yet
 */

export const RUNS_DIR = path.join('.kube-jobs', 'runs');
/** The file in a run folder that holds the CLI's live output its reader has not taken yet. */
export const LIVE_SPILL_FILE = 'live-output.spill';

export interface ContainerRecord {
  readonly name: string;
  readonly init: boolean;
  state: 'waiting' | 'running' | 'terminated';
  exitCode?: number;
  reason?: string;
  message?: string;
  restartCount: number;
  /** Path of the log file, relative to the run folder. */
  readonly log: string;
}

export interface PodRecord {
  readonly name: string;
  readonly jobName: string;
  readonly completionIndex?: number;
  phase: string;
  /** Real wall-clock times (epoch ms). */
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  deleted?: boolean;
  /** Why the pod failed when not because of an exit code (DeadlineExceeded: its own activeDeadlineSeconds). */
  reason?: string;
  readonly containers: ContainerRecord[];
}

export interface TimelineEvent {
  /** Real wall-clock time (epoch ms). */
  readonly at: number;
  /** Controller time (epoch ms), which runs --time-scale times faster. */
  readonly controllerTime: number;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly object: string;
  readonly message: string;
}

/** timelineEvent is a controller's event as a run's timeline keeps it: at the wall-clock time `at` too. */
export function timelineEvent(e: ControllerEvent, at: number): TimelineEvent {
  return { at, controllerTime: e.time, type: e.type, reason: e.reason, object: e.object, message: e.message };
}

export interface RunOutcome {
  readonly result: 'Complete' | 'Failed' | 'Cancelled';
  readonly reason?: string;
  readonly message?: string;
}

/** The process that runs (and writes) a run, so a reader can tell a live run from one whose process died. */
export interface RunOwner {
  readonly pid: number;
  readonly host: string;
  /** /proc start time of the process (clock ticks since boot), so a reused pid is not taken for the owner. */
  readonly startTicks?: number;
}

export interface RunSummary {
  readonly version: 1;
  /** The value of KUBE_JOBS_RUN_ID in every process of the run. */
  readonly runId?: string;
  readonly owner?: RunOwner;
  readonly name: string;
  readonly kind: 'Job' | 'CronJob';
  readonly file?: string;
  readonly runtime: string;
  readonly timeScale: number;
  readonly startedAt: number;
  finishedAt?: number;
  outcome?: RunOutcome;
  readonly jobs: string[];
  readonly pods: PodRecord[];
}

/** runFolderName is `<UTC yyyymmdd-hhmmss>-<name>`, so folders sort by start time. */
export function runFolderName(name: string, startedAt: number): string {
  const stamp = new Date(startedAt).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${name.replace(/[^a-zA-Z0-9_.-]/g, '-')}`;
}

/** Writes one run folder as the run goes. Writes are synchronous so a crash loses nothing written so far. */
export class RunRecorder {
  readonly dir: string;
  readonly summary: RunSummary;
  private readonly logStreams = new Map<string, fs.WriteStream>();
  private flushTimer: NodeJS.Timeout | undefined;

  /** `mask` hides secret values in event messages (log lines arrive masked already). */
  constructor(
    workspace: string,
    summary: Omit<RunSummary, 'version' | 'jobs' | 'pods' | 'owner'>,
    private readonly mask: (text: string) => string = (text) => text,
  ) {
    let dir = path.join(workspace, RUNS_DIR, runFolderName(summary.name, summary.startedAt));
    for (let n = 2; fs.existsSync(dir); n++) {
      dir = path.join(workspace, RUNS_DIR, `${runFolderName(summary.name, summary.startedAt)}-${n}`);
    }
    fs.mkdirSync(dir, { recursive: true });
    this.dir = dir;
    const startTicks = processStartTicks(process.pid);
    const owner: RunOwner = { pid: process.pid, host: os.hostname(), ...(startTicks === undefined ? {} : { startTicks }) };
    this.summary = { version: 1, ...summary, owner, jobs: [], pods: [] };
    this.writeSummary();
  }

  addEvent(event: TimelineEvent): void {
    const masked = { ...event, message: this.mask(event.message) };
    fs.appendFileSync(path.join(this.dir, 'events.jsonl'), `${JSON.stringify(masked)}\n`);
  }

  addPod(pod: PodRecord): void {
    this.summary.pods.push(pod);
    fs.mkdirSync(path.join(this.dir, 'pods', pod.name), { recursive: true });
    this.changed();
  }

  /** logPath is the file a container's output goes to. */
  logPath(pod: string, container: string): string {
    return path.join('pods', pod, `${container}.log`);
  }

  appendLog(pod: string, container: string, text: string): void {
    const rel = this.logPath(pod, container);
    let stream = this.logStreams.get(rel);
    if (stream === undefined) {
      stream = fs.createWriteStream(path.join(this.dir, rel), { flags: 'a' });
      this.logStreams.set(rel, stream);
    }
    stream.write(text);
  }

  /**
   * logRoom is undefined while a container's log file keeps up, else a promise that resolves
   * once its buffered writes reached the file: the container's output is read no faster.
   */
  logRoom(pod: string, container: string): Promise<void> | undefined {
    const stream = this.logStreams.get(this.logPath(pod, container));
    if (stream === undefined || !stream.writableNeedDrain) return undefined;
    return new Promise((resolve) => {
      stream.once('drain', resolve);
      stream.once('close', resolve);
    });
  }

  /** changed schedules a rewrite of run.json (coalesced, so chatty pods cost little). */
  changed(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.writeSummary();
    }, 50);
  }

  /** finish records the outcome, flushes everything and closes the log files. */
  async finish(outcome: RunOutcome, finishedAt: number): Promise<void> {
    this.summary.outcome = outcome;
    this.summary.finishedAt = finishedAt;
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.writeSummary();
    await Promise.all([...this.logStreams.values()].map((s) => new Promise<void>((resolve) => s.end(resolve))));
    this.logStreams.clear();
  }

  writeSummary(): void {
    const file = path.join(this.dir, 'run.json');
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(this.summary, null, 2));
    fs.renameSync(`${file}.tmp`, file);
  }
}

/** Whether a run goes on, ended with an outcome, or ended with its process (killed, crashed) before it could record one. */
export type RunState = 'running' | 'finished' | 'interrupted';

/** runState tells a live run from a dead one: a run without an outcome is live while its owner process is. */
export function runState(summary: RunSummary): RunState {
  if (summary.outcome !== undefined) return 'finished';
  const owner = summary.owner;
  // Another machine's run (a shared folder), or a record older than owners: there is no telling, so take it as written.
  if (owner === undefined || owner.host !== os.hostname()) return 'running';
  if (!pidExists(owner.pid)) return 'interrupted';
  const ticks = processStartTicks(owner.pid);
  return owner.startTicks === undefined || ticks === undefined || ticks === owner.startTicks ? 'running' : 'interrupted';
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * readRun reads a run folder back; throws with a clear message if it is not one. The pods of an
 * interrupted run that were not finished read as phase Unknown, as the API server shows the
 * pods of a node that stopped reporting: nobody knows how they ended.
 */
export function readRun(dir: string): { summary: RunSummary; events: TimelineEvent[]; state: RunState } {
  let summary: RunSummary;
  try {
    summary = JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')) as RunSummary;
  } catch (error) {
    throw new Error(`${dir} is not a kube-jobs run folder: ${(error as Error).message}`, { cause: error });
  }
  let events: TimelineEvent[];
  try {
    events = fs
      .readFileSync(path.join(dir, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as TimelineEvent);
  } catch {
    events = [];
  }
  const state = runState(summary);
  if (state === 'interrupted') {
    for (const pod of summary.pods) if (pod.phase !== 'Succeeded' && pod.phase !== 'Failed') pod.phase = 'Unknown';
  }
  return { summary, events, state };
}

/** readLog returns a container's recorded output ('' when it printed nothing). */
export function readLog(dir: string, pod: string, container: string): string {
  try {
    return fs.readFileSync(path.join(dir, 'pods', pod, `${container}.log`), 'utf8');
  } catch {
    return '';
  }
}

/** How much of the end of a log file readLogTail reads at most. */
const LOG_TAIL_BYTES = 2 * 1024 * 1024;

/** readLogTail returns the last lines of a container's recorded output (at most maxLines, from its last 2 MiB). */
export function readLogTail(dir: string, pod: string, container: string, maxLines: number): string[] {
  let fd: number;
  try {
    fd = fs.openSync(path.join(dir, 'pods', pod, `${container}.log`), 'r');
  } catch {
    return [];
  }
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - LOG_TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    const n = fs.readSync(fd, buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8', 0, n).split('\n');
    // The last element follows the final newline; the first is cut when the read began mid-file.
    lines.pop();
    if (start > 0) lines.shift();
    return lines.slice(-maxLines);
  } finally {
    fs.closeSync(fd);
  }
}

/** listRuns returns the run folders of a workspace, newest first. */
export function listRuns(workspace: string): string[] {
  const root = path.join(workspace, RUNS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return [];
  }
  return names
    .filter((n) => fs.existsSync(path.join(root, n, 'run.json')))
    .sort()
    .reverse()
    .map((n) => path.join(root, n));
}
