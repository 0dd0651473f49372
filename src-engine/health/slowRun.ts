import type { HealthRule } from './rule';
import { formatDuration, formatInZone } from './scheduleClock';
import type { HealthFinding } from './types';

/** A run is slow when it has taken this many times the usual duration… */
export const SLOW_FACTOR = 3;
/** …and at least this much longer than usual (a 2-second job taking 7 seconds is not news). */
const SLOW_MARGIN_MS = 60_000;
/** Successful siblings needed before "usual" means anything. */
const USUAL_SAMPLE = 2;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * run-slower-than-usual: a running Job has taken more than three times the median duration of
 * its successful siblings (and a minute more); run-past-deadline: a running Job is past its
 * activeDeadlineSeconds, which the Job controller enforces by failing it with DeadlineExceeded
 * (`syncJob`, pkg/controller/job/job_controller.go) — still running means that did not happen.
 */
export const slowRunRule: HealthRule = {
  id: 'run-slower-than-usual',
  check({ jobs, now }, clock) {
    const durations = jobs
      .filter((j) => j.state === 'complete' && j.startTime !== null && j.finishedTime !== null)
      .map((j) => (j.finishedTime as number) - (j.startTime as number));
    const usual = durations.length >= USUAL_SAMPLE ? median(durations) : null;
    const findings: HealthFinding[] = [];
    for (const job of jobs) {
      if (job.state !== 'running' || job.startTime === null) continue;
      const elapsed = now - job.startTime;
      const since = `running since ${formatInZone(job.startTime, clock.timeZone)} (${formatDuration(elapsed)})`;
      if (job.activeDeadlineSeconds !== null && elapsed > job.activeDeadlineSeconds * 1000) {
        findings.push({
          rule: 'run-past-deadline',
          severity: 'warning',
          title: `${job.name} is past its deadline`,
          message:
            `${job.name} is ${since}, past its activeDeadlineSeconds (${job.activeDeadlineSeconds} s) by ` +
            `${formatDuration(elapsed - job.activeDeadlineSeconds * 1000)}: the Job controller fails such a Job with ` +
            `DeadlineExceeded at once, so it is not keeping up`,
          job: job.name,
          fix: 'Check that kube-controller-manager runs; delete the Job by hand if it must stop',
        });
      } else if (usual !== null && elapsed > SLOW_FACTOR * usual && elapsed - usual > SLOW_MARGIN_MS) {
        findings.push({
          rule: 'run-slower-than-usual',
          severity: 'warning',
          title: `${job.name} is taking ${formatDuration(elapsed)} (usually ${formatDuration(usual)})`,
          message:
            `${job.name} is ${since}; its ${durations.length} successful siblings took ${formatDuration(usual)} ` +
            `(median), so it is over ${SLOW_FACTOR} times slower than usual`,
          job: job.name,
          fix: "Open the Job: its pods' logs say where it is stuck; an activeDeadlineSeconds bounds such runs",
        });
      }
    }
    return findings;
  },
};
