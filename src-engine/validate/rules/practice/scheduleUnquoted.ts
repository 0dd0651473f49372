import { isPlainScalarAt } from '../../astLookup';
import { quickFix, replaceValue, yamlString } from '../../edits';
import { CRON_DOCS, practiceRule } from '../../rule';
import { cronScheduleRule } from './cronJobSchedule';

/**
 * schedule-unquoted: an unquoted schedule is read as a string as long as it does not start with
 * a YAML indicator; one starting with `*` or `@` breaks the document (the `schedule-yaml` error).
 * A schedule starting with a digit cannot break, so only other unquoted starts are mentioned, as
 * a hint.
 */
export const scheduleUnquotedRule = cronScheduleRule(
  practiceRule('hint', {
    id: 'schedule-unquoted',
    title: 'Unquoted schedule',
    description:
      'An unquoted schedule that does not start with a digit is one edit away from breaking the YAML (a leading * or @ ' +
      'does). Quote schedules.',
    docsUrl: `${CRON_DOCS}#schedule-syntax`,
  }),
  (view, ctx) => {
    if (/^[0-9]/.test(view.text) || !isPlainScalarAt(ctx.doc, ['spec', 'schedule'])) return;
    ctx.report({
      rule: 'schedule-unquoted',
      path: ['spec', 'schedule'],
      message:
        `spec.schedule: the schedule ${JSON.stringify(view.text)} is not quoted; quote it so that YAML always reads it ` +
        `as a string (a leading * or @ would break the document)`,
      ...quickFix('Quote the schedule', replaceValue(ctx.doc, ['spec', 'schedule'], yamlString(view.text)), { preferred: true }),
    });
  },
);
