import type { ActionView, CalendarDay, ConditionView, CronJobPanelModel, CronJobRunView, EventView, Fact, FailingContainerView, FailureCard, JobPanelModel, PodView } from '../../webviews/contract';
import type { CronJob, Event, Job, Pod } from './k8s';
import { controllerOf, nameOf, parseTime } from './k8s';
import { jobCompletions, jobDurationMs, jobPhase, podOutcome } from './jobStatus';
import { describeSchedule } from './schedule';
import { formatAge, formatDuration, formatInZone } from './format';
import { explainContainer, explainJobFailure } from './explanations';
import { MANUAL_INSTANTIATE_ANNOTATION } from './manualJob';
import { cronJobFromManifest, nextRuns, parseStandard, renderSimulationSvg, simulateCronJob } from '../../../../src-engine';

/** An RBAC answer for one verb on one resource (undefined: not known yet, treated as allowed). */
export type AccessAnswer = (verb: string, resource: string) => { allowed: boolean; reason: string } | undefined;

export interface JobPanelInput {
  readonly context: string;
  readonly namespace: string;
  readonly name: string;
  readonly job: Job | undefined;
  readonly pods: readonly Pod[];
  readonly events: readonly Event[];
  readonly nowMs: number;
  /** Last log lines of failing containers, keyed `pod/container`. */
  readonly lastLines?: ReadonlyMap<string, readonly string[]>;
  readonly access?: AccessAnswer;
}

const time = (value: string | undefined | null, nowMs: number): string => {
  const t = parseTime(value);
  return t === undefined ? '—' : `${formatInZone(t, 'UTC')} (${formatAge(t, nowMs)})`;
};

const orDefault = (value: unknown, fallback: string): string => (value === undefined || value === null ? fallback : String(value));

function action(id: ActionView['id'], label: string, access: AccessAnswer | undefined, verb: string, resource: string, blocked?: string): ActionView {
  const answer = access?.(verb, resource);
  if (answer && !answer.allowed) return { id, label, enabled: false, reason: answer.reason };
  if (blocked) return { id, label, enabled: false, reason: blocked };
  return { id, label, enabled: true };
}

/** eventViews sorts events newest first and renders them. */
export function eventViews(events: readonly Event[], nowMs: number): EventView[] {
  const last = (e: Event): number => parseTime(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp) ?? 0;
  return [...events]
    .sort((a, b) => last(b) - last(a))
    .map((e) => ({
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      count: e.count ?? 1,
      last: formatAge(last(e) || undefined, nowMs),
      object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
      source: e.source?.component ?? e.reportingComponent ?? '',
    }));
}

function podFinishedMs(pod: Pod): number | undefined {
  let end: number | undefined;
  for (const s of pod.status?.containerStatuses ?? []) {
    const t = parseTime(s.state?.terminated?.finishedAt);
    if (t !== undefined) end = Math.max(end ?? 0, t);
  }
  return end;
}

/**
 * failureCard explains why a Job failed (or why its pods are failing): the condition's reason,
 * and each failing container's exit code, termination message, explanation and last log lines.
 * Undefined when nothing failed.
 */
export function failureCard(job: Job, pods: readonly Pod[], lastLines?: ReadonlyMap<string, readonly string[]>): FailureCard | undefined {
  const failed = (job.status?.conditions ?? []).find((c) => (c.type === 'Failed' || c.type === 'FailureTarget') && c.status === 'True');
  const containers: FailingContainerView[] = [];
  for (const pod of pods) {
    const { worst } = podOutcome(pod);
    if (!worst) continue;
    const bad = worst.waiting || (worst.exitCode !== undefined && worst.exitCode !== 0) || pod.status?.phase === 'Failed';
    if (!bad) continue;
    const explanation = explainContainer(worst.reason ?? pod.status?.reason, worst.exitCode);
    containers.push({
      pod: nameOf(pod),
      container: worst.container,
      ...(worst.exitCode !== undefined ? { exitCode: worst.exitCode } : {}),
      ...(worst.reason ?? pod.status?.reason ? { reason: worst.reason ?? pod.status?.reason } : {}),
      ...(worst.message ?? pod.status?.message ? { message: worst.message ?? pod.status?.message } : {}),
      ...(explanation ? { explanation } : {}),
      lastLines: lastLines?.get(`${nameOf(pod)}/${worst.container}`) ?? [],
    });
  }
  if (!failed && containers.length === 0) return undefined;
  const reason = failed?.reason ?? 'PodsFailing';
  return {
    reason,
    message: failed?.message ?? `${containers.length} pod${containers.length === 1 ? '' : 's'} failing`,
    explanation: explainJobFailure(reason, { ...(job.spec?.backoffLimit !== undefined ? { backoffLimit: job.spec.backoffLimit } : {}), ...(job.spec?.activeDeadlineSeconds != null ? { activeDeadlineSeconds: job.spec.activeDeadlineSeconds } : {}) }),
    containers: containers.slice(0, 10),
  };
}

/** jobSettings lists the spec fields that decide how a Job behaves, with their defaults. */
export function jobSettings(job: Job): Fact[] {
  const s = job.spec ?? ({} as NonNullable<Job['spec']>);
  const pfp = s.podFailurePolicy?.rules ?? [];
  return [
    { label: 'completions', value: orDefault(s.completions, 'unset (1 when parallelism is unset)') },
    { label: 'parallelism', value: orDefault(s.parallelism, '1') },
    { label: 'completionMode', value: orDefault(s.completionMode, 'NonIndexed') },
    { label: 'backoffLimit', value: orDefault(s.backoffLimit, '6'), note: 'pod failures allowed before the Job fails' },
    ...(s.backoffLimitPerIndex != null ? [{ label: 'backoffLimitPerIndex', value: String(s.backoffLimitPerIndex) }, { label: 'maxFailedIndexes', value: orDefault(s.maxFailedIndexes, 'unset') }] : []),
    { label: 'activeDeadlineSeconds', value: orDefault(s.activeDeadlineSeconds, 'none'), note: 'the Job fails when it runs longer' },
    { label: 'ttlSecondsAfterFinished', value: orDefault(s.ttlSecondsAfterFinished, 'none (kept until deleted)'), note: 'finished Jobs are deleted after this' },
    { label: 'podFailurePolicy', value: pfp.length === 0 ? 'none' : pfp.map((r) => `${r.action}${r.onExitCodes ? ` on exit ${r.onExitCodes.operator} [${r.onExitCodes.values.join(',')}]` : ''}${r.onPodConditions?.length ? ` on ${r.onPodConditions.map((c) => c.type).join(',')}` : ''}`).join('; ') },
    ...(s.successPolicy ? [{ label: 'successPolicy', value: s.successPolicy.rules.map((r) => `${r.succeededIndexes ? `indexes ${r.succeededIndexes}` : ''}${r.succeededCount != null ? ` count ${r.succeededCount}` : ''}`.trim()).join('; ') }] : []),
    { label: 'podReplacementPolicy', value: orDefault(s.podReplacementPolicy, s.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed') },
    { label: 'restartPolicy', value: orDefault(s.template?.spec?.restartPolicy, '—'), note: 'Never: a new pod per retry; OnFailure: the container restarts in place' },
    { label: 'suspend', value: orDefault(s.suspend, 'false') },
  ];
}

/** buildJobPanelModel is the Job panel's content (pure: state in, view model out). */
export function buildJobPanelModel(input: JobPanelInput): JobPanelModel {
  const { job, nowMs } = input;
  const base = { view: 'job' as const, context: input.context, namespace: input.namespace, name: input.name };
  if (!job) {
    return { ...base, exists: false, phase: 'deleted', headline: 'This Job no longer exists (deleted, or removed by its TTL or history limit).', counts: [], timing: [], settings: [], conditions: [], events: eventViews(input.events, nowMs), pods: [], timelineSpanMs: 0, actions: [] };
  }
  const phase = jobPhase(job);
  const st = job.status ?? {};
  const duration = jobDurationMs(job, nowMs);
  const conditions: ConditionView[] = (st.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? '', message: c.message ?? '', lastTransition: time(c.lastTransitionTime, nowMs) }));
  const starts = input.pods.map((p) => parseTime(p.status?.startTime ?? p.metadata?.creationTimestamp)).filter((t): t is number => t !== undefined);
  const origin = Math.min(parseTime(st.startTime) ?? Infinity, ...starts);
  const timelineOrigin = Number.isFinite(origin) ? origin : nowMs;
  const end = parseTime(st.completionTime) ?? (phase === 'failed' ? Math.max(timelineOrigin, ...input.pods.map((p) => podFinishedMs(p) ?? timelineOrigin)) : nowMs);
  const pods: PodView[] = [...input.pods]
    .sort((a, b) => (parseTime(a.metadata?.creationTimestamp) ?? 0) - (parseTime(b.metadata?.creationTimestamp) ?? 0) || nameOf(a).localeCompare(nameOf(b)))
    .map((p) => {
      const o = podOutcome(p);
      const start = parseTime(p.status?.startTime ?? p.metadata?.creationTimestamp);
      const finish = podFinishedMs(p) ?? (o.phase === 'Running' || o.phase === 'Pending' ? nowMs : start);
      const outcome = o.worst ? (o.worst.waiting ? o.worst.reason ?? 'waiting' : `exit ${o.worst.exitCode ?? '?'}${o.worst.reason ? ` (${o.worst.reason})` : ''}`) : '';
      return {
        name: nameOf(p),
        phase: o.phase,
        restarts: o.restarts,
        outcome,
        node: p.spec?.nodeName ?? '',
        started: time(p.status?.startTime, nowMs),
        ...(start !== undefined ? { startOffsetMs: start - timelineOrigin } : {}),
        ...(finish !== undefined ? { endOffsetMs: finish - timelineOrigin } : {}),
        failed: o.phase === 'Failed' || (o.worst !== undefined && (o.worst.waiting || (o.worst.exitCode ?? 0) !== 0)),
      };
    });
  const finished = phase === 'complete' || phase === 'failed';
  const owner = controllerOf(job, 'CronJob')?.name;
  return {
    ...base,
    exists: true,
    phase,
    ...(owner ? { owner } : {}),
    headline: `${phase} · ${jobCompletions(job)} succeeded${duration !== undefined ? ` · ${formatDuration(duration)}` : ''}`,
    counts: [
      { label: 'active', value: String(st.active ?? 0) },
      { label: 'ready', value: String(st.ready ?? 0) },
      { label: 'succeeded', value: `${st.succeeded ?? 0} of ${job.spec?.completions ?? 1}` },
      { label: 'failed', value: `${st.failed ?? 0} (backoffLimit ${job.spec?.backoffLimit ?? 6})` },
      { label: 'terminating', value: String(st.terminating ?? 0) },
      ...(st.completedIndexes ? [{ label: 'completed indexes', value: st.completedIndexes }] : []),
      ...(st.failedIndexes ? [{ label: 'failed indexes', value: st.failedIndexes }] : []),
    ],
    timing: [
      { label: 'created', value: time(job.metadata?.creationTimestamp, nowMs) },
      { label: 'started', value: time(st.startTime, nowMs) },
      { label: 'completed', value: time(st.completionTime, nowMs) },
      { label: 'duration', value: duration !== undefined ? formatDuration(duration) : '—' },
    ],
    settings: jobSettings(job),
    conditions,
    events: eventViews(input.events, nowMs),
    pods,
    timelineSpanMs: Math.max(1000, end - timelineOrigin),
    ...((): { failure?: FailureCard } => {
      const card = failureCard(job, input.pods, input.lastLines);
      return card ? { failure: card } : {};
    })(),
    actions: [
      action('suspend', 'Suspend', input.access, 'patch', 'jobs', finished ? 'the Job has finished' : phase === 'suspended' ? 'already suspended' : undefined),
      action('resume', 'Resume', input.access, 'patch', 'jobs', phase !== 'suspended' ? 'the Job is not suspended' : undefined),
      action('delete', 'Delete…', input.access, 'delete', 'jobs'),
      action('openYaml', 'Live YAML', input.access, 'get', 'jobs'),
      { id: 'copyKubectl', label: 'Copy kubectl…', enabled: true },
    ],
  };
}

export interface CronJobPanelInput {
  readonly context: string;
  readonly namespace: string;
  readonly name: string;
  readonly cronJob: CronJob | undefined;
  readonly jobs: readonly Job[];
  readonly events: readonly Event[];
  readonly nowMs: number;
  readonly access?: AccessAnswer;
  readonly calendarDays?: number;
}

/** zonedDay returns `YYYY-MM-DD` and minutes after midnight of an instant in a zone. */
function zonedDay(ms: number, zone: string): { day: string; minutes: number } {
  const text = formatInZone(ms, zone);
  const [day = '', hm = '00:00'] = text.split(' ');
  const [h = '0', m = '0'] = hm.split(':');
  return { day, minutes: Number(h) * 60 + Number(m) };
}

const CALENDAR_MAX_PER_DAY = 48;

/** calendar lays the next `days` days of runs out per day, in the CronJob's zone. */
export function calendar(schedule: string, timeZone: string | undefined, nowMs: number, days: number): CalendarDay[] {
  const parsed = parseStandard(schedule);
  const zone = timeZone || 'UTC';
  const out: CalendarDay[] = [];
  const index = new Map<string, { runMinutes: number[]; more: number }>();
  for (let d = 0; d < days; d++) {
    const { day } = zonedDay(nowMs + d * 86_400_000, zone);
    if (!index.has(day)) {
      const entry = { runMinutes: [] as number[], more: 0 };
      index.set(day, entry);
      out.push({ label: day, runMinutes: entry.runMinutes, more: 0 });
    }
  }
  if (!parsed.ok) return out;
  const until = nowMs + days * 86_400_000;
  const runs = nextRuns(parsed.schedule, nowMs, days * CALENDAR_MAX_PER_DAY + 1, zone);
  for (const r of runs) {
    if (r > until) break;
    const { day, minutes } = zonedDay(r, zone);
    const entry = index.get(day);
    if (!entry) continue;
    if (entry.runMinutes.length < CALENDAR_MAX_PER_DAY) entry.runMinutes.push(minutes);
    else entry.more++;
  }
  return out.map((d) => ({ ...d, more: index.get(d.label)?.more ?? 0 }));
}

/** buildCronJobPanelModel is the CronJob panel's content. */
export function buildCronJobPanelModel(input: CronJobPanelInput): CronJobPanelModel {
  const { cronJob: cj, nowMs } = input;
  const base = { view: 'cronJob' as const, context: input.context, namespace: input.namespace, name: input.name };
  if (!cj) {
    return { ...base, exists: false, schedule: '', words: '', timeZone: '', suspended: false, headline: 'This CronJob no longer exists.', nextRuns: [], status: [], settings: [], jobs: [], events: eventViews(input.events, nowMs), calendar: [], actions: [] };
  }
  const s = cj.spec ?? ({ schedule: '', jobTemplate: {} } as NonNullable<CronJob['spec']>);
  const zone = s.timeZone ?? undefined;
  const suspended = s.suspend === true;
  const parsed = parseStandard(s.schedule);
  const upcoming = parsed.ok ? nextRuns(parsed.schedule, nowMs, 5, zone || 'UTC') : [];
  const words = describeSchedule(s.schedule) ?? (parsed.ok ? s.schedule : `invalid: ${parsed.error}`);
  const jobs: CronJobRunView[] = [...input.jobs]
    .sort((a, b) => (parseTime(b.metadata?.creationTimestamp) ?? 0) - (parseTime(a.metadata?.creationTimestamp) ?? 0))
    .map((j) => {
      const d = jobDurationMs(j, nowMs);
      return {
        name: nameOf(j),
        phase: jobPhase(j),
        completions: jobCompletions(j),
        duration: d !== undefined ? formatDuration(d) : '—',
        started: formatAge(parseTime(j.status?.startTime ?? j.metadata?.creationTimestamp), nowMs),
        manual: j.metadata?.annotations?.[MANUAL_INSTANTIATE_ANNOTATION] === 'manual',
      };
    });
  const st = cj.status ?? {};
  return {
    ...base,
    exists: true,
    schedule: s.schedule,
    words,
    timeZone: zone ?? 'not set (controller manager\'s zone; UTC assumed)',
    suspended,
    headline: suspended ? `suspended · ${words}` : `${words} · next ${upcoming[0] !== undefined ? formatInZone(upcoming[0], zone) : 'never'}`,
    nextRuns: suspended ? [] : upcoming.map((t) => `${formatInZone(t, zone)} (${formatAge(t, nowMs)})`),
    status: [
      { label: 'last schedule', value: time(st.lastScheduleTime, nowMs) },
      { label: 'last success', value: time(st.lastSuccessfulTime, nowMs) },
      { label: 'active', value: `${st.active?.length ?? 0}${st.active?.length ? ` (${st.active.map((a) => a.name).join(', ')})` : ''}` },
    ],
    settings: [
      { label: 'schedule', value: s.schedule },
      { label: 'timeZone', value: zone ?? 'unset' },
      { label: 'concurrencyPolicy', value: s.concurrencyPolicy ?? 'Allow', note: 'Forbid skips a run while one is active; Replace deletes the active one' },
      { label: 'startingDeadlineSeconds', value: orDefault(s.startingDeadlineSeconds, 'none'), note: 'a run missed by more than this is skipped' },
      { label: 'successfulJobsHistoryLimit', value: orDefault(s.successfulJobsHistoryLimit, '3') },
      { label: 'failedJobsHistoryLimit', value: orDefault(s.failedJobsHistoryLimit, '1') },
      { label: 'suspend', value: String(suspended) },
      { label: 'jobTemplate backoffLimit', value: orDefault(s.jobTemplate?.spec?.backoffLimit, '6') },
      { label: 'jobTemplate activeDeadlineSeconds', value: orDefault(s.jobTemplate?.spec?.activeDeadlineSeconds, 'none') },
    ],
    jobs,
    events: eventViews(input.events, nowMs),
    calendar: calendar(s.schedule, zone, nowMs, input.calendarDays ?? 7),
    actions: [
      action('trigger', 'Trigger now', input.access, 'create', 'jobs'),
      action('suspend', 'Suspend', input.access, 'patch', 'cronjobs', suspended ? 'already suspended' : undefined),
      action('resume', 'Resume', input.access, 'patch', 'cronjobs', suspended ? undefined : 'the CronJob is not suspended'),
      action('openYaml', 'Live YAML', input.access, 'get', 'cronjobs'),
      { id: 'copyKubectl', label: 'Copy kubectl…', enabled: true },
    ],
  };
}

/** Runs in a week above which the simulation covers one day only (it stays quick to compute and read). */
const SIMULATION_BUSY_RUNS = 300;

/**
 * simulateComingDays runs the engine's simulator on a live CronJob from `nowMs` — a week, or a
 * day for busy schedules — and renders the engine's SVG (Jobs as bars, calendar of runs and
 * skips). Pods are assumed to succeed after 10 s (the simulator's default model).
 * Returns the SVG and what it covers, or a reason why there is none.
 */
export function simulateComingDays(cj: CronJob, nowMs: number): { svg?: string; note: string } {
  try {
    const parsed = parseStandard(cj.spec?.schedule ?? '');
    if (!parsed.ok) return { note: `no simulation: ${parsed.error}` };
    if (cj.spec?.suspend) return { note: 'no simulation while suspended' };
    const week = nextRuns(parsed.schedule, nowMs, SIMULATION_BUSY_RUNS + 1, cj.spec?.timeZone || 'UTC').filter((t) => t <= nowMs + 7 * 86_400_000).length;
    const days = week > SIMULATION_BUSY_RUNS ? 1 : 7;
    const read = cronJobFromManifest(cj, nowMs);
    if (!read.ok) return { note: `no simulation: ${read.errors.join('; ')}` };
    const sim = simulateCronJob(read.value, { start: nowMs, until: nowMs + days * 86_400_000, maxRecords: 2000 });
    return { svg: renderSimulationSvg(sim, { maxRows: 60 }), note: `simulated ${days === 1 ? 'next 24 hours' : 'next 7 days'} from now, pods succeeding after 10 s` };
  } catch (error) {
    return { note: `no simulation: ${error instanceof Error ? error.message : String(error)}` };
  }
}
