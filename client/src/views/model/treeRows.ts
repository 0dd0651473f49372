/**
 * The rows of the cluster tree for the objects it shows: a CronJob, a Job, a Pod, as plain data
 * (the VS Code adapter maps each to a TreeItem), with what the user's access allows on them.
 */
import { nodeId } from './clusterIndex';
import type { HealthBadge } from './cronJobHealthView';
import type { CronJob, Job, Pod } from './k8s';
import { nameOf, parseTime } from './k8s';
import { jobCompletions, jobDurationMs, jobPhase, kubectlJobStatus } from './jobStatus';
import { jobTrouble } from './jobTrouble';
import type { PodHealth, Termination } from './podHealth';
import { podSummary, readPod } from './podHealth';
import { formatRunningDuration, nextChangeOfRunningDuration } from './format';
import { serverDefault } from './panelCommon';
import { describeSchedule, nextRunMs } from './schedule';
import { formatAge, formatDuration, formatInZone } from './format';

export type TreeIcon =
  | 'namespace'
  | 'cronjob'
  | 'cronjob-suspended'
  | 'cronjob-unhealthy'
  | 'cronjob-warning'
  | 'job-running'
  | 'job-complete'
  | 'job-failed'
  | 'job-suspended'
  | 'job-pending'
  | 'job-failing'
  | 'job-stuck'
  | 'pod-running'
  | 'pod-succeeded'
  | 'pod-failed'
  | 'pod-failing'
  | 'pod-stuck'
  | 'pod-pending'
  | 'pod-terminating'
  | 'forbidden'
  | 'error'
  | 'more';

export type RowKind = 'namespace' | 'cronJob' | 'job' | 'pod' | 'problem' | 'more';

/** One row of the cluster tree below a context, as plain data (the VS Code adapter maps it to a TreeItem). */
export interface TreeRow {
  readonly id: string;
  readonly kind: RowKind;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: TreeIcon;
  readonly collapsible: boolean;
  /** `<kind>;<flags>` for menus' `viewItem` when-clauses (`cronJob;running;can-trigger;can-patch`). */
  readonly contextValue: string;
  readonly ref?: { readonly kind: 'CronJob' | 'Job' | 'Pod'; readonly namespace: string; readonly name: string };
  /** When the row's text goes stale by itself (a CronJob's next run passes, a running Job's duration ticks): redraw then. */
  readonly refreshAtMs?: number;
}

/** answers whether the user may do `verb` on `resource` in `namespace`; undefined when not known yet. */
export type AccessLookup = (namespace: string, verb: string, resource: string) => boolean | undefined;

export interface TreeOptions {
  readonly nowMs: number;
  /** Case-insensitive substring matched against CronJob and Job names. */
  readonly filter?: string;
  readonly showStandaloneJobs?: boolean;
  readonly maxJobs?: number;
  readonly access?: AccessLookup;
}

/** A menu action's flag on a row, and the access it needs (`can-trigger` needs create on jobs). */
type RowAction = readonly [flag: string, verb: string, resource: string];

/** What a CronJob's or Job's row shows. */
interface ObjectRowShown {
  readonly parts: readonly string[];
  readonly tooltip: string;
  readonly icon: TreeIcon;
  /** `running`, `suspended`, `finished`: the second part of the context value. */
  readonly state: string;
  readonly actions: readonly RowAction[];
}

/**
 * objectRow is the row of a CronJob or Job: its id, label and reference, and a context value
 * (`<kind>;<state>;<flags>`) with the flags of the actions the user's access allows. Unknown
 * access (review pending) counts as allowed: the command checks again and explains.
 */
function objectRow(kind: 'CronJob' | 'Job', ns: string, name: string, options: TreeOptions, shown: ObjectRowShown): TreeRow {
  const rowKind = kind === 'CronJob' ? 'cronJob' : 'job';
  const allowed = shown.actions
    .filter(([, verb, resource]) => options.access?.(ns, verb, resource) !== false)
    .map(([flag]) => flag);
  return {
    id: kind === 'CronJob' ? nodeId.cronJob(ns, name) : nodeId.job(ns, name),
    kind: rowKind,
    label: name,
    description: shown.parts.join(' · '),
    tooltip: shown.tooltip,
    icon: shown.icon,
    collapsible: true,
    contextValue: [rowKind, shown.state, ...allowed].join(';'),
    ref: { kind, namespace: ns, name },
  };
}

const HEALTH_ICON = { healthy: 'cronjob', warning: 'cronjob-warning', unhealthy: 'cronjob-unhealthy' } as const;

/**
 * cronJobRow renders a CronJob: schedule in words, next run in its time zone, suspension, last
 * runs, active count, and its health badge when one is given (cronJobHealthView.ts).
 */
export function cronJobRow(cj: CronJob, options: TreeOptions, health?: HealthBadge): TreeRow {
  const ns = cj.metadata?.namespace ?? '';
  const name = nameOf(cj);
  const schedule = cj.spec?.schedule ?? '';
  const words = describeSchedule(schedule);
  const zone = cj.spec?.timeZone ?? undefined;
  const suspended = cj.spec?.suspend === true;
  const next = suspended ? undefined : nextRunMs(schedule, zone, options.nowMs);
  const active = cj.status?.active?.length ?? 0;
  const lastSchedule = parseTime(cj.status?.lastScheduleTime);
  const lastSuccess = parseTime(cj.status?.lastSuccessfulTime);
  const parts = [words ?? schedule];
  if (health?.text) parts.unshift(health.text);
  if (suspended) parts.push('suspended');
  else if (next !== undefined) parts.push(`next ${formatInZone(next, zone)}`);
  if (active > 0) parts.push(`${active} active`);
  const tooltip = [
    `CronJob ${ns}/${name}`,
    `Schedule: ${schedule}${words ? ` (${words})` : ''}`,
    `Time zone: ${zone ?? "not set (the controller manager's zone; UTC assumed)"}`,
    `Next run: ${suspended ? 'none while suspended' : next !== undefined ? formatInZone(next, zone) : 'unknown'}`,
    `Suspended: ${suspended ? 'yes' : 'no'}`,
    `Last schedule: ${lastSchedule !== undefined ? `${formatAge(lastSchedule, options.nowMs)} (${formatInZone(lastSchedule, zone)})` : 'never'}`,
    `Last success: ${lastSuccess !== undefined ? `${formatAge(lastSuccess, options.nowMs)} (${formatInZone(lastSuccess, zone)})` : 'never'}`,
    `Active jobs: ${active}`,
    `Concurrency policy: ${cj.spec?.concurrencyPolicy ?? serverDefault('CronJobSpec.concurrencyPolicy')}`,
    ...(health?.tooltip ?? []),
  ].join('\n');
  const refreshAtMs = Math.min(next !== undefined ? next + 1 : Infinity, health?.recheckAt ?? Infinity);
  return {
    ...objectRow('CronJob', ns, name, options, {
      parts,
      tooltip,
      icon: suspended ? 'cronjob-suspended' : HEALTH_ICON[health?.level ?? 'healthy'],
      state: suspended ? 'suspended' : 'running',
      actions: [
        ['can-trigger', 'create', 'jobs'],
        ['can-patch', 'patch', 'cronjobs'],
      ],
    }),
    // Once the next run passes, "next" must name the one after it; when a due run's grace ends, the badge may change.
    ...(refreshAtMs !== Infinity ? { refreshAtMs } : {}),
  };
}

const JOB_TROUBLE_ICON = { failing: 'job-failing', stuck: 'job-stuck' } as const;

/**
 * jobRow renders a Job as `kubectl get jobs` reads it (STATUS, COMPLETIONS, DURATION), with the
 * trouble its pods are in when it has not finished (`1 pod CrashLoopBackOff`).
 */
export function jobRow(job: Job, options: TreeOptions, pods: readonly Pod[] = []): TreeRow {
  const ns = job.metadata?.namespace ?? '';
  const name = nameOf(job);
  const phase = jobPhase(job);
  const status = kubectlJobStatus(job);
  const duration = jobDurationMs(job, options.nowMs);
  const failed = job.status?.failed ?? 0;
  const trouble = jobTrouble(job, pods);
  const finished = phase === 'complete' || phase === 'failed';
  const ticking = duration !== undefined && !finished && !job.status?.completionTime;
  const parts = [status, jobCompletions(job)];
  if (failed > 0) parts.push(`${failed} failed`);
  if (trouble) parts.push(trouble.summary);
  if (duration !== undefined) parts.push(ticking ? formatRunningDuration(duration) : formatDuration(duration));
  const conditions = (job.status?.conditions ?? [])
    .filter((c) => c.status === 'True')
    .map((c) => `${c.type}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`);
  const tooltip = [
    `Job ${ns}/${name}`,
    `Status: ${status}${phase === 'pending' && status === 'Running' ? ' (no pod active yet)' : ''}`,
    `Completions: ${jobCompletions(job)} · active ${job.status?.active ?? 0} · failed ${failed}`,
    ...(trouble ? [`${trouble.kind === 'failing' ? 'Failing' : 'Stuck'}: ${trouble.summary}`] : []),
    ...(duration !== undefined ? [`Duration: ${formatDuration(duration)}`] : []),
    ...conditions,
  ].join('\n');
  return {
    ...objectRow('Job', ns, name, options, {
      parts,
      tooltip,
      icon: trouble ? JOB_TROUBLE_ICON[trouble.kind] : `job-${phase}`,
      state: phase === 'suspended' ? 'suspended' : finished ? 'finished' : 'running',
      actions: [
        ['can-patch', 'patch', 'jobs'],
        ['can-delete', 'delete', 'jobs'],
      ],
    }),
    ...(ticking ? { refreshAtMs: options.nowMs + nextChangeOfRunningDuration(duration) } : {}),
  };
}

const POD_ICONS: Readonly<Record<PodHealth, TreeIcon>> = {
  running: 'pod-running',
  succeeded: 'pod-succeeded',
  failed: 'pod-failed',
  failing: 'pod-failing',
  stuck: 'pod-stuck',
  pending: 'pod-pending',
  terminating: 'pod-terminating',
};

/** exitWords says `code 2 (Error) — message` for a container termination. */
const exitWords = (t: Termination): string =>
  `code ${t.exitCode}${t.reason ? ` (${t.reason})` : ''}${t.message ? ` — ${t.message}` : ''}`;

/** podRow renders a Pod: kubectl's status, restarts, the last exit of a restarting container, the scheduler's reason. */
export function podRow(pod: Pod): TreeRow {
  const ns = pod.metadata?.namespace ?? '';
  const name = nameOf(pod);
  const r = readPod(pod);
  const tooltip = [
    `Pod ${ns}/${name}`,
    `Status: ${r.status} (phase ${r.phase})`,
    `Restarts: ${r.restarts}`,
    ...(r.container && r.waiting
      ? [`Container ${r.container} waiting: ${r.waiting.reason}${r.waiting.message ? ` — ${r.waiting.message}` : ''}`]
      : []),
    ...(r.container && r.lastTerminated ? [`Container ${r.container} last exited with ${exitWords(r.lastTerminated)}`] : []),
    ...(r.container && r.terminated ? [`Container ${r.container} exited with ${exitWords(r.terminated)}`] : []),
    ...(r.unschedulable ? [`Not scheduled (${r.unschedulable.reason}): ${r.unschedulable.message}`] : []),
    ...(r.terminating
      ? [
          'Being deleted' +
            (r.terminating.graceSeconds !== undefined ? ` with a grace period of ${r.terminating.graceSeconds}s` : '') +
            ': ' +
            'the kubelet stops its containers (SIGTERM, then SIGKILL when the grace period ends)',
        ]
      : []),
  ].join('\n');
  return {
    id: nodeId.pod(ns, name),
    kind: 'pod',
    label: name,
    description: podSummary(r),
    tooltip,
    icon: POD_ICONS[r.health],
    collapsible: false,
    contextValue: 'pod;',
    ref: { kind: 'Pod', namespace: ns, name },
  };
}
