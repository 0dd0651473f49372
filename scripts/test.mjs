// `npm test`: every test, from a bare clone on a fresh machine. Uses only Node's built-ins
// until the npm packages are installed, so it runs before `npm install` has.
//
// Steps (each skips what is already in place):
//   1. npm packages       `npm ci` when node_modules is missing or older than package-lock.json
//   2. system packages    scripts/installSystemPackages.sh (Debian: chromium, ripgrep, kubectl, Go…)
//   3. code-server        a real VS Code 1.100.3, cached in .cache/code-server/
//   4. build, lint, format check, unit and conformance tests, the robfig/cron differential fuzz
//      (a fresh seed each run, printed), real-VS Code tests
//
// Usage: npm test [-- --skip-install]   (--skip-install: steps 1–3 are assumed done)
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const started = Date.now();

function step(title, cmd, cmdArgs) {
  console.log(`\n== ${title}: ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nnpm test: "${title}" failed (${r.status === null ? `signal ${r.signal}` : `exit ${r.status}`})`);
    process.exit(r.status || 1);
  }
}

/** npm writes node_modules/.package-lock.json on every install; older than the lockfile means stale. */
function npmPackagesStale() {
  const installed = join(repoRoot, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return true;
  return statSync(installed).mtimeMs < statSync(join(repoRoot, 'package-lock.json')).mtimeMs;
}

if (!args.includes('--skip-install')) {
  if (npmPackagesStale()) step('npm packages', 'npm', ['ci', '--no-audit', '--no-fund']);
  if (process.platform === 'linux' && existsSync('/usr/bin/apt-get')) {
    step('system packages', 'bash', [join('scripts', 'installSystemPackages.sh')]);
  } else {
    console.log('\n== system packages: not a Debian machine; install chromium, ripgrep, kubectl, Go and robfig/cron by hand');
  }
  step('code-server', process.execPath, [join('scripts', 'installCodeServer.mjs')]);
}

step('build', 'npm', ['run', 'build']);
step('lint', 'npm', ['run', 'lint']);
step('unit and conformance tests', 'npm', ['run', 'test:unit', '--', '--provisioned']);
step('robfig/cron differential fuzz', process.execPath, [join('scripts', 'robfigDiff', 'fuzz.mjs')]);
step('real VS Code: in-host tests', 'npm', ['run', 'test:integration']);
step('real VS Code: end-to-end journeys', 'npm', ['run', 'test:e2e', '--', '--provisioned']);
console.log(`\nnpm test: everything passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
