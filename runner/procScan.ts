import * as fs from 'node:fs';
import { RUN_MARKER_ENV } from './backend';

/**
 * findRunProcesses lists the live processes (Linux /proc) whose environment carries a run's
 * marker variable — the proof, and the last-resort cleanup, that a run left nothing behind.
 * Returns [] where /proc is not available.
 */
export function findRunProcesses(runId: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const marker = `${RUN_MARKER_ENV}=${runId}`;
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (!environ.split('\0').includes(marker)) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1');
      // Field 3 (after "pid (comm)") is the state; a zombie holds no resources and is its parent's to reap.
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state !== 'Z') found.push(Number(entry));
    } catch {
      // The process ended while we looked, or belongs to another user.
    }
  }
  return found;
}
