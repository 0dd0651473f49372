import type { PathSegment } from '../../parse/fieldPath';
import { fieldPath, obj } from '../context';
import type { RuleContext } from '../context';
import { invalidMessage, tooLongMessage } from '../fieldErrors';
import { isQualifiedName, isValidLabelValue, utf8Length } from '../nameRules';
import type { RuleDefinition } from '../rule';
import { validationRule } from '../rule';

/** Total size limit of an object's annotations (apimachinery TotalAnnotationSizeLimitB). */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/**
 * Label keys and values (and annotation keys) on the object and on the pod template
 * (apimachinery ValidateLabels, ValidateAnnotations). The pod template's labels are reported on
 * `spec.template.labels` (ValidatePodTemplateSpec's path, without `metadata`). A CronJob's
 * `jobTemplate.metadata` is not checked at admission, so neither is it here.
 */
export const labelsRule: RuleDefinition = {
  rules: [
    validationRule({
      id: 'labels',
      title: 'Labels and annotations',
      description:
        'Label keys are qualified names and values at most 63 characters of [A-Za-z0-9-_.]; annotation keys are qualified names.',
      docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
    }),
  ],
  check(ctx) {
    const meta = ctx.metadata;
    if (meta) checkMetadata(ctx, meta, ['metadata'], ['metadata', 'labels'], ['metadata', 'annotations']);
    for (const view of ctx.jobSpecs) {
      const templateMeta = obj(view.template?.['metadata']);
      if (!templateMeta) continue;
      const base = [...view.path, 'template'];
      checkMetadata(ctx, templateMeta, [...base, 'metadata'], [...base, 'labels'], [...base, 'annotations']);
    }
  },
};

function checkMetadata(
  ctx: RuleContext,
  meta: Record<string, unknown> | undefined,
  metaPath: readonly PathSegment[],
  labelsPath: readonly PathSegment[],
  annotationsPath: readonly PathSegment[],
): void {
  const labels = obj(meta?.['labels']);
  if (labels) {
    for (const key of Object.keys(labels)) {
      reportBadKey(ctx, key, isQualifiedName(key), labelsPath, metaPath, 'labels');
      const value = labels[key];
      if (typeof value !== 'string') continue;
      const problems = isValidLabelValue(value);
      if (problems.length === 0) continue;
      for (const detail of problems) {
        ctx.report({
          rule: 'labels',
          path: labelsPath,
          locate: [...metaPath, 'labels', key],
          message: invalidMessage(fieldPath(labelsPath), value, detail),
        });
      }
    }
  }
  const annotations = obj(meta?.['annotations']);
  if (annotations) {
    let total = 0;
    for (const key of Object.keys(annotations)) {
      reportBadKey(ctx, key, isQualifiedName(key.toLowerCase()), annotationsPath, metaPath, 'annotations');
      const value = annotations[key];
      total += utf8Length(key) + (typeof value === 'string' ? utf8Length(value) : 0);
    }
    if (total > ANNOTATIONS_MAX_BYTES) {
      ctx.report({
        rule: 'labels',
        path: annotationsPath,
        locate: [...metaPath, 'annotations'],
        at: 'key',
        message: tooLongMessage(fieldPath(annotationsPath), ANNOTATIONS_MAX_BYTES),
      });
    }
  }
}

/** reportBadKey reports each reason a label or annotation key is invalid, drawn at the key. */
function reportBadKey(
  ctx: RuleContext,
  key: string,
  details: readonly string[],
  path: readonly PathSegment[],
  metaPath: readonly PathSegment[],
  field: 'labels' | 'annotations',
): void {
  // Most keys are fine: nothing is built for them (this runs for every key of every document).
  if (details.length === 0) return;
  const locate = [...metaPath, field, key];
  for (const detail of details) {
    ctx.report({ rule: 'labels', path, locate, at: 'key', message: invalidMessage(fieldPath(path), key, detail) });
  }
}
