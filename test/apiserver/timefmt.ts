/**
 * Time formats the API server uses: metav1.Time is RFC 3339 with second precision, log
 * timestamps are RFC 3339 with nanoseconds (trailing zeros trimmed, Go's RFC3339Nano), and
 * `kubectl get` ages come from k8s.io/apimachinery/pkg/util/duration `HumanDuration`.
 */

/** formatTime renders epoch ms as metav1.Time does (seconds, `Z`). */
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** formatNanos renders epoch nanoseconds like Go's time.RFC3339Nano. */
export function formatNanos(ns: bigint): string {
  const secs = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  const base = new Date(Number(secs) * 1000).toISOString().replace('.000Z', '');
  return frac ? `${base}.${frac}Z` : `${base}Z`;
}

/** parseTimeNanos parses an RFC 3339 time (any fraction precision) into epoch nanoseconds. */
export function parseTimeNanos(text: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) {
    return undefined;
  }
  const secsMs = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(secsMs)) {
    return undefined;
  }
  const frac = BigInt((m[2] ?? '').padEnd(9, '0') || '0');
  return BigInt(secsMs) * 1_000_000n + frac;
}

/** parseTimeMs parses metav1.Time text into epoch ms, or undefined. */
export function parseTimeMs(text: unknown): number | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** humanDuration mirrors apimachinery duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) {
    return '<invalid>';
  } else if (seconds < 0) {
    return '0s';
  } else if (seconds < 60 * 2) {
    return `${seconds}s`;
  }
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  } else if (minutes < 60 * 3) {
    return `${minutes}m`;
  }
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  } else if (hours < 48) {
    return `${hours}h`;
  } else if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  } else if (hours < 24 * 365 * 2) {
    return `${Math.trunc(hours / 24)}d`;
  } else if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** translateTimestampSince mirrors the kubectl printers' helper: `<unknown>` for a zero time. */
export function translateTimestampSince(text: unknown, nowMs: number): string {
  const ms = parseTimeMs(text);
  return ms === undefined ? '<unknown>' : humanDuration(nowMs - ms);
}
