import { isPlainScalarAt } from '../../astLookup';
import { int } from '../../context';
import { replaceValue, setField, yamlString } from '../../edits';
import type { RuleDefinition } from '../../rule';
import { CRON_DOCS } from '../../rule';
import { domDowIsOr, isEveryMinute, neverFiresReason, parseStandard } from '../../scheduleApi';

/** Advice on a CronJob's schedule, time zone and starting deadline (the API accepts all of these). */
export const schedulePracticeRules: RuleDefinition = {
  rules: [
    {
      id: 'schedule-unquoted',
      defaultSeverity: 'warning',
      category: 'practice',
      title: 'Unquoted schedule',
      description: 'An unquoted schedule works only while YAML reads it as a string: a leading * or @ breaks the document. Quote schedules.',
      docsUrl: `${CRON_DOCS}#schedule-syntax`,
    },
    {
      id: 'schedule-never-fires',
      defaultSeverity: 'warning',
      category: 'practice',
      title: 'Schedule never fires',
      description: 'The schedule parses but selects no date (e.g. 0 0 30 2 *): the CronJob never runs and the controller records InvalidSchedule.',
      docsUrl: `${CRON_DOCS}#schedule-syntax`,
    },
    {
      id: 'schedule-dom-dow-or',
      defaultSeverity: 'info',
      category: 'practice',
      title: 'Day-of-month OR day-of-week',
      description: 'When both day fields are restricted, cron runs on days matching either one (0 0 13 * 5 = every 13th and every Friday).',
      docsUrl: `${CRON_DOCS}#schedule-syntax`,
    },
    {
      id: 'schedule-every-minute',
      defaultSeverity: 'info',
      category: 'practice',
      title: 'Runs every minute',
      description: 'A schedule that runs every minute creates 1440 Jobs a day; check that this is intended.',
      docsUrl: `${CRON_DOCS}#schedule-syntax`,
    },
    {
      id: 'time-zone-missing',
      defaultSeverity: 'info',
      category: 'practice',
      title: 'No time zone',
      description: 'Without spec.timeZone the schedule is read in the kube-controller-manager\'s zone (usually UTC); name the zone explicitly.',
      docsUrl: `${CRON_DOCS}#time-zones`,
    },
    {
      id: 'starting-deadline-short',
      defaultSeverity: 'warning',
      category: 'practice',
      title: 'Very short startingDeadlineSeconds',
      description: 'The controller may start a run a few seconds late; a startingDeadlineSeconds below 10 can make it skip runs.',
      docsUrl: `${CRON_DOCS}#starting-deadline`,
    },
    {
      id: 'every-deadline-never-runs',
      defaultSeverity: 'warning',
      category: 'practice',
      title: '@every with a shorter starting deadline',
      description: 'With @every D and startingDeadlineSeconds shorter than D, the controller never finds a due run: no Job is ever created.',
      docsUrl: `${CRON_DOCS}#starting-deadline`,
    },
  ],
  check(ctx) {
    if (ctx.kind !== 'CronJob') return;
    const spec = ctx.spec;
    const schedule = spec?.['schedule'];
    if (!spec || typeof schedule !== 'string' || schedule === '') return;
    if (isPlainScalarAt(ctx.doc, ['spec', 'schedule'])) {
      const edit = replaceValue(ctx.doc, ['spec', 'schedule'], yamlString(schedule));
      ctx.report({
        rule: 'schedule-unquoted',
        path: ['spec', 'schedule'],
        message: `spec.schedule: the schedule ${JSON.stringify(schedule)} is not quoted; quote it so that YAML always reads it as a string (a leading * or @ would break the document)`,
        ...(edit ? { fixes: [{ title: 'Quote the schedule', edits: [edit], isPreferred: true }] } : {}),
      });
    }
    if (spec['timeZone'] === undefined || spec['timeZone'] === null) {
      const edit = setField(ctx.doc, ['spec'], 'timeZone', '"Etc/UTC"');
      ctx.report({
        rule: 'time-zone-missing',
        path: ['spec', 'schedule'],
        message: 'spec.timeZone is not set: the schedule is read in the kube-controller-manager\'s time zone (usually UTC); set spec.timeZone to say which zone you mean',
        ...(edit ? { fixes: [{ title: 'Set timeZone: Etc/UTC', edits: [edit] }] } : {}),
      });
    }
    const deadline = int(spec['startingDeadlineSeconds']);
    if (deadline !== undefined && deadline >= 0 && deadline < 10) {
      ctx.report({
        rule: 'starting-deadline-short',
        path: ['spec', 'startingDeadlineSeconds'],
        message: `spec.startingDeadlineSeconds: ${deadline} s is shorter than the controller's usual delay; runs may be skipped (use at least 10)`,
      });
    }
    const parsed = parseStandard(schedule);
    if (!parsed.ok) return;
    const cron = parsed.schedule;
    if (cron.kind === 'every') {
      if (deadline !== undefined && cron.everyMs !== undefined && deadline * 1000 < cron.everyMs) {
        ctx.report({
          rule: 'every-deadline-never-runs',
          path: ['spec', 'startingDeadlineSeconds'],
          message: `spec.startingDeadlineSeconds: ${deadline} s is shorter than the @every interval (${cron.everyText ?? ''}): the controller never finds a run within the deadline, so no Job is ever created`,
        });
      }
      return;
    }
    const never = neverFiresReason(cron);
    if (never) {
      ctx.report({ rule: 'schedule-never-fires', path: ['spec', 'schedule'], message: `spec.schedule: ${JSON.stringify(schedule)} never fires: ${never}` });
      return;
    }
    if (domDowIsOr(cron)) {
      const f = cron.fields!;
      ctx.report({
        rule: 'schedule-dom-dow-or',
        path: ['spec', 'schedule'],
        message: `spec.schedule: both day-of-month (${f.dayOfMonth.text}) and day-of-week (${f.dayOfWeek.text}) are restricted, so the job runs on days matching EITHER field, not both`,
      });
    }
    if (isEveryMinute(cron)) {
      ctx.report({ rule: 'schedule-every-minute', path: ['spec', 'schedule'], message: `spec.schedule: ${JSON.stringify(schedule)} runs every minute (1440 Jobs a day)` });
    }
  },
};
