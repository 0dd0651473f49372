import { finishedCondition } from './conditions';
import type { JobCondition, JobObject } from './types';

/**
 * cleanupFinishedJobs returns the names of finished Jobs to delete so that at most
 * successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs remain, oldest
 * first (by status.startTime, Jobs without one last, ties by name). Nothing is deleted when
 * both limits are null. Mirrors cronjob_controllerv2.go `cleanupFinishedJobs` /
 * `removeOldestJobs` and `byJobStartTime`.
 */
export function cleanupFinishedJobs(
  jobs: readonly JobObject[],
  successfulLimit: number | null,
  failedLimit: number | null,
): string[] {
  return finishedJobsToDelete(jobs, successfulLimit, failedLimit) ?? [];
}

/**
 * finishedJobsToDelete is cleanupFinishedJobs returning null when nothing is to be deleted
 * (the usual case: it then allocates nothing), for the figure "simulate a year of a `* * * * *`
 * CronJob" (bench/simulate.mjs).
 */
export function finishedJobsToDelete(
  jobs: readonly JobObject[],
  successfulLimit: number | null,
  failedLimit: number | null,
): string[] | null {
  if (successfulLimit === null && failedLimit === null) return null;
  return finishedJobsToDeleteGiven(jobs, finishedConditions(jobs), successfulLimit, failedLimit);
}

const finishedScratch: (JobCondition | null)[] = [];

/**
 * finishedConditions returns finishedCondition of each Job, index for index, in an array
 * reused by the next call (read it before calling again). A CronJob sync asks once and
 * shares the answer between history cleanup and the reconcile of status.active.
 */
export function finishedConditions(jobs: readonly JobObject[]): readonly (JobCondition | null)[] {
  const out = finishedScratch;
  const n = jobs.length;
  for (let i = 0; i < n; i++) {
    const c = finishedCondition((jobs[i] as JobObject).status);
    if (i < out.length) out[i] = c;
    else out.push(c);
  }
  // Only the first jobs.length entries are meaningful; clear the rest so no old Job is kept alive.
  for (let i = n; i < out.length; i++) out[i] = null;
  return out;
}

/**
 * finishedJobsToDeleteGiven is finishedJobsToDelete with `finished[i]` = finishedCondition of
 * jobs[i] already known (finishedConditions). A CronJob sync runs it every time.
 */
export function finishedJobsToDeleteGiven(
  jobs: readonly JobObject[],
  finished: readonly (JobCondition | null)[],
  successfulLimit: number | null,
  failedLimit: number | null,
): string[] | null {
  if (successfulLimit === null && failedLimit === null) return null;
  const n = jobs.length;
  let succeededCount = 0;
  let failedCount = 0;
  for (let i = 0; i < n; i++) {
    const f = finished[i] as JobCondition | null;
    if (f === null) continue;
    if (f.type === 'Complete') succeededCount++;
    else failedCount++;
  }
  const succeededExcess = successfulLimit === null ? 0 : succeededCount - successfulLimit;
  const failedExcess = failedLimit === null ? 0 : failedCount - failedLimit;
  if (succeededExcess <= 0 && failedExcess <= 0) return null;
  // The steady state of a CronJob: one Job over one limit, the oldest one (a one-element
  // literal; a pushed-to empty one grows to 17 slots).
  if (succeededExcess === 1 && failedExcess <= 0) return oldestName(jobs, finished, true);
  if (failedExcess === 1 && succeededExcess <= 0) return oldestName(jobs, finished, false);
  const out: string[] = [];
  if (succeededExcess > 0) removeOldest(jobs, finished, true, succeededExcess, out);
  if (failedExcess > 0) removeOldest(jobs, finished, false, failedExcess, out);
  return out;
}

/** oldestName lists the oldest Complete (or Failed) Job's name (as removeOldest with excess 1). */
function oldestName(jobs: readonly JobObject[], finished: readonly (JobCondition | null)[], complete: boolean): string[] {
  const oldest = oldestJob(jobs, finished, complete);
  return oldest === null ? [] : [oldest.name];
}

/** oldestJob is the Complete (or Failed) Job that started first, or null. */
function oldestJob(jobs: readonly JobObject[], finished: readonly (JobCondition | null)[], complete: boolean): JobObject | null {
  let oldest: JobObject | null = null;
  for (let i = 0; i < jobs.length; i++) {
    const f = finished[i] as JobCondition | null;
    if (f === null || (f.type === 'Complete') !== complete) continue;
    const job = jobs[i] as JobObject;
    if (oldest === null || byJobStartTime(job, oldest) < 0) oldest = job;
  }
  return oldest;
}

/** removeOldest appends the names of the `excess` oldest Complete (or Failed) Jobs to `out`, oldest first. */
function removeOldest(
  jobs: readonly JobObject[],
  finished: readonly (JobCondition | null)[],
  complete: boolean,
  excess: number,
  out: string[],
): void {
  const n = jobs.length;
  if (excess === 1) {
    // The steady state of a CronJob: one Job over the limit, the oldest one.
    const oldest = oldestJob(jobs, finished, complete);
    if (oldest !== null) out.push(oldest.name);
    return;
  }
  const chosen: JobObject[] = [];
  for (let i = 0; i < n; i++) {
    const f = finished[i] as JobCondition | null;
    if (f !== null && (f.type === 'Complete') === complete) chosen.push(jobs[i] as JobObject);
  }
  chosen.sort(byJobStartTime);
  const m = Math.min(excess, chosen.length);
  for (let i = 0; i < m; i++) out.push((chosen[i] as JobObject).name);
}

/** byJobStartTime: startTime ascending, Jobs without startTime last, ties by name. */
export function byJobStartTime(a: JobObject, b: JobObject): number {
  const sa = a.status.startTime;
  const sb = b.status.startTime;
  if (sa === null && sb !== null) return 1;
  if (sa !== null && sb === null) return -1;
  if (sa !== null && sb !== null && sa !== sb) return sa - sb;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
