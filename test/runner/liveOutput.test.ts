import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { LogBatcher } from '../../client/src/localRun/logBatch';
import { LiveOutput } from '../../runner/liveOutput';
import { MAX_LOG_LINE_LENGTH, pipeLines } from '../../runner/logLines';
import { startPod, tempWorkspace } from './helpers';

/** A sink that takes 1 KiB before it asks the writer to wait, and is read only when the test says so. */
function slowReader(): { sink: PassThrough; readAll: () => Promise<string> } {
  const sink = new PassThrough({ highWaterMark: 1024 });
  return {
    sink,
    readAll: () =>
      new Promise((resolve) => {
        let text = '';
        sink.setEncoding('utf8');
        sink.on('data', (d: string) => (text += d));
        sink.on('end', () => resolve(text));
      }),
  };
}

describe('live output to a slow reader: in order, bounded memory, spilled to the run record', () => {
  it('a reader that does not read: memory stays under the bound, the rest goes to the spill file, then everything arrives in order', async () => {
    const dir = tempWorkspace();
    const spill = path.join(dir, 'live-output.spill');
    const { sink, readAll } = slowReader();
    const live = new LiveOutput(sink, { spillFile: () => spill, maxBufferedBytes: 64 * 1024 });
    let peak = 0;
    for (let i = 0; i < 200_000; i++) {
      live.line(`line ${i}`);
      peak = Math.max(peak, live.memoryBytes);
    }
    assert.ok(peak <= 2 * 64 * 1024, `held ${peak} bytes for a reader that reads nothing`);
    assert.ok(fs.statSync(spill).size > 1_000_000, 'the rest waits in the spill file');
    const reading = readAll();
    await live.flushed();
    sink.end();
    const lines = (await reading).split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, 200_000);
    assert.ok(
      lines.every((l, i) => l === `line ${i}`),
      'every line, in order',
    );
    assert.ok(!fs.existsSync(spill), 'the spill file is removed once read');
    live.dispose();
  });

  it('a reader that has gone (EPIPE) stops the output once, without an exception', async () => {
    const sink = new PassThrough();
    const errors: string[] = [];
    const live = new LiveOutput(sink, { spillFile: () => undefined, onBroken: (e) => errors.push(e.code ?? '') });
    sink.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    sink.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    live.line('nobody reads this');
    await live.flushed();
    assert.deepEqual(errors, ['EPIPE']);
  });
});

describe('container output is read in lines of bounded length, and no faster than the record is written', () => {
  it('a line longer than 16 KiB comes in parts, as containerd splits it; a stream without newlines too', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    const done = pipeLines(stream, (l) => lines.push(l));
    stream.write(`${'a'.repeat(MAX_LOG_LINE_LENGTH + 10)}\nshort\r\n`);
    stream.end('b'.repeat(3 * MAX_LOG_LINE_LENGTH + 1));
    await done;
    assert.deepEqual(
      lines.map((l) => `${l[0]}${l.length}`),
      [
        `a${MAX_LOG_LINE_LENGTH}`,
        'a10',
        's5',
        `b${MAX_LOG_LINE_LENGTH}`,
        `b${MAX_LOG_LINE_LENGTH}`,
        `b${MAX_LOG_LINE_LENGTH}`,
        'b1',
      ],
    );
  });

  it('while the record asks to wait, the process output is not read (the pipe holds the process back)', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    let release!: () => void;
    const room = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    const done = pipeLines(stream, (l) => lines.push(l), { room: () => (asked++ === 0 ? room : undefined) });
    stream.write('one\n');
    await new Promise((resolve) => setImmediate(resolve));
    stream.write('two\n');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(lines, ['one'], 'paused after the first chunk');
    assert.equal(stream.isPaused(), true);
    release();
    stream.end();
    await done;
    assert.deepEqual(lines, ['one', 'two']);
  });

  it('a real process that prints 20 MB without a newline: the pod ends, every byte is recorded in 16 KiB lines', async () => {
    const { pod, logs } = startPod({
      restartPolicy: 'Never',
      containers: [{ name: 'main', command: ['sh', '-c', 'head -c 20000000 /dev/zero | tr "\\0" x'] }],
    });
    await pod.done;
    assert.equal(pod.phase, 'Succeeded');
    assert.equal(
      logs.reduce((n, l) => n + l.line.length, 0),
      20_000_000,
    );
    assert.ok(logs.every((l) => l.line.length <= MAX_LOG_LINE_LENGTH));
  });
});

describe('the VS Code panel holds a bounded number of log lines', () => {
  it('keeps the newest lines and counts the ones dropped', () => {
    const batcher = new LogBatcher(3);
    for (let i = 0; i < 10; i++) batcher.add({ pod: 'p', line: String(i) });
    assert.ok(batcher.size < 6);
    const batch = batcher.take();
    assert.deepEqual(
      batch?.lines.map((l) => l.line),
      ['7', '8', '9'],
    );
    assert.equal(batch?.skipped, 7);
    assert.equal(batcher.take(), undefined);
  });
});
