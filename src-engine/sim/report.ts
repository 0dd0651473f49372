import { formatRfc3339 } from '../controllers/rfc3339';
import type { JobStatus } from '../controllers/types';
import type { CronJobSimulation, JobSimulation, SimJobRecord, SimPodRecord, Simulation } from './records';

const iso = (ms: number | null): string | null => (ms === null ? null : formatRfc3339(ms));

/**
 * jobStatusToJson renders a JobStatus with RFC 3339 UTC times (null when unset). `ready` and
 * `terminating` are always present, as the controller writes them (JobPodReplacementPolicy is
 * GA); `completedIndexes` is left out when empty, as the API's `omitempty` string leaves it
 * out, and `failedIndexes` appears only for a Job with backoffLimitPerIndex, where the
 * controller writes it (a pointer, so "" stays): batch/v1 JobStatus in
 * staging/src/k8s.io/api/batch/v1/types.go.
 */
export function jobStatusToJson(status: JobStatus): Record<string, unknown> {
  return {
    conditions: status.conditions.map((c) => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
      message: c.message,
      lastTransitionTime: iso(c.lastTransitionTime),
    })),
    startTime: iso(status.startTime),
    completionTime: iso(status.completionTime),
    active: status.active,
    ready: status.ready,
    terminating: status.terminating,
    succeeded: status.succeeded,
    failed: status.failed,
    ...(status.completedIndexes !== null && status.completedIndexes !== '' ? { completedIndexes: status.completedIndexes } : {}),
    ...(status.failedIndexes !== null ? { failedIndexes: status.failedIndexes } : {}),
  };
}

/**
 * podToJson: one pod of a Job simulation. `outcome` says how it ended: Succeeded or Failed
 * (its last run's exit code in `exitCode`), Deleted (stopped by the controller, a suspension
 * or the Job's deletion, at `deletedAt`, by `deletedBy`; no exit code), or still Pending /
 * Running at the end of the simulation.
 */
function podToJson(p: SimPodRecord): Record<string, unknown> {
  return {
    name: p.name,
    index: p.index,
    createdAt: iso(p.createdAt),
    startedAt: iso(p.startedAt),
    finishedAt: iso(p.finishedAt),
    phase: p.phase,
    exitCode: p.exitCode,
    outcome: p.deletedAt !== null ? 'Deleted' : p.phase,
    restarts: p.restarts,
    deletedAt: iso(p.deletedAt),
    deletedBy: p.deletedBy,
  };
}

/**
 * simulationToJson is the stable JSON form of a simulation (the CLI's --format json):
 * Job: {kind, name, status, deletedAt, pods, events, …}; CronJob: {kind, name, status, jobs,
 * events, …}. Times are RFC 3339 UTC; absent values are null. Fields after `events` are
 * additions (exact counts, truncation, `stopped` when the simulation stopped early, `warnings`)
 * that consumers may ignore.
 */
export function simulationToJson(sim: Simulation): Record<string, unknown> {
  const events = sim.events.map((e) => ({
    time: iso(e.time),
    type: e.type,
    reason: e.reason,
    message: e.message,
    object: e.object,
  }));
  if (sim.kind === 'Job') {
    return {
      kind: 'Job',
      name: sim.name,
      status: jobStatusToJson(sim.status),
      deletedAt: iso(sim.deletedAt),
      pods: sim.pods.map(podToJson),
      events,
      start: iso(sim.start),
      end: iso(sim.end),
      podsCreated: sim.podsCreated,
      eventCounts: sim.eventCounts,
      eventsDropped: sim.eventsDropped,
      stopped: stopToJson(sim),
      warnings: sim.warnings.slice(),
    };
  }
  return {
    kind: 'CronJob',
    name: sim.name,
    status: {
      lastScheduleTime: iso(sim.status.lastScheduleTime),
      lastSuccessfulTime: iso(sim.status.lastSuccessfulTime),
      active: sim.status.active.slice(),
    },
    jobs: sim.jobs.map((j) => ({
      name: j.name,
      scheduledTime: iso(j.scheduledTime),
      createdAt: iso(j.createdAt),
      deletedAt: iso(j.deletedAt),
      status: jobStatusToJson(j.status),
    })),
    events,
    start: iso(sim.start),
    end: iso(sim.end),
    jobsCreated: sim.jobsCreated,
    remainingJobs: sim.remainingJobs.slice(),
    eventCounts: sim.eventCounts,
    jobEventCounts: sim.jobEventCounts,
    eventsDropped: sim.eventsDropped,
    stopped: stopToJson(sim),
    warnings: sim.warnings.slice(),
  };
}

/** stopToJson: why the simulation stopped early ({reason, at, message}), or null. */
function stopToJson(sim: Simulation): Record<string, unknown> | null {
  return sim.stopped === null ? null : { reason: sim.stopped.reason, at: iso(sim.stopped.at), message: sim.stopped.message };
}

/** formatDuration renders ms as a short Go-like duration: 45s, 2m30s, 1h5m, 3d4h. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.round(Math.abs(ms) / 1000);
  if (s === 0) return Math.abs(ms) > 0 ? `${sign}${Math.abs(ms)}ms` : '0s';
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = [d > 0 ? `${d}d` : '', h > 0 ? `${h}h` : '', m > 0 ? `${m}m` : '', s > 0 ? `${s}s` : ''];
  return (
    sign +
    parts
      .filter((p) => p !== '')
      .slice(0, 2)
      .join('')
  );
}

/** Who deleted a pod, in the timeline's words. */
const DELETED_BY: Readonly<Record<NonNullable<SimPodRecord['deletedBy']>, string>> = {
  controller: 'controller',
  suspend: 'suspension',
  jobDeleted: 'Job deletion',
};
/** Why a CronJob's Job was deleted, in the timeline's words. */
const JOB_DELETED_BY: Readonly<Record<NonNullable<SimJobRecord['deletedBy']>, string>> = {
  replace: 'replaced by the next run',
  ttl: 'ttlSecondsAfterFinished',
  history: 'history limit',
};

/** The most lines a text timeline prints before summarising the rest. */
const MAX_TEXT_LINES = 400;

interface Line {
  readonly time: number;
  readonly order: number;
  readonly text: string;
}

/**
 * formatSimulationText renders a simulation as a timeline a person can read: one line per
 * happening (UTC time, offset from the start, what happened), then a summary.
 */
export function formatSimulationText(sim: Simulation): string {
  return sim.kind === 'Job' ? jobText(sim) : cronJobText(sim);
}

/** TimelineLines gathers what happened, in any order, and renders it sorted by time (ties in the order added). */
class TimelineLines {
  private readonly lines: Line[] = [];
  add(time: number, text: string): void {
    this.lines.push({ time, order: this.lines.length, text });
  }
  render(start: number): string[] {
    const lines = this.lines.sort((a, b) => a.time - b.time || a.order - b.order);
    const out: string[] = [];
    for (const l of lines.slice(0, MAX_TEXT_LINES)) {
      out.push(`${formatRfc3339(l.time)}  ${('+' + formatDuration(l.time - start)).padEnd(9)} ${l.text}`);
    }
    if (lines.length > MAX_TEXT_LINES) {
      out.push(`… ${lines.length - MAX_TEXT_LINES} more lines (use --format json for everything)`);
    }
    return out;
  }
}

function jobText(sim: JobSimulation): string {
  const timeline = new TimelineLines();
  const add = (time: number, text: string): void => timeline.add(time, text);
  for (const p of sim.pods) {
    const idx = p.index === null ? '' : ` (index ${p.index})`;
    add(p.createdAt, `pod ${p.name}${idx} created`);
    if (p.deletedAt !== null) add(p.deletedAt, `pod ${p.name} deleted by the ${DELETED_BY[p.deletedBy ?? 'controller']}`);
    if (p.finishedAt !== null && p.deletedAt === null) {
      const ran = formatDuration(p.finishedAt - (p.startedAt ?? p.createdAt));
      add(
        p.finishedAt,
        p.phase === 'Succeeded'
          ? `pod ${p.name} succeeded after ${ran}`
          : `pod ${p.name} failed with exit code ${p.exitCode ?? '?'} after ${ran}` +
              (p.restarts > 0 ? ` (${p.restarts} restarts)` : ''),
      );
    } else if (p.finishedAt !== null && p.deletedAt !== null) {
      add(p.finishedAt, `pod ${p.name} gone`);
    }
  }
  for (const w of sim.backoffWaits) {
    add(
      w.from,
      `backoff: ${w.index === null ? 'next pod' : `index ${w.index}`} waits ${formatDuration(w.until - w.from)}, ` +
        `until ${formatRfc3339(w.until)}`,
    );
  }
  for (const c of sim.status.conditions) {
    add(c.lastTransitionTime, `condition ${c.type}=${c.status} reason ${c.reason}: ${c.message}`);
  }
  for (const e of sim.events) {
    if (e.reason === 'SuccessfulCreate' || e.reason === 'SuccessfulDelete') continue;
    add(e.time, `event ${e.type} ${e.reason}: ${e.message}`);
  }
  if (sim.deadlineAt !== null && sim.deadlineAt <= sim.end) add(sim.deadlineAt, `activeDeadlineSeconds reached`);
  if (sim.deletedAt !== null) add(sim.deletedAt, `Job deleted (ttlSecondsAfterFinished)`);
  const final = sim.status.conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  const out = [
    `Job ${sim.namespace}/${sim.name}: simulated ${formatRfc3339(sim.start)} → ${formatRfc3339(sim.end)}`,
    '',
    ...timeline.render(sim.start),
    '',
    `Result: ${final === undefined ? 'not finished' : `${final.type} (${final.reason})`} — ${count(sim.podsCreated, 'pod')} created, succeeded ${sim.status.succeeded}, failed ${sim.status.failed}, active ${sim.status.active}` +
      (sim.status.completedIndexes !== null ? `, completedIndexes "${sim.status.completedIndexes}"` : '') +
      (sim.status.failedIndexes !== null ? `, failedIndexes "${sim.status.failedIndexes}"` : ''),
  ];
  return out.concat(warningLines(sim)).join('\n') + '\n';
}

function cronJobText(sim: CronJobSimulation): string {
  const timeline = new TimelineLines();
  const add = (time: number, text: string): void => timeline.add(time, text);
  for (const j of sim.jobs) {
    const late = j.createdAt - j.scheduledTime;
    add(
      j.createdAt,
      `run ${j.name} for ${formatRfc3339(j.scheduledTime)} created${late >= 1000 ? ` (late by ${formatDuration(late)})` : ''}`,
    );
    const final = j.status.conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    if (final !== undefined && j.finishedAt !== null) {
      add(j.finishedAt, `run ${j.name} ${final.type === 'Complete' ? 'succeeded' : `failed (${final.reason})`}`);
    }
    if (j.deletedAt !== null) add(j.deletedAt, `run ${j.name} deleted (${JOB_DELETED_BY[j.deletedBy ?? 'history']})`);
  }
  for (const e of sim.events) {
    if (e.object !== `CronJob/${sim.name}`) continue;
    if (e.reason === 'SuccessfulCreate' || e.reason === 'SuccessfulDelete' || e.reason === 'SawCompletedJob') continue;
    add(e.time, `${e.reason === 'JobAlreadyActive' ? 'skip' : 'event'} ${e.type} ${e.reason}: ${e.message}`);
  }
  const countsText = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  const out = [
    `CronJob ${sim.namespace}/${sim.name}: simulated ${formatRfc3339(sim.start)} → ${formatRfc3339(sim.end)}`,
    '',
    ...timeline.render(sim.start),
    '',
    `Result: ${count(sim.jobsCreated, 'Job')} created; last scheduled ${sim.status.lastScheduleTime === null ? 'never' : formatRfc3339(sim.status.lastScheduleTime)}, last successful ${sim.status.lastSuccessfulTime === null ? 'never' : formatRfc3339(sim.status.lastSuccessfulTime)}`,
    `Still present: ${sim.remainingJobs.length === 0 ? 'none' : sim.remainingJobs.join(', ')}; active: ${sim.status.active.length === 0 ? 'none' : sim.status.active.join(', ')}`,
    `Events on the CronJob: ${countsText(sim.eventCounts)}; on its Jobs: ${countsText(sim.jobEventCounts)}`,
  ];
  return out.concat(warningLines(sim)).join('\n') + '\n';
}

/** warningLines: the simulation's warnings, one line each, after the result. */
function warningLines(sim: Simulation): string[] {
  return sim.warnings.map((w) => `Warning: ${w}`);
}

/** count: `1 pod`, `2 pods`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
