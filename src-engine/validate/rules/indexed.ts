import { fieldPath, int } from '../context';
import { invalidMessage, requiredMessage } from '../fieldErrors';
import type { RuleDefinition } from '../rule';

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES = 100000;
const MAX_COMPLETIONS_PER_INDEX_UNBOUNDED = 100000;
const MAX_PARALLELISM_PER_INDEX_HIGH = 10000;
const MAX_FAILED_INDEXES_HIGH = 10000;

/** Indexed-mode limits and the per-index retry fields (pkg/apis/batch/validation validateJobSpec's Indexed block). */
export const indexedRules: RuleDefinition = {
  rules: [
    {
      id: 'indexed',
      defaultSeverity: 'error',
      category: 'validation',
      title: 'Indexed completion mode',
      description: 'An Indexed Job needs completions (after defaulting) and parallelism at most 100000.',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#completion-mode',
    },
    {
      id: 'per-index',
      defaultSeverity: 'error',
      category: 'validation',
      title: 'backoffLimitPerIndex and maxFailedIndexes',
      description: 'Per-index retry limits need Indexed mode; maxFailedIndexes needs backoffLimitPerIndex and at most completions; above 100000 completions maxFailedIndexes is required and limits tighten.',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#backoff-limit-per-index',
    },
  ],
  check(ctx) {
    for (const view of ctx.jobSpecs) {
      const at = (name: string): (string | number)[] => [...view.path, name];
      const spec = view.spec;
      const mode = spec['completionMode'];
      const perIndex = int(spec['backoffLimitPerIndex']);
      const hasPerIndex = spec['backoffLimitPerIndex'] !== undefined && spec['backoffLimitPerIndex'] !== null;
      const maxFailed = int(spec['maxFailedIndexes']);
      const hasMaxFailed = spec['maxFailedIndexes'] !== undefined && spec['maxFailedIndexes'] !== null;
      const { completions, parallelism } = view;
      if (mode === 'Indexed') {
        if (completions === undefined) {
          ctx.report({ rule: 'indexed', path: at('completions'), at: 'key', message: requiredMessage(fieldPath(at('completions')), 'when completion mode is Indexed') });
        }
        if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
          ctx.report({ rule: 'indexed', path: at('parallelism'), message: invalidMessage(fieldPath(at('parallelism')), parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`) });
        }
        if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
          ctx.report({ rule: 'per-index', path: at('maxFailedIndexes'), message: invalidMessage(fieldPath(at('maxFailedIndexes')), maxFailed, 'must be less than or equal to completions') });
        }
        if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) {
          ctx.report({ rule: 'per-index', path: at('maxFailedIndexes'), message: invalidMessage(fieldPath(at('maxFailedIndexes')), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES}`) });
        }
        if (completions !== undefined && completions > MAX_COMPLETIONS_PER_INDEX_UNBOUNDED && hasPerIndex) {
          const tail = `when completions are above ${MAX_COMPLETIONS_PER_INDEX_UNBOUNDED} and used with backoff limit per index`;
          if (!hasMaxFailed) {
            ctx.report({ rule: 'per-index', path: at('maxFailedIndexes'), at: 'key', message: requiredMessage(fieldPath(at('maxFailedIndexes')), `must be specified when completions is above ${MAX_COMPLETIONS_PER_INDEX_UNBOUNDED}`) });
          }
          if (parallelism !== undefined && parallelism > MAX_PARALLELISM_PER_INDEX_HIGH) {
            ctx.report({ rule: 'per-index', path: at('parallelism'), message: invalidMessage(fieldPath(at('parallelism')), parallelism, `must be less than or equal to ${MAX_PARALLELISM_PER_INDEX_HIGH} ${tail}`) });
          }
          if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_HIGH) {
            ctx.report({ rule: 'per-index', path: at('maxFailedIndexes'), message: invalidMessage(fieldPath(at('maxFailedIndexes')), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH} ${tail}`) });
          }
        }
      }
      if (mode === undefined || mode === null || mode === 'NonIndexed') {
        if (hasPerIndex) {
          ctx.report({ rule: 'per-index', path: at('backoffLimitPerIndex'), message: invalidMessage(fieldPath(at('backoffLimitPerIndex')), perIndex ?? spec['backoffLimitPerIndex'], 'requires indexed completion mode') });
        }
        if (hasMaxFailed) {
          ctx.report({ rule: 'per-index', path: at('maxFailedIndexes'), message: invalidMessage(fieldPath(at('maxFailedIndexes')), maxFailed ?? spec['maxFailedIndexes'], 'requires indexed completion mode') });
        }
      }
      if (!hasPerIndex && hasMaxFailed) {
        ctx.report({ rule: 'per-index', path: at('backoffLimitPerIndex'), locate: at('maxFailedIndexes'), at: 'key', message: requiredMessage(fieldPath(at('backoffLimitPerIndex')), 'when maxFailedIndexes is specified') });
      }
    }
  },
};
