import { int, str } from '../../context';
import { isDns1123Label, isDns1123Subdomain } from '../../nameRules';
import type { RuleDefinition } from '../../rule';
import { JOB_DOCS } from '../../rule';

/** Non-fatal warnings the API server itself returns [JSTRAT/CJSTRAT WarningsOnCreate; JWARN]. */
export const namingPracticeRules: RuleDefinition = {
  rules: [
    {
      id: 'name-not-dns-label',
      defaultSeverity: 'warning',
      category: 'practice',
      title: 'Name is not a DNS label',
      description: 'The name is used in pod names and hostnames; a DNS label (no dots, at most 63 characters) avoids surprises. The API server warns about this.',
      docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names',
    },
    {
      id: 'indexed-tracking',
      defaultSeverity: 'warning',
      category: 'practice',
      title: 'Very large Indexed Job',
      description: 'With more than 100000 completions and parallelism above 10000, Kubernetes might not track completedIndexes when many indexes fail.',
      docsUrl: `${JOB_DOCS}#completion-mode`,
    },
  ],
  check(ctx) {
    const name = str(ctx.metadata?.['name']);
    if (name && isDns1123Subdomain(name).length === 0) {
      const problems = isDns1123Label(name);
      if (problems.length > 0) {
        ctx.report({
          rule: 'name-not-dns-label',
          path: ['metadata', 'name'],
          message: `metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [${problems.join(', ')}]`,
        });
      }
    }
    for (const view of ctx.jobSpecs) {
      const completions = int(view.spec['completions']);
      const parallelism = int(view.spec['parallelism']);
      if (view.indexed && completions !== undefined && completions > 100000 && parallelism !== undefined && parallelism > 10000) {
        ctx.report({
          rule: 'indexed-tracking',
          path: [...view.path, 'parallelism'],
          message: 'In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might not be able to track completedIndexes when a big number of indexes fail',
        });
      }
    }
  },
};
