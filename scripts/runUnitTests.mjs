// Runs every compiled unit test (out/test/**/*.test.js) with Node's built-in test runner, then
// checks every skipped test against the allow-list in scripts/testSkips.mjs: the run fails on a
// skip nobody expected, even when every test that ran passed.
// Node 20 has no glob support in `node --test`, so the files are listed here.
// Usage: node scripts/runUnitTests.mjs [--provisioned] [substring-filter...]
//   --provisioned   `npm test` installed Chromium, kubectl and code-server: their absence is no
//                   excuse to skip (only a container engine's is)
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { auditSkips, nodeTestReporterArgs, readSkipLog } from './testSkips.mjs';

const root = 'out/test';
const args = process.argv.slice(2);
const provisioned = args.includes('--provisioned');
const filters = args.filter((a) => !a.startsWith('--'));
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'integration' && name !== 'e2e') walk(full);
    } else if (name.endsWith('.test.js') && (filters.length === 0 || filters.some((f) => full.includes(f)))) {
      files.push(full);
    }
  }
};
walk(root);
files.sort();
if (files.length === 0) {
  console.error('no test files found under out/test; run `npm run build` first');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'kube-jobs-unit-'));
const skipLog = join(work, 'skips.jsonl');
const testArgs = ['--test', ...nodeTestReporterArgs(skipLog), '--test-concurrency=2', ...files];
const result = spawnSync(process.execPath, testArgs, { stdio: 'inherit' });
const unexpected = auditSkips('unit tests', readSkipLog(skipLog), { provisioned });
rmSync(work, { recursive: true, force: true });
process.exit(result.status !== 0 ? (result.status ?? 1) : unexpected > 0 ? 1 : 0);
