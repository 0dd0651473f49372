import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const mainJs = path.join(__dirname, '../../cli/main.js');
const run = (...args: string[]): { code: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [mainJs, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('kube-jobs usage', () => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    it(`kube-jobs ${args.join(' ')} prints the usage with every subcommand and exits 0`, () => {
      const r = run(...args);
      assert.equal(r.code, 0, r.stderr);
      for (const command of ['lint', 'schedule', 'simulate', 'run']) {
        assert.match(r.stdout, new RegExp(`^ {2}kube-jobs ${command} `, 'm'));
      }
      assert.doesNotMatch(r.stdout + r.stderr, /not yet implemented/);
    });
  }

  it('an unknown command or none says so, prints the usage and exits 2; help COMMAND prints its options', () => {
    const unknown = run('frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^kube-jobs: unknown command "frobnicate"\n\nusage: kube-jobs <command>/);
    assert.match(unknown.stderr, /^ {2}kube-jobs run FILE .*--yes\]$/m);
    assert.equal(run().code, 2);
    const help = run('help', 'simulate');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: kube-jobs simulate FILE \[options\]\n[\s\S]*--pods SPEC/);
    // A topic named like a member of Object.prototype is an unknown command, not a crash.
    const odd = run('help', 'constructor');
    assert.equal(odd.code, 2);
    assert.match(odd.stderr, /^kube-jobs help: unknown command "constructor"/);
  });
});
