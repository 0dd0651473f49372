import { setField } from '../../edits';
import type { RuleDefinition } from '../../rule';
import { CRON_DOCS, JOB_DOCS } from '../../rule';

/** Advice on what happens to finished Jobs and overlapping runs. */
export const cleanupPracticeRules: RuleDefinition = {
  rules: [
    {
      id: 'job-ttl-missing',
      defaultSeverity: 'info',
      category: 'practice',
      title: 'Finished Job is never cleaned up',
      description: 'A standalone Job without ttlSecondsAfterFinished stays (with its pods) until someone deletes it.',
      docsUrl: `${JOB_DOCS}#ttl-mechanism-for-finished-jobs`,
    },
    {
      id: 'history-limits-missing',
      defaultSeverity: 'hint',
      category: 'practice',
      title: 'History limits not set',
      description: 'Without successfulJobsHistoryLimit / failedJobsHistoryLimit the CronJob keeps 3 successful and 1 failed Job; state the limits you want.',
      docsUrl: `${CRON_DOCS}#jobs-history-limits`,
    },
    {
      id: 'concurrency-allow',
      defaultSeverity: 'info',
      category: 'practice',
      title: 'Overlapping runs allowed',
      description: 'concurrencyPolicy defaults to Allow: a slow run and the next one run at the same time. Forbid or Replace is usually what batch work wants.',
      docsUrl: `${CRON_DOCS}#concurrency-policy`,
    },
  ],
  check(ctx) {
    const spec = ctx.spec;
    if (!spec) return;
    if (ctx.kind === 'Job') {
      if (spec['ttlSecondsAfterFinished'] === undefined || spec['ttlSecondsAfterFinished'] === null) {
        const edit = setField(ctx.doc, ['spec'], 'ttlSecondsAfterFinished', '86400');
        ctx.report({
          rule: 'job-ttl-missing',
          path: ['spec', 'ttlSecondsAfterFinished'],
          locate: ['spec'],
          at: 'key',
          message: 'spec.ttlSecondsAfterFinished is not set: the finished Job and its pods stay until deleted by hand',
          ...(edit ? { fixes: [{ title: 'Delete the Job a day after it finishes (ttlSecondsAfterFinished: 86400)', edits: [edit] }] } : {}),
        });
      }
      return;
    }
    const missing = ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'].filter((k) => spec[k] === undefined || spec[k] === null);
    if (missing.length > 0) {
      const defaults: Record<string, string> = { successfulJobsHistoryLimit: '3', failedJobsHistoryLimit: '1' };
      const edits = missing.map((k) => setField(ctx.doc, ['spec'], k, defaults[k] ?? '1'));
      ctx.report({
        rule: 'history-limits-missing',
        path: ['spec', missing[0] as string],
        locate: ['spec'],
        at: 'key',
        message: `${missing.map((k) => `spec.${k}`).join(' and ')} not set: the defaults keep 3 successful and 1 failed Job`,
        ...(edits.every((e) => e) ? { fixes: [{ title: 'Set the history limits explicitly', edits: edits.map((e) => e!) }] } : {}),
      });
    }
    const policy = spec['concurrencyPolicy'];
    if (policy === undefined || policy === null || policy === '') {
      const edit = setField(ctx.doc, ['spec'], 'concurrencyPolicy', 'Forbid');
      ctx.report({
        rule: 'concurrency-allow',
        path: ['spec', 'concurrencyPolicy'],
        locate: ['spec', 'schedule'],
        at: 'key',
        message: 'spec.concurrencyPolicy defaults to Allow: a run that takes longer than the interval overlaps the next one',
        ...(edit ? { fixes: [{ title: 'Skip a run while the previous one is active (concurrencyPolicy: Forbid)', edits: [edit] }] } : {}),
      });
    }
  },
};
