import { scheduledRule } from './rule';
import { countRunsBetween, formatDuration, formatInZone } from './scheduleClock';
import type { HealthInput } from './types';

/** After this many scheduled runs without a success the CronJob is unhealthy. */
export const STALE_SUCCESS_RUNS = 3;

/** lastSuccessOf is status.lastSuccessfulTime, or the newest successful Job's finish when later. */
export function lastSuccessOf({ cronJob, jobs }: HealthInput): number | null {
  let last = cronJob.lastSuccessfulTime;
  for (const job of jobs) {
    if (job.state === 'complete' && job.finishedTime !== null && (last === null || job.finishedTime > last)) {
      last = job.finishedTime;
    }
  }
  return last;
}

/**
 * last-success-old: at least three scheduled runs (not counting one still running) have come and
 * gone since the last success
 * (status.lastSuccessfulTime, which `syncCronJob` keeps from its Jobs' completion times), or since
 * the CronJob's creation when nothing ever succeeded. Whatever the cause — failures, skipped runs,
 * a stopped controller — the work has not been done for that long.
 */
export const staleSuccessRule = scheduledRule('last-success-old', (input, clock) => {
  const { cronJob, now } = input;
  const last = lastSuccessOf(input);
  const since = last ?? cronJob.creationTimestamp;
  // A run still going is not a failure yet.
  const going = cronJob.active.length > 0 ? 1 : 0;
  const runs = countRunsBetween(clock.next, since, now, STALE_SUCCESS_RUNS + going) - going;
  if (runs < STALE_SUCCESS_RUNS) return [];
  const what =
    last !== null
      ? `the last success was at ${formatInZone(last, clock.timeZone)}, ${formatDuration(now - last)} ago`
      : `no run has succeeded since the CronJob was created at ${formatInZone(since, clock.timeZone)}`;
  return [
    {
      rule: 'last-success-old',
      severity: 'error',
      title: last !== null ? `No success for ${formatDuration(now - last)}` : 'No successful run yet',
      message:
        `${what}, and ${STALE_SUCCESS_RUNS} or more scheduled runs have passed ` +
        `since${going ? ' (not counting the one running now)' : ''}`,
      fix: 'Look at the runs since then: failed Jobs, runs held back or replaced, or a controller that stopped creating Jobs',
    },
  ];
});
