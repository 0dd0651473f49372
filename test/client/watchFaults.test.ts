/**
 * The cluster layer against the test API server's hostile faults (issue #13's watch rows):
 * 410 Gone on every request, watches and lists that never answer, watches that go silent,
 * foreign, duplicate, stale and malformed events, and an API server that dies and comes back.
 * Each test asserts what a user would notice — the tree converges to the server's state, with
 * no object lost and none invented — and, where the fault hides changes, that the session says
 * the objects shown are stale.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { startTestApiServer } from '../apiserver/server';
import type { TestApiServer } from '../apiserver/server';
import { seedCronJob, seedJob } from '../apiserver/seed';
import { mulberry32 } from '../apiserver/prng';
import { ClusterSession } from '../../client/src/cluster/session';
import type { SessionHealth } from '../../client/src/cluster/session';
import { Informer } from '../../client/src/cluster/informer';
import { JOBS } from '../../kube/resources';
import { snapshot } from '../../client/src/views/model/treeModel';
import { churnOnce, serverIndex, transportFor, waitFor } from './helpers';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const OPTIONS = { nowMs: NOW, maxJobs: 1000 };

function ensureNamespace(server: TestApiServer, name: string): void {
  if (!server.store.get('namespaces', undefined, name)) server.store.create('namespaces', { metadata: { name } });
}

/** converged tells whether the session shows exactly what the server holds in `namespaces`. */
function converged(s: ClusterSession, server: TestApiServer, namespaces: string[]): boolean {
  try {
    assert.deepEqual(snapshot(s.index, OPTIONS), snapshot(serverIndex(server, namespaces), OPTIONS));
    return true;
  } catch {
    return false;
  }
}

describe('watches against a hostile API server', () => {
  let server: TestApiServer;
  const listRequests = new Map<string, number>();
  before(async () => {
    server = await startTestApiServer({
      now: () => NOW,
      seed: 9,
      onRequest: ({ method, url }) => {
        const u = new URL(url, 'http://x');
        if (method === 'GET' && !u.searchParams.has('watch')) {
          listRequests.set(u.pathname, (listRequests.get(u.pathname) ?? 0) + 1);
        }
      },
    });
    for (const ns of ['storm', 'hang', 'quiet', 'slow', 'demo', 'batch', 'elsewhere']) ensureNamespace(server, ns);
  });
  after(async () => {
    await server.close();
  });

  type Extra = { health?: SessionHealth[]; log?: string[]; backoffInitialMs?: number; changes?: { count: number } };
  async function session(namespaces: string[] | 'all', extra: Extra = {}): Promise<ClusterSession> {
    const s = new ClusterSession({
      transport: await transportFor(server),
      namespaces: namespaces === 'all' ? { all: true } : { all: false, names: namespaces },
      onChange: () => {
        if (extra.changes) extra.changes.count++;
      },
      onHealth: (h) => extra.health?.push(h),
      log: (m) => extra.log?.push(m),
      backoffInitialMs: extra.backoffInitialMs ?? 5,
      backoffMaxMs: extra.backoffInitialMs ?? 50,
      listTimeoutMs: 300,
      watchInactivityMs: 300,
      probeIntervalMs: 20,
    });
    await s.start();
    return s;
  }

  it('410 Gone on every list and watch: every list waits a growing, jittered backoff, then the cache converges', async () => {
    seedJob(server.store, { namespace: 'storm', name: 'before-storm', state: 'complete', startMs: NOW });
    const path = '/apis/batch/v1/namespaces/storm/jobs';
    const waits: number[] = [];
    let release: (() => void) | undefined;
    const random = mulberry32(4);
    const informer = new Informer({
      transport: await transportFor(server),
      resource: JOBS,
      namespace: 'storm',
      onChange: () => {},
      backoffInitialMs: 500,
      backoffMaxMs: 8000,
      random,
      // Record each wait instead of sleeping it; hold the twelfth until the test ends the storm.
      wait: (ms) => {
        waits.push(ms);
        return waits.length < 12 ? Promise.resolve(false) : new Promise((resolve) => (release = () => resolve(false)));
      },
    });
    server.faults.set({ gone410Always: true, pathIncludes: '/namespaces/storm/' });
    const listsBefore = listRequests.get(path) ?? 0;
    informer.start();
    try {
      await waitFor(
        'twelve waits, or lists without them',
        () => waits.length >= 12 || (listRequests.get(path) ?? 0) - listsBefore > 13,
      );
      const lists = (listRequests.get(path) ?? 0) - listsBefore;
      assert.ok(lists <= waits.length + 1, `${lists} lists for ${waits.length} waits: a list without a backoff before it`);
      // Exponential from 500 ms to the 8 s cap, each ±20 %: strictly growing until the cap, jittered at it.
      const capped = waits.findIndex((w) => w >= 8000 * 0.8);
      for (let i = 1; i < capped; i++) assert.ok(waits[i]! > waits[i - 1]!, `waits ${waits.join(', ')}`);
      assert.ok(
        waits.every((w) => w >= 400 && w <= 9600),
        `waits ${waits.join(', ')}`,
      );
      assert.ok(new Set(waits.slice(capped)).size > 1, `no jitter at the cap: ${waits.join(', ')}`);
      // Changes during the storm, then the server recovers: nothing may be lost.
      seedJob(server.store, { namespace: 'storm', name: 'during-storm', state: 'running', startMs: NOW });
      server.store.delete('jobs', 'storm', 'before-storm', { propagationPolicy: 'Background' });
      server.faults.clear();
      release?.();
      await waitFor('the cache to equal the server', () => {
        const want = server.store
          .list('jobs', 'storm')
          .map((j) => `${j.metadata.name}@${j.metadata.resourceVersion}`)
          .sort();
        const have = [...informer.store.values()].map((j) => `${j.metadata.name}@${j.metadata.resourceVersion}`).sort();
        return JSON.stringify(want) === JSON.stringify(have);
      });
    } finally {
      server.faults.clear();
      release?.();
      await informer.stop();
    }
  });

  for (const [name, faults, namespace] of [
    ['a watch reconnect that never answers', { hangWatches: true }, 'hang'],
    ['a watch that answers, then goes silent (no event, no bookmark)', { silentWatches: true }, 'quiet'],
    ['a list that never answers (after a 410)', { hangLists: true, gone410OnNextWatch: 4 }, 'slow'],
  ] as const) {
    it(`${name}: the session says its objects are stale, and converges once the server answers`, async () => {
      seedCronJob(server.store, { namespace, name: 'nightly', schedule: '0 2 * * *' });
      seedJob(server.store, { namespace, name: 'first', state: 'running', startMs: NOW });
      const health: SessionHealth[] = [];
      const s = await session([namespace], { health });
      try {
        await s.whenSynced();
        assert.ok(converged(s, server, [namespace]));
        await waitFor('the four watches', () => server.openWatches() >= 4);
        server.faults.set({ ...faults, pathIncludes: `/namespaces/${namespace}/` });
        assert.ok(server.endWatches() > 0);
        // Changes the client cannot see while the fault lasts.
        seedJob(server.store, { namespace, name: 'while-hung', state: 'failed', startMs: NOW });
        server.store.mutate('cronjobs', namespace, 'nightly', (cj) => {
          cj.spec.suspend = true;
        });
        server.store.delete('jobs', namespace, 'first', { propagationPolicy: 'Background' });
        const hit = (): number =>
          server.faults.injected.filter(
            (f) => (f.kind === 'hang' || f.kind === 'silentWatch') && f.path.includes(`/namespaces/${namespace}/`),
          ).length;
        await waitFor('the fault to catch every watch', () => hit() >= 4);
        await waitFor('the session to say its objects are stale', () => health.some((h) => h.stale));
        server.faults.clear();
        await waitFor('the tree to equal the server state', () => converged(s, server, [namespace]));
        await waitFor('the session to be current again', () => !s.health.stale);
      } finally {
        server.faults.clear();
        await s.stop();
      }
    });
  }

  it('foreign, duplicate, stale and malformed events are ignored, malformed ones said; the tree equals the server', async () => {
    const log: string[] = [];
    const changes = { count: 0 };
    const s = await session(['demo', 'batch'], { log, changes });
    try {
      await s.whenSynced();
      server.faults.set({ seed: 21, foreignEvents: true, duplicateEventRate: 0.3, staleEventRate: 0.3, malformedEventRate: 0.2 });
      const owner = seedCronJob(server.store, { namespace: 'demo', name: 'churner', schedule: '*/5 * * * *' });
      for (let i = 0; i < 60; i++) {
        const ns = ['demo', 'batch', 'elsewhere'][i % 3] as string;
        churnOnce(server.store, i, {
          namespace: ns,
          nowMs: NOW,
          ...(ns === 'demo' ? { owner } : {}),
          failedEvery: 4,
          succeededEvery: 3,
        });
        // Pace the churn on the client: every tenth change waits until it has applied another one.
        if (i % 10 === 0) {
          const seen = changes.count;
          await waitFor('the client to apply another change', () => changes.count > seen);
        }
      }
      const kinds = new Set(server.faults.injected.map((f) => f.kind));
      for (const k of ['foreignEvent', 'duplicateEvent', 'staleEvent', 'malformedEvent']) {
        assert.ok(kinds.has(k as never), `no ${k} injected`);
      }
      await waitFor(
        'the tree to equal the server state',
        () => converged(s, server, ['batch', 'demo']),
        10_000,
        () => JSON.stringify(snapshot(s.index, OPTIONS)).slice(0, 400),
      );
      assert.deepEqual(s.index.namespaces(), ['batch', 'demo'], 'no object of an unwatched namespace');
      const reports = log.filter((m) => m.includes('malformed'));
      assert.ok(reports.length > 0, 'malformed objects are reported');
      assert.ok(reports.length <= server.faults.injected.filter((f) => f.kind === 'malformedEvent').length);
      assert.ok(
        reports.every((m) => /is not a (list|map|string)/.test(m)),
        reports.join('\n'),
      );
    } finally {
      server.faults.clear();
      await s.stop();
    }
  });

  it('a server that dies and returns: objects kept, marked stale, no nameless namespace; all watches back at once', async () => {
    // Retry waits of ten minutes: only the session's reachability probe can bring the watches back.
    const s = await session('all', { backoffInitialMs: 600_000 });
    try {
      await s.whenSynced();
      const before = snapshot(s.index, OPTIONS);
      await server.kill();
      await waitFor('the session to say the server does not answer', () => s.health.unreachable !== undefined);
      assert.deepEqual(snapshot(s.index, OPTIONS), before, 'the objects as last seen stay');
      assert.ok(!s.index.namespaces().includes(''), 'no nameless namespace');
      assert.deepEqual(s.index.problemsIn(''), [], 'an unreachable server is one notice, not a problem per watch');
      await server.restart();
      seedJob(server.store, { namespace: 'demo', name: 'after-restart', state: 'running', startMs: NOW });
      const all = [
        ...new Set([...server.store.list('jobs'), ...server.store.list('cronjobs')].map((o) => o.metadata.namespace as string)),
      ].sort();
      await waitFor('every watch back and the tree current', () => !s.health.stale && converged(s, server, all));
    } finally {
      await s.stop();
    }
  });
});
