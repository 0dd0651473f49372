import { formatRfc3339 } from '../controllers/rfc3339';
import { formatDuration } from '../sim/report';
import type { CronJobSimulation, JobSimulation, Simulation } from '../sim/records';
import { calendarSvg } from './calendar';
import { COLORS, escapeXml, LABEL_W } from './svgStyle';

/**
 * Pictures of a simulation: a timeline (pods of a Job, or Jobs of a CronJob, as bars over
 * time; failures red, successes green, backoff waits amber, deadline/TTL markers) and, for
 * CronJobs spanning several days, a calendar of runs and skips. Pure functions returning SVG
 * / HTML text; every piece of text is escaped.
 */

export interface RenderOptions {
  /** Width of the SVG in px (default 960). */
  readonly width?: number;
  /** Most rows drawn (default 60); the rest are summarised in a note. */
  readonly maxRows?: number;
}

const TICK_STEPS_MS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 2592000,
].map((s) => s * 1000);

function tickStep(spanMs: number, maxTicks: number): number {
  for (const s of TICK_STEPS_MS) if (spanMs / s <= maxTicks) return s;
  return Math.ceil(spanMs / maxTicks / 86400000) * 86400000;
}

interface Bar {
  readonly label: string;
  readonly from: number;
  readonly to: number;
  readonly color: string;
  readonly title: string;
  /** More spans drawn on the same row (e.g. successive backoff waits). */
  readonly segments?: readonly { readonly from: number; readonly to: number; readonly title: string }[];
  /** Extra marks on the row: time and color (e.g. the scheduled time). */
  readonly marks?: readonly { readonly at: number; readonly color: string; readonly title: string }[];
}

interface Marker {
  readonly at: number;
  readonly color: string;
  readonly label: string;
}

const ROW_H = 18;
const TOP = 46;

/** renderSimulationSvg draws the simulation timeline (plus a run calendar for multi-day CronJobs). */
export function renderSimulationSvg(sim: Simulation, options: RenderOptions = {}): string {
  const width = Math.max(400, Math.floor(options.width ?? 960));
  const maxRows = Math.max(1, Math.floor(options.maxRows ?? 60));
  const { bars, markers, title, note } = sim.kind === 'Job' ? jobBars(sim) : cronBars(sim);
  const shown = bars.slice(0, maxRows);
  const start = sim.start;
  const end = Math.max(plotEnd(sim, bars, markers), start + 1000);
  const plotW = width - LABEL_W - 20;
  const x = (t: number): number => LABEL_W + ((Math.min(Math.max(t, start), end) - start) / (end - start)) * plotW;
  const rowsH = Math.max(1, shown.length) * ROW_H;
  const calendar = sim.kind === 'CronJob' && sim.days.length > 1 ? calendarSvg(sim.days, width) : null;
  const notes: string[] = [];
  if (bars.length > shown.length) notes.push(`${bars.length - shown.length} more rows not drawn`);
  if (note !== '') notes.push(note);
  // A marker far past the activity (a TTL deletion an hour later) is named below the chart
  // instead of squeezing every bar into the left of the plot.
  for (const m of markers) {
    if (m.at > end) notes.push(`${m.label} at ${formatRfc3339(m.at)} (+${formatDuration(m.at - start)}), past the right edge`);
  }
  const timelineH = TOP + rowsH + 40 + notes.length * 14;
  const height = timelineH + (calendar?.height ?? 0);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11" role="img" aria-label="${escapeXml(title)}">`,
  );
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="8" y="16" font-size="13" font-weight="bold" fill="${COLORS.text}">${escapeXml(title)}</text>`);
  // Time axis with gridlines.
  const step = tickStep(end - start, Math.max(2, Math.floor(plotW / 90)));
  const firstTick = Math.ceil(start / step) * step;
  for (let t = firstTick; t <= end; t += step) {
    const tx = x(t).toFixed(1);
    out.push(`<line x1="${tx}" y1="${TOP - 6}" x2="${tx}" y2="${TOP + rowsH}" stroke="${COLORS.grid}"/>`);
    out.push(
      `<text x="${tx}" y="${TOP - 10}" text-anchor="middle" fill="${COLORS.muted}">${escapeXml(axisLabel(t, step, start))}</text>`,
    );
  }
  shown.forEach((bar, i) => {
    const y = TOP + i * ROW_H;
    out.push(
      `<text x="${LABEL_W - 6}" y="${y + 13}" text-anchor="end" fill="${COLORS.text}">${escapeXml(truncate(bar.label, 34))}</text>`,
    );
    const x1 = x(bar.from);
    const w = Math.max(2, x(bar.to) - x1);
    out.push(
      `<rect x="${x1.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW_H - 6}" rx="2" fill="${bar.color}"><title>${escapeXml(bar.title)}</title></rect>`,
    );
    for (const seg of bar.segments ?? []) {
      const sx = x(seg.from);
      out.push(
        `<rect x="${sx.toFixed(1)}" y="${y + 3}" width="${Math.max(2, x(seg.to) - sx).toFixed(1)}" height="${ROW_H - 6}" rx="2" fill="${bar.color}"><title>${escapeXml(seg.title)}</title></rect>`,
      );
    }
    for (const m of bar.marks ?? []) {
      const mx = x(m.at).toFixed(1);
      out.push(
        `<line x1="${mx}" y1="${y + 1}" x2="${mx}" y2="${y + ROW_H - 1}" stroke="${m.color}" stroke-width="2"><title>${escapeXml(m.title)}</title></line>`,
      );
    }
  });
  for (const m of markers) {
    if (m.at < start) continue;
    if (m.at > end) continue;
    const mx = x(m.at).toFixed(1);
    out.push(
      `<line x1="${mx}" y1="${TOP - 4}" x2="${mx}" y2="${TOP + rowsH}" stroke="${m.color}" stroke-width="1.5" stroke-dasharray="4 3"><title>${escapeXml(m.label)}</title></line>`,
    );
    const anchor = x(m.at) > width - 90 ? 'end' : x(m.at) < LABEL_W + 60 ? 'start' : 'middle';
    out.push(
      `<text x="${mx}" y="${TOP + rowsH + 12}" text-anchor="${anchor}" fill="${m.color}">${escapeXml(truncate(m.label, 28))}</text>`,
    );
  }
  // Legend.
  const legend: [string, string][] =
    sim.kind === 'Job'
      ? [
          ['succeeded', COLORS.succeeded],
          ['failed', COLORS.failed],
          ['running', COLORS.running],
          ['deleted', COLORS.deleted],
          ['backoff wait', COLORS.backoff],
        ]
      : [
          ['succeeded', COLORS.succeeded],
          ['failed', COLORS.failed],
          ['running', COLORS.running],
          ['deleted (bar: while running; tick: TTL, history, Replace)', COLORS.deleted],
          ['skipped (JobAlreadyActive)', COLORS.backoff],
        ];
  let lx = LABEL_W;
  const ly = TOP + rowsH + 26;
  for (const [name, color] of legend) {
    out.push(
      `<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${color}"/><text x="${lx + 14}" y="${ly}" fill="${COLORS.text}">${escapeXml(name)}</text>`,
    );
    lx += 24 + name.length * 6;
  }
  notes.forEach((n, i) => out.push(`<text x="8" y="${ly + 14 + i * 14}" fill="${COLORS.muted}">${escapeXml(n)}</text>`));
  if (calendar !== null) out.push(`<g transform="translate(0 ${timelineH})">${calendar.svg}</g>`);
  out.push('</svg>');
  return out.join('\n');
}

/**
 * plotEnd is where the time axis stops: the simulation's end for CronJobs (their horizon is
 * the point), the last thing that happens to the pods for Jobs, so a long TTL wait does not
 * squeeze the pods into a sliver.
 */
function plotEnd(sim: Simulation, bars: readonly Bar[], markers: readonly Marker[]): number {
  if (sim.kind === 'CronJob') return sim.end;
  let last = sim.start;
  for (const bar of bars) {
    last = Math.max(last, bar.to);
    for (const seg of bar.segments ?? []) last = Math.max(last, seg.to);
  }
  for (const m of markers) if (!m.label.startsWith('TTL')) last = Math.max(last, m.at);
  if (last >= sim.end) return sim.end;
  return Math.min(sim.end, last + Math.max(5000, (last - sim.start) * 0.05));
}

function axisLabel(t: number, step: number, start: number): string {
  const s = formatRfc3339(t);
  if (step >= 86400000) return s.slice(0, 10);
  if (t - start < step) return s.slice(5, step < 60000 ? 19 : 16).replace('T', ' ');
  if (step >= 3600000 && new Date(t).getUTCHours() === 0) return s.slice(5, 16).replace('T', ' ');
  return step < 60000 ? s.slice(11, 19) : s.slice(11, 16);
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

function jobBars(sim: JobSimulation): { bars: Bar[]; markers: Marker[]; title: string; note: string } {
  const bars: Bar[] = [];
  const rows = new Map<string, { from: number; to: number; title: string }[]>();
  for (const w of sim.backoffWaits) {
    const label = w.index === null ? 'backoff' : `backoff index ${w.index}`;
    const list = rows.get(label) ?? [];
    list.push({
      from: w.from,
      to: w.until,
      title: `pod-failure backoff ${formatDuration(w.until - w.from)}: ${formatRfc3339(w.from)} → ${formatRfc3339(w.until)}`,
    });
    rows.set(label, list);
  }
  for (const [label, segments] of rows) {
    const first = segments[0]!;
    bars.push({ label, from: first.from, to: first.to, color: COLORS.backoff, title: first.title, segments: segments.slice(1) });
  }
  const podBars: Bar[] = sim.pods.map((p) => {
    const to = p.finishedAt ?? sim.end;
    const color =
      p.deletedAt !== null
        ? COLORS.deleted
        : p.phase === 'Succeeded'
          ? COLORS.succeeded
          : p.phase === 'Failed'
            ? COLORS.failed
            : p.phase === 'Pending'
              ? COLORS.pending
              : COLORS.running;
    const what =
      p.deletedAt !== null
        ? `deleted at ${formatRfc3339(p.deletedAt)}`
        : p.phase === 'Succeeded'
          ? 'succeeded'
          : p.phase === 'Failed'
            ? `failed, exit code ${p.exitCode ?? '?'}`
            : p.phase.toLowerCase();
    return {
      label: p.index === null ? p.name : `[${p.index}] ${p.name}`,
      from: p.createdAt,
      to,
      color,
      title: `${p.name}: ${formatRfc3339(p.createdAt)} → ${p.finishedAt === null ? 'still running' : formatRfc3339(p.finishedAt)}, ${what}${p.restarts > 0 ? `, ${p.restarts} restarts` : ''}`,
    };
  });
  // Backoff rows first would push pods down; interleave: pods in creation order, backoff rows on top.
  const markers: Marker[] = [];
  if (sim.deadlineAt !== null) markers.push({ at: sim.deadlineAt, color: COLORS.deadline, label: 'activeDeadlineSeconds' });
  const final = sim.status.conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  if (final !== undefined) {
    markers.push({
      at: final.lastTransitionTime,
      color: final.type === 'Complete' ? COLORS.succeeded : COLORS.failed,
      label: `${final.type}: ${final.reason}`,
    });
  }
  if (sim.ttlExpireAt !== null) markers.push({ at: sim.ttlExpireAt, color: COLORS.ttl, label: 'TTL: Job deleted' });
  const result = final === undefined ? 'not finished' : `${final.type} (${final.reason})`;
  const title = `Job ${sim.name} — ${result}, ${sim.podsCreated} pods, ${formatRfc3339(sim.start)} +${formatDuration(sim.end - sim.start)}`;
  const backoffRows = bars.length > 8 ? bars.slice(0, 8) : bars;
  return {
    bars: [...backoffRows, ...podBars],
    markers,
    title,
    note: sim.pods.length < sim.podsCreated ? `only the first ${sim.pods.length} of ${sim.podsCreated} pods were recorded` : '',
  };
}

function cronBars(sim: CronJobSimulation): { bars: Bar[]; markers: Marker[]; title: string; note: string } {
  const bars: Bar[] = sim.jobs.map((j) => {
    const final = j.status.conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    const running = final === undefined;
    const to = j.finishedAt ?? j.deletedAt ?? sim.end;
    const color = running
      ? j.deletedAt !== null
        ? COLORS.deleted
        : COLORS.running
      : final.type === 'Complete'
        ? COLORS.succeeded
        : COLORS.failed;
    const marks = [{ at: j.scheduledTime, color: COLORS.text, title: `scheduled ${formatRfc3339(j.scheduledTime)}` }];
    if (j.deletedAt !== null) {
      marks.push({
        at: j.deletedAt,
        color: COLORS.deleted,
        title: `deleted ${formatRfc3339(j.deletedAt)} (${j.deletedBy ?? ''})`,
      });
    }
    return {
      label: j.name,
      from: j.createdAt,
      to,
      color,
      marks,
      title: `${j.name}: scheduled ${formatRfc3339(j.scheduledTime)}, created ${formatRfc3339(j.createdAt)}, ${running ? (j.deletedAt !== null ? `deleted while running (${j.deletedBy ?? ''})` : 'running') : `${final.type} (${final.reason})`}`,
    };
  });
  const markers: Marker[] = [];
  const skips = sim.events.filter(
    (e) =>
      e.reason === 'JobAlreadyActive' ||
      e.reason === 'TooManyMissedTimes' ||
      e.reason === 'InvalidSchedule' ||
      e.reason === 'UnknownTimeZone' ||
      e.reason === 'UnparseableSchedule',
  );
  if (skips.length > 0) {
    bars.unshift({
      label: 'skips & warnings',
      from: sim.start,
      to: sim.start,
      color: '#ffffff',
      title: `${skips.length} skip/warning events`,
      marks: skips.slice(0, 2000).map((e) => ({
        at: e.time,
        color: e.reason === 'JobAlreadyActive' ? COLORS.backoff : COLORS.failed,
        title: `${formatRfc3339(e.time)} ${e.reason}: ${e.message}`,
      })),
    });
  }
  const title = `CronJob ${sim.name} — ${sim.jobsCreated} Jobs, ${formatRfc3339(sim.start)} +${formatDuration(sim.end - sim.start)}`;
  return {
    bars,
    markers,
    title,
    note:
      sim.jobs.length < sim.jobsCreated
        ? `only the first ${sim.jobs.length} of ${sim.jobsCreated} Jobs were recorded; the calendar counts all`
        : '',
  };
}
