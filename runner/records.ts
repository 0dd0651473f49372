import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A run folder, `.kube-jobs/runs/<timestamp>-<name>/`, keeps what a finished run showed:
 *   run.json                 summary: the workload, runtime, outcome, every pod with its containers' exit codes
 *   events.jsonl             the timeline, one event per line (controller events and pod transitions)
 *   pods/<pod>/<container>.log   each container's output (secret values masked)
 */

export const RUNS_DIR = path.join('.kube-jobs', 'runs');

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

export interface RunOutcome {
  readonly result: 'Complete' | 'Failed' | 'Cancelled';
  readonly reason?: string;
  readonly message?: string;
}

export interface RunSummary {
  readonly version: 1;
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

  constructor(workspace: string, summary: Omit<RunSummary, 'version' | 'jobs' | 'pods'>) {
    let dir = path.join(workspace, RUNS_DIR, runFolderName(summary.name, summary.startedAt));
    for (let n = 2; fs.existsSync(dir); n++) dir = path.join(workspace, RUNS_DIR, `${runFolderName(summary.name, summary.startedAt)}-${n}`);
    fs.mkdirSync(dir, { recursive: true });
    this.dir = dir;
    this.summary = { version: 1, ...summary, jobs: [], pods: [] };
    this.writeSummary();
  }

  addEvent(event: TimelineEvent): void {
    fs.appendFileSync(path.join(this.dir, 'events.jsonl'), `${JSON.stringify(event)}\n`);
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

/** readRun reads a run folder back; throws with a clear message if it is not one. */
export function readRun(dir: string): { summary: RunSummary; events: TimelineEvent[] } {
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
  return { summary, events };
}

/** readLog returns a container's recorded output ('' when it printed nothing). */
export function readLog(dir: string, pod: string, container: string): string {
  try {
    return fs.readFileSync(path.join(dir, 'pods', pod, `${container}.log`), 'utf8');
  } catch {
    return '';
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
