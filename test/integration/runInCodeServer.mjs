// Runs the in-host integration suite (out/test/integration/suite/) inside a real VS Code:
// code-server 4.100.3 (VS Code 1.100.3), workbench opened by headless Chromium.
//
// Builds nothing: run `npm run build` first (and `node scripts/installCodeServer.mjs` once).
// For each pass it copies test/fixtures/workspace/ to a temporary folder, installs the built
// extension (unpacked, exactly the files the VSIX would hold; or the VSIX with --vsix) and
// the test-host extension (test/vscode-host/), starts code-server on 127.0.0.1, opens the
// workbench, waits for the results file the suite writes, prints the results, and always
// stops code-server and Chromium.
//
// Tests whose full title contains "@trust" run in a second pass with workspace trust
// enabled (the workspace is then untrusted: restricted mode); all others run with trust off.
// The second pass is skipped when no test mentions "@trust".
//
// Usage: node test/integration/runInCodeServer.mjs [--grep <regexp>] [--vsix [file]] [--keep]
//   --grep   only tests whose full title matches
//   --vsix   install the packaged VSIX (default: the one `npm run package` writes) instead
//   --keep   keep the temporary folders (code-server logs, user data) for debugging
// Env: KUBE_JOBS_IT_TIMEOUT_MS (whole pass, default 300000)
//
// Each pass also starts the test Kubernetes API server (test/apiserver, compiled to out/) seeded
// with the demo world and gives code-server (so the extension host and the suite) KUBECONFIG
// pointing at it and KUBE_JOBS_TEST_APISERVER_URL, so the tree view and cluster commands are
// tested against it.
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  codeServerDirs,
  installUnpackedExtension,
  installVsix,
  launchChromium,
  openWorkbench,
  startCodeServer,
} from '../../scripts/codeServer.mjs';
import { VSCODE_VERSION } from '../../scripts/installCodeServer.mjs';
import { vsixPath } from '../../scripts/package.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const suiteIndex = join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
const fixtureWorkspace = join(repoRoot, 'test', 'fixtures', 'workspace');
const hostSource = join(repoRoot, 'test', 'vscode-host');
const resultsDir = join(repoRoot, 'test-results', 'integration');
const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
const TRUST_TAG = '@trust';
const require = createRequire(import.meta.url);

/** Starts the test API server with the demo world and writes a kubeconfig for it into `dir`. */
async function startDemoCluster(dir) {
  const { startTestApiServer } = require(join(repoRoot, 'out', 'test', 'apiserver', 'server.js'));
  const { seedDemoCluster } = require(join(repoRoot, 'out', 'test', 'apiserver', 'demoCluster.js'));
  const apiServer = await startTestApiServer({});
  seedDemoCluster(apiServer.store, apiServer.logs, Date.now());
  const kubeconfig = join(dir, 'kubeconfig');
  apiServer.writeKubeconfig(kubeconfig, { namespace: 'demo' });
  return { apiServer, env: { KUBECONFIG: kubeconfig, KUBE_JOBS_TEST_APISERVER_URL: apiServer.url } };
}

function parseArgs(argv) {
  const opts = { grep: undefined, vsix: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--grep') opts.grep = argv[++i];
    else if (a === '--keep') opts.keep = true;
    else if (a === '--vsix') opts.vsix = argv[i + 1] && !argv[i + 1].startsWith('--') ? resolve(argv[++i]) : vsixPath();
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

/** True when some compiled test mentions the trust tag, so the trust pass has work. */
function suiteHasTrustTests() {
  const dir = dirname(suiteIndex);
  const walk = (d) =>
    readdirSync(d, { withFileTypes: true }).some((e) =>
      e.isDirectory()
        ? walk(join(d, e.name))
        : e.name.endsWith('.test.js') && readFileSync(join(d, e.name), 'utf8').includes(TRUST_TAG),
    );
  return walk(dir);
}

/**
 * Resolves with the parsed results once `file` appears; rejects on timeout, on server exit,
 * or when the test host has not said it started (file `host-started`) within `hostTimeoutMs`.
 */
function waitForResults(file, { timeoutMs, hostTimeoutMs, serverExited }) {
  return new Promise((resolveResults, rejectResults) => {
    let done = false;
    const finish = (fn) => {
      if (done) return;
      done = true;
      watcher.close();
      clearTimeout(timer);
      clearTimeout(hostTimer);
      fn();
    };
    const check = () => {
      if (!existsSync(file)) return;
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8'));
        finish(() => resolveResults(parsed));
      } catch {
        // written through a rename, so a parse error means a foreign file; keep waiting
      }
    };
    const watcher = watch(dirname(file), () => check());
    const timer = setTimeout(
      () =>
        finish(() =>
          rejectResults(
            new Error(`no results after ${timeoutMs / 1000} s (see the code-server log and screenshot in test-results/)`),
          ),
        ),
      timeoutMs,
    );
    const hostTimer = setTimeout(() => {
      if (existsSync(join(dirname(file), 'host-started'))) return;
      finish(() =>
        rejectResults(
          new Error(
            `the test-host extension did not start within ${hostTimeoutMs / 1000} s of the workbench rendering (see test-results/integration/logs-*/**/remoteexthost.log)`,
          ),
        ),
      );
    }, hostTimeoutMs);
    serverExited.then((code) =>
      finish(() => rejectResults(new Error(`code-server exited (code ${code}) before the suite finished`))),
    );
    check();
  });
}

function printResults(label, results) {
  console.log(`\n${label}: VS Code ${results.vscodeVersion || '?'} on Node ${results.nodeVersion}`);
  for (const t of results.tests) {
    const mark = t.state === 'passed' ? '  ✔' : t.state === 'pending' ? '  -' : '  ✖';
    console.log(`${mark} ${t.title}${t.state === 'passed' ? ` (${t.durationMs} ms)` : ''}`);
    if (t.error) console.log(`      ${(t.error.stack ?? t.error.message).split('\n').join('\n      ')}`);
  }
  if (results.error) console.log(`  suite error: ${results.error}`);
  console.log(
    `  ${results.passes} passing, ${results.failures} failing, ${results.pending} pending (${(results.durationMs / 1000).toFixed(1)} s in the extension host)`,
  );
}

/** One code-server + Chromium session running the suite with the given filter. */
async function runPass({ name, trust, grep, invert, vsix, keep, timeoutMs }) {
  const tmp = mkdtempSync(join(tmpdir(), `kube-jobs-it-${name}-`));
  // Also on Ctrl-C, when the finally below never runs.
  const removeTmp = () => keep || rmSync(tmp, { recursive: true, force: true });
  process.on('exit', removeTmp);
  const dataDir = join(tmp, 'data');
  const workspace = join(tmp, 'workspace');
  const resultsFile = join(tmp, 'results', 'results.json');
  mkdirSync(dirname(resultsFile), { recursive: true });
  cpSync(fixtureWorkspace, workspace, { recursive: true });
  const { extensionsDir } = codeServerDirs(dataDir);
  const cluster = await startDemoCluster(tmp);

  const started = Date.now();
  const phases = [];
  const mark = (phase) => phases.push(`${phase} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The host goes in first: `--install-extension` records what the folder holds in
  // extensions.json, and VS Code treats unrecorded folders as removed.
  const hostDir = join(extensionsDir, 'kube-jobs-tests.vscode-host-0.0.1');
  cpSync(hostSource, hostDir, { recursive: true });
  writeFileSync(
    join(hostDir, 'config.json'),
    JSON.stringify(
      {
        suiteIndex,
        resultsFile,
        grep,
        invert,
        env: { KUBE_JOBS_EXPECT_VSCODE_VERSION: VSCODE_VERSION, KUBE_JOBS_TEST_TRUST: trust ? 'on' : 'off', ...cluster.env },
      },
      null,
      2,
    ),
  );
  if (vsix) installVsix(dataDir, vsix);
  else installUnpackedExtension(extensionsDir);

  const logLines = [];
  let server;
  let browser;
  let page;
  try {
    mark(vsix ? 'VSIX installed' : 'extension copied');
    // Chromium starts while code-server does; both take a few seconds.
    const browserStarting = launchChromium();
    browserStarting.catch(() => {});
    try {
      server = await startCodeServer({ dataDir, workspace, trust, env: cluster.env, log: (l) => logLines.push(l) });
    } finally {
      browser = await browserStarting.catch((err) => {
        if (server) throw err;
      });
    }
    mark('code-server listening');
    page = await openWorkbench(browser, server.workbenchUrl);
    mark('workbench rendered');
    const results = await waitForResults(resultsFile, {
      timeoutMs,
      hostTimeoutMs: Math.min(timeoutMs, 180_000),
      serverExited: server.exited,
    });
    mark('results written');
    return { results, wallMs: Date.now() - started, phases };
  } finally {
    mkdirSync(resultsDir, { recursive: true });
    mkdirSync(screenshotDir, { recursive: true });
    if (page) await page.screenshot({ path: join(screenshotDir, `integration-${name}.png`) }).catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
    await cluster.apiServer.close().catch(() => {});
    writeFileSync(join(resultsDir, `code-server-${name}.log`), logLines.join('\n'));
    if (existsSync(resultsFile)) cpSync(resultsFile, join(resultsDir, `results-${name}.json`));
    // Extension host logs say why an extension failed to activate.
    const logs = join(codeServerDirs(dataDir).userDataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, join(resultsDir, `logs-${name}`), { recursive: true });
    if (keep) console.log(`kept ${tmp}`);
    removeTmp();
    process.off('exit', removeTmp);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(suiteIndex)) throw new Error(`${suiteIndex} is missing; run \`npm run build\` first`);
  if (opts.vsix && !existsSync(opts.vsix)) throw new Error(`${opts.vsix} is missing; run \`npm run package\` first`);
  const timeoutMs = Number(process.env.KUBE_JOBS_IT_TIMEOUT_MS ?? 300_000);
  rmSync(resultsDir, { recursive: true, force: true });

  // With --grep the user picks the tests; the tag only chooses the trust mode.
  const passes = [{ name: 'default', trust: false, grep: opts.grep ?? TRUST_TAG, invert: opts.grep === undefined }];
  if (opts.grep === undefined ? suiteHasTrustTests() : opts.grep.includes(TRUST_TAG)) {
    if (opts.grep !== undefined) passes.length = 0;
    passes.push({ name: 'trust', trust: true, grep: opts.grep ?? TRUST_TAG, invert: false });
  }

  let failed = false;
  const t0 = Date.now();
  for (const pass of passes) {
    const { results, wallMs, phases } = await runPass({ ...pass, vsix: opts.vsix, keep: opts.keep, timeoutMs });
    printResults(
      `${pass.name} pass (workspace trust ${pass.trust ? 'on' : 'off'}, ${(wallMs / 1000).toFixed(1)} s wall: ${phases.join(', ')})`,
      results,
    );
    if (results.failures > 0 || results.error || results.tests.length === 0) failed = true;
    if (results.tests.length === 0 && !results.error) console.log('  no tests matched');
    // Mocha's this.skip() gives no reason, and this runner provides everything the suite needs
    // (a fresh workspace, the test API server): a pending test stopped testing unnoticed.
    if (results.pending > 0) {
      failed = true;
      console.log(`  ${results.pending} pending test(s): nothing in this runner justifies a skip (see scripts/testSkips.mjs)`);
    }
  }
  console.log(
    `\nintegration: ${failed ? 'FAILED' : 'ok'} in ${((Date.now() - t0) / 1000).toFixed(1)} s (results and logs in test-results/integration/)`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`integration: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
