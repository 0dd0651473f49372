import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { runLintCommand } from '../../cli/lint';
import { REPO_ROOT } from '../helpers/paths';

const GOOD_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: good
spec:
  ttlSecondsAfterFinished: 60
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: work
          image: busybox:1.36
          resources:
            requests:
              cpu: 100m
`;
const BAD_JOB = GOOD_JOB.replace('      restartPolicy: Never\n', '').replace('name: good', 'name: bad');
const ADVICE_ONLY = GOOD_JOB.replace('busybox:1.36', 'busybox');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], cwd: string, stdin?: string, env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runLintCommand(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    env,
    ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}),
  });
  return { code, stdout, stderr };
}

/** Runs the compiled `kube-jobs lint` as the user nobody (uid/gid 65534); `cwd` must be open to others. */
async function runAsNobody(args: string[], cwd: string): Promise<Run> {
  const nobody = 65534;
  fs.chmodSync(cwd, 0o755);
  const command = [path.join(REPO_ROOT, 'out/cli/main.js'), 'lint', ...args];
  const child = spawn(process.execPath, command, { cwd, uid: nobody, gid: nobody });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code: code ?? -1, stdout, stderr };
}

describe('kube-jobs lint', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-lint-'));
    fs.writeFileSync(path.join(dir, 'good.yaml'), GOOD_JOB);
    fs.writeFileSync(path.join(dir, 'bad.yml'), BAD_JOB);
    fs.writeFileSync(path.join(dir, 'advice.yaml'), ADVICE_ONLY);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not yaml');
    fs.mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'nested', 'deeper', 'also-bad.yaml'), BAD_JOB);
    for (const skipped of ['node_modules', '.git']) {
      fs.mkdirSync(path.join(dir, skipped));
      fs.writeFileSync(path.join(dir, skipped, 'ignored.yaml'), BAD_JOB);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints compiler-style text with 1-based positions and a summary; exit 1 on errors', async () => {
    const result = await run(['bad.yml'], dir);
    assert.equal(result.code, 1);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(
      lines[0] ?? '',
      /^bad\.yml:8:5 error restart-policy spec\.template\.spec\.restartPolicy: Required value: valid values: "OnFailure", "Never"$/,
    );
    assert.match(lines.at(-1) ?? '', /^1 error in 1 file \(as Kubernetes 1\.36\)$/);
  });

  it('exits 0 when only advice is found, and on a clean file says so', async () => {
    const advice = await run(['advice.yaml'], dir);
    assert.equal(advice.code, 0);
    assert.match(advice.stdout, /warning image-latest/);
    const clean = await run(['good.yaml'], dir);
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, 'no problems in 1 file (as Kubernetes 1.36)\n');
  });

  it('recurses into directories for *.yaml/*.yml, skipping node_modules and dot-directories', async () => {
    const result = await run(['--format', 'json', '.'], dir);
    const report = JSON.parse(result.stdout) as { files: { path: string }[] };
    assert.deepEqual(
      report.files.map((f) => f.path.split(path.sep).join('/')),
      ['advice.yaml', 'bad.yml', 'good.yaml', 'nested/deeper/also-bad.yaml'],
    );
    assert.equal(result.code, 1);
  });

  it('writes JSON with exactly the documented shape and 0-based ranges', async () => {
    const result = await run(['--format=json', 'bad.yml'], dir);
    const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: Record<string, unknown>[] }[] };
    assert.deepEqual(Object.keys(report), ['kubernetesVersion', 'files']);
    const file = report.files[0];
    assert.deepEqual(Object.keys(file ?? {}), ['path', 'diagnostics']);
    const diagnostic = file?.diagnostics.find((d) => d['rule'] === 'restart-policy');
    assert.deepEqual(diagnostic, {
      rule: 'restart-policy',
      severity: 'error',
      message: 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      field: 'spec.template.spec.restartPolicy',
      range: { start: { line: 7, character: 4 }, end: { line: 7, character: 8 } },
    });
  });

  it('judges as --kubernetes-version, else KUBE_JOBS_KUBERNETES_VERSION, else the newest; others: bad usage', async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-lint-version-'));
    const override = GOOD_JOB.replace('restartPolicy: Never\n', 'restartPolicy: Never\n      hostnameOverride: worker\n');
    fs.writeFileSync(path.join(own, 'override.yaml'), override);
    const onNewest = await run(['override.yaml'], own);
    assert.equal(onNewest.code, 0, onNewest.stdout);
    const on133 = await run(['--kubernetes-version', '1.33', 'override.yaml'], own);
    assert.equal(on133.code, 1);
    assert.match(on133.stdout, /error unknown-field spec\.template\.spec\.hostnameOverride: .*1\.33 does not have this field/);
    assert.match(on133.stdout, /\(as Kubernetes 1\.33\)\n$/);
    const fromEnv = await run(['--format=json', 'override.yaml'], own, undefined, { KUBE_JOBS_KUBERNETES_VERSION: 'v1.34' });
    const report = JSON.parse(fromEnv.stdout) as { kubernetesVersion: string; files: { diagnostics: { rule: string }[] }[] };
    assert.equal(report.kubernetesVersion, '1.34');
    assert.ok(report.files[0]?.diagnostics.some((d) => d.rule === 'field-dropped'));
    // The flag wins over the variable.
    const env = { KUBE_JOBS_KUBERNETES_VERSION: '1.33' };
    const both = await run(['--kubernetes-version=1.35', 'override.yaml'], own, undefined, env);
    assert.match(both.stdout, /no problems in 1 file \(as Kubernetes 1\.35\)/);
    const bad = await run(['--kubernetes-version', '1.31', 'override.yaml'], own);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--kubernetes-version must be one of 1\.32, 1\.33, 1\.34, 1\.35, 1\.36, not "1\.31"/);
    const badEnv = await run(['override.yaml'], own, undefined, { KUBE_JOBS_KUBERNETES_VERSION: 'latest' });
    assert.equal(badEnv.code, 2);
    assert.match(badEnv.stderr, /KUBE_JOBS_KUBERNETES_VERSION must be one of/);
    fs.rmSync(own, { recursive: true, force: true });
  });

  it('writes SARIF 2.1.0 with rules, help links and 1-based regions', async () => {
    const result = await run(['--format', 'sarif', 'bad.yml'], dir);
    const sarif = JSON.parse(result.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const runEntry = sarif.runs[0];
    assert.equal(runEntry.tool.driver.name, 'kube-jobs');
    const rules = runEntry.tool.driver.rules as { id: string; helpUri: string }[];
    assert.ok(rules.every((r) => r.helpUri.startsWith('https://kubernetes.io/docs/')));
    const res = (
      runEntry.results as {
        ruleId: string;
        ruleIndex: number;
        level: string;
        locations: {
          physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
        }[];
      }[]
    ).find((r) => r.ruleId === 'restart-policy');
    assert.ok(res);
    assert.equal(res.level, 'error');
    assert.equal(rules[res.ruleIndex]?.id, 'restart-policy');
    assert.deepEqual(res.locations[0]?.physicalLocation.artifactLocation, { uri: 'bad.yml' });
    assert.equal(res.locations[0]?.physicalLocation.region.startLine, 8);
    assert.equal(res.locations[0]?.physicalLocation.region.startColumn, 5);
  });

  it('applies --rule levels', async () => {
    const off = await run(['--rule', 'restart-policy=off', 'bad.yml'], dir);
    assert.equal(off.code, 0);
    assert.doesNotMatch(off.stdout, /restart-policy/);
    const promoted = await run(['--rule=image-latest=error', 'advice.yaml'], dir);
    assert.equal(promoted.code, 1);
    assert.match(promoted.stdout, /error image-latest/);
  });

  it('reads standard input for -', async () => {
    const result = await run(['--format', 'json', '-'], dir, BAD_JOB);
    const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { rule: string }[] }[] };
    assert.equal(report.files[0]?.path, '<stdin>');
    assert.ok(report.files[0]?.diagnostics.some((d) => d.rule === 'restart-policy'));
    assert.equal(result.code, 1);
  });

  it('exits 2 with a clear message for a missing path, still checking the others', async () => {
    const result = await run(['good.yaml', 'missing.yaml'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /kube-jobs lint: cannot read missing\.yaml: no such file or directory/);
    assert.match(result.stdout, /no problems in 1 file/);
  });

  it('exits 2 for an unreadable file', async () => {
    const locked = path.join(dir, 'locked.yaml');
    fs.writeFileSync(locked, GOOD_JOB);
    fs.chmodSync(locked, 0o000);
    try {
      // Root reads any file, so as root the real command runs as the user nobody, for whom mode 000 holds.
      const result = process.getuid?.() === 0 ? await runAsNobody(['locked.yaml'], dir) : await run(['locked.yaml'], dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /cannot read locked\.yaml: EACCES: permission denied/);
    } finally {
      fs.chmodSync(locked, 0o644);
      fs.rmSync(locked);
    }
  });

  it('exits 2 for a directory it cannot list', async () => {
    // A path through a regular file fails to stat for any user, root included.
    const result = await run(['good.yaml/inner'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot read good\.yaml\/inner/);
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [
      [],
      ['--format', 'xml', 'a'],
      ['--rule', 'nope=off', 'a'],
      ['--rule', 'restart-policy=loud', 'a'],
      ['--bogus', 'a'],
    ]) {
      const result = await run(args, dir);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /usage: kube-jobs lint/);
    }
    const help = await run(['--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /usage: kube-jobs lint/);
  });

  it('reports binary files as skipped instead of failing', async () => {
    const binary = path.join(dir, 'blob.yaml');
    fs.writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 255]));
    try {
      const result = await run(['blob.yaml'], dir);
      assert.equal(result.code, 0);
      assert.match(result.stdout, /warning file-skipped not checked: file looks binary/);
    } finally {
      fs.rmSync(binary);
    }
  });
});
