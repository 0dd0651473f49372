import { countIndexes, parseIndexIntervals } from './indexes';
import type { IndexIntervals } from './indexes';
import type { SuccessPolicyRule } from './types';

/**
 * matchSuccessPolicy returns the index of the first satisfied rule and the condition message
 * ("Matched rules at index <i>"), or null. A rule with succeededIndexes needs all of them
 * succeeded, or at least succeededCount of them when that is set; a rule with only
 * succeededCount needs that many succeeded indexes in total. Nothing matches while no index
 * has succeeded. Mirrors pkg/controller/job/success_policy.go `matchSuccessPolicy`.
 */
export function matchSuccessPolicy(
  rules: readonly SuccessPolicyRule[] | null,
  completions: number,
  succeeded: IndexIntervals,
): { readonly ruleIndex: number; readonly message: string } | null {
  if (rules === null || succeeded.length === 0) return null;
  const total = countIndexes(succeeded);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as SuccessPolicyRule;
    if (rule.succeededIndexes === undefined) {
      if (rule.succeededCount !== undefined && total >= rule.succeededCount) return hit(i);
      continue;
    }
    const parsed = parseIndexIntervals(rule.succeededIndexes, completions);
    if (!parsed.ok) continue;
    const wanted = parsed.intervals;
    const matched = countOverlap(wanted, succeeded);
    const need = rule.succeededCount ?? countIndexes(wanted);
    if (matched >= need && need > 0) return hit(i);
  }
  return null;
}

function hit(i: number): { ruleIndex: number; message: string } {
  return { ruleIndex: i, message: `Matched rules at index ${i}` };
}

/** countOverlap counts indexes present in both interval lists (two-pointer walk). */
function countOverlap(a: IndexIntervals, b: IndexIntervals): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const lo = Math.max(x.first, y.first);
    const hi = Math.min(x.last, y.last);
    if (lo <= hi) n += hi - lo + 1;
    if (x.last < y.last) i++;
    else j++;
  }
  return n;
}
