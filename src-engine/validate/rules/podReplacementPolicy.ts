import { fieldPath } from '../context';
import { replaceValue } from '../edits';
import { unsupportedMessage } from '../fieldErrors';
import type { RuleDefinition } from '../rule';

/**
 * podReplacementPolicy: Failed or TerminatingOrFailed; only Failed with a podFailurePolicy.
 * (pkg/apis/batch/validation validatePodReplacementPolicy)
 */
export const podReplacementPolicyRule: RuleDefinition = {
  rules: [{
    id: 'pod-replacement-policy',
    defaultSeverity: 'error',
    category: 'validation',
    title: 'podReplacementPolicy',
    description: 'podReplacementPolicy must be Failed or TerminatingOrFailed; with a podFailurePolicy only Failed.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#delayed-creation-of-replacement-pods',
  }],
  check(ctx) {
    for (const view of ctx.jobSpecs) {
      const value = view.spec['podReplacementPolicy'];
      if (typeof value !== 'string') continue;
      const withPolicy = view.spec['podFailurePolicy'] !== undefined && view.spec['podFailurePolicy'] !== null;
      const supported = withPolicy ? ['Failed'] : ['Failed', 'TerminatingOrFailed'];
      if (supported.includes(value)) continue;
      const path = [...view.path, 'podReplacementPolicy'];
      const edit = replaceValue(ctx.doc, path, 'Failed');
      ctx.report({
        rule: 'pod-replacement-policy',
        path,
        message: unsupportedMessage(fieldPath(path), value, supported),
        ...(edit ? { fixes: [{ title: 'Use Failed', edits: [edit], isPreferred: true }] } : {}),
      });
    }
  },
};
