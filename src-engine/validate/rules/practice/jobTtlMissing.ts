import { quickFix, setField } from '../../edits';
import type { RuleDefinition } from '../../rule';
import { JOB_DOCS, practiceRule } from '../../rule';
import { argoCdHookWithoutPolicy, cleanupByConvention } from './cleanupConventions';

/**
 * job-ttl-missing: a standalone Job without ttlSecondsAfterFinished stays, with its pods, until
 * someone deletes it, and applying the manifest again with a changed template then fails (the
 * template is immutable). Not reported when something else deletes it: a Helm or Argo CD hook
 * delete policy, a Helm hook (Helm's default policy), or an owner. A CronJob's Jobs are not
 * concerned: its history limits delete them. Universal advice, so a hint.
 */
export const jobTtlMissingRule: RuleDefinition = {
  rules: [
    practiceRule('hint', {
      id: 'job-ttl-missing',
      title: 'Finished Job is never cleaned up',
      description:
        'A standalone Job without ttlSecondsAfterFinished, and that no hook policy or owner deletes, stays (with its pods) ' +
        'until someone deletes it.',
      docsUrl: `${JOB_DOCS}#ttl-mechanism-for-finished-jobs`,
    }),
  ],
  check(ctx) {
    const spec = ctx.spec;
    if (ctx.kind !== 'Job' || !spec) return;
    if (spec['ttlSecondsAfterFinished'] !== undefined && spec['ttlSecondsAfterFinished'] !== null) return;
    if (cleanupByConvention(ctx.metadata) !== undefined) return;
    const argoHook = argoCdHookWithoutPolicy(ctx.metadata);
    const why =
      argoHook !== undefined
        ? `the Argo CD ${argoHook} hook has no argocd.argoproj.io/hook-delete-policy, so whether it is deleted depends on the ` +
          `Argo CD version`
        : 'the finished Job and its pods stay until deleted by hand, and re-applying it with a changed template fails';
    ctx.report({
      rule: 'job-ttl-missing',
      path: ['spec', 'ttlSecondsAfterFinished'],
      locate: ['spec'],
      at: 'key',
      message: `spec.ttlSecondsAfterFinished is not set: ${why}`,
      ...quickFix(
        'Delete the Job a day after it finishes (ttlSecondsAfterFinished: 86400)',
        setField(ctx.doc, ['spec'], 'ttlSecondsAfterFinished', '86400'),
        { preferred: false },
      ),
    });
  },
};
