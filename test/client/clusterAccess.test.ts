import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { startTestApiServer } from '../apiserver/server';
import type { TestApiServer } from '../apiserver/server';
import { seedCronJob, seedJob, seedEvent } from '../apiserver/seed';
import { ClusterSession } from '../../client/src/cluster/session';
import { snapshot, childrenOf } from '../../client/src/views/model/treeModel';
import { churnOnce, serverIndex, transportFor, waitFor } from './helpers';
import { triggerCronJob, setSuspended, deleteJob, applyObject } from '../../client/src/cluster/actions';
import { ApiError } from '../../kube/apiError';
import { MANUAL_INSTANTIATE_ANNOTATION } from '../../client/src/views/model/manualJob';
import { parseManifestFile } from '../../src-engine';
import { problemsFromStatus } from '../../client/src/views/model/applyDiagnostics';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const OPTIONS = { nowMs: NOW, maxJobs: 1000 };

function ensureNamespace(server: TestApiServer, name: string): void {
  if (!server.store.get('namespaces', undefined, name)) server.store.create('namespaces', { metadata: { name } });
}

async function session(
  server: TestApiServer,
  namespaces: string[] | 'all',
  changes?: { count: number },
): Promise<ClusterSession> {
  const s = new ClusterSession({
    transport: await transportFor(server),
    namespaces: namespaces === 'all' ? { all: true } : { all: false, names: namespaces },
    onChange: () => {
      if (changes) changes.count++;
    },
    backoffInitialMs: 5,
    backoffMaxMs: 50,
  });
  await s.start();
  return s;
}

describe('cluster access against the test API server', () => {
  let server: TestApiServer;
  before(async () => {
    server = await startTestApiServer({ now: () => NOW, seed: 3 });
    for (const ns of ['demo', 'batch']) ensureNamespace(server, ns);
    const nightly = seedCronJob(server.store, {
      namespace: 'demo',
      name: 'nightly-report',
      schedule: '0 2 * * *',
      timeZone: 'Europe/Berlin',
      lastScheduleMs: NOW - 10 * 3600_000,
    });
    seedCronJob(server.store, { namespace: 'demo', name: 'paused', schedule: '*/5 * * * *', suspend: true });
    const { job } = seedJob(server.store, {
      namespace: 'demo',
      name: 'nightly-report-29000000',
      state: 'failed',
      owner: nightly,
      startMs: NOW - 3600_000,
    });
    seedJob(server.store, {
      namespace: 'demo',
      name: 'nightly-report-29000060',
      state: 'complete',
      owner: nightly,
      startMs: NOW - 1800_000,
    });
    seedJob(server.store, { namespace: 'batch', name: 'one-off', state: 'running', startMs: NOW - 60_000 });
    seedEvent(
      server.store,
      job,
      'Warning',
      'BackoffLimitExceeded',
      'Job has reached the specified backoff limit',
      NOW - 3000_000,
      'job-controller',
    );
  });
  after(async () => {
    await server.close();
  });

  it('builds the tree the server state describes: CronJobs with their Jobs and Pods, and Jobs without a CronJob', async () => {
    const s = await session(server, ['demo', 'batch']);
    try {
      await s.whenSynced();
      assert.deepEqual(snapshot(s.index, OPTIONS), snapshot(serverIndex(server, ['batch', 'demo']), OPTIONS));
      const demo = childrenOf(s.index, 'ns/demo', OPTIONS);
      assert.deepEqual(
        demo.map((r) => `${r.kind}:${r.label}`),
        ['cronJob:nightly-report', 'cronJob:paused'],
      );
      assert.match(demo[0]?.description ?? '', /next 2026-12-01 02:00 Europe\/Berlin/);
      assert.match(demo[1]?.description ?? '', /suspended/);
      const jobs = childrenOf(s.index, 'cj/demo/nightly-report', OPTIONS);
      assert.deepEqual(
        jobs.map((r) => r.icon),
        ['job-complete', 'job-failed'],
      );
      const pods = childrenOf(s.index, 'job/demo/nightly-report-29000000', OPTIONS);
      assert.equal(pods.length, 3);
      assert.ok(
        pods.some((p) => /^OOMKilled · exit 137/.test(p.description ?? '')),
        JSON.stringify(pods.map((p) => p.description)),
      );
      assert.deepEqual(
        childrenOf(s.index, 'ns/batch', OPTIONS).map((r) => `${r.kind}:${r.label}`),
        ['job:one-off'],
      );
      assert.equal(s.index.eventsFor('demo', 'Job', 'nightly-report-29000000')[0]?.reason, 'BackoffLimitExceeded');
    } finally {
      await s.stop();
    }
  });

  it('converges to the server state after 50 injected faults (500s, dropped connections, cut watches, 410 Gone)', async () => {
    const changes = { count: 0 };
    const s = await session(server, ['demo', 'batch'], changes);
    try {
      await s.whenSynced();
      server.faults.set({
        seed: 11,
        status500Rate: 0.25,
        dropConnectionRate: 0.1,
        dropWatchAfterEvents: 4,
        gone410OnNextWatch: 6,
      });
      const owner = server.store.get('cronjobs', 'demo', 'nightly-report');
      // 500s hit only lists (relists after a fault), so how many of the 50 faults they make depends
      // on timing: the churn goes on until there were 50 faults and each kind was among them.
      const allKindsSeen = (): boolean =>
        ['status500', 'dropWatch', 'gone410'].every((kind) => server.faults.injected.some((f) => f.kind === kind));
      let i = 0;
      while (server.faults.randomFaultCount() < 50 || !allKindsSeen()) {
        if (i > 5000) assert.fail(`only ${server.faults.randomFaultCount()} faults after ${i} changes`);
        const ns = i % 2 === 0 ? 'demo' : 'batch';
        churnOnce(server.store, i, {
          namespace: ns,
          nowMs: NOW,
          ...(ns === 'demo' && owner ? { owner } : {}),
          failedEvery: 3,
          succeededEvery: 4,
        });
        i++;
        // Pace the churn so reconnects interleave with changes instead of all faults hitting one request burst:
        // every 10 changes, wait until the client has applied one more (from a watch, or a relist after a fault).
        await new Promise((r) => setImmediate(r));
        if (i % 10 === 0) {
          const seen = changes.count;
          await waitFor('the client to apply another change', () => changes.count > seen, 20_000);
        }
      }
      const kinds = new Set(server.faults.injected.map((f) => f.kind));
      server.faults.clear();
      // One more change after the faults stop, so cut watches have something to deliver.
      seedJob(server.store, { namespace: 'batch', name: 'after-faults', state: 'complete', startMs: NOW });
      const expected = (): unknown => snapshot(serverIndex(server, ['batch', 'demo']), OPTIONS);
      await waitFor(
        'the tree to equal the server state',
        () => {
          try {
            assert.deepEqual(snapshot(s.index, OPTIONS), expected());
            return true;
          } catch {
            return false;
          }
        },
        20_000,
      );
      assert.ok(server.faults.injected.filter((f) => f.kind !== 'forbidden' && f.kind !== 'latency').length >= 50);
      assert.ok(
        kinds.has('status500') && kinds.has('dropWatch') && kinds.has('gone410'),
        `fault kinds: ${[...kinds].join(', ')}`,
      );
      assert.ok(changes.count > 0);
    } finally {
      server.faults.clear();
      await s.stop();
    }
  });

  it('shows a clear node when RBAC forbids listing, and says why actions are disabled', async () => {
    ensureNamespace(server, 'secret');
    server.deny.push(
      { verb: 'list', resource: 'jobs', namespace: 'secret' },
      { verb: 'watch', resource: 'jobs', namespace: 'secret' },
      { verb: 'create', resource: 'jobs', namespace: 'secret' },
    );
    const s = await session(server, ['secret']);
    try {
      await waitFor('the forbidden problem', () => s.index.problemsIn('secret').length > 0);
      const rows = childrenOf(s.index, 'ns/secret', OPTIONS);
      assert.equal(rows[0]?.label, 'forbidden: cannot list jobs in ns secret');
      assert.equal(rows[0]?.icon, 'forbidden');
      const create = await s.access.check({ namespace: 'secret', verb: 'create', group: 'batch', resource: 'jobs' });
      assert.equal(create.allowed, false);
      assert.match(create.reason, /^forbidden: cannot create jobs in ns secret/);
      assert.equal((await s.access.check({ namespace: 'demo', verb: 'create', group: 'batch', resource: 'jobs' })).allowed, true);
    } finally {
      server.deny.splice(0);
      await s.stop();
    }
  });

  it('watches all namespaces at once when allowed', async () => {
    const s = await session(server, 'all');
    try {
      await s.whenSynced();
      assert.ok(s.index.namespaces().includes('demo') && s.index.namespaces().includes('batch'));
      assert.ok(s.index.cronJobs.get('demo', 'nightly-report'));
    } finally {
      await s.stop();
    }
  });

  it('triggers a CronJob like kubectl create job --from: template, manual annotation, owner reference, name ≤ 63', async () => {
    const longName = `${'x'.repeat(44)}-cronjob`;
    assert.equal(longName.length, 52);
    seedCronJob(server.store, { namespace: 'demo', name: longName, schedule: '@hourly' });
    const transport = await transportFor(server);
    const job = await triggerCronJob(transport, 'demo', longName, () => 0.5);
    const name = job.metadata?.name ?? '';
    assert.ok(name.length <= 63, name);
    assert.match(name, /-manual-[a-z0-9]{5}$/);
    const stored = server.store.get('jobs', 'demo', name);
    assert.ok(stored);
    assert.equal(stored.metadata.annotations[MANUAL_INSTANTIATE_ANNOTATION], 'manual');
    const cj = server.store.get('cronjobs', 'demo', longName);
    assert.deepEqual(
      stored.metadata.ownerReferences.map((o: { kind: string; uid: string; controller: boolean }) => [
        o.kind,
        o.uid,
        o.controller,
      ]),
      [['CronJob', cj?.metadata.uid, true]],
    );
    assert.deepEqual(
      stored.spec.template.spec.containers.map((c: { image: string }) => c.image),
      ['busybox:1.36'],
    );
  });

  it('suspends, resumes and deletes with a propagation policy', async () => {
    const transport = await transportFor(server);
    await setSuspended(transport, 'CronJob', 'demo', 'nightly-report', true);
    assert.equal(server.store.get('cronjobs', 'demo', 'nightly-report')?.spec.suspend, true);
    await setSuspended(transport, 'CronJob', 'demo', 'nightly-report', false);
    assert.equal(server.store.get('cronjobs', 'demo', 'nightly-report')?.spec.suspend, false);
    seedJob(server.store, { namespace: 'batch', name: 'to-delete', state: 'failed', startMs: NOW });
    await deleteJob(transport, 'batch', 'to-delete', 'Background');
    await waitFor(
      'the Job and its pods to go',
      () =>
        !server.store.get('jobs', 'batch', 'to-delete') &&
        !server.store.list('pods', 'batch').some((p) => p.metadata.name.startsWith('to-delete-')),
    );
    await assert.rejects(
      deleteJob(transport, 'batch', 'to-delete', 'Background'),
      (e: unknown) => e instanceof ApiError && e.code === 404,
    );
  });

  it('applies with a server-side dry run first, and places API errors on the manifest lines', async () => {
    const transport = await transportFor(server);
    const text = [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: bad-job',
      'spec:',
      '  template:',
      '    spec:',
      '      restartPolicy: Always',
      '      containers: []',
      '',
    ].join('\n');
    const doc = parseManifestFile(text).documents[0];
    assert.ok(doc);
    const dry = await applyObject(transport, 0, doc.value as Record<string, unknown>, 'demo', true);
    assert.equal(dry.ok, false);
    assert.ok(!dry.ok && dry.error instanceof ApiError && dry.error.code === 422, JSON.stringify(dry));
    const problems = problemsFromStatus(doc, (dry as { error: ApiError }).error.status, 'x');
    assert.ok(problems.length > 0);
    assert.ok(
      problems.every((p) => p.range.start.line >= 4),
      JSON.stringify(problems),
    );
    assert.equal(server.store.get('jobs', 'demo', 'bad-job'), undefined);

    const good = parseManifestFile(
      text
        .replace('restartPolicy: Always', 'restartPolicy: Never')
        .replace('containers: []', 'containers: [{name: main, image: busybox}]'),
    ).documents[0];
    const check = await applyObject(transport, 0, good?.value as Record<string, unknown>, 'demo', true);
    assert.equal(check.ok, true, JSON.stringify(check));
    assert.equal(server.store.get('jobs', 'demo', 'bad-job'), undefined, 'a dry run stores nothing');
    const real = await applyObject(transport, 0, good?.value as Record<string, unknown>, 'demo', false);
    assert.equal(real.ok, true);
    assert.ok(server.store.get('jobs', 'demo', 'bad-job'));
  });
});
