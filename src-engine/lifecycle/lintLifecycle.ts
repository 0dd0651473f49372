import type { Finding } from '../model/diagnostic';
import type { ManifestDocument } from '../parse/manifests';
import type { RuleLevel } from '../validate/context';
import type { RuleInfo } from '../validate/rule';
import { lifecycleKindOf } from './kinds';
import { LifecycleContext } from './lifecycleContext';
import type { LifecycleRule } from './lifecycleContext';
import { oneOffTaskRule } from './oneOffTask';
import { sleepLoopRule } from './sleepLoop';

/** The lifecycle checks, in the order their findings are reported. */
const LIFECYCLE_CHECKS: readonly LifecycleRule[] = [oneOffTaskRule, sleepLoopRule];

/** The lifecycle rules' catalogue entries. */
export const LIFECYCLE_RULES: readonly RuleInfo[] = LIFECYCLE_CHECKS.flatMap((c) => c.rules);

/** isLifecycleDocument: an apps/v1 controller or v1 Pod, the documents lintLifecycle reads. */
export function isLifecycleDocument(doc: ManifestDocument): boolean {
  return !doc.isTemplate && lifecycleKindOf(doc.apiVersion, doc.kind) !== undefined;
}

/**
 * lintLifecycle checks a Deployment, StatefulSet, ReplicaSet, DaemonSet or Pod for the wrong
 * lifecycle only (the API server's validation of these kinds is not kube-jobs' business).
 * Never throws.
 */
export function lintLifecycle(
  doc: ManifestDocument,
  levelOf: (rule: string) => RuleLevel,
  docsOf: (rule: string) => string | undefined,
): Finding[] {
  const kind = lifecycleKindOf(doc.apiVersion, doc.kind);
  const root = doc.value;
  if (!kind || doc.isTemplate || typeof root !== 'object' || root === null || Array.isArray(root)) return [];
  const ctx = new LifecycleContext(doc, kind, root as Record<string, unknown>, levelOf, docsOf);
  for (const check of LIFECYCLE_CHECKS) {
    if (!check.rules.some((r) => levelOf(r.id) !== 'off')) continue;
    try {
      check.check(ctx);
    } catch {
      // A rule bug must not hide the other findings; the rule's own tests catch it.
    }
  }
  return ctx.findings;
}
