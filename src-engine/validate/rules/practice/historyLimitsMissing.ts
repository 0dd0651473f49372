import { setField } from '../../edits';
import { CRON_DOCS, cronJobRule, practiceRule } from '../../rule';

/** What SetDefaults_CronJob (pkg/apis/batch/v1/defaults.go) gives each unset history limit. */
const DEFAULT_LIMITS: Readonly<Record<string, string>> = { successfulJobsHistoryLimit: '3', failedJobsHistoryLimit: '1' };

/**
 * history-limits-missing: the defaults (3 successful, 1 failed) are sensible, so this only says
 * what they are, as a hint, with a fix that writes them down.
 */
export const historyLimitsMissingRule = cronJobRule(
  practiceRule('hint', {
    id: 'history-limits-missing',
    title: 'History limits not set',
    description:
      'Without successfulJobsHistoryLimit / failedJobsHistoryLimit the CronJob keeps 3 successful and 1 failed Job; state ' +
      'the limits you want.',
    docsUrl: `${CRON_DOCS}#jobs-history-limits`,
  }),
  (spec, ctx) => {
    const missing = Object.keys(DEFAULT_LIMITS).filter((k) => spec[k] === undefined || spec[k] === null);
    if (missing.length === 0) return;
    ctx.report({
      rule: 'history-limits-missing',
      path: ['spec', missing[0] as string],
      locate: ['spec'],
      at: 'key',
      message: `${missing.map((k) => `spec.${k}`).join(' and ')} not set: the defaults keep 3 successful and 1 failed Job`,
      fixes: () => {
        const edits = missing.map((k) => setField(ctx.doc, ['spec'], k, DEFAULT_LIMITS[k] as string));
        return edits.every((e) => e) ? [{ title: 'Set the history limits explicitly', edits: edits.map((e) => e!) }] : [];
      },
    });
  },
);
