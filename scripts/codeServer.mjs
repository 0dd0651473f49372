// Starts and stops a real VS Code (code-server 4.100.3 = VS Code 1.100.3) and the headless
// Chromium that opens its workbench. Shared by `npm start`, the in-host integration runner
// (test/integration/runInCodeServer.mjs) and the end-to-end tests (test/e2e/).
//
// Everything listens on 127.0.0.1 only. Every process started here is started in its own
// process group and stopped by that group's id when the caller stops it or this process exits.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerEntry, isInstalled } from './installCodeServer.mjs';
import { extensionId, extensionManifest } from './package.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian's Chromium, and the flags that let it run headless as root with no network. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Settings that keep the workbench quiet and deterministic (no welcome page, no gallery calls). */
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'chat.disableAIFeatures': true,
};

const liveGroups = new Set();
let exitHookInstalled = false;

/**
 * Kills every process group still running when this process goes away, however it goes.
 * Ctrl-C or SIGTERM normally ends Node without an 'exit' event, so when the caller has not
 * taken those signals itself (start.mjs has), they are turned into an exit here.
 */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    if (process.listenerCount(signal) === 0) process.once(signal, () => process.exit(code));
  }
  process.on('exit', () => {
    for (const pgid of liveGroups) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolvePort) => {
      const server = createServer();
      server.once('error', () => resolvePort(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolvePort(typeof address === 'object' && address ? address.port : undefined));
      });
    });
  if (preferred !== undefined) {
    for (let p = preferred; p < preferred + 20; p++) {
      const got = await tryPort(p);
      if (got !== undefined) return got;
    }
  }
  const got = await tryPort(0);
  if (got === undefined) throw new Error('no free port on 127.0.0.1');
  return got;
}

/** Throws a clear error when code-server is not installed yet. */
export function requireCodeServer() {
  if (!isInstalled()) {
    throw new Error(
      'code-server is not installed; run `node scripts/installCodeServer.mjs` (after `bash scripts/installSystemPackages.sh`)',
    );
  }
  return codeServerEntry();
}

/** The folders one code-server instance keeps its state in, under `dataDir`. */
export function codeServerDirs(dataDir) {
  return {
    userDataDir: join(dataDir, 'user'),
    extensionsDir: join(dataDir, 'extensions'),
    configFile: join(dataDir, 'config.yaml'),
  };
}

/** A .vscodeignore glob as a regular expression over repo-relative paths. */
function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * The files the VSIX holds, from the `!` (include) lines of the allowlist .vscodeignore.
 * (vsce's own listing walks the whole checkout, .cache included, and takes seconds.)
 */
export function shippedFiles() {
  const lines = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim());
  const files = new Set();
  const walk = (rel, re) => {
    for (const e of readdirSync(rel ? join(repoRoot, rel) : repoRoot, { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (rel) walk(child, re);
      } else if (re.test(child)) files.add(child);
    }
  };
  for (const pattern of lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1))) {
    // Walk only the folder before the first wildcard; a pattern without a folder matches root files.
    const segments = pattern.split('/');
    const fixed = [];
    for (const seg of segments.slice(0, -1)) {
      if (/[*?]/.test(seg)) break;
      fixed.push(seg);
    }
    const base = fixed.join('/');
    if (base === '' || existsSync(join(repoRoot, base))) walk(base, globToRegExp(pattern));
  }
  return [...files].sort();
}

/**
 * Copies the extension as it would ship into `<extensionsDir>/<publisher>.<name>-<version>`,
 * where code-server loads it like an installed extension. Needs a build (dist/).
 */
export function installUnpackedExtension(extensionsDir) {
  const { version } = extensionManifest();
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing; run `npm run build` first');
  }
  const target = join(extensionsDir, `${extensionId()}-${version}`);
  for (const file of shippedFiles()) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(target, file));
    // Source maps stay out of the VSIX but make stack traces in test logs point at the TypeScript.
    if (file.endsWith('.js') && existsSync(join(repoRoot, `${file}.map`))) {
      cpSync(join(repoRoot, `${file}.map`), join(target, `${file}.map`));
    }
  }
  return target;
}

/** Installs a VSIX the way a user would (`code-server --install-extension`). */
export function installVsix(dataDir, vsix) {
  const entry = requireCodeServer();
  const { userDataDir, extensionsDir, configFile } = codeServerDirs(dataDir);
  mkdirSync(extensionsDir, { recursive: true });
  const r = spawnSync(
    process.execPath,
    [
      entry,
      '--config',
      configFile,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--install-extension',
      vsix,
      '--force',
    ],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Starts code-server on 127.0.0.1 and resolves once it listens.
 * @param {object} options
 * @param {string} options.dataDir  folder for user data, extensions and config (created)
 * @param {string} options.workspace  folder the workbench opens
 * @param {number} [options.port]  0 or absent: any free port
 * @param {boolean} [options.trust]  true: keep workspace trust on (restricted mode tests)
 * @param {Record<string, string>} [options.env]  extra environment (e.g. KUBECONFIG); the extension host inherits it
 * @param {Record<string, unknown>} [options.settings]  extra user settings
 * @param {(line: string) => void} [options.log]  receives code-server's output lines
 * @returns {Promise<{ url: string, workbenchUrl: string, port: number, pid: number, exited: Promise<number|null>, stop: () => Promise<void> }>}
 */
export async function startCodeServer({ dataDir, workspace, port = 0, trust = false, env = {}, settings = {}, log = () => {} }) {
  const entry = requireCodeServer();
  const { userDataDir, extensionsDir, configFile } = codeServerDirs(dataDir);
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...quietSettings, 'security.workspace.trust.enabled': trust, ...settings }, null, 2),
  );
  const listenPort = port || (await freePort());
  const args = [
    entry,
    '--config',
    configFile,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${listenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  if (!trust) args.push('--disable-workspace-trust');
  args.push(workspace);

  installExitHook();
  const child = spawn(process.execPath, args, {
    cwd: workspace,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  liveGroups.add(child.pid);
  const exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  exited.then(() => liveGroups.delete(child.pid));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
    // code-server's extension host and helpers share the group; make sure none outlive it.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
    liveGroups.delete(child.pid);
  };

  const listening = new Promise((resolveListen, rejectListen) => {
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk.toString();
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        log(line);
        if (/HTTP server listening on http:\/\/127\.0\.0\.1:\d+/.test(line)) resolveListen();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => rejectListen(new Error(`code-server exited (code ${code}) before listening`)));
  });
  const timeout = new Promise((_, rejectTimeout) => {
    const t = setTimeout(() => rejectTimeout(new Error('code-server did not listen within 120 s')), 120_000);
    listening.finally(() => clearTimeout(t)).catch(() => {});
  });
  try {
    await Promise.race([listening, timeout]);
  } catch (err) {
    await stop();
    throw err;
  }
  const url = `http://127.0.0.1:${listenPort}/`;
  return { url, workbenchUrl: `${url}?folder=${encodeURIComponent(workspace)}`, port: listenPort, pid: child.pid, exited, stop };
}

/** Headless Debian Chromium driven by playwright-core. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing; run \`bash scripts/installSystemPackages.sh\``);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens the workbench in a new page and waits until VS Code has rendered it (the activity
 * bar is there). Returns the Playwright page.
 */
export async function openWorkbench(browser, workbenchUrl, { width = 1400, height = 900, timeoutMs = 120_000 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(workbenchUrl, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
  return page;
}
