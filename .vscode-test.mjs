// Configuration for `npx @vscode/test-cli` (not a dependency: install it where desktop VS Code
// can be downloaded). It runs the compiled in-host suite, the same one
// test/integration/runInCodeServer.mjs runs inside code-server. Build first: `npm run build`.
export default {
  label: 'kube-jobs integration',
  files: 'out/test/integration/suite/**/*.test.js',
  version: '1.100.3',
  workspaceFolder: 'test/fixtures/workspace',
  launchArgs: ['--disable-workspace-trust', '--disable-extensions'],
  env: { KUBE_JOBS_EXPECT_VSCODE_VERSION: '1.100.3' },
  mocha: { ui: 'bdd', timeout: 30000, grep: '@trust', invert: true },
};
