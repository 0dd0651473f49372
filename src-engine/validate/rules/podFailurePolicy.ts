import { enumValues } from '../../schema/query';
import { atLeast } from '../../schema/kubernetesVersion';
import type { PathSegment } from '../../parse/fieldPath';
import { fieldPath, list, listOrEmpty, obj, str } from '../context';
import type { JobSpecView, RuleContext } from '../context';
import { duplicateMessage, invalidMessage, requiredMessage, tooManyMessage, unsupportedMessage } from '../fieldErrors';
import { isQualifiedName } from '../nameRules';
import { jobSpecRule, validationRule } from '../rule';

const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_PATTERNS = 20;
/** sets.List order (sorted), from the schema's enums. */
const ACTIONS = [...enumValues('PodFailurePolicyRule', 'action')].sort();
const OPERATORS = [...enumValues('PodFailurePolicyOnExitCodesRequirement', 'operator')].sort();
/** sets.List order, as the API server prints them. */
const STATUSES = ['False', 'True', 'Unknown'] as const;
const RULE = 'pod-failure-policy';

/** spec.podFailurePolicy rules (pkg/apis/batch/validation: validatePodFailurePolicy, validatePodFailurePolicyRule). */
export const podFailurePolicyRule = jobSpecRule(
  validationRule({
    id: RULE,
    title: 'podFailurePolicy',
    description:
      'At most 20 rules; each with a supported action and exactly one of onExitCodes / onPodConditions; exit codes ordered, unique, not 0 with In; containerName naming a container of the template.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy',
  }),
  (view, ctx) => {
    const policy = obj(view.spec['podFailurePolicy']);
    if (!policy) return;
    const rulesPath = [...view.path, 'podFailurePolicy', 'rules'];
    const rules = list(policy['rules']);
    if (!rules) return;
    if (rules.length > MAX_RULES) {
      ctx.report({ rule: RULE, path: rulesPath, message: tooManyMessage(fieldPath(rulesPath), rules.length, MAX_RULES) });
    }
    const names = containerNames(view);
    rules.forEach((item, i) => {
      const rule = obj(item);
      if (rule) checkRule(ctx, view, rule, [...rulesPath, i], names);
    });
  },
);

function containerNames(view: JobSpecView): Set<string> {
  const names = new Set<string>();
  for (const key of ['containers', 'initContainers']) {
    for (const c of list(view.podSpec?.[key]) ?? []) {
      const name = str(obj(c)?.['name']);
      if (name) names.add(name);
    }
  }
  return names;
}

function checkRule(
  ctx: RuleContext,
  view: JobSpecView,
  rule: Record<string, unknown>,
  path: PathSegment[],
  names: Set<string>,
): void {
  const actionPath = [...path, 'action'];
  const action = rule['action'];
  const actionSupported = checkEnum(ctx, path, 'action', rule, ACTIONS, false);
  if (
    actionSupported &&
    action === 'FailIndex' &&
    (view.spec['backoffLimitPerIndex'] === undefined || view.spec['backoffLimitPerIndex'] === null)
  ) {
    ctx.report({
      rule: RULE,
      path: actionPath,
      message: invalidMessage(fieldPath(actionPath), action, 'requires the backoffLimitPerIndex to be set'),
    });
  }
  const onExitCodes = obj(rule['onExitCodes']);
  const onPodConditions = rule['onPodConditions'];
  const patterns = list(onPodConditions);
  // An empty onPodConditions list counts as none (len(rule.OnPodConditions) == 0).
  const hasConditions = patterns ? patterns.length > 0 : onPodConditions !== undefined && onPodConditions !== null;
  if (onExitCodes && hasConditions) {
    ctx.report({
      rule: RULE,
      path,
      at: 'key',
      message: `${fieldPath(path)}: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported`,
    });
  } else if (!onExitCodes && !hasConditions) {
    ctx.report({
      rule: RULE,
      path,
      at: 'key',
      message: `${fieldPath(path)}: Invalid value: specifying one of OnExitCodes and OnPodConditions is required`,
    });
  }
  if (onExitCodes) checkExitCodes(ctx, onExitCodes, [...path, 'onExitCodes'], names);
  if (patterns) checkPatterns(ctx, patterns, [...path, 'onPodConditions'], statusDefaulted(ctx, view));
}

function checkExitCodes(ctx: RuleContext, req: Record<string, unknown>, path: PathSegment[], names: Set<string>): void {
  const containerName = req['containerName'];
  if (typeof containerName === 'string' && !names.has(containerName)) {
    const p = [...path, 'containerName'];
    ctx.report({
      rule: RULE,
      path: p,
      message: invalidMessage(
        fieldPath(p),
        containerName,
        'must be one of the container or initContainer names in the pod template',
      ),
    });
  }
  const operator = req['operator'];
  checkEnum(ctx, path, 'operator', req, OPERATORS, false);
  const valuesPath = [...path, 'values'];
  const values = listOrEmpty(req['values']);
  if (!values) return;
  if (values.length === 0) {
    ctx.report({
      rule: RULE,
      path: valuesPath,
      at: 'key',
      locate: req['values'] === undefined ? path : valuesPath,
      message: invalidMessage(fieldPath(valuesPath), req['values'] ?? null, 'at least one value is required'),
    });
    return;
  }
  if (values.length > MAX_EXIT_CODES) {
    ctx.report({ rule: RULE, path: valuesPath, message: tooManyMessage(fieldPath(valuesPath), values.length, MAX_EXIT_CODES) });
    return;
  }
  const seen = new Set<number>();
  let orderReported = false;
  values.forEach((v, j) => {
    if (typeof v !== 'number') return;
    const valuePath = [...valuesPath, j];
    if (seen.has(v)) ctx.report({ rule: RULE, path: valuePath, message: duplicateMessage(fieldPath(valuePath), v) });
    seen.add(v);
    if (operator === 'In' && v === 0) {
      ctx.report({
        rule: RULE,
        path: valuePath,
        message: invalidMessage(fieldPath(valuePath), v, 'must not be 0 for the In operator'),
      });
    }
    const previous = values[j - 1];
    if (!orderReported && j > 0 && typeof previous === 'number' && previous > v) {
      orderReported = true;
      ctx.report({ rule: RULE, path: valuesPath, message: invalidMessage(fieldPath(valuesPath), values, 'must be ordered') });
    }
  });
}

/**
 * Whether an empty onPodConditions status is defaulted to True before validation: a Job's always
 * is (SetDefaults_Job); a CronJob's job template only from 1.34, when the default moved to
 * SetDefaults_PodFailurePolicyOnPodConditionsPattern (pkg/apis/batch/v1/defaults.go,
 * kubernetes/kubernetes#131525). Up to 1.33 a CronJob's empty status is Required.
 */
function statusDefaulted(ctx: RuleContext, view: JobSpecView): boolean {
  return !view.inCronJob || atLeast(ctx.version, '1.34');
}

function checkPatterns(ctx: RuleContext, patterns: readonly unknown[], path: PathSegment[], defaulted: boolean): void {
  if (patterns.length > MAX_PATTERNS) {
    ctx.report({ rule: RULE, path, message: tooManyMessage(fieldPath(path), patterns.length, MAX_PATTERNS) });
  }
  patterns.forEach((item, k) => {
    const pattern = obj(item);
    if (!pattern) return;
    const typePath = [...path, k, 'type'];
    const type = pattern['type'];
    const typeText = typeof type === 'string' ? type : type === undefined || type === null ? '' : undefined;
    if (typeText !== undefined) {
      for (const detail of isQualifiedName(typeText)) {
        ctx.report({
          rule: RULE,
          path: typePath,
          at: type === undefined ? 'key' : 'value',
          locate: type === undefined ? [...path, k] : typePath,
          message: invalidMessage(fieldPath(typePath), typeText, detail),
        });
      }
    }
    checkEnum(ctx, [...path, k], 'status', pattern, STATUSES, defaulted);
  });
}

/**
 * checkEnum is validatePodFailurePolicyRule's check of a field with a closed set of values (the
 * action, an exit-code requirement's operator, a condition pattern's status): Required, with the
 * valid values, when it is missing or empty (unless the server defaults an empty one), drawn at
 * its parent when absent; Unsupported when it names another value. True when the value is
 * supported (or of another JSON type, the field-type rule's business).
 */
function checkEnum(
  ctx: RuleContext,
  parent: readonly PathSegment[],
  name: string,
  record: Record<string, unknown>,
  supported: readonly string[],
  emptyDefaulted: boolean,
): boolean {
  const path = [...parent, name];
  const value = record[name];
  if (value === undefined || value === null || value === '') {
    if (!emptyDefaulted) {
      ctx.report({
        rule: RULE,
        path,
        at: 'key',
        locate: value === undefined ? parent : path,
        message: requiredMessage(fieldPath(path), `valid values: [${supported.map((v) => `"${v}"`).join(' ')}]`),
      });
    }
    return false;
  }
  if (typeof value === 'string' && !supported.includes(value)) {
    ctx.report({ rule: RULE, path, message: unsupportedMessage(fieldPath(path), value, supported) });
    return false;
  }
  return true;
}
