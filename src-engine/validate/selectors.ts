import type { ApiPath } from './apiPath';
import { list, obj, str } from './context';
import type { FieldErrors } from './fieldErrorList';
import { forbidden, invalid, required } from './fieldErrorList';
import { isQualifiedName, isValidLabelValue } from './nameRules';
import { objectItems } from './objectItems';

/**
 * Label and node selectors: their validation (apimachinery meta/v1/validation
 * ValidateLabelSelector, ValidateLabels; core validation ValidateNodeSelector and what it
 * calls) and matching (metav1.LabelSelectorAsSelector). One home for the Job's selector, pod
 * (anti-)affinity, topology spread constraints and node affinity.
 */

/** ValidateLabelName: a label key is a qualified name. */
export function validateLabelName(key: string, path: ApiPath): FieldErrors {
  return isQualifiedName(key).map((detail) => invalid(path, key, detail));
}

/** ValidateLabels: every key a qualified name and every value a label value, reported on the map. */
export function validateLabels(labels: Record<string, unknown> | undefined, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  if (!labels) return errors;
  for (const key of Object.keys(labels)) {
    errors.push(...validateLabelName(key, path.key(key).printedAs(path.text)));
    const value = labels[key];
    if (typeof value === 'string') {
      for (const detail of isValidLabelValue(value)) errors.push(invalid(path.key(key).printedAs(path.text), value, detail));
    }
  }
  return errors;
}

/** ValidateLabelSelector (create options: no unknown operators, label values checked). */
export function validateLabelSelector(selector: unknown, path: ApiPath, allowInvalidLabelValue = false): FieldErrors {
  const sel = obj(selector);
  if (!sel) return [];
  const errors = validateLabels(obj(sel['matchLabels']), path.child('matchLabels'));
  objectItems(sel['matchExpressions'], path.child('matchExpressions')).forEach(({ item: expr, path: at }) => {
    const values = list(expr['values']) ?? [];
    errors.push(...operatorErrors(expr['operator'], values.length, at, false));
    errors.push(...validateLabelName(str(expr['key']) ?? '', at.child('key')));
    if (!allowInvalidLabelValue) values.forEach((value, j) => checkLabelValue(value, at.child('values').index(j), errors));
  });
  return errors;
}

/**
 * The operator rules shared by ValidateLabelSelectorRequirement and
 * ValidateNodeSelectorRequirement: In/NotIn need values, Exists/DoesNotExist have none, and
 * (nodes only) Gt/Lt have exactly one.
 */
function operatorErrors(operator: unknown, count: number, path: ApiPath, node: boolean): FieldErrors {
  switch (operator) {
    case 'In':
    case 'NotIn':
      return count === 0 ? [required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'")] : [];
    case 'Exists':
    case 'DoesNotExist':
      return count > 0
        ? [forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")]
        : [];
    case 'Gt':
    case 'Lt':
      if (node) {
        return count !== 1
          ? [required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'")]
          : [];
      }
      break;
  }
  return [invalid(path.child('operator'), operator ?? '', 'not a valid selector operator')];
}

function checkLabelValue(value: unknown, path: ApiPath, errors: FieldErrors): void {
  if (typeof value === 'string') for (const detail of isValidLabelValue(value)) errors.push(invalid(path, value, detail));
}

/** ValidateNodeSelectorRequirement: In/NotIn need values, Exists/DoesNotExist none, Gt/Lt one. */
function validateNodeSelectorRequirement(requirement: unknown, path: ApiPath, allowInvalidLabelValue: boolean): FieldErrors {
  const rq = obj(requirement) ?? {};
  const values = list(rq['values']) ?? [];
  const errors = operatorErrors(rq['operator'], values.length, path, true);
  errors.push(...validateLabelName(str(rq['key']) ?? '', path.child('key')));
  if (!allowInvalidLabelValue) values.forEach((value, j) => checkLabelValue(value, path.child('values').index(j), errors));
  return errors;
}

/** ValidateNodeFieldSelectorRequirement: only metadata.name, with In/NotIn and one node name. */
function validateNodeFieldSelectorRequirement(
  requirement: unknown,
  path: ApiPath,
  nodeName: (name: string) => string[],
): FieldErrors {
  const rq = obj(requirement) ?? {};
  const values = list(rq['values']) ?? [];
  const errors: FieldErrors = [];
  if (rq['operator'] === 'In' || rq['operator'] === 'NotIn') {
    if (values.length !== 1) {
      errors.push(
        required(path.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"),
      );
    }
  } else {
    errors.push(invalid(path.child('operator'), rq['operator'] ?? '', 'not a valid selector operator'));
  }
  if (rq['key'] !== 'metadata.name') {
    errors.push(invalid(path.child('key'), rq['key'] ?? '', 'not a valid field selector key'));
  } else {
    values.forEach((value, i) => {
      if (typeof value === 'string') {
        for (const detail of nodeName(value)) errors.push(invalid(path.child('values').index(i), value, detail));
      }
    });
  }
  return errors;
}

/** ValidateNodeSelectorTerm. */
export function validateNodeSelectorTerm(
  term: unknown,
  path: ApiPath,
  allowInvalidLabelValue: boolean,
  nodeName: (name: string) => string[],
): FieldErrors {
  const t = obj(term) ?? {};
  const errors: FieldErrors = [];
  (list(t['matchExpressions']) ?? []).forEach((rq, j) =>
    errors.push(...validateNodeSelectorRequirement(rq, path.child('matchExpressions').index(j), allowInvalidLabelValue)),
  );
  (list(t['matchFields']) ?? []).forEach((rq, j) =>
    errors.push(...validateNodeFieldSelectorRequirement(rq, path.child('matchFields').index(j), nodeName)),
  );
  return errors;
}

/** ValidateNodeSelector: at least one term; label values checked unless `allowInvalidLabelValue` (1.32's required affinity). */
export function validateNodeSelector(
  selector: Record<string, unknown>,
  path: ApiPath,
  nodeName: (name: string) => string[],
  allowInvalidLabelValue = false,
): FieldErrors {
  const terms = list(selector['nodeSelectorTerms']) ?? [];
  const termsPath = path.child('nodeSelectorTerms');
  if (terms.length === 0) return [required(termsPath, 'must have at least one node selector term')];
  return terms.flatMap((term, i) => validateNodeSelectorTerm(term, termsPath.index(i), allowInvalidLabelValue, nodeName));
}

/**
 * selectorMatches evaluates a LabelSelector against labels, as LabelSelectorAsSelector(...).
 * Matches does: an empty selector matches everything, an absent one nothing; undefined when
 * the selector cannot be converted (a bad key or value, an unknown operator, In with no
 * values), where Kubernetes skips the check.
 */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, unknown>>): boolean | undefined {
  const sel = obj(selector);
  if (!sel) return selector === undefined || selector === null ? false : undefined;
  let matches = true;
  for (const [key, value] of Object.entries(obj(sel['matchLabels']) ?? {})) {
    if (typeof value !== 'string' || isQualifiedName(key).length > 0 || isValidLabelValue(value).length > 0) return undefined;
    if (labels[key] !== value) matches = false;
  }
  for (const item of list(sel['matchExpressions']) ?? []) {
    const expr = obj(item);
    const key = str(expr?.['key']);
    if (!expr || key === undefined || isQualifiedName(key).length > 0) return undefined;
    const values = list(expr['values']) ?? [];
    if (values.some((v) => typeof v !== 'string' || isValidLabelValue(v).length > 0)) return undefined;
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const inValues = has && values.includes(labels[key]);
    const op = expr['operator'];
    if ((op === 'In' || op === 'NotIn') !== values.length > 0) return undefined;
    if (op === 'In') matches &&= inValues;
    else if (op === 'NotIn') matches &&= !inValues;
    else if (op === 'Exists') matches &&= has;
    else if (op === 'DoesNotExist') matches &&= !has;
    else return undefined;
  }
  return matches;
}
