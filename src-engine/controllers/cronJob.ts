import { formatRfc3339 } from './rfc3339';
import { finishedConditions, finishedJobsToDeleteGiven } from './historyCleanup';
import {
  GO_ZERO_TIME_MS,
  NEXT_SCHEDULE_DELTA_MS,
  mostRecentScheduleTime,
  nextFnFor,
  nextScheduleTimeDuration,
} from './mostRecentScheduleTime';
import type { MostRecentScheduleTime, NextFn } from './mostRecentScheduleTime';
import { CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION } from './types';
import type { JobCondition, JobObject, JobSpec, SyncResult } from './types';
import { SyncEvents } from './syncEvents';
import type { EventDetail } from './syncEvents';
import { newJobStatus } from './jobStatus';
import { goLoadLocation, parseStandard, zoneOffsetAt } from '../schedule';
import type { CronSchedule } from '../schedule';

/** The CronJob spec fields the controller reads, after defaulting (SetDefaults_CronJob). */
export interface CronJobSpec {
  readonly schedule: string;
  readonly timeZone: string | null;
  readonly startingDeadlineSeconds: number | null;
  readonly concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
  readonly suspend: boolean;
  readonly successfulJobsHistoryLimit: number | null;
  readonly failedJobsHistoryLimit: number | null;
  readonly jobTemplate: {
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: Readonly<Record<string, string>>;
    readonly spec: JobSpec;
  };
}

/** batch/v1 CronJobStatus; `active` holds Job names. */
export interface CronJobStatus {
  readonly active: readonly string[];
  readonly lastScheduleTime: number | null;
  readonly lastSuccessfulTime: number | null;
}

export interface CronJobObject {
  readonly name: string;
  readonly namespace: string;
  readonly creationTimestamp: number;
  readonly deletionTimestamp: number | null;
  readonly spec: CronJobSpec;
  readonly status: CronJobStatus;
}

/** What a CronJob sync asks for. */
export type CronJobAction =
  /** Create this Job (its status is empty; creationTimestamp is the sync time). */
  | { readonly type: 'createJob'; readonly job: JobObject; readonly scheduledTime: number }
  /** Delete a Job; Background propagation lets the garbage collector remove its pods. */
  | {
      readonly type: 'deleteJob';
      readonly name: string;
      readonly propagation: 'Background';
      readonly why: 'history' | 'replace';
    };

export type CronJobSyncResult = SyncResult<CronJobStatus, CronJobAction>;

/** Optional collaborators of syncCronJob; `next` lets a driver share a memoised Next. */
export interface CronJobSyncOptions {
  /** Parsed schedule (skips re-parsing on every sync). */
  readonly schedule?: CronSchedule;
  /** Next(t) for that schedule and zone; defaults to nextRun. */
  readonly next?: NextFn;
  /**
   * true (default): events in full. false: time, type and reason with an empty object and,
   * for per-Job events, an empty message. An EventSink: events are only passed to it (for
   * drivers that count events past the ones they keep) and the result lists none.
   */
  readonly eventDetails?: EventDetail;
}

const zoneCache = new Map<string, ReturnType<typeof goLoadLocation>>();
let lastZoneName: string | null = null;
let lastZone: ReturnType<typeof goLoadLocation> | null = null;

/**
 * loadLocationCached memoises goLoadLocation (a pure lookup) for the few zones a process sees.
 * It buys part of the figure "simulate a year of a `* * * * *` CronJob" (bench/simulate.mjs):
 * without it that run costs about 15 % more CPU (65 × the bare enumeration of the year's runs
 * instead of 57 ×).
 */
function loadLocationCached(tz: string): ReturnType<typeof goLoadLocation> {
  if (tz === lastZoneName && lastZone !== null) return lastZone;
  let r = zoneCache.get(tz);
  if (r === undefined) {
    if (zoneCache.size > 256) zoneCache.clear();
    r = goLoadLocation(tz);
    zoneCache.set(tz, r);
  }
  lastZoneName = tz;
  lastZone = r;
  return r;
}

/** getJobName: `<cronjob>-<minutes since the epoch of the scheduled time>` (utils.go getJobName / getTimeHashInMinutes). */
export function cronJobChildName(cronJobName: string, scheduledTime: number): string {
  const minutes = Math.floor(scheduledTime / 60000);
  // A sync asks for the same name more than once (the "already started" check, then the new
  // Job): the last answer is remembered.
  if (minutes === lastChildMinutes && cronJobName === lastChildParent) return lastChildName;
  // Every Job name of a CronJob has the same length, so comparing two of them (includes,
  // indexOf: many per sync) reads their characters, and a rope (what `+` makes) would be
  // flattened by the runtime on each comparison; indexOf flattens this one once, in place.
  lastChildName = cronJobName + '-' + minutes;
  lastChildName.indexOf('-');
  lastChildParent = cronJobName;
  lastChildMinutes = minutes;
  return lastChildName;
}

let lastChildParent = '';
let lastChildMinutes = NaN;
let lastChildName = '';

/**
 * syncCronJob runs one pass of the CronJob controller at `now` over the Jobs it owns:
 * history cleanup, reconciling status.active (SawCompletedJob, UnexpectedJob, MissingJob,
 * lastSuccessfulTime), then — unless deleted, suspended, in an unknown zone or unparseable —
 * finds the most recent due time (startingDeadlineSeconds, TooManyMissedTimes above 100
 * missed runs), applies concurrencyPolicy (Forbid: JobAlreadyActive; Replace: delete the
 * active Jobs) and creates `<name>-<minutes>` with the scheduled-timestamp annotation.
 * Returns {status, actions, events, requeueAfterMs} (requeue = Next(reference) + 100 ms − now).
 * Mirrors pkg/controller/cronjob/cronjob_controllerv2.go `sync` and `syncCronJob`.
 */
export function syncCronJob(
  cronJob: CronJobObject,
  jobs: readonly JobObject[],
  now: number,
  options: CronJobSyncOptions = {},
): CronJobSyncResult {
  const spec = cronJob.spec;
  const events = new SyncEvents('CronJob', cronJob.name, now, options.eventDetails ?? true);
  // Created with its first action, as a one-element literal (see SyncEvents).
  let actions: CronJobAction[] | null = null;

  // Step 2: history cleanup, which also drops what it deletes from status.active. Whether
  // each Job has finished is worked out once, for this step and the next.
  let active: readonly string[] = cronJob.status.active;
  const finished = finishedConditions(jobs);
  const deleted = finishedJobsToDeleteGiven(jobs, finished, spec.successfulJobsHistoryLimit, spec.failedJobsHistoryLimit);
  if (deleted !== null && deleted.length > 0) {
    for (const name of deleted) {
      actions = withAction(actions, { type: 'deleteJob', name, propagation: 'Background', why: 'history' });
      events.add('Normal', 'SuccessfulDelete', events.details ? `Deleted job ${name}` : '');
    }
    if (active.length > 0) active = withoutAll(active, deleted);
  }

  // Step 3: reconcile status.active with the Jobs that exist.
  let lastSuccessfulTime = cronJob.status.lastSuccessfulTime;
  const jobCount = jobs.length;
  for (let i = 0; i < jobCount; i++) {
    const job = jobs[i] as JobObject;
    if (deleted !== null && deleted.includes(job.name)) continue;
    const inActive = active.includes(job.name);
    const f = finished[i] as JobCondition | null;
    if (!inActive && f === null) {
      events.add(
        'Warning',
        'UnexpectedJob',
        events.details ? `Saw a job that the controller did not create or forgot: ${job.name}` : '',
      );
    } else if (inActive && f !== null) {
      active = without(active, job.name);
      events.add('Normal', 'SawCompletedJob', events.details ? `Saw completed job: ${job.name}, condition: ${f.type}` : '');
    }
    if (f !== null && f.type === 'Complete' && job.status.completionTime !== null) {
      if (lastSuccessfulTime === null || job.status.completionTime > lastSuccessfulTime) {
        lastSuccessfulTime = job.status.completionTime;
      }
    }
  }
  const listed = active;
  for (const name of listed) {
    if (!hasJobNamed(jobs, name)) {
      active = without(active, name);
      events.add('Normal', 'MissingJob', events.details ? `Active job went missing: ${name}` : '');
    }
  }

  let status: CronJobStatus = { active, lastScheduleTime: cronJob.status.lastScheduleTime, lastSuccessfulTime };

  // Steps 4–7: deleted, time zone, suspend, schedule.
  if (cronJob.deletionTimestamp !== null) return { status, actions: actions ?? [], events: events.list, requeueAfterMs: null };
  if (spec.timeZone !== null) {
    const zone = loadLocationCached(spec.timeZone);
    if (!zone.ok) {
      events.add('Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(spec.timeZone)}: ${zone.error}`);
      return { status, actions: actions ?? [], events: events.list, requeueAfterMs: null };
    }
  }
  if (spec.suspend) return { status, actions: actions ?? [], events: events.list, requeueAfterMs: null };
  let schedule = options.schedule;
  if (schedule === undefined) {
    const parsed = parseCronJobSchedule(spec);
    if (!parsed.ok) {
      events.add('Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${parsed.error}`);
      return { status, actions: actions ?? [], events: events.list, requeueAfterMs: null };
    }
    schedule = parsed.schedule;
  }
  if (mentionsTz(spec.schedule)) {
    events.add(
      'Warning',
      'UnsupportedSchedule',
      `CRON_TZ or TZ used in schedule ${JSON.stringify(spec.schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
    );
  }
  const next = options.next ?? nextFnFor(schedule, spec.timeZone ?? undefined);

  // Step 8: which scheduled time is due (nextScheduleTime).
  const due = mostRecentScheduleTime(
    cronJob.creationTimestamp,
    status.lastScheduleTime,
    spec.startingDeadlineSeconds,
    now,
    next,
    true,
  );
  if (due.error !== null) {
    events.add('Warning', 'InvalidSchedule', `invalid schedule: ${spec.schedule} : ${due.error}`);
    return { status, actions: actions ?? [], events: events.list, requeueAfterMs: null };
  }
  if (due.missed === 'many') {
    events.add(
      'Warning',
      'TooManyMissedTimes',
      'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
    );
  }
  const scheduledTime = due.mostRecentTime;
  if (scheduledTime === null) {
    return { status, actions: actions ?? [], events: events.list, requeueAfterMs: requeueAfter(cronJob, status, due, now, next) };
  }

  // Step 9: too late to start (unreachable in practice; kept for parity).
  if (spec.startingDeadlineSeconds !== null && scheduledTime + spec.startingDeadlineSeconds * 1000 < now) {
    events.add('Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRfc3339(scheduledTime)}`);
    return { status, actions: actions ?? [], events: events.list, requeueAfterMs: requeueAfter(cronJob, status, due, now, next) };
  }
  // Step 10: already started.
  if (
    status.lastScheduleTime === scheduledTime ||
    (status.active.length > 0 && status.active.includes(cronJobChildName(cronJob.name, scheduledTime)))
  ) {
    return { status, actions: actions ?? [], events: events.list, requeueAfterMs: requeueAfter(cronJob, status, due, now, next) };
  }

  // Step 11: concurrencyPolicy.
  if (spec.concurrencyPolicy === 'Forbid' && status.active.length > 0) {
    events.add(
      'Normal',
      'JobAlreadyActive',
      'Not starting job because prior execution is running and concurrency policy is Forbid',
    );
    return { status, actions: actions ?? [], events: events.list, requeueAfterMs: requeueAfter(cronJob, status, due, now, next) };
  }
  if (spec.concurrencyPolicy === 'Replace') {
    for (const name of status.active) {
      actions = withAction(actions, { type: 'deleteJob', name, propagation: 'Background', why: 'replace' });
      events.add('Normal', 'SuccessfulDelete', events.details ? `Deleted job ${name}` : '');
    }
    status = { active: [], lastScheduleTime: status.lastScheduleTime, lastSuccessfulTime: status.lastSuccessfulTime };
  }

  // Steps 12–13: create the Job, remember it.
  const job = getJobFromTemplate(cronJob, scheduledTime, now);
  actions = withAction(actions, { type: 'createJob', job, scheduledTime });
  events.add('Normal', 'SuccessfulCreate', events.details ? `Created job ${job.name}` : '');
  let nowActive: string[];
  if (status.active.length === 0) {
    nowActive = [job.name];
  } else {
    nowActive = status.active.slice();
    nowActive.push(job.name);
  }
  status = { active: nowActive, lastScheduleTime: scheduledTime, lastSuccessfulTime: status.lastSuccessfulTime };
  return { status, actions: actions ?? [], events: events.list, requeueAfterMs: requeueAfter(cronJob, status, due, now, next) };
}

/** withAction appends `action` to `actions`, creating the list as a one-element literal. */
function withAction(actions: CronJobAction[] | null, action: CronJobAction): CronJobAction[] {
  if (actions === null) return [action];
  actions.push(action);
  return actions;
}

/** withoutAll returns `names` minus every name in `drop`; `names` itself when none is there. */
function withoutAll(names: readonly string[], drop: readonly string[]): readonly string[] {
  let out = names;
  for (const d of drop) if (out.includes(d)) out = without(out, d);
  return out;
}

/** without returns `names` minus every `name` (a new array). */
function without(names: readonly string[], name: string): string[] {
  // Sized up front: a pushed-to empty literal grows to 17 slots, and this runs for every
  // Job a CronJob sees finish.
  let count = 0;
  for (const n of names) if (n !== name) count++;
  if (count === 0) return [];
  const out = names.slice();
  if (count === names.length) return out;
  let k = 0;
  for (const n of names) if (n !== name) out[k++] = n;
  while (out.length > count) out.pop();
  return out;
}

function hasJobNamed(jobs: readonly JobObject[], name: string): boolean {
  for (const j of jobs) if (j.name === name) return true;
  return false;
}

let lastTzSchedule: string | null = null;
let lastTzMention = false;

/** mentionsTz: the schedule text contains "TZ" (UnsupportedSchedule); remembered for the last schedule seen. */
function mentionsTz(schedule: string): boolean {
  if (schedule !== lastTzSchedule) {
    lastTzMention = schedule.includes('TZ');
    lastTzSchedule = schedule;
  }
  return lastTzMention;
}

/**
 * requeueAfter is nextScheduleTimeDuration for the status a sync leaves. Without
 * startingDeadlineSeconds and with lastScheduleTime unchanged its search has the same inputs
 * as the one the sync just made, so that answer (`due`) is reused.
 */
function requeueAfter(
  cronJob: CronJobObject,
  status: CronJobStatus,
  due: MostRecentScheduleTime,
  now: number,
  next: NextFn,
): number | null {
  if (cronJob.spec.startingDeadlineSeconds === null && status.lastScheduleTime === cronJob.status.lastScheduleTime) {
    const reference = due.mostRecentTime ?? (due.missed === 'none' ? due.earliestTime : now);
    const t = next(reference);
    return t === GO_ZERO_TIME_MS ? null : t + NEXT_SCHEDULE_DELTA_MS - now;
  }
  return nextScheduleTimeDuration(cronJob.creationTimestamp, status.lastScheduleTime, now, next);
}

/** parseCronJobSchedule parses spec.schedule as the controller does (a TZ= prefix wins over timeZone). */
export function parseCronJobSchedule(spec: CronJobSpec): { ok: true; schedule: CronSchedule } | { ok: false; error: string } {
  return parseStandard(spec.schedule);
}

/**
 * getJobFromTemplate builds the Job for `scheduledTime`: name `<cronjob>-<minutes>`, the
 * template's labels and annotations plus batch.kubernetes.io/cronjob-scheduled-timestamp
 * (RFC 3339 in spec.timeZone, UTC when unset), spec copied from jobTemplate.spec.
 * Mirrors utils.go `getJobFromTemplate2`.
 */
export function getJobFromTemplate(cronJob: CronJobObject, scheduledTime: number, now: number): JobObject {
  const tz = cronJob.spec.timeZone ?? undefined;
  let offset: number;
  try {
    offset = tz === undefined ? 0 : zoneOffsetAt(tz, scheduledTime);
  } catch {
    // An unloadable zone never gets here (UnknownTimeZone stops the sync first).
    offset = 0;
  }
  const template = cronJob.spec.jobTemplate;
  const perIndex = template.spec.completionMode === 'Indexed' && template.spec.backoffLimitPerIndex !== null;
  return {
    name: cronJobChildName(cronJob.name, scheduledTime),
    namespace: cronJob.namespace,
    creationTimestamp: now,
    deletionTimestamp: null,
    annotations: withScheduledTimestamp(template.annotations, formatRfc3339(scheduledTime, offset)),
    spec: template.spec,
    status: newJobStatus(template.spec.completionMode === 'Indexed', perIndex),
  };
}

/**
 * withScheduledTimestamp: the template's annotations plus the scheduled-timestamp one (same
 * key order as a spread). Built by assignment: a literal with a spread and a computed key
 * takes a slow path and allocates a dictionary-mode object for every Job: one a minute in the
 * figure "simulate a year of a `* * * * *` CronJob" (bench/simulate.mjs).
 */
function withScheduledTimestamp(annotations: Readonly<Record<string, string>>, timestamp: string): Record<string, string> {
  const out: Record<string, string> = { ...annotations };
  out[CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION] = timestamp;
  return out;
}
