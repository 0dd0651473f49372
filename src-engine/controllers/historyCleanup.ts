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
  if (successfulLimit === null && failedLimit === null) return [];
  let succeeded: JobObject[] | null = null;
  let failed: JobObject[] | null = null;
  for (const job of jobs) {
    const finished = finishedCondition(job.status);
    if (finished === null) continue;
    if (finished.type === 'Complete') (succeeded ??= []).push(job);
    else (failed ??= []).push(job);
  }
  const out = succeeded === null ? [] : removeOldest(succeeded, successfulLimit);
  if (failed !== null) out.push(...removeOldest(failed, failedLimit));
  return out;
}

function removeOldest(jobs: JobObject[], limit: number | null): string[] {
  if (limit === null || jobs.length <= limit) return [];
  const sorted = jobs.slice().sort(byJobStartTime);
  return sorted.slice(0, jobs.length - limit).map((j) => j.name);
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
