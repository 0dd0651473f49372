import { enumValues } from '../../schema/query';
import { quickFix, replaceValue } from '../edits';
import { unsupportedMessage } from '../fieldErrors';
import { CRON_DOCS, cronJobStringRule, validationRule } from '../rule';

const POLICIES = enumValues('CronJobSpec', 'concurrencyPolicy');

/**
 * concurrencyPolicy: Allow, Forbid or Replace, case-sensitive; empty is defaulted to Allow.
 * (pkg/apis/batch/validation validateConcurrencyPolicy)
 */
export const concurrencyPolicyRule = cronJobStringRule(
  validationRule({
    id: 'concurrency-policy',
    title: 'concurrencyPolicy value',
    description: 'concurrencyPolicy must be Allow, Forbid or Replace (case-sensitive).',
    docsUrl: `${CRON_DOCS}#concurrency-policy`,
  }),
  'concurrencyPolicy',
  (value, ctx) => {
    if (value === '' || POLICIES.includes(value)) return;
    const cased =
      POLICIES.find((p) => p.toLowerCase() === value.toLowerCase()) ?? (value.toLowerCase() === 'skip' ? 'Forbid' : undefined);
    ctx.report({
      rule: 'concurrency-policy',
      path: ['spec', 'concurrencyPolicy'],
      message: unsupportedMessage('spec.concurrencyPolicy', value, POLICIES),
      ...(cased
        ? quickFix(`Use ${cased}`, replaceValue(ctx.doc, ['spec', 'concurrencyPolicy'], cased), { preferred: true })
        : {}),
    });
  },
);
