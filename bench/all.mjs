// Runs every benchmark in turn (each prints its figures and its ratio to a baseline measured
// in the same run). Build first: `npm run bench` does. Usage: node bench/all.mjs [name...]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// cluster.mjs runs clusterFaults.mjs itself.
const all = ['schedule', 'lint', 'advice', 'hostile', 'simulate', 'lsp', 'lspFuzz', 'run', 'cluster', 'activation'];
const chosen = process.argv.length > 2 ? process.argv.slice(2) : all;
let failed = 0;
for (const name of chosen) {
  console.log(`\n===== bench/${name}.mjs`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(here, `${name}.mjs`)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`bench/${name}.mjs exited with ${result.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
