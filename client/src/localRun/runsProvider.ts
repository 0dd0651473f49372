import * as fs from 'node:fs';
import { listRuns, readRun, runChildren, runNode } from '../../../runner';
import type { LocalRunHandle } from '../../../runner';
import type { LocalRunNode, LocalRunsProvider } from '../views/localRunsRegistry';

/** How many finished runs (from .kube-jobs/runs) the tree lists per workspace folder. */
const MAX_PAST_RUNS = 20;
/** How often the rows of runs that another process runs (a `kube-jobs run` in a terminal) are read again. */
const ELSEWHERE_RECHECK_MS = 2000;

/**
 * The "Local runs" rows: runs of this window (live, from their records in memory) and
 * finished runs read back from each workspace folder's `.kube-jobs/runs/`.
 */
export class LocalRunsModel implements LocalRunsProvider {
  private readonly live = new Map<string, LocalRunHandle>();
  private readonly listeners = new Set<(node?: LocalRunNode) => void>();
  private timer: NodeJS.Timeout | undefined;
  private recheck: NodeJS.Timeout | undefined;

  constructor(private readonly workspaces: () => readonly string[]) {}

  add(handle: LocalRunHandle): void {
    this.live.set(handle.recordDir, handle);
    this.changed();
  }

  handle(dir: string): LocalRunHandle | undefined {
    return this.live.get(dir);
  }

  /** running lists the runs of this window that have not ended, with a label for a picker. */
  running(): { dir: string; label: string }[] {
    return [...this.live]
      .filter(([, h]) => h.summary.outcome === undefined)
      .map(([dir, h]) => ({ dir, label: `${h.summary.kind} ${h.summary.name}` }));
  }

  /** changed redraws the runs, coalesced to at most ten times a second. */
  changed(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const l of this.listeners) l(undefined);
    }, 100);
  }

  getChildren(parent?: LocalRunNode): readonly LocalRunNode[] {
    const now = Date.now();
    if (parent === undefined) {
      const dirs = new Set<string>(this.live.keys());
      for (const ws of this.workspaces()) for (const dir of listRuns(ws).slice(0, MAX_PAST_RUNS)) dirs.add(dir);
      const runs = [...dirs].map((dir) => this.summaryOf(dir)).filter((x): x is NonNullable<typeof x> => x !== undefined);
      // A run of another process ends without telling this window (or dies): read it again soon.
      if (runs.some((r) => r.live && !r.here)) this.recheckSoon();
      return runs
        .sort((a, b) => b.summary.startedAt - a.summary.startedAt)
        .map(({ dir, summary, live, here }) => runNode(summary, dir, live, now, here));
    }
    const dir = parent.id.replace(/^(run|job|pod):/, '').replace(/:[^:/\\]*$/, '');
    const candidates = [parent.id.replace(/^run:/, ''), dir];
    for (const candidate of candidates) {
      const found = this.summaryOf(candidate);
      if (found !== undefined) return runChildren(found.summary, found.dir, parent.id);
    }
    return [];
  }

  onDidChange(listener: (node?: LocalRunNode) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** summaryOf reads a run: from its handle when this window runs it, else from its folder (live while its process is). */
  private summaryOf(dir: string): { dir: string; summary: LocalRunHandle['summary']; live: boolean; here: boolean } | undefined {
    const handle = this.live.get(dir);
    if (handle !== undefined) return { dir, summary: handle.summary, live: handle.summary.outcome === undefined, here: true };
    if (!fs.existsSync(dir)) return undefined;
    try {
      const { summary, state } = readRun(dir);
      return { dir, summary, live: state === 'running', here: false };
    } catch {
      return undefined;
    }
  }

  private recheckSoon(): void {
    if (this.recheck !== undefined) return;
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      this.changed();
    }, ELSEWHERE_RECHECK_MS);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.recheck !== undefined) clearTimeout(this.recheck);
    this.listeners.clear();
  }
}
