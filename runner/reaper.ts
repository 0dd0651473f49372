import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/**
 * The reaper is the last line against orphans: a tiny detached watchdog process that is told
 * the process groups of every local container. Its stdin is a pipe from this process; when
 * this process dies in any way (crash, SIGKILL, VS Code's extension host torn down), the pipe
 * closes and the reaper stops every group still registered (SIGTERM, then SIGKILL after the
 * group's grace period) before exiting. Normal exits never rely on it.
 */
const REAPER_SCRIPT = `
const groups = new Map();
let buffer = '';
const kill = (pgid, signal) => { try { process.kill(-pgid, signal); } catch {} };
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let i;
  while ((i = buffer.indexOf('\\n')) >= 0) {
    const [op, pgid, grace] = buffer.slice(0, i).split(' ');
    buffer = buffer.slice(i + 1);
    if (op === '+') groups.set(Number(pgid), Number(grace) || 0);
    else groups.delete(Number(pgid));
  }
});
process.stdin.on('end', () => {
  if (groups.size === 0) process.exit(0);
  for (const pgid of groups.keys()) kill(pgid, 'SIGTERM');
  const wait = Math.min(Math.max(0, ...groups.values()), 30000);
  setTimeout(() => { for (const pgid of groups.keys()) kill(pgid, 'SIGKILL'); process.exit(0); }, wait);
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

/** reaperTrack registers a process group to be stopped if this process dies. */
export function reaperTrack(pgid: number, graceMs: number): void {
  ensureReaper()?.stdin?.write(`+ ${pgid} ${Math.round(graceMs)}\n`);
}

/** reaperUntrack forgets a group that is gone. */
export function reaperUntrack(pgid: number): void {
  reaper?.stdin?.write(`- ${pgid}\n`);
}

/** reaperPid is the watchdog's pid (tests), undefined before the first container. */
export function reaperPid(): number | undefined {
  return reaper?.pid;
}
