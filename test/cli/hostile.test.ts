/**
 * The hostile inputs of issue #13 through the real `kube-jobs` command (a child process, as a
 * shell runs it): each gets an answer with the right exit status, never "no problems" for a
 * broken file, never "cannot read" for a readable one, and no control character reaches the
 * terminal from any command.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  aliasedLimitsJob,
  billionLaughsJob,
  compactNestingJob,
  escapeSequenceCronJob,
  manyContainersJob,
} from '../helpers/hostileInputs';
import { REPO_ROOT } from '../helpers/paths';

const CLI = path.join(REPO_ROOT, 'out', 'cli', 'main.js');
/** Bytes a terminal acts on: C0 controls other than tab and newline, DEL, and C1 controls as UTF-8. */
// eslint-disable-next-line no-control-regex -- the test looks for exactly these
const TERMINAL_CONTROL = /[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]/;

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const running = new Set<ChildProcess>();

/** Runs `kube-jobs ARGS`; stdout and stderr are kept as raw bytes (latin1), so no control byte is hidden by decoding. */
function kubeJobs(args: string[], cwd: string, stdin: 'ignore' | number = 'ignore'): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [CLI, ...args], { cwd, stdio: [stdin, 'pipe', 'pipe'] });
    running.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      running.delete(child);
      resolve({ code, stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('latin1') });
    });
  });
}

describe('kube-jobs on hostile input (issue #13)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-hostile-'));
    fs.writeFileSync(path.join(dir, 'aliases.yaml'), aliasedLimitsJob());
    fs.writeFileSync(path.join(dir, 'laughs.yaml'), billionLaughsJob());
    fs.writeFileSync(path.join(dir, 'compact.yaml'), compactNestingJob());
    fs.writeFileSync(path.join(dir, 'containers.yaml'), manyContainersJob());
    fs.writeFileSync(path.join(dir, 'escapes.yaml'), escapeSequenceCronJob());
  });
  after(() => {
    for (const child of running) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses 999 aliases of a 5,000-key map as kubectl does, with a finding and exit 1', async () => {
    const r = await kubeJobs(['lint', 'aliases.yaml'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /aliases\.yaml:\d+:\d+ error yaml-syntax yaml: document contains excessive aliasing/);
  });

  it('never calls a billion-laughs document clean', async () => {
    const r = await kubeJobs(['lint', 'laughs.yaml'], dir);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, /no problems/);
    assert.match(r.stdout, /excessive aliasing/);
  });

  it('stops at compact - - - nesting and says the document was not checked', async () => {
    const r = await kubeJobs(['lint', 'compact.yaml'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /warning file-skipped not checked: nested more than 400 levels/);
  });

  it('answers for a Job with 100,000 containers with a bounded report and a summary, not "cannot read"', async () => {
    const r = await kubeJobs(['lint', '--format', 'json', 'containers.yaml'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /cannot read/);
    const report = JSON.parse(r.stdout) as { files: { diagnostics: { rule: string; message: string }[] }[] };
    const diagnostics = report.files[0]?.diagnostics ?? [];
    assert.ok(diagnostics.length <= 1001, `${diagnostics.length} diagnostics`);
    assert.match(
      diagnostics.find((d) => d.rule === 'findings-limit')?.message ?? '',
      /^\d+ more findings in this document are not shown/,
    );
  });

  it('reads standard input up to a limit: lint - < /dev/zero answers', { timeout: 120_000 }, async () => {
    const zero = fs.openSync('/dev/zero', 'r');
    try {
      const r = await kubeJobs(['lint', '-'], dir, zero);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /<stdin>:1:1 warning file-skipped not checked: input is over the 8 MiB limit/);
    } finally {
      fs.closeSync(zero);
    }
  });

  it('reads a device given as a path up to the same limit', { timeout: 120_000 }, async () => {
    const r = await kubeJobs(['lint', '/dev/zero'], dir);
    assert.match(r.stdout, /over the 8 MiB limit/);
  });

  it('lets no control character from a manifest or an argument reach the terminal, in every command', async () => {
    const schedule = '\x1b]0;pwned\x07\x1b[2J0 3 * * *';
    const runs = await Promise.all([
      kubeJobs(['lint', 'escapes.yaml'], dir),
      kubeJobs(['lint', '--format', 'json', 'escapes.yaml'], dir),
      kubeJobs(['schedule', schedule], dir),
      kubeJobs(['schedule', '0 3 * * *', '--time-zone', '\x1b[31mEurope/Berlin'], dir),
      kubeJobs(['simulate', 'escapes.yaml'], dir),
      kubeJobs(['run', 'escapes.yaml', '--yes'], dir),
      kubeJobs(['\x1b[2Jbogus'], dir),
    ]);
    for (const r of runs) {
      assert.ok(`${r.stdout}${r.stderr}`.length > 0, 'the command said something');
      assert.doesNotMatch(r.stdout, TERMINAL_CONTROL, r.stdout);
      assert.doesNotMatch(r.stderr, TERMINAL_CONTROL, r.stderr);
    }
    // The escapes are shown, not dropped, and JSON stays JSON.
    assert.match(`${runs[2]?.stdout}${runs[2]?.stderr}`, /\\u001b\]0;pwned\\u0007/);
    assert.doesNotThrow(() => JSON.parse(runs[1]?.stdout ?? ''));
  });
});
