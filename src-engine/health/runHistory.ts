import type { LiveEvent, LiveJob } from './types';

/** A finished run: from a Job still kept, or from the controller's SawCompletedJob event once the Job was cleaned up. */
export interface FinishedRun {
  readonly name: string;
  readonly scheduledTime: number;
  readonly succeeded: boolean;
  readonly reason: string | null;
}

const SAW_COMPLETED = /^Saw completed job: (\S+), condition: (Complete|Failed)/;

/**
 * finishedRuns lists the CronJob's finished runs, newest first. History limits delete old Jobs
 * (by default only 1 failed Job is kept), so runs the events still remember are added, their
 * scheduled time read from the Job name `<cronjob>-<minutes since the epoch>` (getJobName).
 */
export function finishedRuns(cronJobName: string, jobs: readonly LiveJob[], events: readonly LiveEvent[]): FinishedRun[] {
  const runs = new Map<string, FinishedRun>();
  for (const job of jobs) {
    if (job.state === 'complete' || job.state === 'failed') {
      runs.set(job.name, {
        name: job.name,
        scheduledTime: job.scheduledTime,
        succeeded: job.state === 'complete',
        reason: job.reason,
      });
    }
  }
  for (const event of events) {
    const m = SAW_COMPLETED.exec(event.message);
    if (event.reason !== 'SawCompletedJob' || !m || runs.has(m[1] as string)) continue;
    const name = m[1] as string;
    runs.set(name, {
      name,
      scheduledTime: scheduledTimeFromName(cronJobName, name) ?? event.time,
      succeeded: m[2] === 'Complete',
      reason: null,
    });
  }
  return [...runs.values()].sort((a, b) => b.scheduledTime - a.scheduledTime || (a.name < b.name ? 1 : -1));
}

/** scheduledTimeFromName reads the minutes suffix the CronJob controller gives its Jobs (getTimeHashInMinutes). */
export function scheduledTimeFromName(cronJobName: string, jobName: string): number | null {
  if (!jobName.startsWith(`${cronJobName}-`)) return null;
  const suffix = jobName.slice(cronJobName.length + 1);
  return /^[0-9]{1,12}$/.test(suffix) ? Number(suffix) * 60_000 : null;
}
