import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintFile, parseManifestFile } from '../../../src-engine';
import { REPO_ROOT, fixturePath } from '../../helpers/paths';

interface ValidationCase {
  file: string;
  expect: 'valid' | 'invalid';
  paths: string[];
  rule: string;
  note: string;
}

const dir = fixturePath('conformance', 'validation');
const cases = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8')) as ValidationCase[];

/** The README's path rule: equal, below it, or the path without its final index or key. */
function pathMatches(field: string, expected: string): boolean {
  return field === expected || field.startsWith(`${expected}.`) || field.startsWith(`${expected}[`) || expected.replace(/\[[^\]]*\]$/, '') === field;
}

interface Diagnostic { severity: string; field: string }

function score(c: ValidationCase, diagnostics: readonly Diagnostic[]): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (c.expect === 'valid') return errors.length === 0 ? undefined : `expected valid, got errors on ${errors.map((e) => e.field).join(', ')}`;
  if (errors.length === 0) return 'expected invalid, got no error';
  return errors.some((e) => c.paths.some((p) => pathMatches(e.field, p))) ? undefined : `error paths ${errors.map((e) => e.field).join(', ')} do not match ${c.paths.join(', ')}`;
}

describe('validation conformance vectors (lintFile)', () => {
  for (const c of cases) {
    it(`${c.file}: ${c.expect} (${c.rule})`, () => {
      const text = fs.readFileSync(path.join(dir, c.file), 'utf8');
      const problem = score(c, lintFile(parseManifestFile(text)));
      assert.equal(problem, undefined, `${c.note}\n${problem}`);
    });
  }
});

describe('validation conformance vectors (kube-jobs lint --format json)', () => {
  it('scores every case through the CLI', () => {
    const cli = path.join(REPO_ROOT, 'out', 'cli', 'main.js');
    let stdout: string;
    try {
      stdout = execFileSync(process.execPath, [cli, 'lint', '--format', 'json', dir], { encoding: 'utf8', cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      // Exit status 1 (errors found) is expected: invalid vectors are in the directory.
      const failed = error as { status?: number; stdout?: string };
      assert.equal(failed.status, 1);
      stdout = failed.stdout ?? '';
    }
    const report = JSON.parse(stdout) as { files: { path: string; diagnostics: Diagnostic[] }[] };
    const byName = new Map(report.files.map((f) => [path.basename(f.path), f.diagnostics]));
    const failures: string[] = [];
    for (const c of cases) {
      const diagnostics = byName.get(c.file);
      if (!diagnostics) {
        failures.push(`${c.file}: not in the report`);
        continue;
      }
      const problem = score(c, diagnostics);
      if (problem) failures.push(`${c.file}: ${problem}`);
    }
    assert.deepEqual(failures, []);
  });
});
