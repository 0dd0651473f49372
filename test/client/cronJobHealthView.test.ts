import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ClusterIndex } from '../../client/src/views/model/clusterIndex';
import { healthBadge, healthOf, healthSection } from '../../client/src/views/model/cronJobHealthView';
import { childrenOf, rowOf } from '../../client/src/views/model/treeModel';
import { T0, cronJob, event, iso, job } from './fixtures';

const HOUR = 3_600_000;
const failed = (name: string, at: number): ReturnType<typeof job> =>
  job(name, {
    owner: 'backup',
    created: at,
    status: {
      startTime: iso(at),
      failed: 1,
      conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: iso(at + 60_000) }],
    },
  });

describe('CronJob health in the cluster view', () => {
  it('a healthy CronJob has a quiet badge and a Health section that says so', () => {
    const cj = cronJob(
      'report',
      { schedule: '0 * * * *' },
      { lastScheduleTime: iso(T0 - 10 * 60_000), lastSuccessfulTime: iso(T0 - 8 * 60_000) },
    );
    const health = healthOf(cj, [], [], T0);
    assert.deepEqual(healthBadge(health), { level: 'healthy', text: '', tooltip: ['Health: healthy'], recheckAt: T0 + 121_000 });
    const section = healthSection(health, undefined, T0);
    assert.equal(section.summary, 'Healthy');
    assert.deepEqual(
      section.facts.map((f) => f.label),
      ['last schedule', 'last success', 'next run'],
    );
    assert.equal(section.facts[2]!.value, '2026-11-30 13:00 UTC (in 1h)');
  });

  it('three failed runs make the badge unhealthy and the section list them with the fix', () => {
    const cj = cronJob(
      'backup',
      { schedule: '0 * * * *' },
      { lastScheduleTime: iso(T0 - HOUR), lastSuccessfulTime: iso(T0 - 4 * HOUR) },
    );
    const jobs = [failed('backup-1', T0 - HOUR), failed('backup-2', T0 - 2 * HOUR), failed('backup-3', T0 - 3 * HOUR)];
    const health = healthOf(cj, jobs, [], T0);
    const badge = healthBadge(health);
    assert.equal(badge.text, '✗ unhealthy');
    assert.ok(badge.tooltip.includes('  ✗ Last 3 runs failed'), badge.tooltip.join('\n'));
    const section = healthSection(health, undefined, T0);
    assert.equal(section.summary, 'Unhealthy: 2 problems');
    assert.equal(section.findings[0]!.rule, 'last-runs-failed');
    assert.match(section.findings[0]!.fix ?? '', /panel says why it failed/);
  });

  it("reads the CronJob's own events only", () => {
    const cj = cronJob(
      'sync',
      { schedule: '0 * * * *' },
      { lastScheduleTime: iso(T0 - 20 * 60_000), lastSuccessfulTime: iso(T0 - 19 * 60_000) },
    );
    const events = [
      event('e1', { kind: 'CronJob', name: 'sync' }, 'TooManyMissedTimes', 'too many missed start times', T0 - 30 * 60_000),
      event('e2', { kind: 'CronJob', name: 'other' }, 'TooManyMissedTimes', 'too many missed start times', T0 - 30 * 60_000),
    ];
    const health = healthOf(cj, [], events, T0);
    assert.deepEqual(
      health.findings.map((f) => f.rule),
      ['too-many-missed-starts'],
    );
    assert.equal(healthBadge(health).text, '⚠ 1 warning');
  });
});

describe('CronJob health in the cluster tree', () => {
  function world(): ClusterIndex {
    const index = new ClusterIndex();
    index.setNamespaces(['demo']);
    index.apply(
      'CronJob',
      'ADDED',
      cronJob('backup', { schedule: '0 * * * *' }, { lastScheduleTime: iso(T0 - HOUR), lastSuccessfulTime: iso(T0 - 4 * HOUR) }),
    );
    for (const h of [1, 2, 3]) index.apply('Job', 'ADDED', failed(`backup-${h}`, T0 - h * HOUR));
    return index;
  }

  it('an unhealthy CronJob row leads with the badge, shows the red icon and lists the findings in its tooltip', () => {
    const row = childrenOf(world(), 'ns/demo', { nowMs: T0 }).find((r) => r.label === 'backup');
    assert.ok(row);
    assert.match(row.description ?? '', /^✗ unhealthy · Every hour/);
    assert.equal(row.icon, 'cronjob-unhealthy');
    assert.match(row.tooltip ?? '', /Health: unhealthy\n {2}✗ Last 3 runs failed/);
  });

  it('a run that finishes, and an event about the CronJob, redraw the CronJob row (its badge reads them)', () => {
    const index = world();
    index.apply('Job', 'ADDED', job('backup-0', { owner: 'backup', created: T0, status: { startTime: iso(T0), active: 1 } }));
    const done = job('backup-0', {
      owner: 'backup',
      created: T0,
      status: {
        startTime: iso(T0),
        succeeded: 1,
        completionTime: iso(T0 + 60_000),
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    });
    assert.deepEqual([...index.apply('Job', 'MODIFIED', done).nodeIds], ['job/demo/backup-0', 'cj/demo/backup']);
    const note = event('e1', { kind: 'CronJob', name: 'backup' }, 'JobAlreadyActive', 'Not starting job', T0);
    assert.deepEqual([...index.apply('Event', 'ADDED', note).nodeIds], ['cj/demo/backup']);
    assert.equal(
      rowOf(index, 'cj/demo/backup', { nowMs: T0 + 120_000 })?.icon,
      'cronjob-unhealthy',
      'still: no success since 4 h',
    );
  });
});
