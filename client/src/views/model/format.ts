/** formatDuration renders a span as `45s`, `3m 20s`, `2h 5m`, `3d 4h` (kubectl's short style). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0s';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m}m` : `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? `${h}h` : `${h}h ${m % 60}m`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d}d` : `${d}d ${h % 24}h`;
}

/**
 * formatRunningDuration renders a span still growing to the minute (`under 1m`, `5m`, `2h 5m`,
 * `3d 4h`): a tree row that ticked every second would re-fetch its children every second, and
 * a right-click on one of them could then reach the command without its row.
 */
export function formatRunningDuration(ms: number): string {
  return ms < 60_000 ? 'under 1m' : formatDuration(Math.floor(ms / 60_000) * 60_000);
}

/** nextChangeOfRunningDuration: how long until formatRunningDuration(ms) reads differently (next minute; hourly after a day). */
export function nextChangeOfRunningDuration(ms: number): number {
  const unit = ms < 86_400_000 ? 60_000 : 3_600_000;
  return unit - (Math.max(0, ms) % unit);
}

/** formatAge renders how long ago `thenMs` was, relative to `nowMs` (`5m ago`). */
export function formatAge(thenMs: number | undefined, nowMs: number): string {
  if (thenMs === undefined) return 'never';
  if (thenMs > nowMs) return `in ${formatDuration(thenMs - nowMs)}`;
  return `${formatDuration(nowMs - thenMs)} ago`;
}

/**
 * formatInZone renders an instant as `2026-11-30 04:00` in an IANA time zone (UTC when none or
 * unknown), with the zone name appended so the reader knows which clock it is.
 */
export function formatInZone(ms: number, timeZone: string | undefined): string {
  const zone = timeZone && isValidZone(timeZone) ? timeZone : 'UTC';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${zone}`;
}

/** isValidZone tells whether Intl knows the IANA zone. */
export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
