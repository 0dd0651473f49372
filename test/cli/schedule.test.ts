import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { runScheduleCommand } from '../../cli/schedule';

const root = path.resolve(__dirname, '../../..');
const mainJs = path.join(root, 'out/cli/main.js');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI entry point as a child process. */
function cli(args: string[], stdin = ''): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [mainJs, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Runs the command in-process with buffers for the streams. */
async function run(args: string[], stdin = ''): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await runScheduleCommand(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: Readable.from([stdin]),
  });
  return { code, stdout, stderr };
}

describe('kube-jobs schedule (process)', () => {
  it('prints JSON with description and next runs in UTC, exit 0', async () => {
    const r = await cli([
      'schedule',
      '30 2 * * *',
      '--time-zone',
      'America/New_York',
      '--from',
      '2026-03-07T00:00:00Z',
      '--count',
      '3',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      valid: true,
      description: 'At 02:30 (America/New_York time)',
      next: ['2026-03-07T07:30:00Z', '2026-03-09T06:30:00Z', '2026-03-10T06:30:00Z'],
    });
  });

  it('exit 1 with the parser error for an invalid schedule', async () => {
    const r = await cli(['schedule', '0 0 * * 7', '--format', 'json']);
    assert.equal(r.code, 1);
    const answer = JSON.parse(r.stdout) as { valid: boolean; error: string };
    assert.equal(answer.valid, false);
    assert.equal(answer.error, 'end of range (7) above maximum (6): 7');
  });

  it('exit 2 on a usage error', async () => {
    const r = await cli(['schedule', '* * * * *', '--from', 'yesterday']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--from: not an RFC 3339 time/);
  });

  it('answers the conformance vectors line by line with --jsonl', async () => {
    const lines = fs
      .readFileSync(path.join(root, 'test/fixtures/conformance/schedules.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const requests = lines.map((l) => {
      const v = JSON.parse(l) as { schedule: string; timeZone: string | null; from: string; count: number };
      return JSON.stringify({ schedule: v.schedule, timeZone: v.timeZone, from: v.from, count: v.count });
    });
    const r = await cli(['schedule', '--jsonl'], requests.join('\n') + '\n');
    assert.equal(r.code, 0, r.stderr);
    const answers = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { valid: boolean; next?: string[] });
    assert.equal(answers.length, lines.length);
    lines.forEach((l, i) => {
      const expect = (JSON.parse(l) as { expect: { valid: boolean; next?: string[] } }).expect;
      const answer = answers[i] as { valid: boolean; next?: string[] };
      assert.equal(answer.valid, expect.valid, l);
      if (expect.valid) assert.deepEqual(answer.next, expect.next ?? [], l);
    });
  });
});

describe('kube-jobs schedule (in process)', () => {
  it('text output shows each run in the zone with its offset and in UTC', async () => {
    const r = await run(['0 3 * * *', '--time-zone', 'Europe/Berlin', '--from', '2026-03-28T00:00:00Z', '--count', '2']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^At 03:00 \(Europe\/Berlin time\)\n/);
    assert.match(r.stdout, /2026-03-28 03:00:00 \+01:00 Europe\/Berlin {3}2026-03-28T02:00:00Z/);
    assert.match(r.stdout, /2026-03-29 03:00:00 \+02:00 Europe\/Berlin {3}2026-03-29T01:00:00Z/);
  });

  it('text output lists every problem with its field', async () => {
    const r = await run(['TZ=UTC 0 3 * * *', '--time-zone', 'Local']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /spec\.schedule: Invalid value: cannot use TZ or CRON_TZ in schedule, use timeZone field instead/);
    assert.match(r.stdout, /spec\.timeZone: Invalid value: timeZone must be an explicit time zone/);
  });

  it('rejoins an unquoted schedule given as several words', async () => {
    const r = await run(['0', '3', '*', '*', '*', '--from', '2026-01-01T00:00:00Z', '--count', '1', '--format', 'json']);
    assert.deepEqual(JSON.parse(r.stdout), { valid: true, description: 'At 03:00', next: ['2026-01-01T03:00:00Z'] });
  });

  it('says when a valid schedule never runs', async () => {
    const r = await run(['0 0 30 2 *', '--from', '2026-01-01T00:00:00Z']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Never runs/);
    assert.match(r.stdout, /none within the next five years/);
  });

  it('--jsonl answers bad lines with an error and keeps going', async () => {
    const input = [
      'not json',
      '[1]',
      '{"schedule":5}',
      '{"schedule":"* * * * *","from":"soon"}',
      '{"schedule":"* * * * *","count":-1}',
      '{"schedule":"* * * * *","timeZone":7}',
      '',
      '{"schedule":"@every 90m","from":"2026-01-01T00:00:00Z","count":1}',
    ].join('\n');
    const r = await run(['--jsonl'], input);
    assert.equal(r.code, 0);
    const answers = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { valid: boolean; error?: string; next?: string[] });
    assert.equal(answers.length, 7);
    for (const a of answers.slice(0, 6)) {
      assert.equal(a.valid, false);
      assert.match(a.error ?? '', /^bad request: /);
    }
    assert.deepEqual(answers[6]?.next, ['2026-01-01T01:30:00Z']);
  });

  it('usage errors: missing EXPR, unknown option, bad --count and --format', async () => {
    for (const args of [
      [],
      ['--bogus', '* * * * *'],
      ['* * * * *', '--count', 'x'],
      ['* * * * *', '--format', 'yaml'],
      ['--jsonl', '* * * * *'],
      ['* * * * *', '--time-zone'],
    ]) {
      const r = await run(args);
      assert.equal(r.code, 2, JSON.stringify(args));
      assert.match(r.stderr, /usage: kube-jobs schedule/);
    }
  });

  it('--help prints usage and exits 0', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /usage: kube-jobs schedule/);
  });
});
