import { fieldPath, str } from '../context';
import { invalidMessage, tooLongMessage } from '../fieldErrors';
import { isDomainPrefixedPath } from '../nameRules';
import { jobSpecRule, validationRule } from '../rule';

const MAX_MANAGED_BY = 63;

/**
 * managedBy is a domain-prefixed path of at most 63 characters.
 * (pkg/apis/batch/validation validateJobSpec; apimachinery IsDomainPrefixedPath)
 */
export const managedByRule = jobSpecRule(
  validationRule({
    id: 'managed-by',
    title: 'managedBy',
    description:
      'managedBy must be a domain-prefixed path such as acme.io/foo (kubernetes.io/job-controller is the built-in controller), ' +
      'at most 63 characters.',
    docsUrl:
      'https://kubernetes.io/docs/concepts/workloads/controllers/job/#delegation-of-managing-a-job-object-to-external-controller',
  }),
  (view, ctx) => {
    const value = str(view.spec['managedBy']);
    if (value === undefined) return;
    const path = [...view.path, 'managedBy'];
    if (value.length > MAX_MANAGED_BY) {
      ctx.report({ rule: 'managed-by', path, message: tooLongMessage(fieldPath(path), MAX_MANAGED_BY) });
    }
    for (const detail of isDomainPrefixedPath(value)) {
      ctx.report({ rule: 'managed-by', path, message: invalidMessage(fieldPath(path), value, detail) });
    }
  },
);
