/**
 * Go `strconv.Atoi` and `strconv.Quote`, reproduced because robfig/cron's error messages
 * embed their output verbatim (`failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax`).
 */

/** Result of {@link goAtoi}: the value, plus its canonical decimal text (exact even past 2^53). */
export type GoAtoiResult = { ok: true; value: number; text: string; negative: boolean } | { ok: false; error: string };

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/**
 * goAtoi parses like Go's `strconv.Atoi` on a 64-bit platform: optional `+`/`-`, ASCII
 * decimal digits only (leading zeros allowed, no underscores), int64 range. The error is
 * the `*NumError` text (`strconv.Atoi: parsing "x": invalid syntax` / `value out of range`).
 */
export function goAtoi(s: string): GoAtoiResult {
  let digits = s;
  let negative = false;
  if (digits.startsWith('+') || digits.startsWith('-')) {
    negative = digits[0] === '-';
    digits = digits.slice(1);
  }
  if (digits.length === 0 || !/^[0-9]+$/.test(digits)) {
    return { ok: false, error: `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax` };
  }
  const big = negative ? -BigInt(digits) : BigInt(digits);
  if (big > INT64_MAX || big < INT64_MIN) {
    return { ok: false, error: `strconv.Atoi: parsing ${goQuote(s)}: value out of range` };
  }
  return { ok: true, value: Number(big), text: big.toString(), negative: big < 0n };
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * goQuote mirrors Go's `strconv.Quote`: double quotes, backslash escapes for `"` and `\`,
 * C escapes for control characters, `\u`/`\U` for other non-printable runes (Go's
 * `IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space).
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') {
      out += '\\' + ch;
    } else if (ch === ' ' || PRINTABLE.test(ch)) {
      out += ch;
    } else {
      out += escapeRune(r);
    }
  }
  return out + '"';
}

const C_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

function escapeRune(r: number): string {
  const named = C_ESCAPES[r];
  if (named !== undefined) return named;
  if (r < 0x20 || r === 0x7f) return '\\x' + r.toString(16).padStart(2, '0');
  if (r < 0x10000) return '\\u' + r.toString(16).padStart(4, '0');
  return '\\U' + r.toString(16).padStart(8, '0');
}

/**
 * goFieldsSplit mirrors Go's `strings.Fields`: splits around runs of Unicode white space
 * (`unicode.IsSpace`, which differs from JavaScript's `\s`: it includes U+0085 but not U+FEFF).
 */
export function goFieldsSplit(s: string): string[] {
  return s.split(GO_SPACE_RUN).filter((f) => f.length > 0);
}

/** goTrimSpace mirrors Go's `strings.TrimSpace`. */
export function goTrimSpace(s: string): string {
  return s.replace(GO_SPACE_LEADING, '').replace(GO_SPACE_TRAILING, '');
}

const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_SPACE_RUN = new RegExp(`[${GO_SPACE}]+`, 'u');
const GO_SPACE_LEADING = new RegExp(`^[${GO_SPACE}]+`, 'u');
const GO_SPACE_TRAILING = new RegExp(`[${GO_SPACE}]+$`, 'u');

/**
 * goToLower lower-cases like Go's `strings.ToLower` for the purpose of matching robfig's
 * three-letter names: per rune simple case mapping (U+0130 maps to a plain `i` in Go).
 */
export function goToLower(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '\u0130') {
      out += 'i';
      continue;
    }
    const lower = ch.toLowerCase();
    out += [...lower].length === 1 ? lower : ch;
  }
  return out;
}
