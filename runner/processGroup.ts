import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import { reaperTrack, reaperUntrack } from './reaper';

/**
 * Local containers run as process groups: each is spawned detached (setsid, so its pid is
 * also its process-group id) and stopped by signalling the whole group. This is how a local
 * run mirrors a container's "everything inside dies with it" and leaves no orphans.
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
  /** Resolves when the leader exits (then the rest of the group is killed, as when PID 1 of a container exits). */
  readonly exited: Promise<GroupExit>;
}

export interface SpawnGroupOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Grace period the reaper gives the group if this process dies (default 0: SIGKILL at once). */
  readonly reaperGraceMs?: number;
}

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
  if (pgid !== undefined) reaperTrack(pgid, options.reaperGraceMs ?? 0);
  const exited = new Promise<GroupExit>((resolve) => {
    let settled = false;
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      const message = error.code === 'ENOENT' ? `exec: "${file}": executable file not found in $PATH` : `exec: "${file}": ${error.message}`;
      resolve({ exitCode: 128, startError: message });
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      const exit: GroupExit = signal !== null ? { exitCode: 128 + (os.constants.signals[signal] ?? 0), signal } : { exitCode: code ?? 0 };
      // The container's main process is gone: like a container runtime, kill what it left behind,
      // and report the exit only once nothing of the group is left.
      if (pgid === undefined) return resolve(exit);
      if (!signalGroup(pgid, 'SIGKILL')) {
        reaperUntrack(pgid);
        return resolve(exit);
      }
      void waitGroupGone(pgid, LEFTOVER_WAIT_MS).then(() => {
        reaperUntrack(pgid);
        resolve(exit);
      });
    });
  });
  return { child, pgid, exited };
}

/** signalGroup sends a signal to every process of a group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** groupAlive is true while any process of the group exists (zombies included until reaped). */
export function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0);
}

/**
 * stopGroup stops a group the way the kubelet stops a container: SIGTERM, then SIGKILL once
 * the grace period has passed. Resolves once no process of the group is left (or, for a
 * group that ignores even SIGKILL, after a last short wait).
 */
export async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  if (await waitGroupGone(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await waitGroupGone(pgid, 2000);
}

const POLL_MS = 10;
/** How long to wait for killed leftovers of a group to be reaped. */
const LEFTOVER_WAIT_MS = 2000;

/** waitGroupGone polls until the group is gone; false if it is still there after timeoutMs. */
export function waitGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve) => {
    const check = (): void => {
      if (!groupAlive(pgid)) resolve(true);
      else if (performance.now() >= deadline) resolve(false);
      else setTimeout(check, Math.min(POLL_MS, Math.max(1, deadline - performance.now())));
    };
    check();
  });
}
