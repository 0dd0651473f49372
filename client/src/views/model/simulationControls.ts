/**
 * The simulation panel's controls as data: the window a simulation covers by default, how the
 * controls become a `kubeJobs/simulateDocument` request, the equivalent `kube-jobs simulate`
 * command, and the outcome in one line. Pure (no VS Code), tested without it.
 */
import type { PodOutcomeRow, SimulationControls } from '../../webviews/contract';
import type { SimulateDocumentParams, SimulateRandomPods } from '../../../../src-engine';
import { DEFAULT_POD_DURATION_MS, nextZoneTransition, parseStandard } from '../../../../src-engine';
import { shellQuote } from './kubectl';
import { formatInZone } from './format';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead a DST change moves the default window (a year: every zone's next change, if it has any). */
const DST_LOOKAHEAD_MS = 366 * DAY;
/** A CronJob's default window: several days, so daily and weekly patterns show. */
const CRONJOB_WINDOW_DAYS = 7;
const UNIT_MS = { minutes: MINUTE, hours: 3_600_000, days: DAY } as const;

/** toInputTime renders an instant for the panel's start field (`YYYY-MM-DDTHH:MM`, UTC). */
export const toInputTime = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

/** The zone a CronJob's runs are computed in: a CRON_TZ/TZ= prefix, else spec.timeZone (formatSchedule). */
function cronJobZone(value: unknown): string | undefined {
  const spec = (value as { spec?: { schedule?: unknown; timeZone?: unknown } } | undefined)?.spec;
  const parsed = typeof spec?.schedule === 'string' ? parseStandard(spec.schedule) : undefined;
  const own = parsed?.ok ? parsed.schedule.location : undefined;
  if (own !== undefined && own !== 'Local') return own;
  return typeof spec?.timeZone === 'string' ? spec.timeZone : undefined;
}

/**
 * nextChange is the zone's next clock change within a year (null too for a zone Kubernetes
 * cannot load: the diagnostics say so).
 */
function nextChange(zone: string, now: number): ReturnType<typeof nextZoneTransition> {
  try {
    return nextZoneTransition(zone, now, now + DST_LOOKAHEAD_MS);
  } catch {
    return null;
  }
}

/**
 * defaultControls: a Job from now until it finishes; a CronJob for a week — placed around its
 * zone's next DST change when one falls within a year, since that is where a schedule surprises
 * people (a run skipped or repeated). Pods succeed after 10 s, the simulator's default.
 */
export function defaultControls(
  kind: 'Job' | 'CronJob',
  value: unknown,
  nowMs: number,
): { controls: SimulationControls; windowNote: string } {
  const now = Math.floor(nowMs / MINUTE) * MINUTE;
  const base = {
    forUnit: 'days' as const,
    pods: 'default' as const,
    rows: [
      { outcome: 'fail' as const, afterSeconds: 20, exitCode: 1 },
      { outcome: 'succeed' as const, afterSeconds: 30 },
    ],
    random: { seed: 1, failurePercent: 20, minSeconds: 10, maxSeconds: 60 },
  };
  if (kind === 'Job') {
    return {
      controls: { ...base, start: toInputTime(now) },
      windowNote: 'From now until the Job finishes (and its TTL deletes it).',
    };
  }
  const zone = cronJobZone(value);
  const change = zone ? nextChange(zone, now) : null;
  if (!change || !zone) {
    return {
      controls: { ...base, start: toInputTime(now), forAmount: CRONJOB_WINDOW_DAYS },
      windowNote:
        `The next ${CRONJOB_WINDOW_DAYS} days from now` +
        (zone ? ` (${zone} has no clock change within a year).` : ' (no timeZone: UTC, no clock changes).'),
    };
  }
  const start = Math.max(now, Math.floor((change.atMs - 3 * DAY) / MINUTE) * MINUTE);
  const forward = change.offsetAfterSeconds > change.offsetBeforeSeconds;
  return {
    controls: { ...base, start: toInputTime(start), forAmount: CRONJOB_WINDOW_DAYS },
    windowNote:
      `${CRONJOB_WINDOW_DAYS} days around the next clock change in ${zone}: ${formatInZone(change.atMs, zone)}, ` +
      `clocks go ${forward ? 'forward' : 'back'} ` +
      `(a run in the ${forward ? 'skipped hour does not happen' : 'repeated hour runs twice'}). ` +
      'Set the start to now to see the coming week.',
  };
}

/** podsSpec writes scripted rows in the `--pods` grammar: `fail@20s:1,succeed@30s`, `1=fail@5s:137`. */
export function podsSpec(rows: readonly PodOutcomeRow[]): string {
  return rows
    .map(
      (r) =>
        (r.index !== undefined ? `${r.index}=` : '') +
        `${r.outcome}@${r.afterSeconds}s` +
        (r.outcome === 'fail' && r.exitCode !== undefined ? `:${r.exitCode}` : ''),
    )
    .join(',');
}

export type ControlsRequest =
  | { readonly ok: true; readonly params: Pick<SimulateDocumentParams, 'startMs' | 'durationMs' | 'pods' | 'random'> }
  | { readonly ok: false; readonly error: string };

/** controlsToRequest checks the controls and turns them into request parameters, or says what is wrong. */
export function controlsToRequest(c: SimulationControls): ControlsRequest {
  const startMs = Date.parse(`${c.start}:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(c.start) || Number.isNaN(startMs)) {
    return { ok: false, error: 'Start: give a date and time (UTC).' };
  }
  if (c.forAmount !== undefined && !(c.forAmount > 0)) {
    return { ok: false, error: 'For: give a positive length, or leave it empty for a Job to run to its end.' };
  }
  const durationMs = c.forAmount !== undefined ? Math.round(c.forAmount * UNIT_MS[c.forUnit]) : undefined;
  const window = { startMs, ...(durationMs !== undefined ? { durationMs } : {}) };
  if (c.pods === 'default') return { ok: true, params: window };
  if (c.pods === 'scripted') {
    if (c.rows.length === 0) return { ok: false, error: 'Pod outcomes: add at least one row.' };
    const bad = c.rows.find(
      (r) =>
        !(r.afterSeconds >= 0) ||
        (r.outcome === 'fail' &&
          r.exitCode !== undefined &&
          !(r.exitCode >= 1 && r.exitCode <= 255 && Number.isInteger(r.exitCode))) ||
        (r.index !== undefined && !(Number.isInteger(r.index) && r.index >= 0)),
    );
    if (bad) {
      return {
        ok: false,
        error: 'Pod outcomes: times are seconds ≥ 0, exit codes of failures 1–255, indexes whole numbers ≥ 0.',
      };
    }
    return { ok: true, params: { ...window, pods: podsSpec(c.rows) } };
  }
  const r = c.random;
  if (!(r.failurePercent >= 0 && r.failurePercent <= 100)) {
    return { ok: false, error: 'Random: the failure rate is a percentage from 0 to 100.' };
  }
  if (!(r.minSeconds >= 0 && r.maxSeconds >= r.minSeconds)) {
    return { ok: false, error: 'Random: durations need 0 ≤ shortest ≤ longest.' };
  }
  const random: SimulateRandomPods = {
    seed: Math.trunc(r.seed),
    failureRate: r.failurePercent / 100,
    minDurationMs: r.minSeconds * 1000,
    maxDurationMs: r.maxSeconds * 1000,
  };
  return { ok: true, params: { ...window, random } };
}

/** cliCommand is the same simulation from a terminal: `kube-jobs simulate FILE --name … --start … --for … --pods …`. */
export function cliCommand(file: string, name: string | undefined, c: SimulationControls): string {
  const args = ['kube-jobs', 'simulate', file, ...(name ? ['--name', name] : []), '--start', `${c.start}:00Z`];
  if (c.forAmount !== undefined) {
    args.push(
      '--for',
      c.forUnit === 'days' && Number.isInteger(c.forAmount)
        ? `${c.forAmount}d`
        : `${Math.round((c.forAmount * UNIT_MS[c.forUnit]) / MINUTE)}m`,
    );
  }
  if (c.pods === 'scripted') args.push('--pods', podsSpec(c.rows));
  if (c.pods === 'random') {
    args.push(
      '--seed',
      String(Math.trunc(c.random.seed)),
      '--failure-rate',
      String(c.random.failurePercent / 100),
      '--durations',
      `${c.random.minSeconds}s-${c.random.maxSeconds}s`,
    );
  }
  return args.map(shellQuote).join(' ');
}

/** podsWords says what the pods do, for the facts: the default, the script, or the random model. */
export function podsWords(c: SimulationControls): string {
  if (c.pods === 'scripted') return `as scripted: ${podsSpec(c.rows)} (the last outcome repeats)`;
  if (c.pods === 'random') {
    const r = c.random;
    return `random: ${r.failurePercent}% fail, each run ${r.minSeconds}–${r.maxSeconds} s, seed ${Math.trunc(r.seed)}`;
  }
  return `every pod succeeds after ${DEFAULT_POD_DURATION_MS / 1000} s`;
}

interface JobJson {
  readonly status?: {
    readonly conditions?: readonly { type: string; status: string; reason?: string }[];
    readonly succeeded?: number;
    readonly failed?: number;
  };
}

/** resultSummary says the outcome in one line: a Job's end state, a CronJob's Jobs and skipped runs. */
export function resultSummary(result: unknown): string | undefined {
  const r = result as
    | (JobJson & {
        kind?: string;
        podsCreated?: number;
        jobsCreated?: number;
        jobs?: readonly JobJson[];
        eventCounts?: Record<string, number>;
      })
    | undefined;
  if (!r || typeof r !== 'object') return undefined;
  if (r.kind === 'Job') {
    const done = r.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    const state = done ? `${done.type}${done.reason ? ` (${done.reason})` : ''}` : 'still running at the end of the window';
    return (
      `${state} — ${r.podsCreated ?? 0} pod${r.podsCreated === 1 ? '' : 's'} created, ${r.status?.succeeded ?? 0} ` +
      `succeeded, ${r.status?.failed ?? 0} counted as failed`
    );
  }
  if (r.kind === 'CronJob') {
    const counts = r.eventCounts ?? {};
    const skipped = (counts.JobAlreadyActive ?? 0) + (counts.MissSchedule ?? 0);
    const failed = (r.jobs ?? []).filter((j) =>
      j.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True'),
    ).length;
    const created = `${r.jobsCreated ?? 0} Job${r.jobsCreated === 1 ? '' : 's'} created`;
    return (
      created + (skipped ? `, ${skipped} run${skipped === 1 ? '' : 's'} skipped` : '') + (failed ? `, ${failed} failed` : '')
    );
  }
  return undefined;
}
