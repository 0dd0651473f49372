import { CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION } from '../controllers/types';
import { scheduledTimeFromName } from './runHistory';
import type { HealthInput, LiveCronJob, LiveEvent, LiveJob, LiveJobState } from './types';

/**
 * Decoding of the API server's JSON (batch/v1 CronJob and Job, core/v1 Event) into the health
 * rules' input, tolerant of missing fields: whatever a client lists, the rules get an answer.
 */

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** time parses an RFC 3339 timestamp to epoch ms; null when absent or invalid. */
function time(value: unknown): number | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function int(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/** liveCronJob decodes a CronJob (defaults as SetDefaults_CronJob fills them). */
export function liveCronJob(raw: unknown): LiveCronJob {
  const o = obj(raw);
  const metadata = obj(o['metadata']);
  const spec = obj(o['spec']);
  const status = obj(o['status']);
  const policy = str(spec['concurrencyPolicy']);
  return {
    name: str(metadata['name']) ?? '',
    namespace: str(metadata['namespace']) ?? 'default',
    uid: str(metadata['uid']) ?? null,
    creationTimestamp: time(metadata['creationTimestamp']) ?? 0,
    schedule: str(spec['schedule']) ?? '',
    timeZone: str(spec['timeZone']) ?? null,
    suspend: spec['suspend'] === true,
    startingDeadlineSeconds: int(spec['startingDeadlineSeconds']),
    concurrencyPolicy: policy === 'Forbid' || policy === 'Replace' ? policy : 'Allow',
    lastScheduleTime: time(status['lastScheduleTime']),
    lastSuccessfulTime: time(status['lastSuccessfulTime']),
    active: (Array.isArray(status['active']) ? status['active'] : [])
      .map((ref) => str(obj(ref)['name']))
      .filter((n): n is string => n !== undefined),
    nextScheduleTime: time(status['nextScheduleTime']),
  };
}

function trueCondition(conditions: unknown, type: string): Json | undefined {
  return (Array.isArray(conditions) ? conditions : []).map(obj).find((c) => c['type'] === type && c['status'] === 'True');
}

/** liveJob decodes one of the CronJob's Jobs. */
export function liveJob(raw: unknown, cronJobName: string): LiveJob {
  const o = obj(raw);
  const metadata = obj(o['metadata']);
  const spec = obj(o['spec']);
  const status = obj(o['status']);
  const name = str(metadata['name']) ?? '';
  const creation = time(metadata['creationTimestamp']) ?? 0;
  const complete = trueCondition(status['conditions'], 'Complete');
  const failed = trueCondition(status['conditions'], 'Failed');
  const state: LiveJobState = complete ? 'complete' : failed ? 'failed' : spec['suspend'] === true ? 'suspended' : 'running';
  const finished = complete ?? failed;
  return {
    name,
    creationTimestamp: creation,
    scheduledTime:
      time(obj(metadata['annotations'])[CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]) ??
      scheduledTimeFromName(cronJobName, name) ??
      creation,
    state,
    startTime: time(status['startTime']),
    finishedTime: time(status['completionTime']) ?? time(finished?.['lastTransitionTime']),
    reason: str(finished?.['reason']) ?? null,
    activeDeadlineSeconds: int(spec['activeDeadlineSeconds']),
  };
}

/** liveEvent decodes an Event (core/v1 or events.k8s.io/v1 fields). */
export function liveEvent(raw: unknown): LiveEvent {
  const o = obj(raw);
  const when =
    time(o['lastTimestamp']) ??
    time(o['eventTime']) ??
    time(obj(o['series'])['lastObservedTime']) ??
    time(o['firstTimestamp']) ??
    time(obj(o['metadata'])['creationTimestamp']) ??
    0;
  return {
    type: o['type'] === 'Warning' ? 'Warning' : 'Normal',
    reason: str(o['reason']) ?? '',
    message: str(o['message']) ?? str(o['note']) ?? '',
    time: when,
    count: int(o['count']) ?? int(obj(o['series'])['count']) ?? 1,
  };
}

/** ownedBy tells whether a Job belongs to the CronJob: its controller reference, by uid when known, else by name. */
export function ownedBy(job: unknown, cronJob: LiveCronJob): boolean {
  const refs = obj(job)['metadata'] !== undefined ? obj(obj(job)['metadata'])['ownerReferences'] : undefined;
  return (Array.isArray(refs) ? refs : [])
    .map(obj)
    .some(
      (r) =>
        r['kind'] === 'CronJob' &&
        r['controller'] === true &&
        (cronJob.uid !== null && typeof r['uid'] === 'string' ? r['uid'] === cronJob.uid : r['name'] === cronJob.name),
    );
}

/** isAbout tells whether an event is about the CronJob (its involvedObject or regarding). */
export function isAbout(event: unknown, cronJob: LiveCronJob): boolean {
  const o = obj(event);
  const target = obj(o['involvedObject'] ?? o['regarding']);
  return (
    target['kind'] === 'CronJob' &&
    target['name'] === cronJob.name &&
    (target['namespace'] === undefined || target['namespace'] === cronJob.namespace)
  );
}

/** healthInput builds the rules' input from a CronJob and the Jobs and events of its namespace. */
export function healthInput(
  rawCronJob: unknown,
  rawJobs: readonly unknown[],
  rawEvents: readonly unknown[],
  now: number,
): HealthInput {
  const cronJob = liveCronJob(rawCronJob);
  return {
    cronJob,
    jobs: rawJobs.filter((j) => ownedBy(j, cronJob)).map((j) => liveJob(j, cronJob.name)),
    events: rawEvents.filter((e) => isAbout(e, cronJob)).map(liveEvent),
    now,
  };
}
