// Runs the same in-host suite in desktop VS Code through @vscode/test-electron, for machines
// that can download VS Code (this project's CI cannot: it uses runInCodeServer.mjs).
// Builds nothing: run `npm run build` first.
// Usage: node test/integration/runElectron.mjs [--grep <regexp>]
//   env VSCODE_VERSION (default 1.100.3: the version code-server runs; "stable" for the newest)
//   env VSCODE_EXECUTABLE  use an installed VS Code instead of downloading one
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const suiteIndex = join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
const args = process.argv.slice(2);
const grepAt = args.indexOf('--grep');
const version = process.env.VSCODE_VERSION ?? '1.100.3';

if (!existsSync(suiteIndex) || !existsSync(join(repoRoot, 'dist', 'extension.js'))) {
  console.error('integration (electron): build first (`npm run build`)');
  process.exit(1);
}
const tmp = mkdtempSync(join(tmpdir(), 'kube-jobs-it-electron-'));
const workspace = join(tmp, 'workspace');
cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
let code = 0;
try {
  await runTests({
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version }),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suiteIndex,
    extensionTestsEnv: {
      KUBE_JOBS_TEST_RESULTS: join(repoRoot, 'test-results', 'integration', 'results-electron.json'),
      ...(grepAt >= 0
        ? { KUBE_JOBS_TEST_GREP: args[grepAt + 1] }
        : { KUBE_JOBS_TEST_GREP: '@trust', KUBE_JOBS_TEST_GREP_INVERT: '1' }),
      ...(version !== 'stable' && version !== 'insiders' && !process.env.VSCODE_EXECUTABLE
        ? { KUBE_JOBS_EXPECT_VSCODE_VERSION: version }
        : {}),
      KUBE_JOBS_TEST_TRUST: 'off',
    },
    launchArgs: [
      workspace,
      '--disable-workspace-trust',
      '--disable-extensions',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      join(tmp, 'user'),
    ],
  });
} catch (err) {
  console.error(`integration (electron): ${err instanceof Error ? err.message : String(err)}`);
  code = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
