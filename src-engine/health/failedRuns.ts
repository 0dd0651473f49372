import type { HealthRule } from './rule';
import { finishedRuns } from './runHistory';
import { formatInZone } from './scheduleClock';

/** How many failed runs in a row make the CronJob unhealthy. */
export const FAILED_RUNS_IN_A_ROW = 3;

/**
 * last-runs-failed: the newest finished runs failed. Three in a row is unhealthy; one or two a
 * warning. Each failure's reason (BackoffLimitExceeded, DeadlineExceeded…) is named when the Job
 * is still there to say it.
 */
export const failedRunsRule: HealthRule = {
  id: 'last-runs-failed',
  check({ cronJob, jobs, events }, clock) {
    const runs = finishedRuns(cronJob.name, jobs, events);
    let failed = 0;
    while (failed < runs.length && !(runs[failed] as { succeeded: boolean }).succeeded) failed++;
    if (failed === 0) return [];
    const failures = runs.slice(0, failed);
    const latest = failures[0]!;
    const reasons = [...new Set(failures.map((r) => r.reason).filter((r): r is string => r !== null))];
    const all =
      failed === runs.length
        ? ` (every run kube-jobs can see${runs.length < FAILED_RUNS_IN_A_ROW ? '; older ones were cleaned up' : ''})`
        : '';
    return [
      {
        rule: 'last-runs-failed',
        severity: failed >= FAILED_RUNS_IN_A_ROW ? 'error' : 'warning',
        title: failed === 1 ? `Last run failed: ${latest.name}` : `Last ${failed} runs failed`,
        message: `${failed === 1 ? 'the last run' : `the last ${failed} runs`} failed${all}: ${failures
          .slice(0, 5)
          .map((r) => `${r.name} (${formatInZone(r.scheduledTime, clock.timeZone)})`)
          .join(', ')}${failed > 5 ? ', …' : ''}${reasons.length > 0 ? `; reason: ${reasons.join(', ')}` : ''}`,
        job: latest.name,
        fix: 'Open the failed Job: its panel says why it failed (exit codes, last log lines)',
      },
    ];
  },
};
