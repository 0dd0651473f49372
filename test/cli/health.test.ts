import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { seedCronJobHistory } from '../apiserver/histories';
import { startTestApiServer } from '../apiserver/server';
import type { TestApiServer } from '../apiserver/server';
import { REPO_ROOT } from '../helpers/paths';

const NOW = Date.parse('2026-01-07T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (s: string): number => Date.parse(s);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command, as a person or a pipeline would. */
function health(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'kube-jobs.js'), 'health', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? os.tmpdir(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('kube-jobs health against the test API server', () => {
  let server: TestApiServer;
  let dir: string;
  let kubeconfig: string;

  before(async () => {
    server = await startTestApiServer({ now: () => NOW });
    // A healthy daily backup in Europe/Berlin: last run at 01:00 CET today, 12 minutes long.
    seedCronJobHistory(server.store, server.logs, {
      namespace: 'ops',
      name: 'db-backup',
      schedule: '0 1 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      createdMs: NOW - 30 * DAY,
      runs: [at('2026-01-05T00:00:00Z'), at('2026-01-06T00:00:00Z'), at('2026-01-07T00:00:00Z')].map((t) => ({
        scheduledMs: t,
        outcome: 'complete' as const,
        durationMs: 12 * 60_000,
      })),
    });
    // An hourly export whose last three runs failed.
    seedCronJobHistory(server.store, server.logs, {
      namespace: 'ops',
      name: 'export',
      schedule: '0 * * * *',
      createdMs: NOW - 10 * DAY,
      runs: [
        { scheduledMs: at('2026-01-07T06:00:00Z'), outcome: 'complete' },
        { scheduledMs: at('2026-01-07T07:00:00Z'), outcome: 'failed' },
        { scheduledMs: at('2026-01-07T08:00:00Z'), outcome: 'failed' },
        { scheduledMs: at('2026-01-07T09:00:00Z'), outcome: 'failed' },
      ],
    });
    // Another namespace: a sync suspended four days ago, which resuming now would send into TooManyMissedTimes.
    seedCronJobHistory(server.store, server.logs, {
      namespace: 'reports',
      name: 'sync',
      schedule: '*/30 * * * *',
      suspend: true,
      createdMs: NOW - 20 * DAY,
      runs: [{ scheduledMs: NOW - 4 * DAY, outcome: 'complete' }],
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-health-'));
    kubeconfig = path.join(dir, 'kubeconfig');
    server.writeKubeconfig(kubeconfig, { namespace: 'ops' });
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = (): Record<string, string> => ({ KUBECONFIG: kubeconfig, HOME: dir });
  const now = `--now=${new Date(NOW).toISOString()}`;

  it("lists the CronJobs of the context's namespace and exits 1 because one is unhealthy", async () => {
    const r = await health([now], env());
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^ops\/db-backup {2}healthy$/m);
    assert.match(r.stdout, /^ {2}schedule {6}0 1 \* \* \* {2}At 01:00 \(Europe\/Berlin time\)$/m);
    assert.match(r.stdout, /^ {2}last run {6}2026-01-07 01:00 \+01:00 \(10h ago\)$/m);
    assert.match(r.stdout, /^ {2}last success {2}2026-01-07 01:12 \+01:00 \(9h48m ago\)$/m);
    assert.match(r.stdout, /^ {2}next run {6}2026-01-08 01:00 \+01:00 \(in 14h\)$/m);
    assert.match(r.stdout, /^ops\/export {2}unhealthy$/m);
    assert.match(r.stdout, /^ {2}error {3}last-runs-failed: Last 3 runs failed$/m);
    assert.doesNotMatch(r.stdout, /reports\/sync/);
    assert.match(r.stdout, /^2 CronJobs: 1 unhealthy, 0 with warnings, 1 healthy$/m);
  });

  it('-n picks a namespace: a suspended CronJob with a warning is not unhealthy, so the exit status is 0', async () => {
    const r = await health(['-n', 'reports', now], env());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^reports\/sync {2}warning \(suspended\)$/m);
    assert.match(r.stdout, /too-many-missed-starts: Resuming now hits TooManyMissedTimes/);
  });

  it('-A with --format json lists every namespace for scripts', async () => {
    const r = await health(['-A', '--format', 'json', now], env());
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout) as {
      unhealthy: number;
      cronJobs: { namespace: string; name: string; status: string; nextRunTime: string | null; findings: { rule: string }[] }[];
    };
    assert.deepEqual(
      doc.cronJobs.map((c) => [c.namespace, c.name, c.status]),
      [
        ['ops', 'db-backup', 'healthy'],
        ['ops', 'export', 'unhealthy'],
        ['reports', 'sync', 'warning'],
      ],
    );
    assert.equal(doc.cronJobs[0]!.nextRunTime, '2026-01-08T00:00:00Z');
    assert.deepEqual(
      doc.cronJobs[1]!.findings.map((f) => f.rule),
      ['last-runs-failed', 'last-success-old'],
    );
    assert.equal(doc.unhealthy, 1);
  });

  it('--context and --kubeconfig are read as kubectl reads them; a missing context or a dead server is exit 2', async () => {
    const other = path.join(dir, 'other');
    const text = server.kubeconfigYaml({ namespace: 'reports', contextName: 'second' });
    fs.writeFileSync(other, text.replace(server.url, 'http://127.0.0.1:9'));
    const viaFlag = await health(['--kubeconfig', kubeconfig, '--context', 'kube-jobs-test', '-n', 'reports', now], {
      HOME: dir,
    });
    assert.equal(viaFlag.code, 0, viaFlag.stderr);
    const missing = await health(['--context', 'nope', now], env());
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /context "nope" is not in the kubeconfig/);
    const dead = await health(['--kubeconfig', other, now], { HOME: dir });
    assert.equal(dead.code, 2);
    assert.match(dead.stderr, /^kube-jobs health: .*ECONNREFUSED|connect/m);
  });

  it('refuses bad arguments with the usage and exit 2', async () => {
    const r = await health(['--format', 'yaml'], env());
    assert.equal(r.code, 2);
    assert.match(r.stderr, /usage: kube-jobs health/);
  });
});
