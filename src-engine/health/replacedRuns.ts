import { scheduledRule } from './rule';
import { formatDuration, formatInZone, nextAfter } from './scheduleClock';

/**
 * runs-replaced: with concurrencyPolicy Replace, `syncCronJob` deletes the active Jobs when the
 * next run is due and starts the new one: a run that outlasts the interval never finishes. Read
 * from SuccessfulDelete events followed by SuccessfulCreate in the same sync (history cleanup
 * deletes finished Jobs, never alongside a create), and predicted for a Job that has used more
 * than half the time to the next run.
 */
export const replacedRunsRule = scheduledRule('runs-replaced', ({ cronJob, jobs, events, now }, clock) => {
  if (cronJob.concurrencyPolicy !== 'Replace') return [];
  const zone = clock.timeZone;
  const creates = events.filter((e) => e.reason === 'SuccessfulCreate');
  const replaced = events.filter(
    (e) => e.reason === 'SuccessfulDelete' && creates.some((c) => Math.abs(c.time - e.time) <= 1000),
  );
  const running = cronJob.active
    .map((name) => jobs.find((j) => j.name === name))
    .find((j) => j !== undefined && j.state === 'running');
  const nextRun = nextAfter(clock.next, now);
  const findings = [];
  if (replaced.length > 0) {
    const names = replaced.map((e) => /Deleted job (\S+)/.exec(e.message)?.[1] ?? '?');
    findings.push({
      rule: 'runs-replaced',
      severity: 'warning' as const,
      title: `${replaced.length} run${replaced.length === 1 ? '' : 's'} replaced before finishing`,
      message:
        `concurrencyPolicy Replace deleted ${names.join(', ')} (last at ` +
        `${formatInZone(Math.max(...replaced.map((e) => e.time)), zone)}) because the next run was due while it was still ` +
        `active: those runs never finished`,
      fix: 'Make a run shorter than the interval, or use Forbid if a run must not be cut short',
    });
  }
  // Predicted only once the running Job has used more than half of its slot.
  if (
    running !== undefined &&
    nextRun !== null &&
    running.startTime !== null &&
    replaced.length === 0 &&
    now - running.scheduledTime > (nextRun - running.scheduledTime) / 2
  ) {
    findings.push({
      rule: 'runs-replaced',
      severity: 'info' as const,
      title: `${running.name} will be replaced at ${formatInZone(nextRun, zone)} if still running`,
      message:
        `${running.name} has run for ${formatDuration(now - running.startTime)}; with concurrencyPolicy Replace the ` +
        `controller deletes it when the next run is due (${formatInZone(nextRun, zone)}, in ` +
        `${formatDuration(nextRun - now)}) unless it finishes first`,
      job: running.name,
    });
  }
  return findings;
});
