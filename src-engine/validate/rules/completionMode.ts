import { fieldPath } from '../context';
import { replaceValue } from '../edits';
import { unsupportedMessage } from '../fieldErrors';
import type { RuleDefinition } from '../rule';

const MODES = ['NonIndexed', 'Indexed'] as const;

/** completionMode is NonIndexed or Indexed, case-sensitive. (pkg/apis/batch/validation validateJobSpec) */
export const completionModeRule: RuleDefinition = {
  rules: [{
    id: 'completion-mode',
    defaultSeverity: 'error',
    category: 'validation',
    title: 'completionMode value',
    description: 'completionMode must be NonIndexed or Indexed (case-sensitive).',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#completion-mode',
  }],
  check(ctx) {
    for (const view of ctx.jobSpecs) {
      const value = view.spec['completionMode'];
      if (typeof value !== 'string' || (MODES as readonly string[]).includes(value)) continue;
      const path = [...view.path, 'completionMode'];
      const cased = MODES.find((m) => m.toLowerCase() === value.toLowerCase().replace(/[-_ ]/g, ''));
      const edit = cased ? replaceValue(ctx.doc, path, cased) : undefined;
      ctx.report({
        rule: 'completion-mode',
        path,
        message: unsupportedMessage(fieldPath(path), value, MODES),
        ...(edit && cased ? { fixes: [{ title: `Use ${cased}`, edits: [edit], isPreferred: true }] } : {}),
      });
    }
  },
};
