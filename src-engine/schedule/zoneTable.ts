import { daysFromCivil } from './civil';
import { goLoadLocation, ianaLinkTarget } from './loadLocation';

/**
 * UTC-offset tables per time zone, built from Intl once and then searched, so that nextRun
 * does array lookups instead of Intl calls in its loops.
 *
 * Time is cut into fixed chunks of CHUNK_SECONDS. The first time a chunk is needed, Intl is
 * probed once per probe step across it (a week from 1970 on, a day before); where two probes
 * disagree the exact transition second is found by bisection. Limitation: two transitions
 * closer than one probe step that cancel out would be missed. A check of every tzdata zone
 * from 1970 to 2040 found no such pair even at a weekly step.
 */

const CHUNK_SECONDS = 1 << 24; // about 194 days
const PROBE_STEP_SECONDS = 7 * 86400;
const PROBE_STEP_BEFORE_1970_SECONDS = 86400;
// Intl formats years outside this range awkwardly (eras, 5-digit years); offsets beyond it are
// taken as constant, equal to the offset at the nearest edge.
const MIN_PROBE_SECONDS = daysFromCivil(1800, 1, 1) * 86400;
const MAX_PROBE_SECONDS = daysFromCivil(9999, 1, 1) * 86400;
// JavaScript's Date range, in ms.
const MAX_EPOCH_MS = 8.64e15;

interface Chunk {
  /** Start second of each period inside the chunk; starts[0] is the chunk start. */
  readonly starts: number[];
  /** Offset (seconds east of UTC) of each period. */
  readonly offsets: number[];
}

/**
 * ZoneTable answers "what is the UTC offset at second t" for one zone. After offsetAt(t),
 * periodStart/periodEnd bound a stretch around t with that same offset (it may be shorter
 * than the real period: chunk edges split periods).
 */
export class ZoneTable {
  periodStart = 0;
  periodEnd = -1;
  periodOffset = 0;
  private readonly chunks = new Map<number, Chunk>();
  private readonly format: Intl.DateTimeFormat | undefined;

  /** Creates a table; `intlName` undefined means a fixed UTC offset of 0. */
  constructor(
    readonly name: string,
    intlName: string | undefined,
  ) {
    this.format =
      intlName === undefined
        ? undefined
        : new Intl.DateTimeFormat('en-US', {
            timeZone: intlName,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
  }

  /** offsetAt returns the offset in seconds east of UTC at Unix second `t` and records its period. */
  offsetAt(t: number): number {
    if (t >= this.periodStart && t < this.periodEnd) return this.periodOffset;
    if (this.format === undefined) {
      this.periodStart = -Infinity;
      this.periodEnd = Infinity;
      this.periodOffset = 0;
      return 0;
    }
    const index = Math.floor(t / CHUNK_SECONDS);
    let chunk = this.chunks.get(index);
    if (chunk === undefined) {
      chunk = this.buildChunk(index * CHUNK_SECONDS);
      this.chunks.set(index, chunk);
    }
    const { starts, offsets } = chunk;
    let i = starts.length - 1;
    while (i > 0 && (starts[i] as number) > t) i--;
    this.periodStart = starts[i] as number;
    this.periodEnd = i + 1 < starts.length ? (starts[i + 1] as number) : (index + 1) * CHUNK_SECONDS;
    this.periodOffset = offsets[i] as number;
    return this.periodOffset;
  }

  private buildChunk(start: number): Chunk {
    const end = start + CHUNK_SECONDS;
    const starts = [start];
    const offsets = [this.probe(start)];
    let prevT = start;
    let prevOffset = offsets[0] as number;
    const step = start < 0 ? PROBE_STEP_BEFORE_1970_SECONDS : PROBE_STEP_SECONDS;
    for (let t = Math.min(start + step, end - 1); ; t = Math.min(t + step, end - 1)) {
      let o = this.probe(t);
      // Several transitions may hide between two probes: peel them off one by one.
      while (o !== prevOffset) {
        let lo = prevT; // offset prevOffset at lo
        let hi = t; // some different offset at hi
        while (hi - lo > 1) {
          const mid = lo + Math.floor((hi - lo) / 2);
          if (this.probe(mid) === prevOffset) lo = mid;
          else hi = mid;
        }
        prevOffset = this.probe(hi);
        starts.push(hi);
        offsets.push(prevOffset);
        prevT = hi;
        o = this.probe(t);
      }
      prevT = t;
      if (t >= end - 1) break;
    }
    return { starts, offsets };
  }

  /**
   * The offset at second t according to Intl (format() and a regex: three times faster than
   * formatToParts), for the first "next run with a zone" in a zone (bench/schedule.mjs).
   */
  private probe(t: number): number {
    const clamped = Math.min(Math.max(t, MIN_PROBE_SECONDS), MAX_PROBE_SECONDS);
    const m = EN_US_DATE_TIME.exec((this.format as Intl.DateTimeFormat).format(clamped * 1000));
    if (m === null) throw new Error(`unexpected Intl output for ${this.name}`);
    const wall =
      daysFromCivil(Number(m[3]), Number(m[1]), Number(m[2])) * 86400 +
      (Number(m[4]) % 24) * 3600 +
      Number(m[5]) * 60 +
      Number(m[6]);
    return wall - clamped;
  }
}

// en-US numeric output: "3/29/2026, 03:00:00".
const EN_US_DATE_TIME = /(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)/;

const tables = new Map<string, ZoneTable>();
const UTC_TABLE = new ZoneTable('UTC', undefined);

/**
 * zoneTable returns the cached table for a zone name as Go would load it. `undefined`, `''`,
 * `UTC`, `Local` (the controller zone, taken to be UTC as in the conformance vectors) and
 * `Factory` are offset 0. Throws RangeError for names Go cannot load (`utc`, `Mars/Base`).
 */
export function zoneTable(timeZone: string | undefined): ZoneTable {
  if (timeZone === undefined || timeZone === '' || timeZone === 'UTC' || timeZone === 'Local') return UTC_TABLE;
  let table = tables.get(timeZone);
  if (table !== undefined) return table;
  const loaded = goLoadLocation(timeZone);
  if (!loaded.ok) throw new RangeError(`unknown time zone ${timeZone}: ${loaded.error}`);
  table = new ZoneTable(timeZone, intlNameFor(timeZone));
  tables.set(timeZone, table);
  return table;
}

/** The name to hand to Intl: the zone itself if ICU knows it, else its link target; undefined for offset-0 zones ICU lacks (Factory). */
function intlNameFor(name: string): string | undefined {
  for (const candidate of [name, ianaLinkTarget(name)]) {
    if (candidate === undefined) continue;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: candidate });
      return candidate;
    } catch {
      // ICU does not know this spelling; try the next one.
    }
  }
  return undefined;
}

/**
 * zoneOffsetAt returns the UTC offset of `timeZone` at instant `atMs`, in seconds east of UTC
 * (New York in winter: -18000). For hovers. Throws RangeError for unknown zones.
 */
export function zoneOffsetAt(timeZone: string | undefined, atMs: number): number {
  if (Number.isNaN(atMs)) return 0;
  atMs = Math.min(Math.max(atMs, -MAX_EPOCH_MS), MAX_EPOCH_MS);
  return zoneTable(timeZone).offsetAt(Math.floor(atMs / 1000));
}

/** A change of UTC offset (DST start/end or a rule change). */
export interface ZoneTransition {
  /** First instant (epoch ms) with the new offset. */
  atMs: number;
  offsetBeforeSeconds: number;
  offsetAfterSeconds: number;
}

/**
 * nextZoneTransition returns the first offset change of `timeZone` strictly after `afterMs`
 * and not later than `limitMs` (default: ten years on), or null. For hovers ("clocks go
 * forward on …"). Throws RangeError for unknown zones.
 */
export function nextZoneTransition(timeZone: string | undefined, afterMs: number, limitMs?: number): ZoneTransition | null {
  const table = zoneTable(timeZone);
  if (!(Math.abs(afterMs) <= MAX_EPOCH_MS)) return null;
  const limit = Math.floor(Math.min(limitMs ?? afterMs + 10 * 366 * 86400_000, MAX_EPOCH_MS) / 1000);
  let t = Math.floor(afterMs / 1000);
  const before = table.offsetAt(t);
  while (t <= limit) {
    const end = table.periodEnd;
    if (!Number.isFinite(end) || end > limit) return null;
    const after = table.offsetAt(end);
    if (after !== before) return { atMs: end * 1000, offsetBeforeSeconds: before, offsetAfterSeconds: after };
    t = end;
  }
  return null;
}

/** formatUtcOffset renders an offset in seconds as `+05:45` / `-03:00` (`+00:53:28` when seconds are not 0). */
export function formatUtcOffset(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  const ss = abs % 60;
  return `${sign}${hh}:${mm}${ss !== 0 ? ':' + String(ss).padStart(2, '0') : ''}`;
}
