import { fieldPath, list, obj, str } from '../context';
import { invalidMessage, requiredMessage, unsupportedMessage } from '../fieldErrors';
import type { RuleDefinition } from '../rule';

const RULE = 'selector';
const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];

/**
 * Selector rules of A.7: a Job's selector is generated unless manualSelector is true (a
 * hand-written one is "not auto-generated"); with manualSelector the selector is required
 * and must match the template labels; a CronJob's job template may carry neither.
 */
export const selectorRule: RuleDefinition = {
  rules: [{
    id: RULE,
    defaultSeverity: 'error',
    category: 'validation',
    title: 'Selector and manualSelector',
    description: 'Leave spec.selector to the server, or set manualSelector: true with a selector matching the template labels; a CronJob jobTemplate may not set selector or manualSelector: true.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#specifying-your-own-pod-selector',
  }],
  check(ctx) {
    for (const view of ctx.jobSpecs) {
      const selector = view.spec['selector'];
      const hasSelector = selector !== undefined && selector !== null;
      const manual = view.spec['manualSelector'];
      const selectorPath = [...view.path, 'selector'];
      if (view.inCronJob) {
        if (hasSelector) ctx.report({ rule: RULE, path: selectorPath, at: 'key', message: invalidMessage(fieldPath(selectorPath), selector, '`selector` will be auto-generated') });
        if (manual === true) {
          const p = [...view.path, 'manualSelector'];
          ctx.report({ rule: RULE, path: p, message: unsupportedMessage(fieldPath(p), true, ['nil', 'false']) });
        }
        continue;
      }
      const templateLabels = obj(obj(view.template?.['metadata'])?.['labels']) ?? {};
      const labelsPath = [...view.path, 'template', 'metadata', 'labels'];
      if (manual !== true) {
        if (hasSelector) {
          ctx.report({ rule: RULE, path: selectorPath, at: 'key', message: `${invalidMessage(fieldPath(selectorPath), selector, '`selector` not auto-generated')} (set manualSelector: true to use your own selector, or remove it)` });
        }
        const name = str(ctx.metadata?.['name']);
        for (const key of JOB_NAME_LABELS) {
          const value = templateLabels[key];
          if (value !== undefined && name !== undefined && value !== name) {
            const p = [...labelsPath, key];
            ctx.report({ rule: RULE, path: p, message: invalidMessage(fieldPath(p), value, `must be '${name}'`) });
          }
        }
        for (const key of UID_LABELS) {
          const value = templateLabels[key];
          if (value !== undefined) {
            const p = [...labelsPath, key];
            ctx.report({ rule: RULE, path: p, message: invalidMessage(fieldPath(p), value, "must be the Job's uid, which the server assigns: remove this label") });
          }
        }
        continue;
      }
      const sel = obj(selector);
      if (!hasSelector) {
        ctx.report({ rule: RULE, path: selectorPath, locate: [...view.path, 'manualSelector'], at: 'key', message: requiredMessage(fieldPath(selectorPath)) });
        continue;
      }
      if (sel && !selectorMatches(sel, templateLabels)) {
        ctx.report({ rule: RULE, path: labelsPath, at: 'key', locate: Object.keys(templateLabels).length > 0 ? labelsPath : selectorPath, message: invalidMessage(fieldPath(labelsPath), templateLabels, '`selector` does not match template `labels`') });
      }
    }
  },
};

/** selectorMatches evaluates a metav1.LabelSelector against labels (an empty selector matches nothing here: the server rejects it for Jobs). */
export function selectorMatches(selector: Record<string, unknown>, labels: Record<string, unknown>): boolean {
  const matchLabels = obj(selector['matchLabels']) ?? {};
  const expressions = list(selector['matchExpressions']) ?? [];
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) return false;
  for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== value) return false;
  for (const item of expressions) {
    const expr = obj(item);
    const key = str(expr?.['key']);
    if (!expr || key === undefined) return false;
    const values = (list(expr['values']) ?? []).map(String);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const value = has ? String(labels[key]) : undefined;
    switch (expr['operator']) {
      case 'In': if (value === undefined || !values.includes(value)) return false; break;
      case 'NotIn': if (value !== undefined && values.includes(value)) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}
