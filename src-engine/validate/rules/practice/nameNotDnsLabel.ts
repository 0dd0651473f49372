import { str } from '../../context';
import { isDns1123Label, isDns1123Subdomain } from '../../nameRules';
import type { RuleDefinition } from '../../rule';
import { practiceRule } from '../../rule';

/**
 * name-not-dns-label: the warning the API server itself returns on create for a Job or CronJob
 * whose name is a DNS subdomain but not a DNS label (`WarningsOnCreate` of the job and cronjob
 * registry strategies, pkg/registry/batch/).
 */
export const nameNotDnsLabelRule: RuleDefinition = {
  rules: [
    practiceRule('warning', {
      id: 'name-not-dns-label',
      title: 'Name is not a DNS label',
      description:
        'The name is used in pod names and hostnames; a DNS label (no dots, at most 63 characters) avoids surprises. The API ' +
        'server warns about this.',
      docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names',
    }),
  ],
  check(ctx) {
    const name = str(ctx.metadata?.['name']);
    if (!name || isDns1123Subdomain(name).length > 0) return;
    const problems = isDns1123Label(name);
    if (problems.length === 0) return;
    ctx.report({
      rule: 'name-not-dns-label',
      path: ['metadata', 'name'],
      message:
        `metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label ` +
        `is recommended: [${problems.join(', ')}]`,
    });
  },
};
