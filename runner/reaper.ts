import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { matchProcesses } from './procScan';

/**
 * The reaper is the last line against orphans: a tiny detached watchdog process that is told
 * the process group and marker variables of every local container. Its stdin is a pipe from
 * this process; when this process dies in any way (crash, SIGKILL, VS Code's extension host torn
 * down), the pipe closes and the reaper stops every container still registered — its group, and
 * the processes that left the group, found by the same /proc scan as procScan.ts (its source is
 * embedded) — with SIGTERM, then SIGKILL after the grace period, before exiting. Normal exits
 * never rely on it.
 */
const REAPER_SCRIPT = `
const fs = require('fs');
const matchProcesses = ${matchProcesses.toString()};
const containers = new Map();
const graces = new Map();
let buffer = '';
const kill = (pid, signal) => { try { process.kill(pid, signal); } catch {} };
const signalAll = (signal) => {
  for (const [pgid, markers] of containers) {
    kill(-pgid, signal);
    for (const pid of matchProcesses(fs, { env: markers, pgids: [pgid] }, process.pid)) kill(pid, signal);
  }
};
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let i;
  while ((i = buffer.indexOf('\\n')) >= 0) {
    const [op, pgid, grace, ...markers] = buffer.slice(0, i).split(' ');
    buffer = buffer.slice(i + 1);
    if (op === '+') {
      containers.set(Number(pgid), markers);
      graces.set(Number(pgid), Number(grace) || 0);
    } else {
      containers.delete(Number(pgid));
      graces.delete(Number(pgid));
    }
  }
});
process.stdin.on('end', () => {
  if (containers.size === 0) process.exit(0);
  signalAll('SIGTERM');
  const wait = Math.min(Math.max(0, ...graces.values()), 30000);
  setTimeout(() => {
    signalAll('SIGKILL');
    // Once more, for what forked while the first SIGKILLs went out.
    setTimeout(() => { signalAll('SIGKILL'); process.exit(0); }, 100);
  }, wait);
});
`;

let reaper: ChildProcess | undefined;
let failed = false;

function ensureReaper(): ChildProcess | undefined {
  if (reaper !== undefined || failed || process.env['KUBE_JOBS_NO_REAPER'] === '1') return reaper;
  try {
    // Inside VS Code process.execPath is Electron; ELECTRON_RUN_AS_NODE makes it a plain Node.
    const child = spawn(process.execPath, ['-e', REAPER_SCRIPT], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      windowsHide: true,
    });
    child.on('error', () => {
      failed = true;
      reaper = undefined;
    });
    child.stdin?.on('error', () => undefined);
    // Neither the watchdog nor its pipe may keep this process alive.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    reaper = child;
  } catch {
    failed = true;
  }
  return reaper;
}

/** reaperTrack registers a container (its process group and `NAME=value` markers) to be stopped if this process dies. */
export function reaperTrack(pgid: number, graceMs: number, markers: readonly string[] = []): void {
  ensureReaper()?.stdin?.write(`+ ${pgid} ${Math.round(graceMs)} ${markers.filter((m) => !/\s/.test(m)).join(' ')}\n`);
}

/** reaperUntrack forgets a group that is gone. */
export function reaperUntrack(pgid: number): void {
  reaper?.stdin?.write(`- ${pgid}\n`);
}

/** reaperPid is the watchdog's pid (tests), undefined before the first container. */
export function reaperPid(): number | undefined {
  return reaper?.pid;
}
