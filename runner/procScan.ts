import * as fs from 'node:fs';

/** Environment variables every local container gets so a run's processes can be found (/proc scan, reaper). */
export const RUN_MARKER_ENV = 'KUBE_JOBS_RUN_ID';
export const POD_MARKER_ENV = 'KUBE_JOBS_POD';
/** `<pod>/<container>`: which container of the run a process belongs to, even after it left the process group. */
export const CONTAINER_MARKER_ENV = 'KUBE_JOBS_CONTAINER';

/**
 * Which processes belong to a local container (or a whole run). A container runtime knows
 * this from the container's PID namespace and cgroup; a host process cannot, so a local
 * container is every process that
 *   - is in the container's process group (what the main process started), or
 *   - carries all of the marker variables the runtime put in the container's environment
 *     (children that left the group with setsid, double forks, nohup …), or
 *   - descends from one of those (children that cleared their environment).
 */
export interface ProcessQuery {
  /** `NAME=value` entries a process's initial environment must all hold; none: markers are not used. */
  readonly env: readonly string[];
  /** Process groups whose members belong (the container's main process group). */
  readonly pgids: readonly number[];
  /** /proc start time (clock ticks) of the container: older processes cannot be its own, so their environment is not read. */
  readonly startedAt?: number;
}

/** The part of node:fs the scan uses, passed in so that the watchdog process can run the same function. */
export interface ProcFs {
  readdirSync(path: string): string[];
  readFileSync(path: string, encoding: 'latin1'): string;
}

/**
 * matchProcesses scans Linux /proc once and returns the live (not zombie) processes a query
 * matches, descendants included; [] where /proc cannot be read. It uses nothing but its
 * arguments, so reaper.ts embeds its source in the watchdog script: one scan, two processes.
 */
export function matchProcesses(procFs: ProcFs, query: ProcessQuery, selfPid: number): number[] {
  let entries: string[];
  try {
    entries = procFs.readdirSync('/proc');
  } catch {
    return [];
  }
  // An empty marker would be in every environment (it ends with a NUL): only NAME=value entries count.
  const markers = query.env.filter((marker) => marker.includes('='));
  const childrenOf = new Map<number, number[]>();
  const matched = new Set<number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === selfPid || pid === 1) continue;
    try {
      // stat is "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses, so read after the last ')'.
      const stat = procFs.readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0];
      // A zombie holds no resources and is its parent's to reap; X is already gone.
      if (state === 'Z' || state === 'X') continue;
      const ppid = Number(fields[1]);
      const siblings = childrenOf.get(ppid);
      if (siblings === undefined) childrenOf.set(ppid, [pid]);
      else siblings.push(pid);
      if (query.pgids.includes(Number(fields[2]))) {
        matched.add(pid);
        continue;
      }
      // Field 22, the start time: a process older than the container is not one of its processes.
      if (markers.length === 0 || (query.startedAt !== undefined && Number(fields[19]) < query.startedAt)) continue;
      const environ = procFs.readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0');
      if (markers.every((marker) => environ.includes(marker))) matched.add(pid);
    } catch {
      // The process ended while we looked, or belongs to another user.
    }
  }
  const found = [...matched];
  for (let i = 0; i < found.length; i++) {
    for (const child of childrenOf.get(found[i] as number) ?? []) {
      if (!matched.has(child)) {
        matched.add(child);
        found.push(child);
      }
    }
  }
  return found;
}

/** findProcesses runs matchProcesses in this process. */
export function findProcesses(query: ProcessQuery): number[] {
  return matchProcesses(fs, query, process.pid);
}

/**
 * findRunProcesses lists the live processes of a run (by its marker variable, with their
 * descendants): the proof, and the last-resort cleanup, that a run left nothing behind.
 */
export function findRunProcesses(runId: string): number[] {
  return findProcesses({ env: [`${RUN_MARKER_ENV}=${runId}`], pgids: [] });
}

/** Whether this system has Linux's /proc (the scan finds nothing elsewhere; process groups still work). */
export const PROC_AVAILABLE = fs.existsSync('/proc/self/stat');

/** processStartTicks is when a process started (/proc stat field 22, clock ticks since boot); undefined without /proc. */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after "(comm)": state is field 3, starttime field 22.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** processAlive is false once a process is gone or a zombie (Linux /proc; elsewhere, whether it can be signalled). */
export function processAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && PROC_AVAILABLE) return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
