/**
 * How `kube-jobs health` prints its answer: a block per CronJob in text (the schedule in words,
 * last schedule, last success and next run in the CronJob's zone, then the findings), or one JSON
 * document with RFC 3339 UTC times for scripts.
 */
import type { CronJobHealth } from '../src-engine';
import { formatDuration, formatInZone } from '../src-engine';

/** One CronJob's answer. */
export interface HealthRow {
  readonly namespace: string;
  readonly name: string;
  readonly schedule: string;
  readonly timeZone: string | null;
  readonly health: CronJobHealth;
}

const MARK = { error: 'error  ', warning: 'warning', info: 'info   ' } as const;

function when(ms: number | null, zone: string | null, now: number): string {
  if (ms === null) return 'none recorded';
  const rel = ms <= now ? `${formatDuration(now - ms)} ago` : `in ${formatDuration(ms - now)}`;
  return `${formatInZone(ms, zone ?? undefined)} (${rel})`;
}

/** renderText prints each CronJob and a summary line. */
export function renderText(rows: readonly HealthRow[], now: number): string {
  const lines: string[] = [];
  for (const row of rows) {
    const { health } = row;
    lines.push(`${row.namespace}/${row.name}  ${health.status}${health.suspended ? ' (suspended)' : ''}`);
    lines.push(`  schedule      ${row.schedule}  ${health.scheduleText}`);
    lines.push(`  last run      ${when(health.lastScheduleTime, row.timeZone, now)}`);
    lines.push(`  last success  ${when(health.lastSuccessTime, row.timeZone, now)}`);
    lines.push(`  next run      ${health.suspended ? 'none while suspended' : when(health.nextRunTime, row.timeZone, now)}`);
    for (const f of health.findings) {
      lines.push(`  ${MARK[f.severity]} ${f.rule}: ${f.title}`);
      lines.push(`           ${f.message}`);
      if (f.fix) lines.push(`           fix: ${f.fix}`);
    }
    lines.push('');
  }
  const count = (status: CronJobHealth['status']): number => rows.filter((r) => r.health.status === status).length;
  const suspended = rows.filter((r) => r.health.suspended).length;
  lines.push(
    `${rows.length} CronJob${rows.length === 1 ? '' : 's'}: ${count('unhealthy')} unhealthy, ${count('warning')} with ` +
      `warnings, ${count('healthy')} healthy${suspended > 0 ? ` (${suspended} suspended)` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** renderJson is the document scripts read: `{now, cronJobs: [...], unhealthy}`. */
export function renderJson(rows: readonly HealthRow[], now: number): string {
  return `${JSON.stringify({
    now: iso(now),
    cronJobs: rows.map((r) => ({
      namespace: r.namespace,
      name: r.name,
      schedule: r.schedule,
      timeZone: r.timeZone,
      scheduleText: r.health.scheduleText,
      suspended: r.health.suspended,
      status: r.health.status,
      lastScheduleTime: iso(r.health.lastScheduleTime),
      lastSuccessTime: iso(r.health.lastSuccessTime),
      nextRunTime: iso(r.health.nextRunTime),
      findings: r.health.findings,
    })),
    unhealthy: rows.filter((r) => r.health.status === 'unhealthy').length,
  })}\n`;
}
