/**
 * Raw-HTTP tests of the test API server's list/watch semantics (resourceVersion, bookmarks,
 * 410 Expired, selectors) and its fault injection, as a client library sees them.
 */
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { TestApiServer } from './server';
import { startTestApiServer } from './server';
import { request, StreamReader } from './testClient';

function pod(name: string, labels: Record<string, string> = {}, phase = 'Pending'): Record<string, unknown> {
  return {
    metadata: { name, namespace: 'w', labels },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
    status: { phase },
  };
}

describe('watch', () => {
  let server: TestApiServer;
  before(async () => {
    server = await startTestApiServer({ bookmarkIntervalMs: 60_000 });
  });
  after(() => server.close());
  beforeEach(() => {
    server.faults.clear();
    for (const p of server.store.list('pods', 'w')) {
      server.store.delete('pods', 'w', p.metadata.name);
    }
  });

  it('resumes from a list resourceVersion with exactly the later changes', async () => {
    server.store.create('pods', pod('a'));
    const list = (await request(server.url, 'GET', '/api/v1/namespaces/w/pods')).json();
    assert.equal(list.kind, 'PodList');
    assert.equal(list.items.length, 1);
    assert.equal(list.items[0].kind, undefined, 'list items carry no TypeMeta, as from a real server');
    const rv = list.metadata.resourceVersion;
    server.store.create('pods', pod('b'));
    server.store.mutate('pods', 'w', 'a', (p) => (p.status.phase = 'Running'));
    const w = new StreamReader(server.url, `/api/v1/namespaces/w/pods?watch=1&resourceVersion=${rv}`);
    try {
      await w.waitFor(() => w.lines.length >= 2, 'two events');
      server.store.delete('pods', 'w', 'b');
      await w.waitFor(() => w.lines.length >= 3, 'delete event');
      const evs = w.events();
      assert.deepEqual(
        evs.map((e) => [e.type, e.object.metadata.name]),
        [
          ['ADDED', 'b'],
          ['MODIFIED', 'a'],
          ['DELETED', 'b'],
        ],
      );
      assert.equal(evs[1].object.kind, 'Pod');
      const rvs = evs.map((e) => Number(e.object.metadata.resourceVersion));
      assert.ok(
        rvs.every((x, i) => i === 0 || x > (rvs[i - 1] ?? 0)),
        'resourceVersions increase',
      );
      assert.ok(rvs.every((x) => x > Number(rv)));
    } finally {
      w.close();
    }
  });

  it('without a resourceVersion starts with synthetic ADDED events for what exists', async () => {
    server.store.create('pods', pod('x'));
    server.store.create('pods', pod('y'));
    const w = new StreamReader(server.url, '/api/v1/namespaces/w/pods?watch=true');
    try {
      await w.waitFor(() => w.lines.length >= 2, 'initial state');
      assert.deepEqual(
        w.events().map((e) => [e.type, e.object.metadata.name]),
        [
          ['ADDED', 'x'],
          ['ADDED', 'y'],
        ],
      );
    } finally {
      w.close();
    }
  });

  it('sends bookmarks with the current resourceVersion when asked for them, and none otherwise', async () => {
    const rv = server.store.resourceVersion();
    const w = new StreamReader(server.url, `/api/v1/namespaces/w/pods?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true`);
    const plain = new StreamReader(server.url, `/api/v1/namespaces/w/pods?watch=1&resourceVersion=${rv}`);
    try {
      await w.ready;
      await plain.ready;
      server.store.create('pods', pod('other', {}, 'Pending'), {});
      server.store.create('jobs', { metadata: { name: 'j', namespace: 'w' }, spec: {} });
      server.sendBookmarks();
      await w.waitFor(() => w.events().some((e) => e.type === 'BOOKMARK'), 'bookmark');
      const bm = w.events().find((e) => e.type === 'BOOKMARK');
      assert.equal(bm.object.kind, 'Pod');
      assert.equal(bm.object.metadata.resourceVersion, server.store.resourceVersion());
      await plain.waitFor(() => plain.lines.length >= 1, 'pod event');
      assert.ok(plain.events().every((e) => e.type !== 'BOOKMARK'));
      server.store.delete('jobs', 'w', 'j');
    } finally {
      w.close();
      plain.close();
    }
  });

  it('sendInitialEvents ends the initial state with an initial-events-end bookmark', async () => {
    server.store.create('pods', pod('s1'));
    const w = new StreamReader(
      server.url,
      '/api/v1/namespaces/w/pods?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan',
    );
    try {
      await w.waitFor(() => w.lines.length >= 2, 'initial events');
      const [added, bookmark] = w.events();
      assert.equal(added.type, 'ADDED');
      assert.equal(bookmark.type, 'BOOKMARK');
      assert.equal(bookmark.object.metadata.annotations['k8s.io/initial-events-end'], 'true');
    } finally {
      w.close();
    }
  });

  it('answers a resume from a compacted resourceVersion with a 410 Expired ERROR event', async () => {
    const old = server.store.resourceVersion();
    server.store.create('pods', pod('c1'));
    server.store.compact();
    const w = new StreamReader(server.url, `/api/v1/namespaces/w/pods?watch=1&resourceVersion=${old}`);
    await w.waitEnd();
    assert.equal(w.status, 200);
    const [ev] = w.events();
    assert.equal(ev.type, 'ERROR');
    assert.deepEqual(
      { ...ev.object, message: undefined },
      { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: undefined, reason: 'Expired', code: 410 },
    );
    assert.match(ev.object.message, /^too old resource version: \d+ \(\d+\)$/);
  });

  it('turns label-selector moves into ADDED and DELETED, as the watch cache does', async () => {
    server.store.create('pods', pod('l1', { app: 'a' }));
    const w = new StreamReader(server.url, '/api/v1/namespaces/w/pods?watch=1&labelSelector=app%3Da');
    try {
      await w.waitFor(() => w.lines.length >= 1, 'initial');
      server.store.mutate('pods', 'w', 'l1', (p) => (p.metadata.labels.app = 'b'));
      server.store.create('pods', pod('l2', { app: 'b' }));
      server.store.mutate('pods', 'w', 'l2', (p) => (p.metadata.labels.app = 'a'));
      await w.waitFor(() => w.lines.length >= 3, 'moves');
      assert.deepEqual(
        w.events().map((e) => [e.type, e.object.metadata.name]),
        [
          ['ADDED', 'l1'],
          ['DELETED', 'l1'],
          ['ADDED', 'l2'],
        ],
      );
    } finally {
      w.close();
    }
  });

  it('wraps watch events in Tables when kubectl asks for them', async () => {
    const w = new StreamReader(server.url, '/api/v1/namespaces/w/pods?watch=1', {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    try {
      await w.ready;
      server.store.create('pods', pod('t1', {}, 'Running'));
      await w.waitFor(() => w.lines.length >= 1, 'event');
      const [ev] = w.events();
      assert.equal(ev.object.kind, 'Table');
      assert.deepEqual(ev.object.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5), [
        'Name',
        'Ready',
        'Status',
        'Restarts',
        'Age',
      ]);
      assert.deepEqual(ev.object.rows[0].cells.slice(0, 4), ['t1', '0/1', 'Running', '0']);
    } finally {
      w.close();
    }
  });
});
