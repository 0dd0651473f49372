import { enumValues } from '../../schema/query';
import { replaceValue } from '../edits';
import { unsupportedMessage } from '../fieldErrors';
import type { RuleDefinition } from '../rule';
import { CRON_DOCS } from '../rule';

const POLICIES = enumValues('CronJobSpec', 'concurrencyPolicy');

/**
 * concurrencyPolicy: Allow, Forbid or Replace, case-sensitive; empty is defaulted to Allow.
 * (pkg/apis/batch/validation validateConcurrencyPolicy)
 */
export const concurrencyPolicyRule: RuleDefinition = {
  rules: [{
    id: 'concurrency-policy',
    defaultSeverity: 'error',
    category: 'validation',
    title: 'concurrencyPolicy value',
    description: 'concurrencyPolicy must be Allow, Forbid or Replace (case-sensitive).',
    docsUrl: `${CRON_DOCS}#concurrency-policy`,
  }],
  check(ctx) {
    if (ctx.kind !== 'CronJob') return;
    const value = ctx.spec?.['concurrencyPolicy'];
    if (typeof value !== 'string' || value === '' || POLICIES.includes(value)) return;
    const cased = POLICIES.find((p) => p.toLowerCase() === value.toLowerCase()) ?? (value.toLowerCase() === 'skip' ? 'Forbid' : undefined);
    const edit = cased ? replaceValue(ctx.doc, ['spec', 'concurrencyPolicy'], cased) : undefined;
    ctx.report({
      rule: 'concurrency-policy',
      path: ['spec', 'concurrencyPolicy'],
      message: unsupportedMessage('spec.concurrencyPolicy', value, POLICIES),
      ...(edit && cased ? { fixes: [{ title: `Use ${cased}`, edits: [edit], isPreferred: true }] } : {}),
    });
  },
};
