import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runSimulateCommand } from '../../cli/simulate';
import { fixturePath } from '../helpers/paths';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runSimulateCommand(args, {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    now: () => Date.parse('2026-02-01T10:17:42Z'),
  });
  return { code, out, err };
}

const fixture = (f: string): string => fixturePath('conformance', 'controller', f);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-sim-'));

describe('kube-jobs simulate', () => {
  it('prints the Job JSON shape with RFC 3339 UTC times and nulls', async () => {
    const r = await run([
      fixture('job-backoff-never-limit-3.yaml'),
      '--start',
      '2026-01-05T00:00:00Z',
      '--pods',
      'fail@5s',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.kind, 'Job');
    assert.equal(j.name, 'flaky-import');
    // As the API writes it: ready and terminating always, no completedIndexes/failedIndexes for a NonIndexed Job.
    assert.deepEqual(Object.keys(j.status), [
      'conditions',
      'startTime',
      'completionTime',
      'active',
      'ready',
      'terminating',
      'succeeded',
      'failed',
    ]);
    assert.equal(j.status.completionTime, null);
    assert.equal(j.deletedAt, null);
    assert.deepEqual(
      j.status.conditions.map((c: { type: string }) => c.type),
      ['FailureTarget', 'Failed'],
    );
    assert.deepEqual(Object.keys(j.pods[0]), [
      'name',
      'index',
      'createdAt',
      'startedAt',
      'finishedAt',
      'phase',
      'exitCode',
      'outcome',
      'restarts',
      'deletedAt',
      'deletedBy',
    ]);
    assert.deepEqual(
      j.pods.map((p: { createdAt: string }) => p.createdAt),
      ['2026-01-05T00:00:00Z', '2026-01-05T00:00:15Z', '2026-01-05T00:00:40Z', '2026-01-05T00:01:25Z'],
    );
    assert.deepEqual(Object.keys(j.events[0]), ['time', 'type', 'reason', 'message', 'object']);
  });
  it('a pod the controller deleted says so: outcome Deleted, when and by whom, no exit code', async () => {
    const r = await run([
      fixture('job-deadline-with-running-pods.yaml'),
      '--start',
      '2026-01-14T03:00:00Z',
      '--pods',
      'succeed@30s',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    const deleted = j.pods.filter((p: { outcome: string }) => p.outcome === 'Deleted');
    assert.equal(deleted.length, 2);
    for (const p of deleted) {
      assert.equal(p.deletedBy, 'controller');
      assert.equal(p.exitCode, null);
      assert.match(p.deletedAt, /^2026-01-14T03:0\d:\d\dZ$/);
    }
    assert.deepEqual(j.pods.filter((p: { outcome: string }) => p.outcome === 'Succeeded').length, 2);
    assert.equal(j.status.failed, 2);
  });
  it('index sets as the API writes them: completedIndexes when not empty, failedIndexes with backoffLimitPerIndex', async () => {
    const per = await run([
      fixture('job-per-index-max-failed-exceeded.yaml'),
      '--start',
      '2026-01-19T01:00:00Z',
      '--pods',
      '2=fail@20s,3=fail@20s,succeed@5s',
      '--format',
      'json',
    ]);
    assert.equal(per.code, 0, per.err);
    const s = JSON.parse(per.out).status;
    assert.equal(s.completedIndexes, '0,1');
    assert.equal(s.failedIndexes, '2,3');
    const none = await run([
      fixture('job-indexed-all-succeed.yaml'),
      '--start',
      '2026-01-15T00:00:00Z',
      '--for',
      '5s',
      '--format',
      'json',
    ]);
    assert.equal(none.code, 0, none.err);
    const status = JSON.parse(none.out).status;
    assert.equal('completedIndexes' in status, false);
    assert.equal('failedIndexes' in status, false);
    assert.equal(status.ready, 3);
    assert.equal(status.startTime, '2026-01-15T00:00:00Z');
  });
  it('prints the CronJob JSON shape', async () => {
    const r = await run([
      fixture('cronjob-hourly-utc-history.yaml'),
      '--start',
      '2026-01-05T00:00:00Z',
      '--for',
      '6h30m',
      '--pods',
      'succeed@5m',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.kind, 'CronJob');
    assert.deepEqual(Object.keys(j.status), ['lastScheduleTime', 'lastSuccessfulTime', 'active']);
    assert.equal(j.jobs.length, 6);
    assert.deepEqual(Object.keys(j.jobs[0]), ['name', 'scheduledTime', 'createdAt', 'deletedAt', 'status']);
    // The Job finishes in the Job controller's sync 1 s after its pod (syncJobBatchPeriod).
    assert.equal(j.jobs[0].deletedAt, '2026-01-05T04:05:01Z');
    assert.equal(j.status.lastScheduleTime, '2026-01-05T06:00:00Z');
  });
  it('text output is a readable timeline; default start is now rounded to the minute', async () => {
    const r = await run([fixture('job-pfp-failjob-exit-code.yaml'), '--pods', 'fail@8s:42']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /2026-02-01T10:17:00Z/);
    assert.match(r.out, /failed with exit code 42/);
    assert.match(r.out, /Result: Failed \(PodFailurePolicy\)/);
    assert.doesNotMatch(r.out, /Warning:/);
  });
  it('a Job that never finishes (suspended) is simulated to the end of its events and the output says so', async () => {
    const r = await run([fixture('job-suspended-at-creation.yaml'), '--start', '2026-01-26T00:00:00Z', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(j.warnings, [
      'The Job had not finished when the simulation ended (2026-01-26T00:00:00Z): nothing more would happen.',
    ]);
    assert.equal(j.stopped, null);
    assert.equal(j.status.startTime, null, 'a suspended Job has no startTime');
  });
  it('checks the manifest as --kubernetes-version before simulating, and says which controllers it follows', async () => {
    const file = path.join(tmp, 'override.yaml');
    const job = fs.readFileSync(fixture('job-pfp-failjob-exit-code.yaml'), 'utf8');
    fs.writeFileSync(file, job.replace(/( +)restartPolicy: Never\n/, '$1restartPolicy: Never\n$1hostnameOverride: worker\n'));
    const on133 = await run([file, '--kubernetes-version', '1.33']);
    assert.equal(on133.code, 2);
    assert.match(on133.err, /would be rejected by the API server[\s\S]*Kubernetes 1\.33 does not have this field yet/);
    const on135 = await run([file, '--kubernetes-version', '1.35', '--pods', 'succeed@5s']);
    assert.equal(on135.code, 0, on135.err);
    assert.match(
      on135.out,
      /Checked as Kubernetes 1\.35; the Job and CronJob controllers of 1\.32–1\.36 do the same in everything/,
    );
    assert.equal((await run([file, '--kubernetes-version', '2.0'])).code, 2);
  });
  it('writes a well-formed SVG and an HTML page', async () => {
    const svg = path.join(tmp, 'out', 't.svg');
    const html = path.join(tmp, 't.html');
    const r = await run([
      fixture('cronjob-forbid-late-start.yaml'),
      '--start',
      '2026-01-06T00:00:00Z',
      '--for',
      '6h30m',
      '--pods',
      'succeed@95m',
      '--svg',
      svg,
      '--html',
      html,
    ]);
    assert.equal(r.code, 0, r.err);
    const text = fs.readFileSync(svg, 'utf8');
    assert.ok(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"') && text.trimEnd().endsWith('</svg>'));
    const opened = (text.match(/<(rect|line|text|g|title|svg)\b/g) ?? []).length;
    const closed = (text.match(/<\/(rect|line|text|g|title|svg)>|\/>/g) ?? []).length;
    assert.equal(opened, closed, 'every element is closed');
    assert.match(fs.readFileSync(html, 'utf8'), /<!DOCTYPE html>[\s\S]*<svg/);
  });
  it('exit 2: usage errors, unknown file, bad pods spec, several documents without --name, invalid manifest', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run([fixture('nope.yaml')])).code, 2);
    const bad = await run([fixture('job-ttl-after-complete.yaml'), '--pods', 'explode@5s']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /bad pods entry/);
    const multi = path.join(tmp, 'multi.yaml');
    fs.writeFileSync(
      multi,
      fs.readFileSync(fixture('job-ttl-after-complete.yaml'), 'utf8') +
        '---\n' +
        fs.readFileSync(fixture('job-fanout-all-succeed.yaml'), 'utf8'),
    );
    const m = await run([multi]);
    assert.equal(m.code, 2);
    assert.match(m.err, /Job\/receipt-mailer, Job\/resize-originals/);
    assert.equal((await run([multi, '--name', 'resize-originals', '--format', 'json'])).code, 0);
    const invalid = path.join(tmp, 'invalid.yaml');
    fs.writeFileSync(
      invalid,
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n' +
        '  template:\n    spec:\n      containers:\n        - name: c\n          image: busybox\n',
    );
    const inv = await run([invalid]);
    assert.equal(inv.code, 2);
    assert.match(inv.err, /restartPolicy/);
  });
  it('random model is deterministic for a seed', async () => {
    const args = [
      fixture('job-fanout-all-succeed.yaml'),
      '--start',
      '2026-01-05T00:00:00Z',
      '--seed',
      '7',
      '--failure-rate',
      '0.5',
      '--format',
      'json',
    ];
    const a = await run(args);
    const b = await run(args);
    assert.equal(a.code, 0, a.err);
    assert.equal(a.out, b.out);
  });
  it('a Job too large to simulate: refused at once (exit 2), a window of it simulated, too long a run refused', async () => {
    const huge = path.join(tmp, 'huge.yaml');
    fs.writeFileSync(
      huge,
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: huge\nspec:\n  completions: 1000000000\n  parallelism: 1000000\n' +
        '  template:\n    spec:\n      restartPolicy: Never\n' +
        '      containers:\n        - name: c\n          image: busybox:1.36\n',
    );
    const refused = await run([huge, '--start', '2026-01-05T00:00:00Z']);
    assert.equal(refused.code, 2);
    assert.equal(refused.out, '');
    assert.match(refused.err, /Use --for or --until\.$/m);
    assert.match(
      refused.err,
      /Job huge is too large to simulate to its end: it would create at least 1,000,000,000 pods \(completions 1000000000\)/,
    );
    const window = await run([huge, '--start', '2026-01-05T00:00:00Z', '--for', '1m', '--format', 'json']);
    assert.equal(window.code, 0, window.err);
    const j = JSON.parse(window.out);
    assert.equal(j.stopped, null);
    // 500 pods per sync, a sync a second (syncJobBatchPeriod): the first minute creates 30,500.
    assert.equal(j.podsCreated, 30_500);
    assert.ok(
      j.warnings.some((w: string) => /Only the first 10,000 of 30,500 pods are kept in detail/.test(w)),
      j.warnings.join('; '),
    );
    const year = await run([huge, '--start', '2026-01-05T00:00:00Z', '--for', '365d']);
    assert.equal(year.code, 2);
    assert.equal(year.out, '');
    assert.match(year.err, /Use --for or --until\.$/m);
    assert.match(
      year.err,
      /Job huge: The simulation stopped at 2026-01-\d\dT.*simulating further, pod by pod, would take more than a few/,
    );
  });
});
