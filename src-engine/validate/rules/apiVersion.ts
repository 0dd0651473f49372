import { replaceValue } from '../edits';
import { invalidMessage } from '../fieldErrors';
import type { RuleDefinition } from '../rule';

/** batch/v1beta1 CronJob was removed in Kubernetes 1.25; the server answers "no matches for kind". */
export const apiVersionRule: RuleDefinition = {
  rules: [{
    id: 'api-version',
    defaultSeverity: 'error',
    category: 'validation',
    title: 'Removed API version',
    description: 'batch/v1beta1 CronJob was removed in Kubernetes 1.25; use batch/v1.',
    docsUrl: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#cronjob-v125',
  }],
  check(ctx) {
    if (ctx.kind !== 'CronJob' || ctx.root['apiVersion'] !== 'batch/v1beta1') return;
    const edit = replaceValue(ctx.doc, ['apiVersion'], 'batch/v1');
    ctx.report({
      rule: 'api-version',
      path: ['apiVersion'],
      message: invalidMessage('apiVersion', 'batch/v1beta1', 'CronJob in batch/v1beta1 was removed in Kubernetes 1.25, use batch/v1'),
      ...(edit ? { fixes: [{ title: 'Use apiVersion batch/v1', edits: [edit], isPreferred: true }] } : {}),
    });
  },
};
