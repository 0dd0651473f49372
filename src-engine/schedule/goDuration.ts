/**
 * Go `time.ParseDuration`, reproduced for robfig/cron's `@every <duration>` descriptor:
 * same grammar (`[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, units ns us µs μs ms s m h, a bare `0`),
 * same overflow limits and the same error wording.
 */

/** Result of {@link parseGoDuration}: signed nanoseconds, or Go's error text. */
export type GoDurationResult = { ok: true; nanoseconds: bigint } | { ok: false; error: string };

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek small letter mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const TWO_63 = 1n << 63n;

/** parseGoDuration mirrors Go `time.ParseDuration` (Go ≥ 1.19 overflow rules and messages). */
export function parseGoDuration(orig: string): GoDurationResult {
  const invalid = (): GoDurationResult => ({ ok: false, error: 'time: invalid duration ' + timeQuote(orig) });
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, nanoseconds: 0n };
  if (s === '') return invalid();
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s, 0))) return invalid();
    // Leading integer, with Go's overflow guard (errors are reported as "invalid duration").
    let i = 0;
    let v = 0n;
    for (; i < s.length && isDigit(s, i); i++) {
      if (v > TWO_63 / 10n) return invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > TWO_63) return invalid();
    }
    const pre = i > 0;
    s = s.slice(i);
    // Optional fraction; digits past int64 precision are consumed but ignored.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && isDigit(s, j); j++) {
        if (overflow) continue;
        if (f > (TWO_63 - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > TWO_63) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid();
    // The unit runs up to the next '.' or digit (Go works on bytes; multi-byte µ is fine here).
    let k = 0;
    while (k < s.length && !(s[k] === '.' || isDigit(s, k))) k++;
    if (k === 0) return { ok: false, error: 'time: missing unit in duration ' + timeQuote(orig) };
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = Object.hasOwn(UNIT_NS, u) ? UNIT_NS[u] : undefined;
    if (unit === undefined) {
      return { ok: false, error: 'time: unknown unit ' + timeQuote(u) + ' in duration ' + timeQuote(orig) };
    }
    if (v > TWO_63 / unit) return invalid();
    v *= unit;
    if (f > 0n) {
      // Go computes the fraction in float64 and truncates: uint64(float64(f) * (float64(unit) / scale)).
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > TWO_63) return invalid();
    }
    d += v;
    if (d > TWO_63) return invalid();
  }
  if (neg) return { ok: true, nanoseconds: -d };
  if (d > TWO_63 - 1n) return invalid();
  return { ok: true, nanoseconds: d };
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * timeQuote mirrors the `quote` helper of Go's time package (not strconv.Quote): bytes of
 * non-ASCII or control characters become `\xHH`, `"` and `\` are backslash-escaped.
 */
export function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    if (r >= 0x80 || r < 0x20) {
      for (const b of utf8Bytes(ch)) out += '\\x' + b.toString(16).padStart(2, '0');
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

function utf8Bytes(ch: string): number[] {
  const r = ch.codePointAt(0) ?? 0xfffd;
  const cp = r >= 0xd800 && r <= 0xdfff ? 0xfffd : r;
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}
