import { fieldPath, int, listOrEmpty, obj } from '../context';
import { invalidMessage, requiredMessage, tooLongMessage, tooManyMessage } from '../fieldErrors';
import { validateIndexesFormat } from '../indexIntervals';
import { jobSpecRule, validationRule } from '../rule';

const MAX_RULES = 20;
const MAX_INDEXES_TEXT = 64 * 1024;
const RULE = 'success-policy';

/** spec.successPolicy rules (pkg/apis/batch/validation: validateSuccessPolicy, validateSuccessPolicyRule). */
export const successPolicyRule = jobSpecRule(
  validationRule({
    id: RULE,
    title: 'successPolicy',
    description:
      'Only for Indexed Jobs; 1 to 20 rules, each with succeededIndexes (increasing intervals below completions) and/or succeededCount (at most completions).',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#success-policy',
  }),
  (view, ctx) => {
    const raw = view.spec['successPolicy'];
    const policy = obj(raw);
    if (!policy) return;
    const policyPath = [...view.path, 'successPolicy'];
    if (!view.indexed) {
      ctx.report({
        rule: RULE,
        path: policyPath,
        at: 'key',
        message: invalidMessage(fieldPath(policyPath), policy, 'requires indexed completion mode'),
      });
      return;
    }
    const rulesPath = [...policyPath, 'rules'];
    const rules = listOrEmpty(policy['rules']);
    if (!rules) return;
    if (rules.length === 0) {
      ctx.report({
        rule: RULE,
        path: rulesPath,
        at: 'key',
        locate: policy['rules'] === undefined ? policyPath : rulesPath,
        message: requiredMessage(
          fieldPath(rulesPath),
          'at least one rules must be specified when the successPolicy is specified',
        ),
      });
      return;
    }
    if (rules.length > MAX_RULES) {
      ctx.report({ rule: RULE, path: rulesPath, message: tooManyMessage(fieldPath(rulesPath), rules.length, MAX_RULES) });
    }
    const totalIndexes = int(view.spec['completions']) ?? 0;
    rules.forEach((item, i) => {
      const rule = obj(item);
      if (!rule) return;
      const rulePath = [...rulesPath, i];
      const indexes = rule['succeededIndexes'];
      const count = rule['succeededCount'];
      const hasIndexes = indexes !== undefined && indexes !== null;
      const hasCount = count !== undefined && count !== null;
      if (!hasIndexes && !hasCount) {
        ctx.report({
          rule: RULE,
          path: rulePath,
          at: 'key',
          message: requiredMessage(fieldPath(rulePath), 'at least one of succeededCount or succeededIndexes must be specified'),
        });
      }
      // validateIndexesFormat gives 0 indexes for a list it cannot parse.
      let listed = 0;
      if (typeof indexes === 'string') {
        const indexesPath = [...rulePath, 'succeededIndexes'];
        if (indexes.length > MAX_INDEXES_TEXT) {
          ctx.report({ rule: RULE, path: indexesPath, message: tooLongMessage(fieldPath(indexesPath), MAX_INDEXES_TEXT) });
        }
        const parsed = validateIndexesFormat(indexes, totalIndexes);
        if (parsed.ok) listed = parsed.total;
        else {
          ctx.report({
            rule: RULE,
            path: indexesPath,
            message: invalidMessage(fieldPath(indexesPath), indexes, `error parsing succeededIndexes: ${parsed.error}`),
          });
        }
      }
      const n = int(count);
      if (n !== undefined) {
        const countPath = [...rulePath, 'succeededCount'];
        if (n < 0) {
          ctx.report({
            rule: RULE,
            path: countPath,
            message: invalidMessage(fieldPath(countPath), n, 'must be greater than or equal to 0'),
          });
        }
        if (n > totalIndexes) {
          ctx.report({
            rule: RULE,
            path: countPath,
            message: invalidMessage(
              fieldPath(countPath),
              n,
              `must be less than or equal to ${totalIndexes} (the number of specified completions)`,
            ),
          });
        }
        if (hasIndexes && n > listed) {
          ctx.report({
            rule: RULE,
            path: countPath,
            message: invalidMessage(
              fieldPath(countPath),
              n,
              `must be less than or equal to ${listed} (the number of indexes in the specified succeededIndexes field)`,
            ),
          });
        }
      }
    });
  },
);
