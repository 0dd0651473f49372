import type { Fix } from '../../model/diagnostic';
import type { PathSegment } from '../../parse/fieldPath';
import { fieldPath } from '../context';
import type { RuleContext } from '../context';
import { setField } from '../edits';
import { invalidMessage, requiredMessage, unsupportedMessage } from '../fieldErrors';
import { jobSpecRule, validationRule } from '../rule';

const JOB_POLICIES = ['OnFailure', 'Never'] as const;

/**
 * The pod template's restartPolicy after defaulting (omitted or empty → Always): Jobs accept
 * OnFailure or Never, and only Never with a podFailurePolicy. (pkg/apis/batch/validation validateJobSpec)
 */
export const restartPolicyRule = jobSpecRule(
  validationRule({
    id: 'restart-policy',
    title: 'Pod restartPolicy of a Job',
    description:
      'A Job pod template needs restartPolicy OnFailure or Never (an omitted policy defaults to Always, which Jobs reject); with a podFailurePolicy only Never.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template',
  }),
  (view, ctx) => {
    const value = view.podSpec?.['restartPolicy'];
    const hasPodFailurePolicy = view.spec['podFailurePolicy'] !== undefined && view.spec['podFailurePolicy'] !== null;
    // The usual case, a Job policy as it should be, is settled before anything is built for a finding.
    if ((value === 'Never' || value === 'OnFailure') && !(hasPodFailurePolicy && value === 'OnFailure')) return;
    const podSpecPath = [...view.path, 'template', 'spec'];
    const path = [...podSpecPath, 'restartPolicy'];
    const where = (): string => fieldPath(path);
    // Worked out when a user asks for them (model/lazyFixes.ts).
    const fixes = (choices: readonly string[]) => (): Fix[] => fixesFor(ctx, podSpecPath, choices);
    if (value === undefined || value === null || value === '' || value === 'Always') {
      ctx.report({
        rule: 'restart-policy',
        path,
        at: value === undefined || value === null ? 'key' : 'value',
        message: requiredMessage(where(), 'valid values: "OnFailure", "Never"'),
        fixes: fixes(hasPodFailurePolicy ? ['Never'] : ['Never', 'OnFailure']),
      });
      return;
    }
    if (typeof value !== 'string') return;
    if (value !== 'OnFailure' && value !== 'Never') {
      const cased = JOB_POLICIES.find((p) => p.toLowerCase() === value.toLowerCase());
      ctx.report({
        rule: 'restart-policy',
        path,
        message: unsupportedMessage(where(), value, JOB_POLICIES),
        fixes: fixes(cased ? [cased] : hasPodFailurePolicy ? ['Never'] : ['Never', 'OnFailure']),
      });
      return;
    }
    if (hasPodFailurePolicy && value === 'OnFailure') {
      ctx.report({
        rule: 'restart-policy',
        path,
        message: invalidMessage(where(), value, 'only "Never" is supported when podFailurePolicy is specified'),
        fixes: fixes(['Never']),
      });
    }
  },
);

function fixesFor(ctx: RuleContext, podSpecPath: readonly PathSegment[], choices: readonly string[]): Fix[] {
  const out: Fix[] = [];
  choices.forEach((choice, i) => {
    const edit = setField(ctx.doc, podSpecPath, 'restartPolicy', choice);
    if (edit) out.push({ title: `Set restartPolicy to ${choice}`, edits: [edit], isPreferred: i === 0 });
  });
  return out;
}
