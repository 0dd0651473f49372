/**
 * formatRfc3339 renders epoch ms the way Go's time.RFC3339 does for a time in a zone with
 * the given UTC offset (seconds east): `2026-01-05T09:00:00+01:00`, `Z` for offset 0;
 * sub-second parts are dropped.
 */
export function formatRfc3339(ms: number, offsetSeconds = 0): string {
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offsetSeconds * 1000).toISOString().slice(0, 19);
  if (offsetSeconds === 0) return `${wall}Z`;
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  return `${wall}${sign}${hh}:${mm}`;
}

/** parseRfc3339 reads an RFC 3339 timestamp into epoch ms, or null when it is not one. */
export function parseRfc3339(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : null;
}
