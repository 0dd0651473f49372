import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { startTestApiServer } from '../apiserver/server';
import type { TestApiServer } from '../apiserver/server';
import { seedJob } from '../apiserver/seed';
import { LogFollower, fetchLogs, logTimestampKey, splitTimestamp } from '../../client/src/cluster/logs';
import { LogPosition } from '../../client/src/cluster/logPosition';
import type { LogEntry } from '../../client/src/cluster/logs';
import { transportFor, waitFor } from './helpers';

describe('log timestamps and the place in a log', () => {
  it('orders RFC3339Nano timestamps whose fractions the kubelet trimmed', () => {
    const a = logTimestampKey('2026-11-30T12:00:00.5Z');
    const b = logTimestampKey('2026-11-30T12:00:00.123456789Z');
    const c = logTimestampKey('2026-11-30T12:00:01Z');
    assert.ok(a && b && c && b < a && a < c);
    assert.equal(logTimestampKey('not a time'), undefined);
    assert.deepEqual(splitTimestamp('2026-11-30T12:00:00.5Z hello world'), {
      timestamp: '2026-11-30T12:00:00.5Z',
      text: 'hello world',
    });
    assert.deepEqual(splitTimestamp('no timestamp here'), { timestamp: '', text: 'no timestamp here' });
  });

  it('resumes after the lines read, by offset, even when a later line carries an earlier time', () => {
    const p = new LogPosition(true);
    for (const l of ['12:00:05 a', '12:00:06 b', '11:00:00 c']) p.read(l);
    const r = p.resume();
    assert.deepEqual(
      ['12:00:05 a', '12:00:06 b', '11:00:00 c', '11:00:01 d'].flatMap((l) => r.accept(l)),
      ['11:00:01 d'],
    );
    assert.deepEqual(r.end(), []);
  });

  it('finds its place by the last line when it began with a tail, and takes a replaced log as new', () => {
    const p = new LogPosition(false);
    for (const l of ['t3 c', 't4 d']) p.read(l);
    const r = p.resume();
    assert.deepEqual(
      ['t1 a', 't2 b', 't3 c', 't4 d', 't5 e'].flatMap((l) => r.accept(l)),
      ['t5 e'],
    );
    const again = p.resume();
    const longer = ['t1 a', 't2 b', 't3 c', 't4 d', 't5 e', 't6 f'];
    assert.deepEqual(
      longer.flatMap((l) => again.accept(l)),
      ['t6 f'],
      'the offset found last time is used',
    );
    const replaced = p.resume();
    assert.deepEqual(
      ['u1 new', 'u2 log'].flatMap((l) => replaced.accept(l)),
      [],
      'held until the place is found',
    );
    assert.deepEqual(replaced.end(), ['u1 new', 'u2 log'], 'the stream ended without it: the log was replaced');
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
    const follower = new LogFollower({
      transport,
      namespace: 'logs',
      pod,
      container: 'chatty',
      onLines: (l) => got.push(...l),
      onState: (s) => states.push(s),
      backoffInitialMs: 5,
      backoffMaxMs: 20,
    });
    const done = follower.start();
    const total = 60;
    for (let i = 0; i < total; i++) {
      server.appendLog('logs', pod, 'chatty', `line ${i}`);
      if (i % 3 === 2) await waitFor(`line ${i}`, () => got.some((e) => e.text === `line ${i}`));
    }
    await waitFor(
      'every line',
      () => got.length >= total + 5,
      10_000,
      () => `${got.length} lines`,
    );
    server.store.mutate('pods', 'logs', pod, (p) => {
      p.status.phase = 'Succeeded';
    });
    server.endLog('logs', pod, 'chatty');
    await done;
    const texts = got.map((e) => e.text);
    assert.deepEqual(texts, [
      ...Array.from({ length: 5 }, (_, i) => `before ${i}`),
      ...Array.from({ length: total }, (_, i) => `line ${i}`),
    ]);
    assert.ok(server.faults.injected.filter((f) => f.kind === 'dropLog').length >= 5, `cuts: ${server.faults.injected.length}`);
    assert.ok(states.includes('reconnecting'));
    assert.equal(states.at(-1), 'ended');
    server.faults.clear();
  });

  it('loses no line when the node clock steps back, across a cut and a reconnect', async () => {
    const { pods } = seedJob(server.store, { namespace: 'logs', name: 'clock-step', state: 'running', startMs: Date.now() });
    const pod = pods[0]?.metadata.name as string;
    const transport = await transportFor(server);
    server.appendLog('logs', pod, 'clock-step', 'line 0');
    server.appendLog('logs', pod, 'clock-step', 'line 1');
    const got: string[] = [];
    const states: string[] = [];
    const follower = new LogFollower({
      transport,
      namespace: 'logs',
      pod,
      container: 'clock-step',
      tailLines: 100,
      onLines: (l) => got.push(...l.map((e) => e.text)),
      onState: (s) => states.push(s),
      backoffInitialMs: 5,
      backoffMaxMs: 20,
    });
    const done = follower.start();
    await waitFor('the first lines', () => got.length === 2);
    // NTP or an operator turns the node's clock back an hour: the next lines carry earlier times.
    server.logs.stepClock(-3600_000);
    for (let i = 2; i < 5; i++) server.appendLog('logs', pod, 'clock-step', `line ${i}`);
    await waitFor(
      'the lines after the step',
      () => got.length >= 5,
      10_000,
      () => got.join(', '),
    );
    // The connection breaks after the step: the reconnect must find its place without comparing times.
    await server.kill();
    server.appendLog('logs', pod, 'clock-step', 'line 5');
    server.logs.stepClock(-60_000);
    server.appendLog('logs', pod, 'clock-step', 'line 6');
    await server.restart();
    await waitFor('a reconnect', () => states.includes('reconnecting'));
    for (let i = 7; i < 9; i++) server.appendLog('logs', pod, 'clock-step', `line ${i}`);
    await waitFor(
      'every line',
      () => got.length >= 9,
      10_000,
      () => got.join(', '),
    );
    server.store.mutate('pods', 'logs', pod, (p) => {
      p.status.phase = 'Succeeded';
    });
    server.endLog('logs', pod, 'clock-step');
    await done;
    assert.deepEqual(
      got,
      Array.from({ length: 9 }, (_, i) => `line ${i}`),
    );
  });

  it('a follow whose connect is never answered gives up after its deadline and follows once the server answers', async () => {
    const { pods } = seedJob(server.store, { namespace: 'logs', name: 'hung-follow', state: 'running', startMs: Date.now() });
    const pod = pods[0]?.metadata.name as string;
    const transport = await transportFor(server);
    server.appendLog('logs', pod, 'hung-follow', 'line 0');
    server.faults.set({ hangLogFollows: true, pathIncludes: `/pods/${pod}/log` });
    const got: string[] = [];
    const states: string[] = [];
    const follower = new LogFollower({
      transport,
      namespace: 'logs',
      pod,
      container: 'hung-follow',
      onLines: (l) => got.push(...l.map((e) => e.text)),
      onState: (s, detail) => states.push(`${s} ${detail ?? ''}`),
      backoffInitialMs: 5,
      backoffMaxMs: 20,
      responseTimeoutMs: 200,
    });
    const done = follower.start();
    await waitFor('the deadline to end the hung connect', () => states.some((s) => /^error .*no answer/.test(s)));
    server.faults.clear();
    server.appendLog('logs', pod, 'hung-follow', 'line 1');
    await waitFor(
      'the lines',
      () => got.length >= 2,
      10_000,
      () => got.join(', '),
    );
    await follower.stop();
    await done;
    assert.deepEqual(got, ['line 0', 'line 1']);
  });

  it('reads the previous container instance', async () => {
    const { pods } = seedJob(server.store, { namespace: 'logs', name: 'restarts', state: 'running', startMs: Date.now() });
    const pod = pods[0]?.metadata.name as string;
    server.appendLog('logs', pod, 'restarts', 'first run failed');
    server.logs.restart('logs', pod, 'restarts');
    server.appendLog('logs', pod, 'restarts', 'second run');
    const transport = await transportFor(server);
    assert.deepEqual(
      (await fetchLogs(transport, 'logs', pod, 'restarts', { previous: true })).map((e) => [e.text, e.previous]),
      [['first run failed', true]],
    );
    assert.deepEqual(
      (await fetchLogs(transport, 'logs', pod, 'restarts', { tailLines: 5 })).map((e) => e.text),
      ['second run'],
    );
  });
});
