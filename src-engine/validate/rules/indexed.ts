import { ApiPath } from '../apiPath';
import { int } from '../context';
import type { JobSpecView } from '../context';
import { invalid, reportErrors, required } from '../fieldErrorList';
import type { FieldErrors } from '../fieldErrorList';
import { jobSpecRule, validationRule } from '../rule';

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES = 100000;
const MAX_COMPLETIONS_PER_INDEX_UNBOUNDED = 100000;
const MAX_PARALLELISM_PER_INDEX_HIGH = 10000;
const MAX_FAILED_INDEXES_HIGH = 10000;

/** Indexed-mode limits and the per-index retry fields (pkg/apis/batch/validation validateJobSpec's Indexed block). */
export const indexedRules = jobSpecRule(
  [
    validationRule({
      id: 'indexed',
      title: 'Indexed completion mode',
      description: 'An Indexed Job needs completions (after defaulting) and parallelism at most 100000.',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#completion-mode',
    }),
    validationRule({
      id: 'per-index',
      title: 'backoffLimitPerIndex and maxFailedIndexes',
      description:
        'Per-index retry limits need Indexed mode; maxFailedIndexes needs backoffLimitPerIndex and at most completions; above 100000 completions maxFailedIndexes is required and limits tighten.',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#backoff-limit-per-index',
    }),
  ],
  (view, ctx) => {
    const { indexed, perIndex } = validateIndexedJob(view);
    reportErrors(ctx, 'indexed', indexed);
    reportErrors(ctx, 'per-index', perIndex);
  },
);

/** validateJobSpec's checks of the completion mode and the per-index retry fields, as the two rules report them. */
function validateIndexedJob(view: JobSpecView): { readonly indexed: FieldErrors; readonly perIndex: FieldErrors } {
  const indexed: FieldErrors = [];
  const perIndex: FieldErrors = [];
  // view.path as the API prints it, known without formatting it for every document.
  const path = ApiPath.root(view.path, view.inCronJob ? 'spec.jobTemplate.spec' : 'spec');
  const spec = view.spec;
  const mode = spec['completionMode'];
  const perIndexLimit = int(spec['backoffLimitPerIndex']);
  const hasPerIndex = spec['backoffLimitPerIndex'] !== undefined && spec['backoffLimitPerIndex'] !== null;
  const maxFailed = int(spec['maxFailedIndexes']);
  const hasMaxFailed = spec['maxFailedIndexes'] !== undefined && spec['maxFailedIndexes'] !== null;
  const { completions, parallelism } = view;
  const atMost = (max: number, when = ''): string => `must be less than or equal to ${max}${when}`;
  if (mode === 'Indexed') {
    if (completions === undefined) indexed.push(required(path.child('completions'), 'when completion mode is Indexed'));
    if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
      indexed.push(
        invalid(path.child('parallelism'), parallelism, atMost(MAX_PARALLELISM_INDEXED, ' when completion mode is Indexed')),
      );
    }
    if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
      perIndex.push(invalid(path.child('maxFailedIndexes'), maxFailed, 'must be less than or equal to completions'));
    }
    if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) {
      perIndex.push(invalid(path.child('maxFailedIndexes'), maxFailed, atMost(MAX_FAILED_INDEXES)));
    }
    if (completions !== undefined && completions > MAX_COMPLETIONS_PER_INDEX_UNBOUNDED && hasPerIndex) {
      const when = ` when completions are above ${MAX_COMPLETIONS_PER_INDEX_UNBOUNDED} and used with backoff limit per index`;
      if (!hasMaxFailed) {
        perIndex.push(
          required(
            path.child('maxFailedIndexes'),
            `must be specified when completions is above ${MAX_COMPLETIONS_PER_INDEX_UNBOUNDED}`,
          ),
        );
      }
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_PER_INDEX_HIGH) {
        perIndex.push(invalid(path.child('parallelism'), parallelism, atMost(MAX_PARALLELISM_PER_INDEX_HIGH, when)));
      }
      if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_HIGH) {
        perIndex.push(invalid(path.child('maxFailedIndexes'), maxFailed, atMost(MAX_FAILED_INDEXES_HIGH, when)));
      }
    }
  }
  if (mode === undefined || mode === null || mode === 'NonIndexed') {
    if (hasPerIndex) {
      const value = perIndexLimit ?? spec['backoffLimitPerIndex'];
      perIndex.push(invalid(path.child('backoffLimitPerIndex'), value, 'requires indexed completion mode'));
    }
    if (hasMaxFailed) {
      perIndex.push(
        invalid(path.child('maxFailedIndexes'), maxFailed ?? spec['maxFailedIndexes'], 'requires indexed completion mode'),
      );
    }
  }
  if (!hasPerIndex && hasMaxFailed) {
    // Drawn at maxFailedIndexes, the field that needs it (the missing one has no place).
    const missing = path.child('maxFailedIndexes').printedAs(path.child('backoffLimitPerIndex').text);
    perIndex.push(required(missing, 'when maxFailedIndexes is specified'));
  }
  return { indexed, perIndex };
}
