/**
 * A CronJob with a past, as the real kubectl sees it: the test API server holds its
 * lastScheduleTime, the Jobs it created for past scheduled times and the events it recorded.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { seedDemoCluster } from './demoCluster';
import { seedCronJobHistory } from './histories';
import type { TestApiServer } from './server';
import { startTestApiServer } from './server';
import type { KubectlEnv } from './testClient';
import { findKubectl, makeKubectlEnv, runKubectl } from './testClient';

const skip = findKubectl() ? false : 'no kubectl binary on PATH (install Debian kubernetes-client to run these)';
const NOW = Date.parse('2026-01-07T10:00:00Z');
const HOUR = 3_600_000;

describe('CronJob histories in the test API server', { skip }, () => {
  let server: TestApiServer;
  let k: KubectlEnv;

  before(async () => {
    server = await startTestApiServer({ now: () => NOW });
    seedCronJobHistory(server.store, server.logs, {
      namespace: 'ops',
      name: 'export',
      schedule: '0 * * * *',
      concurrencyPolicy: 'Forbid',
      createdMs: NOW - 48 * HOUR,
      runs: [
        { scheduledMs: NOW - 3 * HOUR, outcome: 'complete', durationMs: 20 * 60_000 },
        { scheduledMs: NOW - 2 * HOUR, outcome: 'failed' },
        { scheduledMs: NOW - HOUR, outcome: 'running' },
      ],
      events: [
        {
          type: 'Normal',
          reason: 'JobAlreadyActive',
          message: 'Not starting job because prior execution is running and concurrency policy is Forbid',
          atMs: NOW - 5 * 60_000,
        },
      ],
    });
    k = makeKubectlEnv((p) => server.writeKubeconfig(p, { namespace: 'ops' }));
  });
  after(async () => {
    await server.close();
    fs.rmSync(k.dir, { recursive: true, force: true });
  });

  it('kubectl get shows the last schedule, the active run and the Jobs with their ages', async () => {
    const cron = await runKubectl(k, ['get', 'cronjob', 'export']);
    assert.equal(cron.code, 0, cron.stderr);
    assert.match(cron.stdout, /^export\s+0 \* \* \* \*\s+<none>\s+False\s+1\s+60m\s+2d$/m);
    const jobs = await runKubectl(k, ['get', 'jobs', '--sort-by=.metadata.creationTimestamp']);
    const lines = jobs.stdout.trim().split('\n').slice(1);
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^export-\d+\s+Complete\s+1\/1\s+20m\s+3h$/);
    // A failed Job has no completionTime: its duration runs on from its start, as the real server prints it.
    assert.match(lines[1] ?? '', /^export-\d+\s+Failed\s+0\/1\s+120m\s+120m$/);
    assert.match(lines[2] ?? '', /^export-\d+\s+Running\s+0\/1\s+60m\s+60m$/);
  });

  it('kubectl describe shows the events the controller recorded', async () => {
    const r = await runKubectl(k, ['describe', 'cronjob', 'export']);
    assert.match(r.stdout, /Last Schedule Time:\s+Wed, 07 Jan 2026 09:00:00 \+0000/);
    assert.match(
      r.stdout,
      /Normal\s+SawCompletedJob\s+\S+\s+cronjob-controller\s+Saw completed job: export-\d+, condition: Failed/,
    );
    assert.match(r.stdout, /Normal\s+JobAlreadyActive\s+\S+\s+cronjob-controller\s+Not starting job/);
  });

  it('the demo cluster adds an unhealthy nightly backup and a long-suspended sync', async () => {
    const demo = await startTestApiServer({ now: () => NOW });
    try {
      const world = seedDemoCluster(demo.store, demo.logs, NOW);
      assert.ok(world.cronJobs.some((c) => c.metadata.name === 'nightly-backup' && c.status.lastSuccessfulTime !== undefined));
      const backup = world.jobs.filter((j) => j.metadata.ownerReferences?.[0]?.name === 'nightly-backup');
      assert.deepEqual(
        backup.map(
          (j) =>
            j.status.conditions?.find(
              (c: { type: string; status: string }) => c.status === 'True' && (c.type === 'Complete' || c.type === 'Failed'),
            )?.type,
        ),
        ['Complete', 'Failed', 'Failed', 'Failed'],
      );
    } finally {
      await demo.close();
    }
  });
});
