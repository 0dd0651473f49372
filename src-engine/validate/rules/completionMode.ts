import { fieldPath, str } from '../context';
import { quickFix, replaceValue } from '../edits';
import { unsupportedMessage } from '../fieldErrors';
import { jobSpecRule, validationRule } from '../rule';

const MODES = ['NonIndexed', 'Indexed'] as const;

/** completionMode is NonIndexed or Indexed, case-sensitive. (pkg/apis/batch/validation validateJobSpec) */
export const completionModeRule = jobSpecRule(
  validationRule({
    id: 'completion-mode',
    title: 'completionMode value',
    description: 'completionMode must be NonIndexed or Indexed (case-sensitive).',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#completion-mode',
  }),
  (view, ctx) => {
    const value = str(view.spec['completionMode']);
    if (value === undefined || (MODES as readonly string[]).includes(value)) return;
    const path = [...view.path, 'completionMode'];
    const cased = MODES.find((m) => m.toLowerCase() === value.toLowerCase().replace(/[-_ ]/g, ''));
    ctx.report({
      rule: 'completion-mode',
      path,
      message: unsupportedMessage(fieldPath(path), value, MODES),
      ...(cased ? quickFix(`Use ${cased}`, replaceValue(ctx.doc, path, cased), { preferred: true }) : {}),
    });
  },
);
