/**
 * The index-interval text format of Indexed Jobs (`"1,3-5,7"`), used by
 * spec.successPolicy.rules[].succeededIndexes and status.completedIndexes/failedIndexes.
 * Mirrors pkg/apis/batch/validation validateIndexesFormat
 * (parsing, with its error texts). The controllers keep their own reader for status fields
 * (src-engine/controllers/indexes.ts); this one reproduces the API server's exact messages.
 */

/** One inclusive interval of indexes. */
export interface IndexRange {
  readonly first: number;
  readonly last: number;
}

export type IndexesFormatResult =
  | { readonly ok: true; readonly intervals: readonly IndexRange[]; readonly total: number }
  | { readonly ok: false; readonly error: string };

const GO_INT = /^[+-]?[0-9]+$/;

/** Go strconv.Atoi for the values that matter here (no spaces, optional sign, base 10). */
function atoi(s: string): number | undefined {
  if (!GO_INT.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * validateIndexesFormat checks `text` against `completions` exactly like the API server: items
 * `x` or `x-y` separated by commas, every index below completions, strictly increasing.
 * The empty string is valid and holds no index.
 */
export function validateIndexesFormat(text: string, completions: number): IndexesFormatResult {
  if (text.length === 0) return { ok: true, intervals: [], total: 0 };
  const intervals: IndexRange[] = [];
  let lastIndex: number | undefined;
  let total = 0;
  for (const item of text.split(',')) {
    const limits = item.split('-');
    if (limits.length > 2) {
      return {
        ok: false,
        error: `the fragment ${JSON.stringify(item)} violates the requirement that an index interval can have at most two parts separated by '-'`,
      };
    }
    const xText = limits[0] ?? '';
    const x = atoi(xText);
    if (x === undefined) return { ok: false, error: `cannot convert string to integer for index: ${JSON.stringify(xText)}` };
    if (x >= completions) return { ok: false, error: `too large index: ${JSON.stringify(xText)}` };
    if (lastIndex !== undefined && lastIndex >= x) {
      return { ok: false, error: `non-increasing order, previous: ${lastIndex}, current: ${x}` };
    }
    total += 1;
    lastIndex = x;
    let last = x;
    if (limits.length > 1) {
      const yText = limits[1] ?? '';
      const y = atoi(yText);
      if (y === undefined) return { ok: false, error: `cannot convert string to integer for index: ${JSON.stringify(yText)}` };
      if (y >= completions) return { ok: false, error: `too large index: ${JSON.stringify(yText)}` };
      if (lastIndex >= y) return { ok: false, error: `non-increasing order, previous: ${lastIndex}, current: ${y}` };
      total += y - x;
      lastIndex = y;
      last = y;
    }
    intervals.push({ first: x, last });
  }
  return { ok: true, intervals, total };
}
