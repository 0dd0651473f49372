import type { SimDay } from '../sim/records';
import { COLORS, escapeXml, LABEL_W } from './svgStyle';

/** calendarSvg: one cell per UTC day (weeks as rows), colored by that day's runs. */
export function calendarSvg(days: readonly SimDay[], width: number): { svg: string; height: number } {
  const cell = 16;
  const first = Date.parse(`${days[0]!.date}T00:00:00Z`);
  const last = Date.parse(`${days[days.length - 1]!.date}T00:00:00Z`);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const startDow = (new Date(first).getUTCDay() + 6) % 7; // Monday first
  const total = Math.round((last - first) / 86400000) + 1;
  const weeks = Math.ceil((startDow + total) / 7);
  // Weeks run left to right in columns, weekdays top to bottom.
  const cols = weeks;
  const cellW = Math.min(cell, Math.max(4, Math.floor((width - LABEL_W - 20) / Math.max(1, cols)) - 2));
  const out: string[] = [];
  out.push(
    `<text x="8" y="16" font-size="12" font-weight="bold" fill="${COLORS.text}">Calendar (UTC days): green = all runs succeeded, red = a run failed, amber = runs skipped, grey = no run</text>`,
  );
  const dayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  dayNames.forEach((n, i) =>
    out.push(
      `<text x="${LABEL_W - 6}" y="${24 + i * (cellW + 2) + cellW - 3}" text-anchor="end" fill="${COLORS.muted}">${n}</text>`,
    ),
  );
  for (let k = 0; k < total; k++) {
    const t = first + k * 86400000;
    const date = new Date(t).toISOString().slice(0, 10);
    const pos = startDow + k;
    const col = Math.floor(pos / 7);
    const row = pos % 7;
    const d = byDate.get(date);
    const color =
      d === undefined || d.created + d.skipped === 0
        ? '#eeeeee'
        : d.failed > 0
          ? COLORS.failed
          : d.skipped > 0
            ? COLORS.backoff
            : COLORS.succeeded;
    const tip =
      d === undefined
        ? `${date}: no runs`
        : `${date}: ${d.created} created, ${d.succeeded} succeeded, ${d.failed} failed, ${d.skipped} skipped, ${d.replaced} replaced`;
    out.push(
      `<rect x="${LABEL_W + col * (cellW + 2)}" y="${24 + row * (cellW + 2)}" width="${cellW}" height="${cellW}" fill="${color}"><title>${escapeXml(tip)}</title></rect>`,
    );
  }
  return { svg: out.join('\n'), height: 24 + 7 * (cellW + 2) + 16 };
}
