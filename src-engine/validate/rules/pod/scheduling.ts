import { enumValues } from '../../../schema/query';
import { atLeast } from '../../../schema/kubernetesVersion';
import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { duplicate, forbidden, invalid, notSupported, required } from '../../fieldErrorList';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue } from '../../nameRules';
import {
  validateLabelName,
  validateLabelSelector,
  validateLabels,
  validateNodeSelector,
  validateNodeSelectorTerm,
} from '../../selectors';
import { num, podTemplateRule, present, text } from './podTemplates';
import type { PodTemplateView } from './podTemplates';
import { objectItems } from '../../objectItems';

const RULE = 'scheduling';
/** validateTaintEffect and ValidateTolerations list these in code order. */
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const WHEN_UNSATISFIABLE = [...enumValues('TopologySpreadConstraint', 'whenUnsatisfiable')].sort();
const INCLUSION_POLICIES = [...enumValues('TopologySpreadConstraint', 'nodeAffinityPolicy')].sort();
const WEIGHT_RANGE = 'must be in the range 1-100';

/**
 * Where the pod may run: validateAffinity (node, pod and anti-affinity), ValidateTolerations,
 * the nodeSelector's labels, validateTopologySpreadConstraints and validateSchedulingGates
 * (pkg/apis/core/validation/validation.go), with the target version's gates
 * (TaintTolerationComparisonOperators, MatchLabelKeysInPodTopologySpreadSelectorMerge) and rules.
 */
export const schedulingRule = podTemplateRule(
  {
    id: RULE,
    title: 'Scheduling: affinity, tolerations, spread',
    description:
      'Selector operators In, NotIn, Exists, DoesNotExist (and Gt, Lt for nodes) with values where required; ' +
      'weights 1–100; ' +
      'toleration operators Equal or Exists and effects NoSchedule, PreferNoSchedule, NoExecute; valid label keys in ' +
      'nodeSelector, topology keys and scheduling gates; topology spread maxSkew above zero and unique.',
    docsUrl: 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/',
  },
  (view) => {
    const errors = validateLabels(obj(view.spec['nodeSelector']), view.path.child('nodeSelector'));
    // One spread per push: this runs for every document, mostly before it is optimised.
    errors.push(...validateAffinity(view));
    errors.push(...validateTolerations(view));
    errors.push(...validateTopologySpread(view));
    errors.push(...validateSchedulingGates(view));
    return errors;
  },
);

const nodeName = (name: string): string[] => isDns1123Subdomain(name);

function validateAffinity(view: PodTemplateView): FieldErrors {
  const affinity = obj(view.spec['affinity']);
  if (!affinity) return [];
  const path = view.path.child('affinity');
  const errors: FieldErrors = [];
  const node = obj(affinity['nodeAffinity']);
  if (node) {
    const at = path.child('nodeAffinity');
    const requiredTerms = obj(node['requiredDuringSchedulingIgnoredDuringExecution']);
    if (requiredTerms) {
      // 1.32's validateNodeAffinity passes allowInvalidLabelValue=true for required terms; from 1.33
      // opts.AllowInvalidLabelValueInRequiredNodeAffinity is false on create.
      const lenient = !atLeast(view.gates.version, '1.33');
      const at2 = at.child('requiredDuringSchedulingIgnoredDuringExecution');
      errors.push(...validateNodeSelector(requiredTerms, at2, nodeName, lenient));
    }
    forEachPreferredTerm(node, at, errors, (term, termPath) => {
      // Preferred terms may carry invalid label values (they can still match one node).
      errors.push(...validateNodeSelectorTerm(term['preference'], termPath.child('preference'), true, nodeName));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pod = obj(affinity[kind]);
    if (!pod) continue;
    const at = path.child(kind);
    (list(pod['requiredDuringSchedulingIgnoredDuringExecution']) ?? []).forEach((term, i) => {
      errors.push(
        ...validatePodAffinityTerm(obj(term) ?? {}, at.child('requiredDuringSchedulingIgnoredDuringExecution').index(i)),
      );
    });
    forEachPreferredTerm(pod, at, errors, (weighted, termPath) => {
      errors.push(...validatePodAffinityTerm(obj(weighted['podAffinityTerm']) ?? {}, termPath.child('podAffinityTerm')));
    });
  }
  return errors;
}

/** validatePodAffinityTerm (namespaces' errors name `namespace`, singular, as Kubernetes does). */
function validatePodAffinityTerm(term: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors = [
    ...validateLabelSelector(term['labelSelector'], path.child('labelSelector')),
    ...validateLabelSelector(term['namespaceSelector'], path.child('namespaceSelector')),
  ];
  (list(term['namespaces']) ?? []).forEach((name, i) => {
    for (const d of isDns1123Label(text(name))) {
      errors.push(invalid(path.child('namespaces').index(i).printedAs(`${path.text}.namespace`), text(name), d));
    }
  });
  errors.push(
    ...validateMatchLabelKeys(
      path,
      list(term['matchLabelKeys']) ?? [],
      list(term['mismatchLabelKeys']) ?? [],
      term['labelSelector'],
    ),
  );
  const key = text(term['topologyKey']);
  if (key === '') errors.push(required(path.child('topologyKey'), 'can not be empty'));
  return [...errors, ...validateLabelName(key, path.child('topologyKey'))];
}

/**
 * ValidateMatchLabelKeysInTopologySpread: the topology-spread check before (and without) the
 * MatchLabelKeysInPodTopologySpreadSelectorMerge gate (1.32, 1.33): keys need a labelSelector
 * and may not repeat one of its keys.
 */
function validateMatchLabelKeysLegacy(path: ApiPath, keys: readonly unknown[], selector: unknown): FieldErrors {
  if (keys.length === 0) return [];
  const sel = obj(selector);
  const errors: FieldErrors = [];
  const selectorKeys = new Set(Object.keys(obj(sel?.['matchLabels']) ?? {}));
  for (const expr of list(sel?.['matchExpressions']) ?? []) selectorKeys.add(text(obj(expr)?.['key']));
  if (!sel) errors.push(forbidden(path, 'must not be specified when labelSelector is not set'));
  keys.forEach((key, i) => {
    errors.push(...validateLabelName(text(key), path.index(i)));
    if (selectorKeys.has(text(key))) {
      errors.push(invalid(path.index(i), text(key), 'exists in both matchLabelKeys and labelSelector'));
    }
  });
  return errors;
}

/** ValidateMatchLabelKeysAndMismatchLabelKeys. */
function validateMatchLabelKeys(
  path: ApiPath,
  matchKeys: readonly unknown[],
  mismatchKeys: readonly unknown[],
  selector: unknown,
): FieldErrors {
  const errors: FieldErrors = [];
  const sel = obj(selector);
  for (const [field, keys] of [
    ['matchLabelKeys', matchKeys],
    ['mismatchLabelKeys', mismatchKeys],
  ] as const) {
    if (keys.length === 0) continue;
    if (!sel) errors.push(forbidden(path.child(field), 'must not be specified when labelSelector is not set'));
    else keys.forEach((key, i) => errors.push(...validateLabelName(text(key), path.child(field).index(i))));
  }
  if (sel) {
    const index = new Map(matchKeys.map((k, i) => [text(k), i]));
    const selectorKeys = new Set(Object.keys(obj(sel['matchLabels']) ?? {}));
    for (const expr of list(sel['matchExpressions']) ?? []) {
      const key = text(obj(expr)?.['key']);
      const i = index.get(key);
      if (i !== undefined && selectorKeys.has(key)) {
        errors.push(
          invalid(
            path.child('matchLabelKeys').index(i).printedAs(`${path.text}[${i}]`),
            key,
            'exists in both matchLabelKeys and labelSelector',
          ),
        );
      }
      selectorKeys.add(key);
    }
  }
  const mismatch = new Set(mismatchKeys.map(text));
  matchKeys.forEach((key, i) => {
    if (mismatch.has(text(key))) {
      errors.push(
        invalid(path.child('matchLabelKeys').index(i), text(key), 'exists in both matchLabelKeys and mismatchLabelKeys'),
      );
    }
  });
  return errors;
}

/** ValidateTolerations (Lt and Gt need TaintTolerationComparisonOperators). */
function validateTolerations(view: PodTemplateView): FieldErrors {
  const errors: FieldErrors = [];
  const comparisons = view.gates.enabled('TaintTolerationComparisonOperators');
  objectItems(view.spec['tolerations'], view.path.child('tolerations')).forEach(({ item: t, path: at }) => {
    const key = text(t['key']);
    const operator = text(t['operator']);
    const value = text(t['value']);
    const effect = text(t['effect']);
    if (key !== '') errors.push(...validateLabelName(key, at.child('key')));
    if (key === '' && operator !== 'Exists') {
      errors.push(
        invalid(
          at.child('operator'),
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (present(t['tolerationSeconds']) && effect !== 'NoExecute') {
      errors.push(invalid(at.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      const problems = isValidLabelValue(value);
      if (problems.length > 0) errors.push(invalid(at.child('operator'), value, problems.join(';')));
    } else if (operator === 'Exists') {
      if (value !== '') errors.push(invalid(at.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else if ((operator === 'Lt' || operator === 'Gt') && comparisons) {
      if (!/^-?(0|[1-9][0-9]*)$/.test(value) || !Number.isSafeInteger(Number(value))) {
        errors.push(invalid(at.child('value'), value, 'must be a decimal integer'));
      }
    } else {
      // From 1.35 Lt and Gt have their own branch, which names all four operators.
      const comparison = (operator === 'Lt' || operator === 'Gt') && atLeast(view.gates.version, '1.35');
      const named = comparison ? ['Equal', 'Exists', 'Lt', 'Gt'] : ['Equal', 'Exists'];
      errors.push(notSupported(at.child('operator'), operator, named));
    }
    if (effect !== '' && !TAINT_EFFECTS.includes(effect)) errors.push(notSupported(at.child('effect'), effect, TAINT_EFFECTS));
  });
  return errors;
}

/** validateTopologySpreadConstraints. */
function validateTopologySpread(view: PodTemplateView): FieldErrors {
  if (!list(view.spec['topologySpreadConstraints'])) return [];
  const errors: FieldErrors = [];
  const constraints = (list(view.spec['topologySpreadConstraints']) ?? []).map((c) => obj(c) ?? {});
  constraints.forEach((c, i) => {
    const at = view.path.child('topologySpreadConstraints').index(i);
    const skew = num(c['maxSkew']);
    if (skew <= 0) errors.push(invalid(at.child('maxSkew'), skew, 'must be greater than zero'));
    const key = text(c['topologyKey']);
    const when = text(c['whenUnsatisfiable']);
    if (key === '') errors.push(required(at.child('topologyKey'), 'can not be empty'));
    if (!WHEN_UNSATISFIABLE.includes(when)) errors.push(notSupported(at.child('whenUnsatisfiable'), when, WHEN_UNSATISFIABLE));
    if (constraints.slice(i + 1).some((o) => text(o['topologyKey']) === key && text(o['whenUnsatisfiable']) === when)) {
      errors.push(duplicate(at.printedAs(`${at.text}.{topologyKey, whenUnsatisfiable}`), `{${key}, ${when}}`));
    }
    if (present(c['minDomains'])) {
      const minDomains = num(c['minDomains']);
      if (minDomains <= 0) errors.push(invalid(at.child('minDomains'), minDomains, 'must be greater than zero'));
      if (when !== 'DoNotSchedule') {
        errors.push(
          invalid(at.child('minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when}`),
        );
      }
    }
    for (const field of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (present(c[field]) && !INCLUSION_POLICIES.includes(text(c[field]))) {
        errors.push(notSupported(at.child(field), c[field], INCLUSION_POLICIES));
      }
    }
    const keys = list(c['matchLabelKeys']) ?? [];
    errors.push(
      ...(view.gates.enabled('MatchLabelKeysInPodTopologySpreadSelectorMerge')
        ? validateMatchLabelKeys(at, keys, [], c['labelSelector'])
        : validateMatchLabelKeysLegacy(at.child('matchLabelKeys'), keys, c['labelSelector'])),
    );
    errors.push(...validateLabelSelector(c['labelSelector'], at.child('labelSelector')));
  });
  return errors;
}

/** validateSchedulingGates: qualified names, each once. */
function validateSchedulingGates(view: PodTemplateView): FieldErrors {
  const gates = list(view.spec['schedulingGates']);
  if (!gates) return [];
  const errors: FieldErrors = [];
  const seen = new Set<string>();
  gates.forEach((gate, i) => {
    const name = text(obj(gate)?.['name']);
    const at = view.path.child('schedulingGates').index(i);
    for (const d of isQualifiedName(name)) errors.push(invalid(at, name, d));
    if (seen.has(name)) errors.push(duplicate(at, name));
    seen.add(name);
  });
  return errors;
}

/**
 * forEachPreferredTerm visits the `preferredDuringSchedulingIgnoredDuringExecution` terms of a
 * node, pod or pod anti-affinity after checking each term's weight (1–100), as
 * ValidatePreferredSchedulingTerms and validateWeightedPodAffinityTerms both do.
 */
function forEachPreferredTerm(
  affinity: Record<string, unknown>,
  at: ApiPath,
  errors: FieldErrors,
  visit: (term: Record<string, unknown>, termPath: ApiPath) => void,
): void {
  const key = 'preferredDuringSchedulingIgnoredDuringExecution';
  for (const { item: term, path: termPath } of objectItems(affinity[key], at.child(key))) {
    const weight = num(term['weight']);
    if (weight <= 0 || weight > 100) errors.push(invalid(termPath.child('weight'), weight, WEIGHT_RANGE));
    visit(term, termPath);
  }
}
