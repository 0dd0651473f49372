import { fieldPath } from '../validate/context';
import { formatDelay } from '../validate/scheduleApi';
import { containerLifetime } from './containerLifetime';
import { scriptField } from './containerCommand';
import { convertToCronJob } from './convertToCronJob';
import { scheduleForInterval } from './intervalSchedule';
import type { LifecycleRule } from './lifecycleContext';
import { servesTraffic } from './lifecycleContext';
import { practiceRule } from '../validate/rule';

/**
 * Below this interval a loop in a long-running pod is the better shape (a CronJob would create a
 * Job every few minutes), as the CronJob docs and the tutorial kube-jobs grew from both say.
 */
const SHORTEST_SCHEDULED_INTERVAL_SECONDS = 300;

/**
 * lifecycle-sleep-loop: the only container of a workload runs `while true; do work; sleep N;
 * done` with N of five minutes or more — a schedule written as a loop. A CronJob runs the work on
 * time without holding a pod in between, retries a failed run and keeps a history; the loop
 * itself works, so this is information, not a warning.
 */
export const sleepLoopRule: LifecycleRule = {
  rules: [
    practiceRule('info', {
      id: 'lifecycle-sleep-loop',
      title: 'Schedule written as a sleep loop',
      description:
        "The workload's only container repeats work with a long sleep between runs; a CronJob does this without a pod waiting " +
        'in between.',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/',
    }),
  ],
  check(ctx) {
    const containers = ctx.containers;
    if (containers.length !== 1 || ctx.kind === 'DaemonSet') return;
    const { container, path } = containers[0]!;
    if (servesTraffic(container)) return;
    const lifetime = containerLifetime(container);
    if (lifetime.kind !== 'loop' || lifetime.intervalSeconds < SHORTEST_SCHEDULED_INTERVAL_SECONDS) return;
    const schedule = scheduleForInterval(lifetime.intervalSeconds);
    const field = scriptField(container);
    ctx.report({
      rule: 'lifecycle-sleep-loop',
      path: [...path, field?.[0] ?? 'command'],
      message:
        `${fieldPath(path)}: loops \`${lifetime.workText}\` with \`${lifetime.sleepText}\` between runs (every ` +
        `${formatDelay(lifetime.intervalSeconds * 1000)} plus the run's own time): a CronJob with schedule "${schedule}" runs ` +
        `it without a pod waiting in between, retries a failed run and keeps a history`,
      fixes: () => {
        const fix = field ? convertToCronJob(ctx.doc, ctx.kind, [...path, ...field], lifetime.intervalSeconds) : undefined;
        return fix ? [fix] : [];
      },
    });
  },
};
