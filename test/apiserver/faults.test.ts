/**
 * Fault injection: deterministic (seeded) 500s, dropped connections, cut watches, 410s, and
 * cut log follows; a client that retries sees the server's true state in the end.
 */
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { seedBulk } from './demoWorld';
import type { TestApiServer } from './server';
import { startTestApiServer } from './server';
import { request, StreamReader } from './testClient';

/** getWithRetry retries a GET through injected 500s and dropped connections. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function getWithRetry(base: string, p: string): Promise<any> {
  for (let attempt = 0; attempt < 1000; attempt++) {
    try {
      const r = await request(base, 'GET', p);
      if (r.status === 200) {
        return r.json();
      }
      assert.equal(r.status, 500);
      assert.equal(r.json().reason, 'InternalError');
    } catch (e) {
      assert.match(String(e), /socket hang up|ECONNRESET/);
    }
  }
  throw new Error('gave up');
}

describe('fault injection', () => {
  let server: TestApiServer;
  before(async () => {
    server = await startTestApiServer();
  });
  after(() => server.close());
  beforeEach(() => server.faults.clear());

  it('injects exactly maxFaults faults, reproducibly for a seed, and a retrying client ends with the true state', async () => {
    const run = async (): Promise<string[]> => {
      server.faults.injected.length = 0;
      server.faults.set({ seed: 7, status500Rate: 0.3, dropConnectionRate: 0.2, maxFaults: 50, pathIncludes: '/apis/batch' });
      let count = 0;
      for (let i = 0; server.faults.randomFaultCount() < 50; i++) {
        server.store.create('jobs', { metadata: { name: `f-${Date.now()}-${i}-${count}`, namespace: 'faults' }, spec: {} });
        count++;
        const list = await getWithRetry(server.url, '/apis/batch/v1/namespaces/faults/jobs');
        assert.deepEqual(
          list.items.map((j: { metadata: { name: string } }) => j.metadata.name),
          server.store.list('jobs', 'faults').map((j) => j.metadata.name),
        );
      }
      const kinds = server.faults.injected.map((f) => f.kind);
      assert.equal(kinds.length, 50);
      // After the budget is spent, nothing more is injected.
      for (let i = 0; i < 20; i++) {
        assert.equal((await request(server.url, 'GET', '/apis/batch/v1/namespaces/faults/jobs')).status, 200);
      }
      assert.equal(server.faults.injected.length, 50);
      return kinds;
    };
    const first = await run();
    const second = await run();
    assert.deepEqual(second, first, 'same seed, same requests: same faults');
    assert.ok(first.includes('status500') && first.includes('dropConnection'));
  });

  it('gone410OnNextWatch answers the next watch with 410 Expired, then watches work again', async () => {
    server.faults.set({ gone410OnNextWatch: 1 });
    const w = new StreamReader(server.url, '/api/v1/pods?watch=1&resourceVersion=' + server.store.resourceVersion());
    await w.waitEnd();
    assert.equal(w.events()[0].object.code, 410);
    assert.equal(w.events()[0].object.reason, 'Expired');
    const ok = new StreamReader(server.url, '/api/v1/pods?watch=1&resourceVersion=' + server.store.resourceVersion());
    await ok.ready;
    server.store.create('pods', { metadata: { name: 'after-410', namespace: 'faults' }, spec: { containers: [] } });
    await ok.waitFor(() => ok.lines.length >= 1, 'event after 410');
    ok.close();
  });

  it('dropWatchAfterEvents cuts the connection mid-stream; resuming from the last resourceVersion loses nothing', async () => {
    server.faults.set({ dropWatchAfterEvents: 3 });
    const start = server.store.resourceVersion();
    for (let i = 0; i < 8; i++) {
      server.store.create('pods', { metadata: { name: `cut-${i}`, namespace: 'cut' }, spec: { containers: [] } });
    }
    const seen: string[] = [];
    let rv = start;
    for (let round = 0; round < 10 && seen.length < 8; round++) {
      const w = new StreamReader(server.url, `/api/v1/namespaces/cut/pods?watch=1&resourceVersion=${rv}`);
      await w.waitFor(() => w.ended || seen.length + w.lines.length >= 8, 'cut or caught up');
      w.close();
      assert.ok(w.lines.length <= 3);
      for (const e of w.events()) {
        seen.push(e.object.metadata.name);
        rv = e.object.metadata.resourceVersion;
      }
    }
    assert.deepEqual(
      seen,
      Array.from({ length: 8 }, (_, i) => `cut-${i}`),
    );
    assert.ok(server.faults.injected.filter((f) => f.kind === 'dropWatch').length >= 2);
  });

  it('forbid rules answer 403, and latency still answers', async () => {
    server.faults.set({ forbid: [{ verb: 'list', resource: 'jobs', namespace: 'x' }], latencyMs: 5 });
    const r = await request(server.url, 'GET', '/apis/batch/v1/namespaces/x/jobs');
    assert.equal(r.status, 403);
    assert.equal(
      r.json().message,
      'jobs.batch is forbidden: User "kubernetes-admin" cannot list resource "jobs" in API group "batch" in the namespace "x"',
    );
    assert.equal((await request(server.url, 'GET', '/apis/batch/v1/namespaces/y/jobs')).status, 200);
  });

  it('a followed log cut mid-stream resumes with sinceTime and loses no line', async () => {
    // Lines one second apart: sinceTime has second precision, so a cut must not fall inside a burst longer than the cut.
    let clock = Date.parse('2026-08-12T10:00:00Z');
    const server = await startTestApiServer({ now: () => (clock += 1000) });
    after(() => server.close());
    server.store.create('pods', {
      metadata: { name: 'chatty', namespace: 'logs' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] },
    });
    for (let i = 0; i < 5; i++) {
      server.appendLog('logs', 'chatty', 'c', `line ${i}`);
    }
    server.faults.set({ dropLogFollowAfterLines: 3 });
    const got: string[] = [];
    let lastTs = '';
    const base = '/api/v1/namespaces/logs/pods/chatty/log?follow=true&timestamps=true';
    for (let round = 0; round < 10 && got.length < 12; round++) {
      const s = new StreamReader(server.url, lastTs ? `${base}&sinceTime=${encodeURIComponent(lastTs)}` : base);
      await s.ready;
      if (round === 1) {
        for (let i = 5; i < 12; i++) {
          server.appendLog('logs', 'chatty', 'c', `line ${i}`);
        }
      }
      await s.waitFor(() => s.ended || s.lines.some((l) => l.endsWith(' line 11')), 'cut or caught up');
      s.close();
      for (const l of s.lines) {
        const sp = l.indexOf(' ');
        const ts = l.slice(0, sp);
        // RFC 3339 with nanoseconds compares correctly as text when the fractions are padded.
        if (lastTs === '' || padNanos(ts) > padNanos(lastTs)) {
          got.push(l.slice(sp + 1));
          lastTs = ts;
        }
      }
    }
    assert.deepEqual(
      got,
      Array.from({ length: 12 }, (_, i) => `line ${i}`),
    );
    assert.ok(server.faults.injected.filter((f) => f.kind === 'dropLog').length >= 3);
  });

  it('kill resets every connection and refuses new ones; restart serves the same objects, and watches resume', async () => {
    server.store.create('pods', { metadata: { name: 'survivor', namespace: 'restart' }, spec: { containers: [] } });
    const rv = server.store.resourceVersion();
    const w = new StreamReader(server.url, `/api/v1/namespaces/restart/pods?watch=1&resourceVersion=${rv}`);
    await w.ready;
    await server.kill();
    await w.waitFor(() => w.ended || w.aborted, 'the watch to break');
    await assert.rejects(request(server.url, 'GET', '/api/v1/namespaces/restart/pods'), /ECONNREFUSED/);
    server.store.create('pods', { metadata: { name: 'while-down', namespace: 'restart' }, spec: { containers: [] } });
    await server.restart();
    const list = (await request(server.url, 'GET', '/api/v1/namespaces/restart/pods')).json();
    assert.deepEqual(
      list.items.map((p: { metadata: { name: string } }) => p.metadata.name),
      ['survivor', 'while-down'],
    );
    const resumed = new StreamReader(server.url, `/api/v1/namespaces/restart/pods?watch=1&resourceVersion=${rv}`);
    await resumed.waitFor(() => resumed.lines.length >= 1, 'the change made while down');
    assert.equal(resumed.events()[0].object.metadata.name, 'while-down');
    resumed.close();
  });

  it('hangs, silences and answers 410 as told; adds foreign, duplicate, stale and malformed events to true ones', async () => {
    server.faults.set({ gone410Always: true, pathIncludes: '/namespaces/gone/' });
    const gone = await request(server.url, 'GET', '/api/v1/namespaces/gone/pods');
    assert.equal(gone.status, 410);
    assert.equal(gone.json().reason, 'Expired');
    server.faults.set({ silentWatches: true, pathIncludes: '/namespaces/quiet/' });
    const quiet = new StreamReader(server.url, '/api/v1/namespaces/quiet/pods?watch=1&allowWatchBookmarks=true');
    await quiet.ready;
    assert.equal(quiet.status, 200);
    server.sendBookmarks();
    server.store.create('pods', { metadata: { name: 'unseen', namespace: 'quiet' }, spec: { containers: [] } });
    server.faults.set({ hangWatches: true, pathIncludes: '/namespaces/hung/' });
    const hung = new StreamReader(server.url, '/api/v1/namespaces/hung/pods?watch=1');
    while (!server.faults.injected.some((f) => f.kind === 'hang')) await new Promise((r) => setTimeout(r, 5));
    const always = { duplicateEventRate: 1, staleEventRate: 1, malformedEventRate: 1 };
    server.faults.set({ seed: 3, foreignEvents: true, ...always, pathIncludes: '/namespaces/mine/' });
    const rv = server.store.resourceVersion();
    const w = new StreamReader(server.url, `/api/v1/namespaces/mine/pods?watch=1&resourceVersion=${rv}`);
    await w.ready;
    const pod = (name: string, namespace: string): Record<string, unknown> => ({
      metadata: { name, namespace },
      spec: { containers: [] },
    });
    const created = server.store.create('pods', pod('p', 'mine')).metadata.resourceVersion;
    const modified = server.store.mutate('pods', 'mine', 'p', (p) => {
      p.status = { phase: 'Running' };
    }).metadata.resourceVersion;
    const foreign = server.store.create('pods', pod('theirs', 'other')).metadata.resourceVersion;
    await w.waitFor(() => w.lines.length >= 10, 'the events');
    type Meta = { name: string; namespace: string; resourceVersion: string; ownerReferences?: unknown; labels?: unknown };
    const bad = (m: Meta & { creationTimestamp?: unknown }): boolean =>
      (m.ownerReferences !== undefined && !Array.isArray(m.ownerReferences)) ||
      typeof m.labels === 'string' ||
      typeof m.creationTimestamp === 'number';
    const seen = w.events().map((e: { type: string; object: { metadata: Meta } }) => {
      const m = e.object.metadata;
      return `${e.type} ${m.namespace}/${m.name}@${m.resourceVersion}${bad(m) ? ' bad' : ''}`;
    });
    // Every true event, in order, each after a malformed copy and before its duplicate; the stale version after the update.
    assert.deepEqual(seen.slice(0, 10), [
      `MODIFIED mine/p@${created} bad`,
      `ADDED mine/p@${created}`,
      `ADDED mine/p@${created}`,
      `MODIFIED mine/p@${modified} bad`,
      `MODIFIED mine/p@${modified}`,
      `MODIFIED mine/p@${modified}`,
      `MODIFIED mine/p@${created}`,
      `MODIFIED other/theirs@${foreign} bad`,
      `ADDED other/theirs@${foreign}`,
      `ADDED other/theirs@${foreign}`,
    ]);
    assert.deepEqual(quiet.lines, [], 'a silent watch sends nothing, not even bookmarks');
    assert.equal(hung.status, 0, 'a hung watch never answers');
    for (const s of [quiet, hung, w]) s.close();
  });

  it('a node clock stepped back stamps later lines earlier, and sinceTime then drops them as the kubelet does', async () => {
    server.store.create('pods', {
      metadata: { name: 'clock', namespace: 'logs' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] },
    });
    server.appendLog('logs', 'clock', 'c', 'before');
    server.logs.stepClock(-3600_000);
    server.appendLog('logs', 'clock', 'c', 'after');
    const log = '/api/v1/namespaces/logs/pods/clock/log';
    const all = (await request(server.url, 'GET', `${log}?timestamps=true`)).text.trim().split('\n');
    assert.deepEqual(
      all.map((l: string) => l.split(' ')[1]),
      ['before', 'after'],
    );
    const [before, after] = all.map((l: string) => Date.parse(l.split(' ')[0] ?? ''));
    assert.ok((after ?? 0) < (before ?? 0), all.join(' | '));
    const since = (await request(server.url, 'GET', `${log}?sinceTime=${encodeURIComponent(all[0]?.split(' ')[0] ?? '')}`)).text;
    assert.equal(since, 'before\n');
  });

  it('seeds 5,000 Jobs and 20,000 Pods for the tree benchmark and lists them', async () => {
    const bulk = await startTestApiServer();
    try {
      const n = seedBulk(bulk.store, { jobs: 5000, podsPerJob: 4 });
      assert.deepEqual(n, { jobs: 5000, pods: 20000 });
      const jobs = (await request(bulk.url, 'GET', '/apis/batch/v1/jobs')).json();
      assert.equal(jobs.items.length, 5000);
      const pods = (await request(bulk.url, 'GET', '/api/v1/pods?labelSelector=job-name%3Djob-42')).json();
      assert.equal(pods.items.length, 4);
    } finally {
      await bulk.close();
    }
  });
});

function padNanos(ts: string): string {
  const m = /^(.*?)(?:\.(\d+))?Z$/.exec(ts);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z` : ts;
}
