/**
 * compareResourceVersions orders two resourceVersions of the same resource: -1, 0 or 1, or
 * undefined when either is not a well-formed one (a positive decimal integer without leading
 * zeros), which leaves the order unknown. Mirrors CompareResourceVersion
 * (apimachinery/pkg/util/resourceversion/resourceversion.go), which makes this comparison part
 * of the API contract since v1.35: resourceVersions are otherwise opaque.
 */
export function compareResourceVersions(a: string | undefined, b: string | undefined): -1 | 0 | 1 | undefined {
  if (!wellFormed(a) || !wellFormed(b)) return undefined;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function wellFormed(rv: string | undefined): rv is string {
  return rv !== undefined && /^[1-9][0-9]*$/.test(rv);
}
