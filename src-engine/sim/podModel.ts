import { parseGoDuration } from '../schedule/goDuration';

/**
 * Pod outcome models: what each pod (each container run, with restartPolicy OnFailure) of a
 * simulated Job does. The conformance grammar (`succeed@20s,fail@5s:137`, `1=fail@5s`) and a
 * seeded random model both produce an independent sequence per Job.
 */

/** How one run of a pod ends. */
export interface PodOutcome {
  readonly succeed: boolean;
  readonly durationMs: number;
  /** 0 for success; the main container's exit code for failure. */
  readonly exitCode: number;
}

/** Hands out outcomes for the pods of one Job, in creation order. */
export interface PodOutcomeSequence {
  /** Outcome of the next run of a pod with this completion index (null for NonIndexed). */
  next(index: number | null): PodOutcome;
}

/** A pod model: a fresh outcome sequence per Job, plus how long pods take to start. */
export interface PodModel {
  /** Delay from pod creation to Running (image pull, scheduling); default 0. */
  readonly startLatencyMs: number;
  /** Delay from deletion to the pod being gone (grace period actually used); default 0. */
  readonly terminationMs: number;
  /** A new sequence for the `ordinal`-th Job the simulation creates (0 for a plain Job). */
  forJob(jobName: string, ordinal: number): PodOutcomeSequence;
  /** Text describing the model, for reports. */
  readonly description: string;
}

export const DEFAULT_POD_DURATION_MS = 10_000;

interface Entry {
  readonly index: number | null;
  readonly outcome: PodOutcome;
}

export type PodSpecParse = { ok: true; entries: readonly Entry[] } | { ok: false; error: string };

/**
 * parsePodSpec reads the conformance `pods` grammar:
 * `entry ("," entry)*`, `entry := [index "="] ("succeed"|"fail") ["@" goDuration] [":" exitCode]`.
 * Returns the entries or an error naming the bad entry.
 */
export function parsePodSpec(text: string): PodSpecParse {
  const entries: Entry[] = [];
  const items = text.split(',').map((s) => s.trim());
  if (text.trim() === '') return { ok: false, error: 'empty pods spec; expected e.g. "succeed@10s" or "fail@5s:1,succeed"' };
  for (const item of items) {
    const m = /^(?:(\d+)=)?(succeed|fail)(?:@([^:]+))?(?::(-?\d+))?$/.exec(item);
    if (m === null) {
      return { ok: false, error: `bad pods entry ${JSON.stringify(item)}: expected [INDEX=]succeed|fail[@DURATION][:EXITCODE]` };
    }
    const succeed = m[2] === 'succeed';
    let durationMs = DEFAULT_POD_DURATION_MS;
    if (m[3] !== undefined) {
      const d = parseGoDuration(m[3]);
      if (!d.ok) return { ok: false, error: `bad duration in pods entry ${JSON.stringify(item)}: ${d.error}` };
      if (d.nanoseconds < 0n) return { ok: false, error: `negative duration in pods entry ${JSON.stringify(item)}` };
      durationMs = Number(d.nanoseconds / 1_000_000n);
    }
    let exitCode = succeed ? 0 : 1;
    if (m[4] !== undefined) {
      if (succeed) return { ok: false, error: `an exit code is only allowed with fail: ${JSON.stringify(item)}` };
      exitCode = Number(m[4]);
      if (exitCode === 0 || exitCode < 0 || exitCode > 255) {
        return { ok: false, error: `exit code of a failed pod must be 1-255: ${JSON.stringify(item)}` };
      }
    }
    entries.push({ index: m[1] === undefined ? null : Number(m[1]), outcome: { succeed, durationMs, exitCode } });
  }
  if (!entries.some((e) => e.index === null)) {
    entries.push({ index: null, outcome: { succeed: true, durationMs: DEFAULT_POD_DURATION_MS, exitCode: 0 } });
  }
  return { ok: true, entries };
}

/**
 * specPodModel builds the model of a parsed `pods` spec: entries apply to successive pods of a
 * Job, the last repeating; `N=` entries apply only to pods of index N (their own sequence).
 */
export function specPodModel(
  text: string,
  startLatencyMs = 0,
  terminationMs = 0,
): { ok: true; model: PodModel } | { ok: false; error: string } {
  const parsed = parsePodSpec(text);
  if (!parsed.ok) return parsed;
  const shared = parsed.entries.filter((e) => e.index === null).map((e) => e.outcome);
  const perIndex = new Map<number, PodOutcome[]>();
  for (const e of parsed.entries) {
    if (e.index === null) continue;
    const list = perIndex.get(e.index) ?? [];
    list.push(e.outcome);
    perIndex.set(e.index, list);
  }
  return {
    ok: true,
    model: {
      startLatencyMs,
      terminationMs,
      description: text,
      forJob: () => new SpecSequence(shared, perIndex),
    },
  };
}

const pick = (list: readonly PodOutcome[], n: number): PodOutcome => list[Math.min(n, list.length - 1)] as PodOutcome;

/**
 * SpecSequence: one Job's walk through a `pods` spec (shared entries in order, the last
 * repeating; `N=` entries per index). A class rather than closures: one object per Job.
 */
class SpecSequence implements PodOutcomeSequence {
  private sharedCount = 0;
  private indexCounts: Map<number, number> | null = null;
  constructor(
    private readonly shared: readonly PodOutcome[],
    private readonly perIndex: ReadonlyMap<number, readonly PodOutcome[]>,
  ) {}
  next(index: number | null): PodOutcome {
    const own = index === null || this.perIndex.size === 0 ? undefined : this.perIndex.get(index);
    if (own !== undefined && index !== null) {
      this.indexCounts ??= new Map();
      const n = this.indexCounts.get(index) ?? 0;
      this.indexCounts.set(index, n + 1);
      return pick(own, n);
    }
    return pick(this.shared, this.sharedCount++);
  }
}

/**
 * Mulberry32: mulberry32 as an object (one allocation per generator, no closure context), for
 * the figures "simulate a Job with completions 100,000" and "simulate a year of a `* * * * *`
 * CronJob" (bench/simulate.mjs).
 */
export class Mulberry32 {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  /** The next float in [0, 1), the same sequence as mulberry32(seed). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** stringSeed: a 32-bit seed from a string (FNV-1a), e.g. to name a Job's pods the same way every run. */
export function stringSeed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomPodModelOptions {
  readonly seed: number;
  /** Probability that a run fails, 0..1. */
  readonly failureRate: number;
  readonly minDurationMs: number;
  readonly maxDurationMs: number;
  /** Exit code of failures (default 1). */
  readonly exitCode?: number;
  readonly startLatencyMs?: number;
  readonly terminationMs?: number;
}

/**
 * randomPodModel: each run fails with probability failureRate and lasts a whole number of
 * seconds drawn uniformly from [minDurationMs, maxDurationMs]. Every Job gets its own PRNG
 * seeded from (seed, ordinal), so results do not depend on how Jobs interleave.
 */
export function randomPodModel(o: RandomPodModelOptions): PodModel {
  const lo = Math.max(0, Math.min(o.minDurationMs, o.maxDurationMs));
  const hi = Math.max(o.minDurationMs, o.maxDurationMs, lo);
  return {
    startLatencyMs: o.startLatencyMs ?? 0,
    terminationMs: o.terminationMs ?? 0,
    description: `random: seed ${o.seed}, failure rate ${o.failureRate}, ${lo / 1000}-${hi / 1000} s`,
    forJob: (_name, ordinal) => {
      const rng = mulberry32((Math.imul(o.seed | 0, 0x9e3779b1) ^ Math.imul(ordinal + 1, 0x85ebca6b)) >>> 0);
      return {
        next() {
          const fail = rng() < o.failureRate;
          const seconds = Math.round((lo + rng() * (hi - lo)) / 1000);
          return { succeed: !fail, durationMs: seconds * 1000, exitCode: fail ? (o.exitCode ?? 1) : 0 };
        },
      };
    },
  };
}
