import type { PathSegment } from '../../../parse/fieldPath';
import { JOB_COMPLETION_INDEX_ANNOTATION } from '../../../controllers/types';
import { fieldPath, list, obj, str } from '../../context';
import type { RuleDefinition } from '../../rule';
import { JOB_DOCS } from '../../rule';

/**
 * The annotation and label the Job controller sets on Indexed pods only
 * (addCompletionIndexAnnotation, addCompletionIndexLabel in pkg/controller/job/indexed_job_utils.go).
 */
const INDEX_KEY = JOB_COMPLETION_INDEX_ANNOTATION;

/**
 * Reading the completion index (downward API fieldRef to its annotation or label, or the
 * JOB_COMPLETION_INDEX variable) in a Job that is not Indexed: the controller sets neither
 * on NonIndexed pods, so every pod sees an empty value and all shards do the same work.
 */
export const completionIndexPracticeRules: RuleDefinition = {
  rules: [
    {
      id: 'completion-index-not-indexed',
      defaultSeverity: 'warning',
      category: 'practice',
      title: 'Completion index read in a NonIndexed Job',
      description: `Pods get the ${INDEX_KEY} annotation and label, and JOB_COMPLETION_INDEX, only when completionMode is Indexed; elsewhere the value is empty.`,
      docsUrl: `${JOB_DOCS}#completion-mode`,
    },
  ],
  check(ctx) {
    for (const view of ctx.jobSpecs) {
      if (view.indexed) continue;
      const podSpecPath: PathSegment[] = [...view.path, 'template', 'spec'];
      for (const key of ['initContainers', 'containers'] as const) {
        (list(view.podSpec?.[key]) ?? []).forEach((item, i) => {
          (list(obj(item)?.['env']) ?? []).forEach((envItem, j) => {
            const fieldRefPath = str(obj(obj(obj(envItem)?.['valueFrom'])?.['fieldRef'])?.['fieldPath']);
            if (fieldRefPath === undefined || !fieldRefPath.includes(INDEX_KEY)) return;
            const base = [...podSpecPath, key, i, 'env', j, 'valueFrom', 'fieldRef', 'fieldPath'];
            ctx.report({
              rule: 'completion-index-not-indexed',
              path: base,
              message: `${fieldPath(base)}: the completion index is set only on pods of an Indexed Job; with completionMode ${str(view.spec['completionMode']) ?? 'NonIndexed (the default)'} this variable is always empty. Set ${fieldPath(view.path, ['completionMode'])}: Indexed (it needs completions)`,
            });
          });
        });
      }
    }
  },
};
