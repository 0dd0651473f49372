import type { ConditionView, Fact, FailureCard, JobPanelModel, PodView } from '../../webviews/contract';
import type { Job, Pod } from './k8s';
import { controllerOf, nameOf, parseTime } from './k8s';
import { jobCompletions, jobDurationMs, jobPhase, kubectlJobStatus } from './jobStatus';
import { podSummary, readPod } from './podHealth';
import { formatDuration } from './format';
import { failureCard } from './failureCard';
import type { PanelInput } from './panelCommon';
import { action, eventViews, goneObject, orDefault, serverDefault, time } from './panelCommon';

export interface JobPanelInput extends PanelInput {
  readonly job: Job | undefined;
  readonly pods: readonly Pod[];
  /** Last log lines of failing containers, keyed `pod/container`. */
  readonly lastLines?: ReadonlyMap<string, readonly string[]>;
}

function podFinishedMs(pod: Pod): number | undefined {
  let end: number | undefined;
  for (const s of pod.status?.containerStatuses ?? []) {
    const t = parseTime(s.state?.terminated?.finishedAt);
    if (t !== undefined) end = Math.max(end ?? 0, t);
  }
  return end;
}

/** jobSettings lists the spec fields that decide how a Job behaves, with the API server's defaults when unset. */
export function jobSettings(job: Job): Fact[] {
  const s = job.spec ?? ({} as NonNullable<Job['spec']>);
  const pfp = s.podFailurePolicy?.rules ?? [];
  return [
    {
      label: 'completions',
      value: orDefault(s.completions, `unset (${serverDefault('JobSpec.completions')} when parallelism is unset too)`),
    },
    { label: 'parallelism', value: orDefault(s.parallelism, serverDefault('JobSpec.parallelism')) },
    { label: 'completionMode', value: orDefault(s.completionMode, serverDefault('JobSpec.completionMode')) },
    {
      label: 'backoffLimit',
      value: orDefault(s.backoffLimit, serverDefault('JobSpec.backoffLimit')),
      note: 'pod failures allowed before the Job fails',
    },
    ...(s.backoffLimitPerIndex != null
      ? [
          { label: 'backoffLimitPerIndex', value: String(s.backoffLimitPerIndex) },
          { label: 'maxFailedIndexes', value: orDefault(s.maxFailedIndexes, 'unset') },
        ]
      : []),
    {
      label: 'activeDeadlineSeconds',
      value: orDefault(s.activeDeadlineSeconds, 'none'),
      note: 'the Job fails when it runs longer',
    },
    {
      label: 'ttlSecondsAfterFinished',
      value: orDefault(s.ttlSecondsAfterFinished, 'none (kept until deleted)'),
      note: 'finished Jobs are deleted after this',
    },
    {
      label: 'podFailurePolicy',
      value:
        pfp.length === 0
          ? 'none'
          : pfp
              .map(
                (r) =>
                  r.action +
                  (r.onExitCodes ? ` on exit ${r.onExitCodes.operator} [${r.onExitCodes.values.join(',')}]` : '') +
                  (r.onPodConditions?.length ? ` on ${r.onPodConditions.map((c) => c.type).join(',')}` : ''),
              )
              .join('; '),
    },
    ...(s.successPolicy
      ? [
          {
            label: 'successPolicy',
            value: s.successPolicy.rules
              .map((r) =>
                (
                  (r.succeededIndexes ? `indexes ${r.succeededIndexes}` : '') +
                  (r.succeededCount != null ? ` count ${r.succeededCount}` : '')
                ).trim(),
              )
              .join('; '),
          },
        ]
      : []),
    // SetDefaults_Job: Failed when a podFailurePolicy is set, TerminatingOrFailed (the recorded default) otherwise.
    {
      label: 'podReplacementPolicy',
      value: orDefault(s.podReplacementPolicy, s.podFailurePolicy ? 'Failed' : serverDefault('JobSpec.podReplacementPolicy')),
    },
    {
      label: 'restartPolicy',
      value: orDefault(s.template?.spec?.restartPolicy, '—'),
      note: 'Never: a new pod per retry; OnFailure: the container restarts in place',
    },
    { label: 'suspend', value: orDefault(s.suspend, serverDefault('JobSpec.suspend')) },
  ];
}

/** podViews lists the pods oldest first, with their bar on the Job's timeline. */
function podViews(pods: readonly Pod[], timelineOrigin: number, nowMs: number): PodView[] {
  return [...pods]
    .sort(
      (a, b) =>
        (parseTime(a.metadata?.creationTimestamp) ?? 0) - (parseTime(b.metadata?.creationTimestamp) ?? 0) ||
        nameOf(a).localeCompare(nameOf(b)),
    )
    .map((p) => {
      const r = readPod(p);
      const start = parseTime(p.status?.startTime ?? p.metadata?.creationTimestamp);
      const finish = podFinishedMs(p) ?? (r.phase === 'Running' || r.phase === 'Pending' ? nowMs : start);
      return {
        name: nameOf(p),
        phase: r.status,
        restarts: r.restarts,
        outcome: podSummary(r).split(' · ').slice(1).join(' · '),
        node: p.spec?.nodeName ?? '',
        started: time(p.status?.startTime, nowMs),
        ...(start !== undefined ? { startOffsetMs: start - timelineOrigin } : {}),
        ...(finish !== undefined ? { endOffsetMs: finish - timelineOrigin } : {}),
        failed: r.health === 'failed' || r.health === 'failing' || r.health === 'stuck',
      };
    });
}

/** buildJobPanelModel is the Job panel's content (pure: state in, view model out). */
export function buildJobPanelModel(input: JobPanelInput): JobPanelModel {
  const { job, nowMs } = input;
  const base = { view: 'job' as const, context: input.context, namespace: input.namespace, name: input.name };
  if (!job) {
    const gone = goneObject(input, 'This Job no longer exists (deleted, or removed by its TTL or history limit).');
    return { ...gone, view: 'job', phase: 'deleted', counts: [], timing: [], conditions: [], pods: [], timelineSpanMs: 0 };
  }
  const phase = jobPhase(job);
  const st = job.status ?? {};
  const duration = jobDurationMs(job, nowMs);
  const conditions: ConditionView[] = (st.conditions ?? []).map((c) => ({
    type: c.type,
    status: c.status,
    reason: c.reason ?? '',
    message: c.message ?? '',
    lastTransition: time(c.lastTransitionTime, nowMs),
  }));
  const starts = input.pods
    .map((p) => parseTime(p.status?.startTime ?? p.metadata?.creationTimestamp))
    .filter((t): t is number => t !== undefined);
  const origin = Math.min(parseTime(st.startTime) ?? Infinity, ...starts);
  const timelineOrigin = Number.isFinite(origin) ? origin : nowMs;
  const end =
    parseTime(st.completionTime) ??
    (phase === 'failed' ? Math.max(timelineOrigin, ...input.pods.map((p) => podFinishedMs(p) ?? timelineOrigin)) : nowMs);
  const finished = phase === 'complete' || phase === 'failed';
  const owner = controllerOf(job, 'CronJob')?.name;
  const card: FailureCard | undefined = failureCard(job, input.pods, input.lastLines);
  return {
    ...base,
    exists: true,
    phase,
    ...(owner ? { owner } : {}),
    headline: [
      `${kubectlJobStatus(job)} · ${jobCompletions(job)} succeeded`,
      ...(duration !== undefined ? [formatDuration(duration)] : []),
      ...(card && !finished ? [card.message] : []),
    ].join(' · '),
    counts: [
      { label: 'active', value: String(st.active ?? 0) },
      { label: 'ready', value: String(st.ready ?? 0) },
      { label: 'succeeded', value: `${st.succeeded ?? 0} of ${job.spec?.completions ?? serverDefault('JobSpec.completions')}` },
      {
        label: 'failed',
        value: `${st.failed ?? 0} (backoffLimit ${job.spec?.backoffLimit ?? serverDefault('JobSpec.backoffLimit')})`,
      },
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
    pods: podViews(input.pods, timelineOrigin, nowMs),
    timelineSpanMs: Math.max(1000, end - timelineOrigin),
    ...(card ? { failure: card } : {}),
    actions: [
      action(
        'suspend',
        'Suspend',
        input.access,
        'patch',
        'jobs',
        finished ? 'the Job has finished' : phase === 'suspended' ? 'already suspended' : undefined,
      ),
      action('resume', 'Resume', input.access, 'patch', 'jobs', phase !== 'suspended' ? 'the Job is not suspended' : undefined),
      action('delete', 'Delete…', input.access, 'delete', 'jobs'),
      action('openYaml', 'Live YAML', input.access, 'get', 'jobs'),
      { id: 'copyKubectl', label: 'Copy kubectl…', enabled: true },
    ],
  };
}
