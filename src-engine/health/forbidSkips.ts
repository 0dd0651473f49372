import { scheduledRule, startGraceMs } from './rule';
import { controllerDue, formatDuration, formatInZone } from './scheduleClock';

/**
 * runs-held-by-forbid: with concurrencyPolicy Forbid, `syncCronJob` (cronjob_controllerv2.go)
 * does not start a due run while a Job is active; it records JobAlreadyActive and tries again at
 * each sync, so the run starts late if the blocking Job finishes in time (within
 * startingDeadlineSeconds, when set) and is lost otherwise. Read from the due run and
 * status.active, and from JobAlreadyActive events when the server still has them.
 */
export const forbidSkipsRule = scheduledRule('runs-held-by-forbid', ({ cronJob, jobs, events, now }, clock) => {
  if (cronJob.concurrencyPolicy !== 'Forbid') return [];
  const zone = clock.timeZone;
  const blocked = events.filter((e) => e.reason === 'JobAlreadyActive');
  const blockerName = cronJob.active[0];
  const blocker =
    blockerName === undefined
      ? undefined
      : (jobs.find((j) => j.name === blockerName) ?? { name: blockerName, startTime: null, creationTimestamp: null });
  const due = controllerDue(cronJob, now, clock.next);
  const waiting =
    blocker !== undefined &&
    due.mostRecentTime !== null &&
    due.mostRecentTime !== cronJob.lastScheduleTime &&
    now - due.mostRecentTime > startGraceMs(cronJob.startingDeadlineSeconds);
  if (!waiting && blocked.length === 0) return [];
  const started = blocker?.startTime ?? blocker?.creationTimestamp ?? null;
  const running = started !== null ? `, running since ${formatInZone(started, zone)} (${formatDuration(now - started)})` : '';
  const by = blocker !== undefined ? `Job ${blocker.name}${running}` : 'a Job that was still active';
  const deadline = cronJob.startingDeadlineSeconds;
  const late = deadline !== null ? ` within startingDeadlineSeconds (${deadline} s), and is lost after that` : '';
  const skippedText =
    blocked.length > 0
      ? `JobAlreadyActive recorded ${blocked.reduce((n, e) => n + e.count, 0)} times (last at ` +
        `${formatInZone(Math.max(...blocked.map((e) => e.time)), zone)})`
      : '';
  const dueText = waiting ? `the run due at ${formatInZone(due.mostRecentTime as number, zone)} is waiting` : '';
  return [
    {
      rule: 'runs-held-by-forbid',
      severity: 'warning',
      title: `Run held back by ${blocker !== undefined ? blocker.name : 'an active Job'} (Forbid)`,
      message:
        `${[dueText, skippedText].filter((t) => t !== '').join('; ')}: concurrencyPolicy Forbid starts no run while ` +
        `${by} is active; the run starts late when it finishes${late}`,
      ...(blocker !== undefined ? { job: blocker.name } : {}),
      fix:
        'Find out why the blocking Job takes so long (its panel shows its pods and logs); give the Job an ' +
        'activeDeadlineSeconds shorter than the interval',
    },
  ];
});
