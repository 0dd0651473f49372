import { CRON_DOCS, practiceRule } from '../../rule';
import { isEveryMinute, neverFiresReason } from '../../scheduleApi';
import { cronScheduleRule } from './cronJobSchedule';

/** schedule-every-minute: 1440 Jobs (and their pods) a day; a long-running worker is often the better shape. */
export const scheduleEveryMinuteRule = cronScheduleRule(
  practiceRule('info', {
    id: 'schedule-every-minute',
    title: 'Runs every minute',
    description: 'A schedule that runs every minute creates 1440 Jobs a day; check that this is intended.',
    docsUrl: `${CRON_DOCS}#schedule-syntax`,
  }),
  (view, ctx) => {
    if (view.schedule?.kind !== 'cron' || neverFiresReason(view.schedule) || !isEveryMinute(view.schedule)) return;
    ctx.report({
      rule: 'schedule-every-minute',
      path: ['spec', 'schedule'],
      message: `spec.schedule: ${JSON.stringify(view.text)} runs every minute (1440 Jobs a day)`,
    });
  },
);
