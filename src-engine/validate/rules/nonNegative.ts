import { fieldPath, int } from '../context';
import { invalidMessage } from '../fieldErrors';
import type { RuleDefinition } from '../rule';
import { validationRule } from '../rule';

const JOB_FIELDS = [
  'parallelism',
  'completions',
  'activeDeadlineSeconds',
  'backoffLimit',
  'ttlSecondsAfterFinished',
  'backoffLimitPerIndex',
  'maxFailedIndexes',
] as const;
const CRONJOB_FIELDS = ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const;

/**
 * Counts and durations must be ≥ 0 (0 is legal for all of them).
 * (pkg/apis/batch/validation validateJobSpec, validateCronJobSpec)
 */
export const nonNegativeRule: RuleDefinition = {
  rules: [
    validationRule({
      id: 'non-negative',
      title: 'Negative count or duration',
      description:
        'parallelism, completions, activeDeadlineSeconds, backoffLimit, ttlSecondsAfterFinished, backoffLimitPerIndex, maxFailedIndexes, startingDeadlineSeconds and the history limits must be greater than or equal to 0.',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#writing-a-job-spec',
    }),
  ],
  check(ctx) {
    for (const view of ctx.jobSpecs) {
      for (let i = 0; i < JOB_FIELDS.length; i++) {
        const name = JOB_FIELDS[i] as (typeof JOB_FIELDS)[number];
        const value = view.spec[name];
        if (typeof value === 'number' && value < 0 && int(value) !== undefined) {
          const path = [...view.path, name];
          ctx.report({
            rule: 'non-negative',
            path,
            message: invalidMessage(fieldPath(path), value, 'must be greater than or equal to 0'),
          });
        }
      }
    }
    const spec = ctx.spec;
    if (ctx.kind !== 'CronJob' || !spec) return;
    for (const name of CRONJOB_FIELDS) {
      const value = spec[name];
      if (typeof value === 'number' && value < 0 && int(value) !== undefined) {
        ctx.report({
          rule: 'non-negative',
          path: ['spec', name],
          message: invalidMessage(`spec.${name}`, value, 'must be greater than or equal to 0'),
        });
      }
    }
  },
};
