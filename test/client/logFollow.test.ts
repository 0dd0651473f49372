import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { startTestApiServer } from '../apiserver/server';
import type { TestApiServer } from '../apiserver/server';
import { seedJob } from '../apiserver/demoWorld';
import { LogDeduper, LogFollower, fetchLogs, logTimestampKey, splitTimestamp } from '../../client/src/cluster/logs';
import type { LogEntry } from '../../client/src/cluster/logs';
import { transportFor, waitFor } from './helpers';

describe('log timestamps and de-duplication', () => {
  it('orders RFC3339Nano timestamps whose fractions the kubelet trimmed', () => {
    const a = logTimestampKey('2026-11-30T12:00:00.5Z');
    const b = logTimestampKey('2026-11-30T12:00:00.123456789Z');
    const c = logTimestampKey('2026-11-30T12:00:01Z');
    assert.ok(a && b && c && b < a && a < c);
    assert.equal(logTimestampKey('not a time'), undefined);
    assert.deepEqual(splitTimestamp('2026-11-30T12:00:00.5Z hello world'), { timestamp: '2026-11-30T12:00:00.5Z', text: 'hello world' });
    assert.deepEqual(splitTimestamp('no timestamp here'), { timestamp: '', text: 'no timestamp here' });
  });

  it('drops the lines a whole-second sinceTime replays, keeps new lines with the same time', () => {
    const d = new LogDeduper();
    assert.ok(d.accept('2026-11-30T12:00:00.1Z', 'a'));
    assert.ok(d.accept('2026-11-30T12:00:00.2Z', 'b'));
    assert.ok(d.accept('2026-11-30T12:00:00.2Z', 'b2'));
    assert.equal(d.sinceTime, '2026-11-30T12:00:00Z');
    d.beginReconnect();
    assert.equal(d.accept('2026-11-30T12:00:00.1Z', 'a'), false, 'older than the newest seen');
    assert.equal(d.accept('2026-11-30T12:00:00.2Z', 'b'), false, 'seen at the newest time');
    assert.equal(d.accept('2026-11-30T12:00:00.2Z', 'b2'), false);
    assert.ok(d.accept('2026-11-30T12:00:00.2Z', 'b3'), 'new text at the same time');
    assert.ok(d.accept('2026-11-30T12:00:00.3Z', 'c'));
  });
});

describe('following logs against the test API server', () => {
  let server: TestApiServer;
  before(async () => {
    server = await startTestApiServer({ seed: 5 });
    server.store.create('namespaces', { metadata: { name: 'logs' } });
  });
  after(async () => {
    await server.close();
  });

  it('loses no line and shows none twice when the stream is cut again and again', async () => {
    const { pods } = seedJob(server.store, { namespace: 'logs', name: 'chatty', state: 'running', startMs: Date.now() });
    const pod = pods[0]?.metadata.name as string;
    const transport = await transportFor(server);
    for (let i = 0; i < 5; i++) server.appendLog('logs', pod, 'chatty', `before ${i}`);
    server.faults.set({ dropLogFollowAfterLines: 7, maxFaults: 8, pathIncludes: '/log' });
    const got: LogEntry[] = [];
    const states: string[] = [];
    const follower = new LogFollower({ transport, namespace: 'logs', pod, container: 'chatty', onLines: (l) => got.push(...l), onState: (s) => states.push(s), backoffInitialMs: 5, backoffMaxMs: 20 });
    const done = follower.start();
    const total = 60;
    for (let i = 0; i < total; i++) {
      server.appendLog('logs', pod, 'chatty', `line ${i}`);
      if (i % 3 === 2) await waitFor(`line ${i}`, () => got.some((e) => e.text === `line ${i}`));
    }
    await waitFor('every line', () => got.length >= total + 5, 10_000, () => `${got.length} lines`);
    server.store.mutate('pods', 'logs', pod, (p) => {
      p.status.phase = 'Succeeded';
    });
    server.endLog('logs', pod, 'chatty');
    await done;
    const texts = got.map((e) => e.text);
    assert.deepEqual(texts, [...Array.from({ length: 5 }, (_, i) => `before ${i}`), ...Array.from({ length: total }, (_, i) => `line ${i}`)]);
    assert.ok(server.faults.injected.filter((f) => f.kind === 'dropLog').length >= 5, `cuts: ${server.faults.injected.length}`);
    assert.ok(states.includes('reconnecting'));
    assert.equal(states.at(-1), 'ended');
    server.faults.clear();
  });

  it('reads the previous container instance', async () => {
    const { pods } = seedJob(server.store, { namespace: 'logs', name: 'restarts', state: 'running', startMs: Date.now() });
    const pod = pods[0]?.metadata.name as string;
    server.appendLog('logs', pod, 'restarts', 'first run failed');
    server.logs.restart('logs', pod, 'restarts');
    server.appendLog('logs', pod, 'restarts', 'second run');
    const transport = await transportFor(server);
    assert.deepEqual((await fetchLogs(transport, 'logs', pod, 'restarts', { previous: true })).map((e) => [e.text, e.previous]), [['first run failed', true]]);
    assert.deepEqual((await fetchLogs(transport, 'logs', pod, 'restarts', { tailLines: 5 })).map((e) => e.text), ['second run']);
  });
});
