import { ApiPath } from '../apiPath';
import { fieldPath, obj, str } from '../context';
import type { RuleContext } from '../context';
import { invalidMessage, unsupportedMessage } from '../fieldErrors';
import type { FieldErrors } from '../fieldErrorList';
import { invalid, reportErrors, required } from '../fieldErrorList';
import { jobSpecRule, validationRule } from '../rule';
import { selectorMatches, validateLabelSelector } from '../selectors';

const RULE = 'selector';
const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
/**
 * Stands for the uid the server assigns (and a generated name): a valid label value that a
 * manifest has no reason to hold, so a written value does not equal it (as it would not equal
 * the real uid).
 */
const UNKNOWABLE = 'kube-jobs.assigned-by-the-server';

/**
 * A Job's selector (pkg/apis/batch/validation: validateGeneratedSelector, ValidateJobSpec's
 * ValidateLabelSelector and template-labels check; pkg/registry/batch/job/strategy.go
 * generateSelector). Without manualSelector the server adds the controller-uid label to the
 * selector (and the job-name and controller-uid labels to the template) and then requires the
 * selector to select exactly the labels it generates: a hand-written selector on the job-name
 * labels is accepted, one on other labels is not. With manualSelector the selector is required
 * and must select the template's labels. A CronJob's job template may set neither
 * (ValidateJobTemplateSpec).
 */
export const selectorRule = jobSpecRule(
  validationRule({
    id: RULE,
    title: 'Selector and manualSelector',
    description:
      'Leave spec.selector to the server (or select only its job-name labels), or set manualSelector: true with a valid ' +
      'selector matching the template labels; a CronJob jobTemplate may not set selector or manualSelector: true.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#specifying-your-own-pod-selector',
  }),
  (view, ctx) => {
    const selector = view.spec['selector'];
    const hasSelector = selector !== undefined && selector !== null;
    const selectorPath = [...view.path, 'selector'];
    if (view.inCronJob) {
      if (hasSelector) {
        ctx.report({
          rule: RULE,
          path: selectorPath,
          at: 'key',
          message: invalidMessage(fieldPath(selectorPath), selector, '`selector` will be auto-generated'),
        });
      }
      if (view.spec['manualSelector'] === true) {
        const p = [...view.path, 'manualSelector'];
        ctx.report({ rule: RULE, path: p, message: unsupportedMessage(fieldPath(p), true, ['nil', 'false']) });
      }
      return;
    }
    reportErrors(ctx, RULE, validateJobSelector(ctx, view.spec, obj(obj(view.template?.['metadata'])?.['labels']) ?? {}));
  },
);

function validateJobSelector(
  ctx: RuleContext,
  spec: Record<string, unknown>,
  templateLabels: Record<string, unknown>,
): FieldErrors {
  const selector = spec['selector'];
  const selectorPath = ApiPath.root(['spec', 'selector'], 'spec.selector');
  const labelsPath = ApiPath.root(['spec', 'template', 'metadata', 'labels'], 'spec.template.metadata.labels');
  const errors: FieldErrors = [];
  let labels = templateLabels;
  if (spec['manualSelector'] !== true) {
    errors.push(...generatedLabelErrors(ctx, templateLabels, labelsPath));
    if (selector === undefined || selector === null) return errors;
    const name = str(ctx.metadata?.['name']) ?? UNKNOWABLE;
    // generateSelector: the template gets the labels the server owns unless written.
    labels = {
      [JOB_NAME_LABELS[0]!]: name,
      [JOB_NAME_LABELS[1]!]: name,
      [UID_LABELS[0]!]: UNKNOWABLE,
      [UID_LABELS[1]!]: UNKNOWABLE,
      ...templateLabels,
    };
    const generated = withUidLabel(selector);
    const expected = {
      [UID_LABELS[0]!]: UNKNOWABLE,
      [UID_LABELS[1]!]: UNKNOWABLE,
      [JOB_NAME_LABELS[0]!]: name,
      [JOB_NAME_LABELS[1]!]: name,
    };
    if (selectorMatches(generated, expected) === false) {
      errors.push(invalid(selectorPath, selector, '`selector` not auto-generated'));
    }
    errors.push(...validateLabelSelector(selector, selectorPath));
    if (selectorMatches(generated, labels) === false) {
      errors.push(invalid(labelsPath, templateLabels, '`selector` does not match template `labels`'));
    }
    return errors;
  }
  if (selector === undefined || selector === null) {
    // LabelSelectorAsSelector(nil) selects nothing, so the labels check fails too.
    return [
      required(ApiPath.root(['spec', 'manualSelector'], 'spec.selector')),
      invalid(labelsPath, null, '`selector` does not match template `labels`'),
    ];
  }
  errors.push(...validateLabelSelector(selector, selectorPath));
  if (selectorMatches(selector, labels) === false) {
    errors.push(invalid(labelsPath, templateLabels, '`selector` does not match template `labels`'));
  }
  return errors;
}

/** generateSelector adds `batch.kubernetes.io/controller-uid: <uid>` to matchLabels unless written. */
function withUidLabel(selector: unknown): unknown {
  const sel = obj(selector);
  if (!sel) return selector;
  const matchLabels = obj(sel['matchLabels']) ?? {};
  if (UID_LABELS[1]! in matchLabels) return sel;
  return { ...sel, matchLabels: { ...matchLabels, [UID_LABELS[1]!]: UNKNOWABLE } };
}

/** ValidateHasLabel for the labels generateSelector keeps when written: job-name must be the name; uids cannot be known. */
function generatedLabelErrors(ctx: RuleContext, labels: Record<string, unknown>, labelsPath: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  const name = str(ctx.metadata?.['name']);
  for (const key of JOB_NAME_LABELS) {
    const value = labels[key];
    if (value !== undefined && name !== undefined && value !== name) {
      errors.push(invalid(labelsPath.key(key), labels, `must be '${name}'`));
    }
  }
  for (const key of UID_LABELS) {
    if (labels[key] !== undefined) {
      errors.push(
        invalid(labelsPath.key(key), labels[key], "must be the Job's uid, which the server assigns: remove this label"),
      );
    }
  }
  return errors;
}
