import { int } from '../../context';
import { CRON_DOCS, cronJobRule, practiceRule } from '../../rule';

/** Below this the controller's own delay can push a start past the deadline (the CronJob docs say the same). */
const SHORTEST_SAFE_DEADLINE_SECONDS = 10;

/** starting-deadline-short: a deadline shorter than the controller's usual latency makes syncCronJob skip runs (MissSchedule). */
export const startingDeadlineShortRule = cronJobRule(
  practiceRule('warning', {
    id: 'starting-deadline-short',
    title: 'Very short startingDeadlineSeconds',
    description: 'The controller may start a run a few seconds late; a startingDeadlineSeconds below 10 can make it skip runs.',
    docsUrl: `${CRON_DOCS}#starting-deadline`,
  }),
  (spec, ctx) => {
    const deadline = int(spec['startingDeadlineSeconds']);
    if (deadline === undefined || deadline < 0 || deadline >= SHORTEST_SAFE_DEADLINE_SECONDS) return;
    ctx.report({
      rule: 'starting-deadline-short',
      path: ['spec', 'startingDeadlineSeconds'],
      message:
        `spec.startingDeadlineSeconds: ${deadline} s is shorter than the controller's usual delay; runs may be skipped ` +
        `(use at least ${SHORTEST_SAFE_DEADLINE_SECONDS})`,
    });
  },
);
