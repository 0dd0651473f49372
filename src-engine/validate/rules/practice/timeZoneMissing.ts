import { quickFix, setField } from '../../edits';
import { CRON_DOCS, practiceRule } from '../../rule';
import { describeSchedule, isFullField, neverFiresReason } from '../../scheduleApi';
import { cronScheduleRule } from './cronJobSchedule';

/**
 * time-zone-missing: without spec.timeZone the controller reads the schedule in its own zone
 * (`getJobFromTemplate2` / robfig `Next` in time.Local, UTC on most clusters). That only matters
 * when the schedule names an hour of the day: `*\/15 * * * *` runs at the same instants in every
 * whole-hour zone. A daily hour is reported as a hint; an hour on chosen weekdays
 * (`0 9 * * 1-5`, a human's working week) one level higher, since it is almost always meant
 * in local time.
 */
export const timeZoneMissingRule = cronScheduleRule(
  practiceRule('hint', {
    id: 'time-zone-missing',
    title: 'No time zone for a wall-clock schedule',
    description:
      "Without spec.timeZone a schedule at a given hour runs at that hour in the kube-controller-manager's zone (usually " +
      'UTC); name the zone you mean.',
    docsUrl: `${CRON_DOCS}#time-zones`,
  }),
  (view, ctx) => {
    const schedule = view.schedule;
    if (schedule?.kind !== 'cron' || !schedule.fields || schedule.location !== undefined) return;
    if (ctx.spec?.['timeZone'] !== undefined && ctx.spec['timeZone'] !== null) return;
    if (isFullField(schedule.fields.hour, 'hour') || neverFiresReason(schedule)) return;
    const weekdays = !isFullField(schedule.fields.dayOfWeek, 'dayOfWeek');
    ctx.report({
      rule: 'time-zone-missing',
      path: ['spec', 'schedule'],
      message:
        `spec.timeZone is not set: ${JSON.stringify(view.text)} (${describeSchedule(schedule)}) runs at that hour in ` +
        `the kube-controller-manager's time zone (UTC on most clusters), not in local time; set spec.timeZone to say which ` +
        `zone you mean`,
      ...(weekdays ? { grade: 'higher' as const } : {}),
      ...quickFix('Set timeZone: Etc/UTC', setField(ctx.doc, ['spec'], 'timeZone', '"Etc/UTC"'), { preferred: false }),
    });
  },
);
