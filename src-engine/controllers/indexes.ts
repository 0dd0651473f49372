/**
 * Completion-index sets and their text form ("1,3,5-9"), as in status.completedIndexes,
 * status.failedIndexes and successPolicy succeededIndexes. Mirrors
 * pkg/controller/job/indexed_job_utils.go `orderedIntervals` (`String`, `has`, `total`,
 * `withOrderedIndexes`) and `parseIndexesFromString`.
 */

/** A closed interval [first, last] of completion indexes. */
export interface IndexInterval {
  readonly first: number;
  readonly last: number;
}

/** Sorted, non-overlapping, non-adjacent intervals. */
export type IndexIntervals = readonly IndexInterval[];

/**
 * formatIndexIntervals renders intervals the way Kubernetes writes status.completedIndexes:
 * a single index as `a`, two consecutive as `a,b`, three or more as `a-b`; "" for none.
 */
export function formatIndexIntervals(intervals: IndexIntervals): string {
  const parts: string[] = [];
  for (const { first, last } of intervals) {
    if (first === last) parts.push(String(first));
    else if (last === first + 1) parts.push(`${first},${last}`);
    else parts.push(`${first}-${last}`);
  }
  return parts.join(',');
}

export type IndexParseResult = { ok: true; intervals: IndexIntervals } | { ok: false; error: string };

/**
 * parseIndexIntervals reads the interval text ("1,3-5"). Items must be non-negative integers
 * or `a-b` ranges with a ≤ b, in increasing order without overlap; with `completions` every
 * index must be below it. Returns merged intervals or the first problem.
 * Mirrors indexed_job_utils.go `parseIndexesFromString` plus the ordering rule of
 * validation.go `validateIndexesFormat`.
 */
export function parseIndexIntervals(text: string, completions?: number): IndexParseResult {
  if (text === '') return { ok: true, intervals: [] };
  const out: IndexInterval[] = [];
  let previous = -1;
  for (const item of text.split(',')) {
    const bounds = item.split('-');
    if (bounds.length > 2) {
      return {
        ok: false,
        error: `the fragment "${item}" violates the requirement that an index interval can have at most two parts separated by '-'`,
      };
    }
    const first = parseIndex(bounds[0] ?? '');
    if (first === null) return { ok: false, error: `cannot convert string to integer for index: "${bounds[0] ?? ''}"` };
    let last = first;
    if (bounds.length === 2) {
      const parsed = parseIndex(bounds[1] ?? '');
      if (parsed === null) return { ok: false, error: `cannot convert string to integer for index: "${bounds[1] ?? ''}"` };
      last = parsed;
      if (last < first) return { ok: false, error: `non-increasing order, previous: ${first}, current: ${last}` };
    }
    if (first <= previous) return { ok: false, error: `non-increasing order, previous: ${previous}, current: ${first}` };
    if (completions !== undefined && last >= completions) return { ok: false, error: `too large: ${last}` };
    previous = last;
    const tail = out[out.length - 1];
    if (tail !== undefined && tail.last + 1 === first) out[out.length - 1] = { first: tail.first, last };
    else out.push({ first, last });
  }
  return { ok: true, intervals: out };
}

function parseIndex(s: string): number | null {
  if (!/^[0-9]{1,9}$/.test(s)) return null;
  return Number(s);
}

/** countIndexes returns how many indexes the intervals hold (orderedIntervals.total). */
export function countIndexes(intervals: IndexIntervals): number {
  let n = 0;
  for (const { first, last } of intervals) n += last - first + 1;
  return n;
}

/** hasIndex reports whether `index` is in the intervals (binary search; orderedIntervals.has). */
export function hasIndex(intervals: IndexIntervals, index: number): boolean {
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const iv = intervals[mid] as IndexInterval;
    if (index < iv.first) hi = mid - 1;
    else if (index > iv.last) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * withIndexes returns new intervals holding the old ones plus `indexes` (any order,
 * duplicates allowed); indexes outside [0, completions) are dropped when completions is given.
 * Mirrors orderedIntervals.withOrderedIndexes.
 */
export function withIndexes(intervals: IndexIntervals, indexes: readonly number[], completions?: number): IndexIntervals {
  if (indexes.length === 0) return intervals;
  const sorted = indexes.filter((i) => i >= 0 && (completions === undefined || i < completions)).sort((a, b) => a - b);
  const merged: IndexInterval[] = [];
  const push = (first: number, last: number): void => {
    const tail = merged[merged.length - 1];
    if (tail !== undefined && first <= tail.last + 1) {
      if (last > tail.last) merged[merged.length - 1] = { first: tail.first, last };
    } else {
      merged.push({ first, last });
    }
  };
  let i = 0;
  let j = 0;
  while (i < intervals.length || j < sorted.length) {
    const iv = intervals[i];
    const x = sorted[j];
    if (x === undefined || (iv !== undefined && iv.first <= x)) {
      const cur = iv as IndexInterval;
      push(cur.first, cur.last);
      i++;
    } else {
      push(x, x);
      j++;
    }
  }
  return merged;
}

/** indexesOf lists every index of the intervals in order (for small sets only). */
export function indexesOf(intervals: IndexIntervals): number[] {
  const out: number[] = [];
  for (const { first, last } of intervals) for (let i = first; i <= last; i++) out.push(i);
  return out;
}
