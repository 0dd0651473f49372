import { JOB_COMPLETION_INDEX_ANNOTATION } from '../../../controllers/types';
import { fieldPath, list, obj, str } from '../../context';
import { JOB_DOCS, practiceRule } from '../../rule';
import { podContainerRule } from './containers';

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
export const completionIndexPracticeRules = podContainerRule(
  practiceRule('warning', {
    id: 'completion-index-not-indexed',
    title: 'Completion index read in a NonIndexed Job',
    description: `Pods get the ${INDEX_KEY} annotation and label, and JOB_COMPLETION_INDEX, only when completionMode is Indexed; elsewhere the value is empty.`,
    docsUrl: `${JOB_DOCS}#completion-mode`,
  }),
  ({ container, path, job }, ctx) => {
    if (job.indexed) return;
    (list(container['env']) ?? []).forEach((envItem, j) => {
      const fieldRefPath = str(obj(obj(obj(envItem)?.['valueFrom'])?.['fieldRef'])?.['fieldPath']);
      if (fieldRefPath === undefined || !fieldRefPath.includes(INDEX_KEY)) return;
      const at = [...path, 'env', j, 'valueFrom', 'fieldRef', 'fieldPath'];
      const mode = str(job.spec['completionMode']) ?? 'NonIndexed (the default)';
      ctx.report({
        rule: 'completion-index-not-indexed',
        path: at,
        message:
          `${fieldPath(at)}: the completion index is set only on pods of an Indexed Job; with completionMode ${mode} this ` +
          `variable is always empty. Set ${fieldPath(job.path, ['completionMode'])}: Indexed (it needs completions)`,
      });
    });
  },
);
