import { finishedCondition } from './conditions';
import type { JobObject } from './types';

/**
 * cleanupFinishedJobs returns the names of finished Jobs to delete so that at most
 * successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs remain, oldest
 * first (by status.startTime, Jobs without one last, ties by name). Nothing is deleted when
 * both limits are null. Mirrors cronjob_controllerv2.go `cleanupFinishedJobs` /
 * `removeOldestJobs` and `byJobStartTime`.
 */
export function cleanupFinishedJobs(jobs: readonly JobObject[], successfulLimit: number | null, failedLimit: number | null): string[] {
  return finishedJobsToDelete(jobs, successfulLimit, failedLimit) ?? [];
}

/**
 * finishedJobsToDelete is cleanupFinishedJobs returning null when nothing is to be deleted
 * (the usual case: it then allocates nothing). A CronJob sync runs it every time.
 */
export function finishedJobsToDelete(jobs: readonly JobObject[], successfulLimit: number | null, failedLimit: number | null): string[] | null {
  if (successfulLimit === null && failedLimit === null) return null;
  let succeededCount = 0;
  let failedCount = 0;
  for (const job of jobs) {
    const finished = finishedCondition(job.status);
    if (finished === null) continue;
    if (finished.type === 'Complete') succeededCount++;
    else failedCount++;
  }
  const succeededExcess = successfulLimit === null ? 0 : succeededCount - successfulLimit;
  const failedExcess = failedLimit === null ? 0 : failedCount - failedLimit;
  if (succeededExcess <= 0 && failedExcess <= 0) return null;
  // The steady state of a CronJob: one Job over one limit, the oldest one.
  if (succeededExcess === 1 && failedExcess <= 0) return oldestName(jobs, true);
  if (failedExcess === 1 && succeededExcess <= 0) return oldestName(jobs, false);
  const out: string[] = [];
  if (succeededExcess > 0) removeOldest(jobs, true, succeededExcess, out);
  if (failedExcess > 0) removeOldest(jobs, false, failedExcess, out);
  return out;
}

/** oldestName lists the oldest Complete (or Failed) Job's name (as removeOldest with excess 1). */
function oldestName(jobs: readonly JobObject[], complete: boolean): string[] {
  let oldest: JobObject | null = null;
  for (const job of jobs) {
    const finished = finishedCondition(job.status);
    if (finished === null || (finished.type === 'Complete') !== complete) continue;
    if (oldest === null || byJobStartTime(job, oldest) < 0) oldest = job;
  }
  return oldest === null ? [] : [oldest.name];
}

/** removeOldest appends the names of the `excess` oldest Complete (or Failed) Jobs to `out`, oldest first. */
function removeOldest(jobs: readonly JobObject[], complete: boolean, excess: number, out: string[]): void {
  if (excess === 1) {
    // The steady state of a CronJob: one Job over the limit, the oldest one.
    let oldest: JobObject | null = null;
    for (const job of jobs) {
      const finished = finishedCondition(job.status);
      if (finished === null || (finished.type === 'Complete') !== complete) continue;
      if (oldest === null || byJobStartTime(job, oldest) < 0) oldest = job;
    }
    if (oldest !== null) out.push(oldest.name);
    return;
  }
  const chosen: JobObject[] = [];
  for (const job of jobs) {
    const finished = finishedCondition(job.status);
    if (finished !== null && (finished.type === 'Complete') === complete) chosen.push(job);
  }
  chosen.sort(byJobStartTime);
  const n = Math.min(excess, chosen.length);
  for (let i = 0; i < n; i++) out.push((chosen[i] as JobObject).name);
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
