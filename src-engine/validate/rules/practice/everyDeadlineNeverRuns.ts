import { int } from '../../context';
import { CRON_DOCS, practiceRule } from '../../rule';
import { cronScheduleRule } from './cronJobSchedule';

/**
 * every-deadline-never-runs: `@every D` counts from the earliest time mostRecentScheduleTime
 * considers (pkg/controller/cronjob/utils.go), which startingDeadlineSeconds moves up to now − SDS;
 * with SDS < D the next tick is always in the future, so no Job is ever created.
 */
export const everyDeadlineNeverRunsRule = cronScheduleRule(
  practiceRule('warning', {
    id: 'every-deadline-never-runs',
    title: '@every with a shorter starting deadline',
    description:
      'With @every D and startingDeadlineSeconds shorter than D, the controller never finds a due run: no Job is ever created.',
    docsUrl: `${CRON_DOCS}#starting-deadline`,
  }),
  (view, ctx) => {
    const schedule = view.schedule;
    const deadline = int(ctx.spec?.['startingDeadlineSeconds']);
    if (
      schedule?.kind !== 'every' ||
      deadline === undefined ||
      schedule.everyMs === undefined ||
      deadline * 1000 >= schedule.everyMs
    ) {
      return;
    }
    ctx.report({
      rule: 'every-deadline-never-runs',
      path: ['spec', 'startingDeadlineSeconds'],
      message:
        `spec.startingDeadlineSeconds: ${deadline} s is shorter than the @every interval (${schedule.everyText ?? ''}): ` +
        `the controller never finds a run within the deadline, so no Job is ever created`,
    });
  },
);
