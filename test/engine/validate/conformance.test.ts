// The validation vectors labelled by a real kube-apiserver v1.35 (test/fixtures/conformance/):
// `validation/` (123 hand-written cases) and `validation-generated/` (1,200 mutated manifests).
// Scored as their README says: the verdict (invalid ⇔ at least one error), and for an invalid
// case at least one error's field on one of the paths the server named. The generated ones were
// also sent to v1.32–v1.36 servers: a case whose answer differs on a version carries `byVersion`,
// and every case is scored again as each supported version judges it.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KUBERNETES_VERSIONS, lintFile, parseManifestFile } from '../../../src-engine';
import type { KubernetesVersion } from '../../../src-engine';
import { REPO_ROOT, fixturePath } from '../../helpers/paths';

interface ValidationCase {
  file: string;
  expect: 'valid' | 'invalid';
  paths: string[];
  rule: string;
  note: string;
  /** The server's cause messages; a path not read from a cause (`path: message`) carries no list indexes. */
  messages?: string[];
  /** Where another version's server answered differently: its verdict and paths. */
  byVersion?: Partial<Record<KubernetesVersion, { expect: 'valid' | 'invalid'; paths: string[] }>>;
}

/** A case as one version's server answered it (the messages stay v1.35's, as the README says). */
function asVersion(c: ValidationCase, version: KubernetesVersion): ValidationCase {
  const other = c.byVersion?.[version];
  return other ? { ...c, ...other } : c;
}

interface Diagnostic {
  severity: string;
  field: string;
}

/** The README's path rule: equal, below it, or the path without its final index or key. */
function pathMatches(field: string, expected: string): boolean {
  return (
    field === expected ||
    field.startsWith(`${expected}.`) ||
    field.startsWith(`${expected}[`) ||
    expected.replace(/\[[^\]]*\]$/, '') === field
  );
}

const withoutIndexes = (p: string): string => p.replace(/\[\d+\]/g, '');

/**
 * Paths read from a decoder message (`…Go struct field JobSpec.spec.template.spec.containers.name…`)
 * may have no list indexes, so for those the tool's field is also compared with indexes removed.
 */
function messageReadPaths(c: ValidationCase): boolean {
  const messages = c.messages ?? [];
  return messages.length > 0 && !c.paths.some((p) => messages.some((m) => m.startsWith(`${p}:`)));
}

function score(c: ValidationCase, diagnostics: readonly Diagnostic[]): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (c.expect === 'valid') {
    return errors.length === 0 ? undefined : `expected valid, got errors on ${errors.map((e) => e.field).join(', ')}`;
  }
  if (errors.length === 0) return 'expected invalid, got no error';
  if (c.paths.length === 0) return undefined; // the server named no field (a quantity or YAML syntax error)
  const readFromMessage = messageReadPaths(c);
  const matched = errors.some((e) =>
    c.paths.some((p) => pathMatches(e.field, p) || (readFromMessage && pathMatches(withoutIndexes(e.field), withoutIndexes(p)))),
  );
  return matched ? undefined : `error paths ${errors.map((e) => e.field).join(', ')} do not match ${c.paths.join(', ')}`;
}

function lintCliJson(dir: string): Map<string, Diagnostic[]> {
  const cli = path.join(REPO_ROOT, 'out', 'cli', 'main.js');
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [cli, 'lint', '--format', 'json', dir], {
      encoding: 'utf8',
      cwd: REPO_ROOT,
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    // Exit status 1 (errors found) is expected: invalid vectors are in the directory.
    const failed = error as { status?: number; stdout?: string };
    assert.equal(failed.status, 1);
    stdout = failed.stdout ?? '';
  }
  const report = JSON.parse(stdout) as { files: { path: string; diagnostics: Diagnostic[] }[] };
  return new Map(report.files.map((f) => [path.basename(f.path), f.diagnostics]));
}

for (const corpus of ['validation', 'validation-generated']) {
  const dir = fixturePath('conformance', corpus);
  const cases = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8')) as ValidationCase[];

  describe(`${corpus} conformance vectors (lintFile)`, () => {
    for (const c of cases) {
      it(`${c.file}: ${c.expect} (${c.rule})`, () => {
        const text = fs.readFileSync(path.join(dir, c.file), 'utf8');
        const problem = score(c, lintFile(parseManifestFile(text)));
        assert.equal(problem, undefined, `${c.note}\n${problem}`);
      });
    }
  });

  describe(`${corpus} conformance vectors as each Kubernetes version judges them (lintFile)`, () => {
    const texts = new Map(cases.map((c) => [c.file, fs.readFileSync(path.join(dir, c.file), 'utf8')]));
    for (const version of KUBERNETES_VERSIONS) {
      const differing = cases.filter((c) => c.byVersion?.[version]).length;
      it(`Kubernetes ${version}: all ${cases.length} cases (${differing} answered differently there)`, () => {
        const failures: string[] = [];
        for (const c of cases) {
          const findings = lintFile(parseManifestFile(texts.get(c.file)!), { kubernetesVersion: version });
          const problem = score(asVersion(c, version), findings);
          if (problem) failures.push(`${c.file}: ${problem}`);
        }
        assert.deepEqual(failures, []);
      });
    }
  });

  describe(`${corpus} conformance vectors (kube-jobs lint --format json)`, () => {
    it(`scores all ${cases.length} cases through the CLI`, () => {
      const byName = lintCliJson(dir);
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
}
