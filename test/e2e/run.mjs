// Runs the end-to-end journeys (out/test/**/*.e2e.test.js: test/e2e and each feature's e2e/ folder) one file at a time: each
// starts its own code-server and Chromium, and the machine has two cores.
// Builds nothing: run `npm run build` first (and `node scripts/installCodeServer.mjs` once).
// Every skipped journey is checked against the allow-list in scripts/testSkips.mjs (--provisioned:
// under npm test, as in scripts/runUnitTests.mjs).
// Usage: node test/e2e/run.mjs [--provisioned] [substring-filter...]   (env KUBE_JOBS_E2E_VSIX=<file> tests a VSIX)
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isInstalled } from '../../scripts/installCodeServer.mjs';
import { auditSkips, nodeTestReporterArgs, readSkipLog } from '../../scripts/testSkips.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const root = join(repoRoot, 'out', 'test');
const args = process.argv.slice(2);
const provisioned = args.includes('--provisioned');
const filters = args.filter((a) => !a.startsWith('--'));
if (!existsSync(root)) {
  console.error('e2e: out/test is missing; run `npm run build` first');
  process.exit(1);
}
if (!isInstalled()) {
  console.error('e2e: code-server is not installed; run `node scripts/installCodeServer.mjs`');
  process.exit(1);
}
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'integration') walk(full);
    } else if (name.endsWith('.e2e.test.js') && (filters.length === 0 || filters.some((f) => full.includes(f)))) files.push(full);
  }
};
walk(root);
// Coverage checks read what the journeys recorded, so they run last.
const isCoverage = (f) => /Coverage\.e2e\.test\.js$/.test(f);
files.sort((a, b) => Number(isCoverage(a)) - Number(isCoverage(b)) || a.localeCompare(b));
if (files.length === 0) {
  console.error('e2e: no journeys matched');
  process.exit(1);
}
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'kube-jobs-e2e-'));
const skipLog = join(work, 'skips.jsonl');
const testArgs = ['--test', ...nodeTestReporterArgs(skipLog), '--test-concurrency=1', ...files];
const result = spawnSync(process.execPath, testArgs, { stdio: 'inherit', cwd: repoRoot });
const unexpected = auditSkips('e2e', readSkipLog(skipLog), { provisioned });
rmSync(work, { recursive: true, force: true });
const ok = result.status === 0 && unexpected === 0;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`e2e: ${ok ? 'ok' : 'FAILED'} in ${seconds} s (screenshots in test-results/screenshots/)`);
process.exit(ok ? 0 : result.status || 1);
