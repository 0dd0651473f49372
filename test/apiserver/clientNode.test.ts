/**
 * The extension talks to clusters through @kubernetes/client-node: check that the library
 * lists, watches (with bookmarks), patches, creates, follows logs and reviews access against the
 * test API server the way it would against a real one.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { seedDemoWorld } from './demoWorld';
import type { TestApiServer } from './server';
import { startTestApiServer } from './server';

import type * as K8sModule from '@kubernetes/client-node' with { 'resolution-mode': 'import' };

type K8s = typeof K8sModule;

describe('@kubernetes/client-node against the test API server', () => {
  let server: TestApiServer;
  let k8s: K8s;
  let kc: InstanceType<K8s['KubeConfig']>;
  let dir: string;

  before(async () => {
    k8s = await import('@kubernetes/client-node');
    server = await startTestApiServer({ users: { 'client-token': 'extension-user' } });
    seedDemoWorld(server.store, server.logs, Date.now());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-cn-'));
    const file = path.join(dir, 'kubeconfig');
    server.writeKubeconfig(file, { namespace: 'demo', token: 'client-token' });
    kc = new k8s.KubeConfig();
    kc.loadFromFile(file);
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists, then watches from the list resourceVersion and sees a patch', async () => {
    const batch = kc.makeApiClient(k8s.BatchV1Api);
    const list = await batch.listNamespacedCronJob({ namespace: 'demo' });
    assert.deepEqual(
      list.items.map((c) => c.metadata?.name),
      ['hourly-report', 'nightly-cleanup'],
    );
    assert.ok(list.items[0]?.metadata?.creationTimestamp instanceof Date);
    const seen: Array<[string, string | undefined]> = [];
    let resolveSeen: () => void = () => undefined;
    const gotModified = new Promise<void>((r) => (resolveSeen = r));
    const req = await new k8s.Watch(kc).watch(
      '/apis/batch/v1/namespaces/demo/cronjobs',
      { allowWatchBookmarks: true, resourceVersion: list.metadata?.resourceVersion },
      (type: string, obj: { metadata?: { name?: string } }) => {
        seen.push([type, obj.metadata?.name]);
        if (type === 'MODIFIED') {
          resolveSeen();
        }
      },
      () => undefined,
    );
    await batch.patchNamespacedCronJob(
      { namespace: 'demo', name: 'hourly-report', body: { spec: { suspend: true } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await gotModified;
    req.abort();
    assert.deepEqual(seen, [['MODIFIED', 'hourly-report']]);
  });

  it('creates a Job, reads errors as Status, and reviews access', async () => {
    const batch = kc.makeApiClient(k8s.BatchV1Api);
    const job = await batch.createNamespacedJob({
      namespace: 'demo',
      body: {
        metadata: { name: 'from-client' },
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
      },
    });
    assert.equal(job.spec?.backoffLimit, 6);
    await assert.rejects(
      batch.readNamespacedJob({ namespace: 'demo', name: 'nope' }),
      (e: { code?: number; body?: string }) => e.code === 404 && JSON.parse(e.body ?? '{}').reason === 'NotFound',
    );
    server.deny.push({ user: 'extension-user', verb: 'delete', resource: 'jobs' });
    const review = await kc.makeApiClient(k8s.AuthorizationV1Api).createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { verb: 'delete', resource: 'jobs', group: 'batch', namespace: 'demo' } } },
    });
    server.deny.length = 0;
    assert.equal(review.status?.allowed, false);
  });

  it('follows a pod log and receives appended lines', async () => {
    server.store.create('pods', {
      metadata: { name: 'cn-log', namespace: 'demo' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] },
    });
    server.appendLog('demo', 'cn-log', 'c', 'one');
    const out = new PassThrough();
    let text = '';
    let notify: () => void = () => undefined;
    out.on('data', (d: Buffer) => {
      text += d.toString('utf8');
      notify();
    });
    const waitText = (want: string): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => (text.includes(want) ? resolve() : undefined);
        notify = check;
        check();
      });
    const req = await new k8s.Log(kc).log('demo', 'cn-log', 'c', out, { follow: true });
    await waitText('one\n');
    server.appendLog('demo', 'cn-log', 'c', 'two');
    await waitText('two\n');
    req.abort();
    assert.equal(text, 'one\ntwo\n');
  });
});
