import { fieldPath, str } from '../context';
import { quickFix, replaceValue } from '../edits';
import { unsupportedMessage } from '../fieldErrors';
import { jobSpecRule, validationRule } from '../rule';

/**
 * podReplacementPolicy: Failed or TerminatingOrFailed; only Failed with a podFailurePolicy.
 * (pkg/apis/batch/validation validatePodReplacementPolicy)
 */
export const podReplacementPolicyRule = jobSpecRule(
  validationRule({
    id: 'pod-replacement-policy',
    title: 'podReplacementPolicy',
    description: 'podReplacementPolicy must be Failed or TerminatingOrFailed; with a podFailurePolicy only Failed.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#delayed-creation-of-replacement-pods',
  }),
  (view, ctx) => {
    const value = str(view.spec['podReplacementPolicy']);
    if (value === undefined) return;
    const withPolicy = view.spec['podFailurePolicy'] !== undefined && view.spec['podFailurePolicy'] !== null;
    const supported = withPolicy ? ['Failed'] : ['Failed', 'TerminatingOrFailed'];
    if (supported.includes(value)) return;
    const path = [...view.path, 'podReplacementPolicy'];
    ctx.report({
      rule: 'pod-replacement-policy',
      path,
      message: unsupportedMessage(fieldPath(path), value, supported),
      ...quickFix('Use Failed', replaceValue(ctx.doc, path, 'Failed'), { preferred: true }),
    });
  },
);
