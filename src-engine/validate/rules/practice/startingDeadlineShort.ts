import { int } from '../../context';
import type { RuleDefinition } from '../../rule';
import { CRON_DOCS } from '../../rule';

/** Below this the controller's own delay can push a start past the deadline (the CronJob docs say the same). */
const SHORTEST_SAFE_DEADLINE_SECONDS = 10;

/** starting-deadline-short: a deadline shorter than the controller's usual latency makes syncCronJob skip runs (MissSchedule). */
export const startingDeadlineShortRule: RuleDefinition = {
  rules: [
    {
      id: 'starting-deadline-short',
      defaultSeverity: 'warning',
      category: 'practice',
      title: 'Very short startingDeadlineSeconds',
      description: 'The controller may start a run a few seconds late; a startingDeadlineSeconds below 10 can make it skip runs.',
      docsUrl: `${CRON_DOCS}#starting-deadline`,
    },
  ],
  check(ctx) {
    if (ctx.kind !== 'CronJob') return;
    const deadline = int(ctx.spec?.['startingDeadlineSeconds']);
    if (deadline === undefined || deadline < 0 || deadline >= SHORTEST_SAFE_DEADLINE_SECONDS) return;
    ctx.report({
      rule: 'starting-deadline-short',
      path: ['spec', 'startingDeadlineSeconds'],
      message: `spec.startingDeadlineSeconds: ${deadline} s is shorter than the controller's usual delay; runs may be skipped ` +
        `(use at least ${SHORTEST_SAFE_DEADLINE_SECONDS})`,
    });
  },
};
