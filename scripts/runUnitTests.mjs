// Runs every compiled unit test (out/test/**/*.test.js) with Node's built-in test runner.
// Node 20 has no glob support in `node --test`, so the files are listed here.
// Usage: node scripts/runUnitTests.mjs [substring-filter...]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = 'out/test';
const filters = process.argv.slice(2);
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
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
