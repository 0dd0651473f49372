import { CRON_DOCS, practiceRule } from '../../rule';
import { domDowIsOr, neverFiresReason } from '../../scheduleApi';
import { cronScheduleRule } from './cronJobSchedule';

/** schedule-dom-dow-or: both day fields restricted, so robfig's dayMatches runs on days matching either. */
export const scheduleDomDowOrRule = cronScheduleRule(
  practiceRule('info', {
    id: 'schedule-dom-dow-or',
    title: 'Day-of-month OR day-of-week',
    description:
      'When both day fields are restricted, cron runs on days matching either one (0 0 13 * 5 = every 13th and every Friday).',
    docsUrl: `${CRON_DOCS}#schedule-syntax`,
  }),
  (view, ctx) => {
    const schedule = view.schedule;
    if (schedule?.kind !== 'cron' || !schedule.fields || !domDowIsOr(schedule) || neverFiresReason(schedule)) return;
    const f = schedule.fields;
    ctx.report({
      rule: 'schedule-dom-dow-or',
      path: ['spec', 'schedule'],
      message:
        `spec.schedule: both day-of-month (${f.dayOfMonth.text}) and day-of-week (${f.dayOfWeek.text}) are restricted, ` +
        `so the job runs on days matching EITHER field, not both`,
    });
  },
);
