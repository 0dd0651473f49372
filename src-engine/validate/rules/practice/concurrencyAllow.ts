import { int } from '../../context';
import { quickFix, setField } from '../../edits';
import { CRON_DOCS, practiceRule } from '../../rule';
import { formatDelay } from '../../scheduleApi';
import { cronScheduleRule, shortestIntervalMs } from './cronJobSchedule';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * concurrency-allow: concurrencyPolicy left to its default, Allow, lets a run that outlasts the
 * interval overlap the next (syncCronJob starts the new Job whatever is active). How likely that
 * is depends on the interval: runs an hour apart or closer are reported at the rule's level,
 * runs less than a day apart one level lower, daily and rarer runs not at all; an
 * activeDeadlineSeconds that ends every run before the next one starts rules overlap out.
 * An explicit `Allow` is a decision, not an oversight.
 */
export const concurrencyAllowRule = cronScheduleRule(
  practiceRule('info', {
    id: 'concurrency-allow',
    title: 'Overlapping runs allowed',
    description:
      'concurrencyPolicy defaults to Allow: on a frequent schedule a slow run and the next one run at the same time. Forbid ' +
      'or Replace is usually what batch work wants.',
    docsUrl: `${CRON_DOCS}#concurrency-policy`,
  }),
  (view, ctx) => {
    if (!view.schedule) return;
    const policy = ctx.spec?.['concurrencyPolicy'];
    if (policy !== undefined && policy !== null && policy !== '') return;
    const interval = shortestIntervalMs(view.schedule);
    if (interval === undefined || interval >= DAY_MS) return;
    const deadline = int(ctx.jobSpecs[0]?.spec['activeDeadlineSeconds']);
    if (deadline !== undefined && deadline * 1000 <= interval) return;
    ctx.report({
      rule: 'concurrency-allow',
      path: ['spec', 'concurrencyPolicy'],
      locate: ['spec', 'schedule'],
      at: 'key',
      message:
        `spec.concurrencyPolicy defaults to Allow: runs start as often as every ${formatDelay(interval)} and nothing ` +
        `ends a run before the next one (no ` +
        `activeDeadlineSeconds${deadline !== undefined ? ` shorter than that; it is ${deadline} s` : ''}), so a slow run ` +
        `overlaps the next`,
      ...(interval > HOUR_MS ? { grade: 'lower' as const } : {}),
      ...quickFix(
        'Skip a run while the previous one is active (concurrencyPolicy: Forbid)',
        setField(ctx.doc, ['spec'], 'concurrencyPolicy', 'Forbid'),
        { preferred: false },
      ),
    });
  },
);
