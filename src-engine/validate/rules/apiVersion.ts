import { quickFix, setField } from '../edits';
import type { RuleDefinition } from '../rule';
import { validationRule } from '../rule';

/**
 * apiVersion and kind as kubectl and the API server read them: the refusals that
 * parse/kinds.ts found for a document meant as a Job or CronJob (kubectl's "apiVersion not
 * set" and "no matches for kind", the API server's "no kind … is registered", the removal of
 * batch/v1beta1 CronJob in 1.25), each with the fix.
 */
export const apiVersionRule: RuleDefinition = {
  rules: [
    validationRule({
      id: 'api-version',
      title: 'apiVersion and kind',
      description:
        'A Job or CronJob needs apiVersion batch/v1 and the kind spelled exactly (Job, CronJob); kubectl or the API server ' +
        'refuses anything else.',
      docsUrl: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#cronjob-v125',
    }),
  ],
  check(ctx) {
    for (const problem of ctx.doc.typeMetaProblems) {
      ctx.report({
        rule: 'api-version',
        path: [problem.field],
        message: problem.message,
        ...quickFix(`Set ${problem.field}: ${problem.fix}`, setField(ctx.doc, [], problem.field, problem.fix), {
          preferred: true,
        }),
      });
    }
  },
};
