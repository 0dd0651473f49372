import type { ClusterIndex } from './clusterIndex';
import { nodeId } from './clusterIndex';
import type { HealthBadge } from './cronJobHealthView';
import { badgeFor } from './cronJobHealthView';
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

const byName = (a: { metadata?: { name?: string } }, b: { metadata?: { name?: string } }): number =>
  nameOf(a).localeCompare(nameOf(b));
/** newestFirst sorts by creationTimestamp, newest first; RFC 3339 UTC times compare as strings, which spares a Date.parse per comparison. */
const newestFirst = (a: Job | Pod, b: Job | Pod): number => {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  return ta < tb ? 1 : ta > tb ? -1 : byName(a, b);
};

function matches(options: TreeOptions, name: string): boolean {
  return !options.filter || name.toLowerCase().includes(options.filter.toLowerCase());
}

function flags(ns: string, options: TreeOptions, wanted: [flag: string, verb: string, resource: string][]): string[] {
  // Unknown access (review pending) counts as allowed: the command checks again and explains.
  return wanted.filter(([, verb, resource]) => options.access?.(ns, verb, resource) !== false).map(([flag]) => flag);
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
  const f = flags(ns, options, [
    ['can-trigger', 'create', 'jobs'],
    ['can-patch', 'patch', 'cronjobs'],
  ]);
  return {
    id: nodeId.cronJob(ns, name),
    kind: 'cronJob',
    label: name,
    description: parts.join(' · '),
    tooltip,
    icon: suspended ? 'cronjob-suspended' : HEALTH_ICON[health?.level ?? 'healthy'],
    collapsible: true,
    contextValue: ['cronJob', suspended ? 'suspended' : 'running', ...f].join(';'),
    ref: { kind: 'CronJob', namespace: ns, name },
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
  const suspended = phase === 'suspended';
  const f = flags(ns, options, [
    ['can-patch', 'patch', 'jobs'],
    ['can-delete', 'delete', 'jobs'],
  ]);
  return {
    id: nodeId.job(ns, name),
    kind: 'job',
    label: name,
    description: parts.join(' · '),
    tooltip,
    icon: trouble ? JOB_TROUBLE_ICON[trouble.kind] : `job-${phase}`,
    collapsible: true,
    contextValue: ['job', suspended ? 'suspended' : finished ? 'finished' : 'running', ...f].join(';'),
    ref: { kind: 'Job', namespace: ns, name },
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

/** count says `1 CronJob`, `2 Jobs`. */
const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function namespaceRow(index: ClusterIndex, ns: string): TreeRow {
  const cronJobs = index.cronJobs.byNs.get(ns)?.size ?? 0;
  const jobs = index.jobs.byNs.get(ns)?.size ?? 0;
  const problems = index.problemsIn(ns);
  return {
    id: nodeId.namespace(ns),
    kind: 'namespace',
    label: ns,
    description: [
      count(cronJobs, 'CronJob'),
      count(jobs, 'Job'),
      ...(problems.length > 0 ? [count(problems.length, 'problem')] : []),
    ].join(' · '),
    icon: 'namespace',
    collapsible: true,
    contextValue: 'namespace;',
  };
}

/** problemRow is the clear node for a watch that fails: `forbidden: cannot list jobs in ns x`. */
function problemRow(ns: string, p: { resource: string; message: string; forbidden: boolean }): TreeRow {
  const where = ns === '' ? 'at cluster scope' : `in ns ${ns}`;
  return {
    id: nodeId.problem(ns, p.resource),
    kind: 'problem',
    label: p.forbidden ? `forbidden: cannot list ${p.resource} ${where}` : `cannot watch ${p.resource} ${where}`,
    description: p.forbidden ? 'RBAC · Select Namespaces…' : 'retrying',
    tooltip: p.message,
    icon: p.forbidden ? 'forbidden' : 'error',
    collapsible: false,
    contextValue: 'problem;',
  };
}

function limitJobs(parentId: string, rows: TreeRow[], options: TreeOptions): TreeRow[] {
  const max = options.maxJobs ?? 100;
  if (rows.length <= max) return rows;
  return [
    ...rows.slice(0, max),
    {
      id: `${parentId}/more`,
      kind: 'more',
      label: `… ${rows.length - max} more`,
      tooltip: 'Raise kubeJobs.tree.maxJobsPerCronJob, or filter the view, to see them.',
      icon: 'more',
      collapsible: false,
      contextValue: 'more;',
    },
  ];
}

/** jobVisible applies the filter: a Job shows when its name, or its CronJob's name, matches. */
function cronJobVisible(index: ClusterIndex, cj: CronJob, options: TreeOptions): boolean {
  if (matches(options, nameOf(cj))) return true;
  return index.jobsOf(cj.metadata?.namespace ?? '', nameOf(cj)).some((j) => matches(options, nameOf(j)));
}

/**
 * childrenOf lists the rows under a node id; '' is the context level (namespaces, plus
 * cluster-scope problems). Rows are computed on demand from the index, so an event only costs
 * the rows the tree asks to redraw.
 */
export function childrenOf(index: ClusterIndex, id: string, options: TreeOptions): TreeRow[] {
  if (id === '') {
    return [...index.problemsIn('').map((p) => problemRow('', p)), ...index.namespaces().map((ns) => namespaceRow(index, ns))];
  }
  const [kind, ns = '', name = ''] = splitId(id);
  if (kind === 'ns') {
    const cronJobs = [...index.cronJobs.in(ns)]
      .filter((cj) => cronJobVisible(index, cj, options))
      .sort(byName)
      .map((cj) => cronJobRow(cj, options, badgeFor(index, cj, options.nowMs)));
    const standalone =
      options.showStandaloneJobs === false
        ? []
        : index
            .standaloneJobs(ns)
            .filter((j) => matches(options, nameOf(j)))
            .sort(newestFirst)
            .map((j) => jobRow(j, options, index.podsOf(ns, nameOf(j))));
    return [...index.problemsIn(ns).map((p) => problemRow(ns, p)), ...cronJobs, ...limitJobs(id, standalone, options)];
  }
  if (kind === 'cj') {
    const cj = index.cronJobs.get(ns, name);
    const all = index.jobsOf(ns, name);
    const shown = cj && matches(options, name) ? all : all.filter((j) => matches(options, nameOf(j)));
    return limitJobs(
      id,
      shown.sort(newestFirst).map((j) => jobRow(j, options, index.podsOf(ns, nameOf(j)))),
      options,
    );
  }
  if (kind === 'job') {
    return index.podsOf(ns, name).sort(newestFirst).map(podRow);
  }
  return [];
}

/** rowOf recomputes one row by id (undefined when its object is gone). */
export function rowOf(index: ClusterIndex, id: string, options: TreeOptions): TreeRow | undefined {
  const [kind, ns = '', name = ''] = splitId(id);
  switch (kind) {
    case 'ns':
      return namespaceRow(index, ns);
    case 'cj': {
      const cj = index.cronJobs.get(ns, name);
      return cj ? cronJobRow(cj, options, badgeFor(index, cj, options.nowMs)) : undefined;
    }
    case 'job': {
      const job = index.jobs.get(ns, name);
      return job ? jobRow(job, options, index.podsOf(ns, name)) : undefined;
    }
    case 'pod': {
      const pod = index.pods.get(ns, name);
      return pod ? podRow(pod) : undefined;
    }
    default:
      return undefined;
  }
}

function splitId(id: string): string[] {
  const [kind, ...rest] = id.split('/');
  if (kind === 'ns') return [kind, rest.join('/')];
  return [kind ?? '', rest[0] ?? '', rest.slice(1).join('/')];
}

/** A row with its children, for snapshots (tests, `kubeJobs._getTreeSnapshot`). */
export interface SnapshotNode {
  readonly label: string;
  readonly description?: string;
  readonly icon: TreeIcon;
  readonly children?: SnapshotNode[];
}

/** snapshot expands the whole tree below a context into plain data. */
export function snapshot(index: ClusterIndex, options: TreeOptions, id = ''): SnapshotNode[] {
  return childrenOf(index, id, options).map((row) => ({
    label: row.label,
    ...(row.description !== undefined ? { description: row.description } : {}),
    icon: row.icon,
    ...(row.collapsible ? { children: snapshot(index, options, row.id) } : {}),
  }));
}
