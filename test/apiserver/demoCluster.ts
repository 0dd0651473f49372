/**
 * The demo cluster `npm start` and the in-VS Code tests serve: the demo world plus two CronJobs
 * with a past that the health rules have something to say about — a nightly backup whose last
 * three runs failed (unhealthy), and a sync suspended three days ago that would hit
 * TooManyMissedTimes if resumed now.
 */
import { nextRuns, parseStandard } from '../../src-engine';
import type { DemoWorld } from './demoWorld';
import { seedDemoWorld } from './demoWorld';
import { seedCronJobHistory } from './histories';
import type { LogStore } from './logs';
import type { Store } from './store';

const DAY = 86_400_000;

/** The scheduled times of `schedule` in `timeZone` in (fromMs, toMs]. */
function runsBetween(schedule: string, timeZone: string | undefined, fromMs: number, toMs: number): number[] {
  const parsed = parseStandard(schedule);
  if (!parsed.ok) return [];
  return nextRuns(parsed.schedule, fromMs, 1000, timeZone).filter((t) => t <= toMs);
}

export function seedDemoCluster(store: Store, logs: LogStore, nowMs: number): DemoWorld {
  const world = seedDemoWorld(store, logs, nowMs);
  const nightly = runsBetween('0 1 * * *', 'Europe/Berlin', nowMs - 4.5 * DAY, nowMs).slice(-4);
  const backup = seedCronJobHistory(store, logs, {
    namespace: 'batch-jobs',
    name: 'nightly-backup',
    schedule: '0 1 * * *',
    timeZone: 'Europe/Berlin',
    concurrencyPolicy: 'Forbid',
    createdMs: nowMs - 30 * DAY,
    image: 'registry.example.com/pg-backup:16.4',
    runs: nightly.map((t, i) => ({
      scheduledMs: t,
      outcome: i === 0 ? 'complete' : 'failed',
      durationMs: i === 0 ? 11 * 60_000 : 3 * 60_000,
    })),
  });
  const suspendedAt = runsBetween('*/30 * * * *', undefined, nowMs - 3 * DAY - 30 * 60_000, nowMs - 3 * DAY).slice(-1);
  const sync = seedCronJobHistory(store, logs, {
    namespace: 'batch-jobs',
    name: 'report-sync',
    schedule: '*/30 * * * *',
    suspend: true,
    concurrencyPolicy: 'Forbid',
    createdMs: nowMs - 20 * DAY,
    image: 'registry.example.com/report-sync:3.2.0',
    runs: suspendedAt.map((t) => ({ scheduledMs: t, outcome: 'complete' as const, durationMs: 4 * 60_000 })),
  });
  world.cronJobs.push(backup.cronJob, sync.cronJob);
  world.jobs.push(...backup.jobs, ...sync.jobs);
  world.pods.push(...backup.pods, ...sync.pods);
  return world;
}
