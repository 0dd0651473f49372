import type { CronJobPanelModel, CronJobRunView } from '../../webviews/contract';
import type { CronJob, Job } from './k8s';
import { nameOf, parseTime } from './k8s';
import { jobCompletions, jobDurationMs, jobPhase } from './jobStatus';
import { describeSchedule } from './schedule';
import { formatAge, formatDuration, formatInZone } from './format';
import { MANUAL_INSTANTIATE_ANNOTATION } from './manualJob';
import { calendar } from './calendar';
import { healthOf, healthSection } from './cronJobHealthView';
import type { PanelInput } from './panelCommon';
import { action, eventViews, goneObject, orDefault, serverDefault, time } from './panelCommon';
import { nextRuns, parseStandard } from '../../../../src-engine';

export interface CronJobPanelInput extends PanelInput {
  readonly cronJob: CronJob | undefined;
  readonly jobs: readonly Job[];
  readonly calendarDays?: number;
}

/** runViews lists a CronJob's Jobs newest first, marking the ones started by hand. */
function runViews(jobs: readonly Job[], nowMs: number): CronJobRunView[] {
  return [...jobs]
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
}

/** buildCronJobPanelModel is the CronJob panel's content. */
export function buildCronJobPanelModel(input: CronJobPanelInput): CronJobPanelModel {
  const { cronJob: cj, nowMs } = input;
  const base = { view: 'cronJob' as const, context: input.context, namespace: input.namespace, name: input.name };
  if (!cj) {
    const gone = goneObject(input, 'This CronJob no longer exists.');
    return {
      ...gone,
      view: 'cronJob',
      schedule: '',
      words: '',
      timeZone: '',
      suspended: false,
      nextRuns: [],
      status: [],
      jobs: [],
      calendar: [],
    };
  }
  const s = cj.spec ?? ({ schedule: '', jobTemplate: {} } as NonNullable<CronJob['spec']>);
  const zone = s.timeZone ?? undefined;
  const suspended = s.suspend === true;
  const parsed = parseStandard(s.schedule);
  const upcoming = parsed.ok ? nextRuns(parsed.schedule, nowMs, 5, zone || 'UTC') : [];
  const words = describeSchedule(s.schedule) ?? (parsed.ok ? s.schedule : `invalid: ${parsed.error}`);
  const st = cj.status ?? {};
  return {
    ...base,
    exists: true,
    schedule: s.schedule,
    words,
    timeZone: zone ?? "not set (controller manager's zone; UTC assumed)",
    suspended,
    headline: suspended
      ? `suspended · ${words}`
      : `${words} · next ${upcoming[0] !== undefined ? formatInZone(upcoming[0], zone) : 'never'}`,
    nextRuns: suspended ? [] : upcoming.map((t) => `${formatInZone(t, zone)} (${formatAge(t, nowMs)})`),
    status: [
      { label: 'last schedule', value: time(st.lastScheduleTime, nowMs) },
      { label: 'last success', value: time(st.lastSuccessfulTime, nowMs) },
      {
        label: 'active',
        value: `${st.active?.length ?? 0}${st.active?.length ? ` (${st.active.map((a) => a.name).join(', ')})` : ''}`,
      },
    ],
    settings: [
      { label: 'schedule', value: s.schedule },
      { label: 'timeZone', value: zone ?? 'unset' },
      {
        label: 'concurrencyPolicy',
        value: orDefault(s.concurrencyPolicy, serverDefault('CronJobSpec.concurrencyPolicy')),
        note: 'Forbid skips a run while one is active; Replace deletes the active one',
      },
      {
        label: 'startingDeadlineSeconds',
        value: orDefault(s.startingDeadlineSeconds, 'none'),
        note: 'a run missed by more than this is skipped',
      },
      {
        label: 'successfulJobsHistoryLimit',
        value: orDefault(s.successfulJobsHistoryLimit, serverDefault('CronJobSpec.successfulJobsHistoryLimit')),
      },
      {
        label: 'failedJobsHistoryLimit',
        value: orDefault(s.failedJobsHistoryLimit, serverDefault('CronJobSpec.failedJobsHistoryLimit')),
      },
      { label: 'suspend', value: String(suspended) },
      {
        label: 'jobTemplate backoffLimit',
        value: orDefault(s.jobTemplate?.spec?.backoffLimit, serverDefault('JobSpec.backoffLimit')),
      },
      { label: 'jobTemplate activeDeadlineSeconds', value: orDefault(s.jobTemplate?.spec?.activeDeadlineSeconds, 'none') },
    ],
    jobs: runViews(input.jobs, nowMs),
    events: eventViews(input.events, nowMs),
    health: healthSection(healthOf(cj, input.jobs, input.events, nowMs), zone, nowMs),
    calendar: calendar(s.schedule, zone, nowMs, input.calendarDays ?? 7, suspended),
    actions: [
      action('trigger', 'Trigger now', input.access, 'create', 'jobs'),
      action('suspend', 'Suspend', input.access, 'patch', 'cronjobs', suspended ? 'already suspended' : undefined),
      action('resume', 'Resume', input.access, 'patch', 'cronjobs', suspended ? undefined : 'the CronJob is not suspended'),
      action('openYaml', 'Live YAML', input.access, 'get', 'cronjobs'),
      { id: 'copyKubectl', label: 'Copy kubectl…', enabled: true },
    ],
  };
}
