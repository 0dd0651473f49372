/**
 * A live CronJob's health, as the cluster view shows it: a badge on its tree row and a Health
 * section in its panel. The judgement is the engine's (`cronJobHealth`, pure, time as input);
 * this module only words it for the two places.
 */
import type { CronJobHealth, HealthSeverity } from '../../../../src-engine';
import { cronJobHealth, healthInput } from '../../../../src-engine';
import type { HealthSectionView } from '../../webviews/contract';
import type { ClusterIndex } from './clusterIndex';
import type { CronJob, Event, Job } from './k8s';
import { nameOf } from './k8s';
import { formatAge, formatInZone } from './format';

/** healthOf judges a CronJob from the Jobs and events the view watches. */
export function healthOf(cronJob: CronJob, jobs: readonly Job[], events: readonly Event[], nowMs: number): CronJobHealth {
  return cronJobHealth(healthInput(cronJob, jobs, events, nowMs));
}

/** The badge on a CronJob's row: a word at the start of the description, and lines for the tooltip. */
export interface HealthBadge {
  readonly level: CronJobHealth['status'];
  /** `✗ unhealthy`, `⚠ 2 warnings`; empty when healthy (a quiet row is the good news). */
  readonly text: string;
  readonly tooltip: readonly string[];
  /** When the badge may change with no new event (see CronJobHealth.recheckAt). */
  readonly recheckAt: number | null;
}

const MARK: Readonly<Record<HealthSeverity, string>> = { error: '✗', warning: '⚠', info: 'ℹ' };

/** healthBadge words a health for the tree row. */
export function healthBadge(health: CronJobHealth): HealthBadge {
  const serious = health.findings.filter((f) => f.severity !== 'info');
  const text =
    health.status === 'unhealthy'
      ? '✗ unhealthy'
      : health.status === 'warning'
        ? `⚠ ${serious.length} warning${serious.length === 1 ? '' : 's'}`
        : '';
  const tooltip = [`Health: ${health.status}`, ...health.findings.map((f) => `  ${MARK[f.severity]} ${f.title}`)];
  return { level: health.status, text, tooltip, recheckAt: health.recheckAt };
}

/** badgeFor judges a CronJob of the index from the Jobs and events the index holds for it. */
export function badgeFor(index: ClusterIndex, cronJob: CronJob, nowMs: number): HealthBadge {
  const ns = cronJob.metadata?.namespace ?? '';
  const name = nameOf(cronJob);
  return healthBadge(healthOf(cronJob, index.jobsOf(ns, name), index.eventsFor(ns, 'CronJob', name), nowMs));
}

/** healthSection words a health for the CronJob panel, with times in the CronJob's zone. */
export function healthSection(health: CronJobHealth, timeZone: string | undefined, nowMs: number): HealthSectionView {
  const when = (ms: number | null): string => (ms === null ? 'never' : `${formatInZone(ms, timeZone)} (${formatAge(ms, nowMs)})`);
  const count = health.findings.filter((f) => f.severity !== 'info').length;
  const summary =
    health.status === 'healthy'
      ? `Healthy${health.suspended ? ' (suspended)' : ''}`
      : `${health.status === 'unhealthy' ? 'Unhealthy' : 'Needs a look'}: ${count} problem${count === 1 ? '' : 's'}`;
  return {
    status: health.status,
    suspended: health.suspended,
    summary,
    facts: [
      { label: 'last schedule', value: when(health.lastScheduleTime) },
      { label: 'last success', value: when(health.lastSuccessTime) },
      { label: 'next run', value: health.suspended ? 'none while suspended' : when(health.nextRunTime) },
    ],
    findings: health.findings.map((f) => ({
      severity: f.severity,
      rule: f.rule,
      title: f.title,
      message: f.message,
      ...(f.fix !== undefined ? { fix: f.fix } : {}),
      ...(f.job !== undefined ? { job: f.job } : {}),
    })),
  };
}
