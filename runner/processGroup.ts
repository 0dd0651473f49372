import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import { PROC_AVAILABLE, findProcesses, processAlive, processStartTicks } from './procScan';
import type { ProcessQuery } from './procScan';
import { reaperTrack, reaperUntrack } from './reaper';

/**
 * Local containers run as process groups: each is spawned detached (setsid, so its pid is
 * also its process-group id). A container is more than its group, though: a child may leave
 * the group (setsid, a daemon's double fork), so every signal also goes to the processes the
 * /proc scan finds by the container's marker variables (procScan.ts). When the main process
 * exits, everything else of the container is killed, as when PID 1 of a container exits.
 */

export interface GroupExit {
  readonly exitCode: number;
  /** Set when the leader was killed by a signal (exitCode is then 128 + signal number, as in containers). */
  readonly signal?: NodeJS.Signals;
  /** Set when the process never started (exitCode 128, reason StartError, as containerd reports). */
  readonly startError?: string;
}

export interface SpawnedGroup {
  readonly child: ChildProcess;
  /** The group id (= leader pid); undefined when the spawn failed. */
  readonly pgid: number | undefined;
  /** Resolves when the leader exits and nothing else of the container is left (or could not be killed in time). */
  readonly exited: Promise<GroupExit>;
  /** stop sends SIGTERM to every process of the container, SIGKILL after graceMs; resolves once none is left. */
  stop(graceMs: number): Promise<void>;
  /** kill sends SIGKILL to every process of the container at once (synchronous: usable while exiting). */
  kill(): void;
}

export interface SpawnGroupOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Grace period the reaper gives the group if this process dies (default 0: SIGKILL at once). */
  readonly reaperGraceMs?: number;
  /** `NAME=value` marker variables (in env) that every process of the container carries. */
  readonly markers?: readonly string[];
}

/** How long the scan for leftovers waits for the output of a main process that exited to be read. */
const OUTPUT_WAIT_MS = 50;
/** How long to wait for killed leftovers of a container to be gone. */
const LEFTOVER_WAIT_MS = 2000;
const POLL_MS = 10;

/** spawnGroup starts `file args` without a shell, in its own process group, stdout/stderr piped. */
export function spawnGroup(file: string, args: readonly string[], options: SpawnGroupOptions): SpawnedGroup {
  const child = spawn(file, [...args], {
    detached: true,
    env: options.env,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const pgid = child.pid;
  const markers = options.markers ?? [];
  const startedAt = pgid === undefined ? undefined : processStartTicks(pgid);
  const query: ProcessQuery = {
    env: markers,
    pgids: pgid === undefined ? [] : [pgid],
    ...(startedAt === undefined ? {} : { startedAt }),
  };
  if (pgid !== undefined) reaperTrack(pgid, options.reaperGraceMs ?? 0, markers);
  /** signalAll signals the group and every other process of the container; returns the pids signalled. */
  const signalAll = (signal: NodeJS.Signals): number[] => {
    if (pgid === undefined) return [];
    signalGroup(pgid, signal);
    const pids = findProcesses(query);
    for (const pid of pids) signalProcess(pid, signal);
    return pids;
  };
  const exited = new Promise<GroupExit>((resolve) => {
    let settled = false;
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      const message =
        error.code === 'ENOENT' ? `exec: "${file}": executable file not found in $PATH` : `exec: "${file}": ${error.message}`;
      resolve({ exitCode: 128, startError: message });
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      const exit: GroupExit =
        signal !== null ? { exitCode: 128 + (os.constants.signals[signal] ?? 0), signal } : { exitCode: code ?? 0 };
      if (pgid === undefined) return resolve(exit);
      // The container's main process is gone: like a container runtime, kill what it left behind,
      // and report the exit only once nothing of the container is left. The group goes at once;
      // the /proc scan for the rest waits until the output has been read (or is held by them).
      signalGroup(pgid, 'SIGKILL');
      const outputRead = new Promise((done) => {
        child.once('close', done);
        setTimeout(done, OUTPUT_WAIT_MS).unref();
      });
      void outputRead
        .then(() => killLeftovers(signalAll, pgid))
        .then(() => {
          reaperUntrack(pgid);
          resolve(exit);
        });
    });
  });
  return {
    child,
    pgid,
    exited,
    async stop(graceMs: number): Promise<void> {
      if (pgid === undefined) return;
      signalAll('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)));
      const overdue = await Promise.race([exited.then(() => false), graceOver]);
      clearTimeout(timer);
      if (overdue) signalAll('SIGKILL');
      // A process stuck in the kernel ignores even SIGKILL for a while: do not wait for it forever.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, LEFTOVER_WAIT_MS).unref())]);
    },
    kill(): void {
      signalAll('SIGKILL');
    },
  };
}

/** killLeftovers SIGKILLs what is left of a container whose main process exited, until nothing is (bounded). */
async function killLeftovers(signalAll: (signal: NodeJS.Signals) => number[], pgid: number): Promise<void> {
  const deadline = performance.now() + LEFTOVER_WAIT_MS;
  // With /proc, the processes found are watched one by one (a zombie is gone); without it the group is all there is.
  const gone = (pids: readonly number[]): boolean =>
    PROC_AVAILABLE ? pids.every((pid) => !processAlive(pid)) : !groupAlive(pgid);
  for (;;) {
    const pids = signalAll('SIGKILL');
    if (PROC_AVAILABLE && pids.length === 0) return;
    while (!gone(pids)) {
      if (performance.now() >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    // Scan once more: a process may have forked between the scan and the signal.
    if (!PROC_AVAILABLE) return;
  }
}

/** signalGroup sends a signal to every process of a group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  return signalProcess(-pgid, signal);
}

function signalProcess(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** groupAlive is true while any process of the group exists (zombies included until reaped). */
export function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0);
}
