import type { HealthRule } from './rule';

/**
 * cannot-schedule: the controller returns before scheduling anything when the time zone does not
 * load (UnknownTimeZone) or the schedule does not parse (UnparseableSchedule) — `syncCronJob`,
 * pkg/controller/cronjob/cronjob_controllerv2.go — so no Job is ever created.
 */
export const cannotScheduleRule: HealthRule = {
  id: 'cannot-schedule',
  check({ cronJob }, clock) {
    if (!clock.problem || cronJob.suspend) return [];
    return [
      {
        rule: 'cannot-schedule',
        severity: 'error',
        title: `${clock.problem.reason}: no run will ever start`,
        message:
          `${clock.problem.message}; the CronJob controller records ${clock.problem.reason} and creates no Job until ` +
          `the spec is fixed`,
        fix: 'Fix spec.schedule or spec.timeZone (kube-jobs lint says what is wrong)',
      },
    ];
  },
};
