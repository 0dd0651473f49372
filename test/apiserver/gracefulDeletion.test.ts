/**
 * Graceful deletion and finalizers, checked with the real kubectl: a deleted running pod shows
 * Terminating with its grace period until the (stand-in) kubelet confirms it; a finished or
 * unscheduled pod goes at once; a finalizer holds any object until an update removes it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { seedJob } from './seed';
import type { TestApiServer } from './server';
import { startTestApiServer } from './server';
import type { KubectlEnv } from './testClient';
import { findKubectl, makeKubectlEnv, runKubectl } from './testClient';
import { gracePeriodFor, planDeletion } from './gracefulDeletion';

const skip = findKubectl() ? false : 'no kubectl binary on PATH (install Debian kubernetes-client to run these)';
const NOW = Date.parse('2026-08-12T10:00:00Z');

describe('graceful deletion and finalizers', () => {
  it('gives pods their grace period as CheckGracefulDelete does, and plans deletions as BeforeDelete does', () => {
    const running = { spec: { nodeName: 'n1', terminationGracePeriodSeconds: 30 }, status: { phase: 'Running' }, metadata: {} };
    assert.equal(gracePeriodFor('pods', running, undefined), 30);
    assert.equal(gracePeriodFor('pods', running, 5), 5);
    assert.equal(gracePeriodFor('pods', running, -3), 1);
    assert.equal(
      gracePeriodFor('pods', { ...running, spec: { terminationGracePeriodSeconds: 30 } }, undefined),
      0,
      'not scheduled',
    );
    assert.equal(gracePeriodFor('pods', { ...running, status: { phase: 'Succeeded' } }, undefined), 0, 'already finished');
    assert.equal(gracePeriodFor('jobs', running, 30), 0);
    assert.deepEqual(planDeletion({ metadata: { name: 'p' } }, 0, NOW), { kind: 'remove' });
    assert.deepEqual(planDeletion({ metadata: { name: 'p' } }, 30, NOW), {
      kind: 'mark',
      metadata: { name: 'p', deletionTimestamp: '2026-08-12T10:00:30Z', deletionGracePeriodSeconds: 30 },
    });
    const marked = { metadata: { name: 'p', deletionTimestamp: '2026-08-12T10:00:30Z', deletionGracePeriodSeconds: 30 } };
    assert.deepEqual(planDeletion(marked, 30, NOW), { kind: 'pending' }, 'a longer or equal grace period changes nothing');
    assert.deepEqual(planDeletion(marked, 0, NOW), { kind: 'remove' });
    assert.equal(planDeletion({ metadata: { name: 'j', finalizers: ['x'] } }, 0, NOW).kind, 'mark');
  });
});

describe('graceful deletion with kubectl', { skip }, () => {
  let server: TestApiServer;
  let k: KubectlEnv;

  before(async () => {
    server = await startTestApiServer({ now: () => NOW });
    k = makeKubectlEnv((p) => server.writeKubeconfig(p, { namespace: 'demo' }));
  });
  after(async () => {
    await server.close();
    fs.rmSync(k.dir, { recursive: true, force: true });
  });

  it('kubectl delete pod --grace-period: Terminating, held by its finalizer, gone once the kubelet confirms', async () => {
    const { pods } = seedJob(server.store, { namespace: 'demo', name: 'long', state: 'running', startMs: NOW - 60_000 });
    const name = pods[0]?.metadata.name as string;
    const r = await runKubectl(k, ['delete', 'pod', name, '--grace-period=45', '--wait=false']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), `pod "${name}" deleted`);
    const marked = server.store.get('pods', 'demo', name);
    assert.equal(marked?.metadata.deletionTimestamp, '2026-08-12T10:00:45Z');
    assert.equal(marked?.metadata.deletionGracePeriodSeconds, 45);
    const shown = await runKubectl(k, ['get', 'pod', name]);
    assert.match(shown.stdout, new RegExp(`^${name}\\s+1/1\\s+Terminating\\s+0\\s+`, 'm'));
    // What the kubelet sends once the containers have stopped; the Job's tracking finalizer still holds the pod.
    server.store.delete('pods', 'demo', name, { gracePeriodSeconds: 0 });
    assert.deepEqual(server.store.get('pods', 'demo', name)?.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
    server.store.mutate('pods', 'demo', name, (p) => {
      p.metadata.finalizers = [];
    });
    assert.equal(server.store.get('pods', 'demo', name), undefined);
  });

  it('a finalizer holds a Job until it is removed; a finished pod goes at once', async () => {
    server.store.create('jobs', { metadata: { name: 'held', namespace: 'demo', finalizers: ['example.com/hold'] }, spec: {} });
    assert.equal((await runKubectl(k, ['delete', 'job', 'held', '--wait=false'])).code, 0);
    assert.ok(server.store.get('jobs', 'demo', 'held')?.metadata.deletionTimestamp);
    const patched = await runKubectl(k, ['patch', 'job', 'held', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    assert.equal(patched.code, 0, patched.stderr);
    assert.equal(server.store.get('jobs', 'demo', 'held'), undefined);
    const { pods } = seedJob(server.store, { namespace: 'demo', name: 'done', state: 'complete', startMs: NOW - 60_000 });
    const done = pods[0]?.metadata.name as string;
    assert.equal((await runKubectl(k, ['delete', 'pod', done])).code, 0);
    assert.equal(server.store.get('pods', 'demo', done), undefined);
  });
});
