import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLintCommand } from '../../cli/lint';
import { lintFile, parseManifestFile } from '../../src-engine';
import { applyEdits } from '../engine/validate/helpers';
import { REPO_ROOT } from '../helpers/paths';

async function lint(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await runLintCommand(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: () => undefined },
    cwd,
  });
  return { code, stdout };
}

describe('kube-jobs lint on the wrong lifecycle', () => {
  it('warns about the migration Deployment, and the Job that Convert to Job writes passes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-lifecycle-'));
    try {
      const text = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'migration-deployment.yaml'), 'utf8');
      fs.writeFileSync(path.join(dir, 'deploy.yaml'), text);
      const before = await lint(['deploy.yaml'], dir);
      assert.equal(before.code, 0, 'a warning does not fail the run');
      assert.match(
        before.stdout,
        /deploy\.yaml:\d+:\d+ warning lifecycle-one-off-task .*python manage\.py migrate.*again and again/,
      );
      const fix = lintFile(parseManifestFile(text))
        .flatMap((f) => f.fixes ?? [])
        .find((f) => f.title.startsWith('Convert to Job'));
      assert.ok(fix);
      fs.writeFileSync(path.join(dir, 'job.yaml'), applyEdits(text, fix.edits));
      const after = await lint(['--format', 'json', 'job.yaml'], dir);
      assert.equal(after.code, 0);
      const diagnostics = JSON.parse(after.stdout).files[0].diagnostics as { rule: string; severity: string }[];
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
        [],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
