import { scheduledRule, startGraceMs } from './rule';
import { controllerDue, countRunsBetween, formatDuration, formatInZone, latestRunBetween } from './scheduleClock';
import { tooManyMissedAt } from './tooManyMissedStarts';

/**
 * behind-schedule: a scheduled time older than the start grace (startGraceMs) has passed since
 * status.lastScheduleTime (or the CronJob's creation) and no Job was started for it, while the
 * CronJob is not suspended and no Forbid-blocking Job explains the wait. The controller's sync at
 * each scheduled time (`syncCronJob` with `mostRecentScheduleTime`, pkg/controller/cronjob/) did
 * not happen or did not create the Job. Says which run, how many were missed, whether the
 * controller can still start it (startingDeadlineSeconds) and when the missed count passes 100.
 */
export const behindScheduleRule = scheduledRule('behind-schedule', ({ cronJob, now }, clock) => {
  if (cronJob.concurrencyPolicy === 'Forbid' && cronJob.active.length > 0) return [];
  const earliest = cronJob.lastScheduleTime ?? cronJob.creationTimestamp;
  const grace = startGraceMs(cronJob.startingDeadlineSeconds);
  const missedRun = latestRunBetween(clock.next, earliest, now - grace);
  if (missedRun === null) return [];
  const missed = countRunsBetween(clock.next, earliest, now, 1000);
  const zone = clock.timeZone;
  const since =
    cronJob.lastScheduleTime !== null
      ? `the last run started for ${formatInZone(cronJob.lastScheduleTime, zone)}`
      : `no run has started since the CronJob was created at ${formatInZone(cronJob.creationTimestamp, zone)}`;
  const deadline = cronJob.startingDeadlineSeconds;
  const lost =
    deadline !== null && missedRun + deadline * 1000 < now
      ? `; past startingDeadlineSeconds (${deadline} s) that run is lost: the controller records MissSchedule and waits for ` +
        `the next one`
      : '; the controller starts only the most recent missed run when it next syncs, not the others';
  const due = controllerDue(cronJob, now, clock.next);
  const trap = deadline === null && due.missed !== 'many' ? tooManyMissedAt(cronJob, clock.next) : null;
  const warning =
    trap !== null
      ? `; if nothing starts before ${formatInZone(trap, zone)} the missed count passes 100 (TooManyMissedTimes)`
      : '';
  return [
    {
      rule: 'behind-schedule',
      severity: 'error',
      title: `Behind schedule: ${missed >= 1000 ? '1000+' : missed} run${missed === 1 ? '' : 's'} missed`,
      message:
        `the run due at ${formatInZone(missedRun, zone)} (${formatDuration(now - missedRun)} ago) has not started; ` +
        `${since}${lost}${warning}`,
      fix:
        "Check that kube-controller-manager runs and look at the CronJob's events (kubectl describe cronjob); trigger a " +
        'run by hand if it matters (kubectl create job --from=cronjob/…)',
    },
  ];
});
