import type { RuleDefinition } from '../../rule';
import { CRON_DOCS } from '../../rule';
import { neverFiresReason } from '../../scheduleApi';
import { cronJobSchedule } from './cronJobSchedule';

/**
 * schedule-never-fires: the schedule parses but selects no date; robfig's Next returns the zero
 * time and the controller records InvalidSchedule (`mostRecentScheduleTime`,
 * pkg/controller/cronjob/utils.go) instead of ever creating a Job.
 */
export const scheduleNeverFiresRule: RuleDefinition = {
  rules: [
    {
      id: 'schedule-never-fires',
      defaultSeverity: 'warning',
      category: 'practice',
      title: 'Schedule never fires',
      description:
        'The schedule parses but selects no date (e.g. 0 0 30 2 *): the CronJob never runs and the controller records ' +
          'InvalidSchedule.',
      docsUrl: `${CRON_DOCS}#schedule-syntax`,
    },
  ],
  check(ctx) {
    const view = cronJobSchedule(ctx);
    if (view?.schedule?.kind !== 'cron') return;
    const never = neverFiresReason(view.schedule);
    if (never)
      {ctx.report({
        rule: 'schedule-never-fires',
        path: ['spec', 'schedule'],
        message: `spec.schedule: ${JSON.stringify(view.text)} never fires: ${never}`,
      });}
  },
};
