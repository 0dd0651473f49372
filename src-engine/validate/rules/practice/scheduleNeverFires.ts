import { CRON_DOCS, practiceRule } from '../../rule';
import { neverFiresReason } from '../../scheduleApi';
import { cronScheduleRule } from './cronJobSchedule';

/**
 * schedule-never-fires: the schedule parses but selects no date; robfig's Next returns the zero
 * time and the controller records InvalidSchedule (`mostRecentScheduleTime`,
 * pkg/controller/cronjob/utils.go) instead of ever creating a Job.
 */
export const scheduleNeverFiresRule = cronScheduleRule(
  practiceRule('warning', {
    id: 'schedule-never-fires',
    title: 'Schedule never fires',
    description:
      'The schedule parses but selects no date (e.g. 0 0 30 2 *): the CronJob never runs and the controller records ' +
      'InvalidSchedule.',
    docsUrl: `${CRON_DOCS}#schedule-syntax`,
  }),
  (view, ctx) => {
    if (view.schedule?.kind !== 'cron') return;
    const never = neverFiresReason(view.schedule);
    if (never) {
      ctx.report({
        rule: 'schedule-never-fires',
        path: ['spec', 'schedule'],
        message: `spec.schedule: ${JSON.stringify(view.text)} never fires: ${never}`,
      });
    }
  },
);
