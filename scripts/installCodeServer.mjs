// Installs code-server (a full VS Code 1.100.3 server build published on npm) into
// .cache/code-server/, so the extension can be tested and run in a real VS Code on a machine
// that reaches only the npm registry and Debian. code-server's own postinstall cannot run
// here (it refuses root under npm 11, and @vscode/ripgrep downloads from GitHub), so this
// does the same steps by hand; see /work/shared/recipes/real-vscode-in-tests.md.
//
// Idempotent: when `node <entry.js> --version` already works the install is skipped.
// Needs Debian's chromium, ripgrep and libkrb5-dev (scripts/installSystemPackages.sh).
//
// Usage: node scripts/installCodeServer.mjs [--force]
// As a module: import { ensureCodeServer, codeServerEntry } from './installCodeServer.mjs'
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, lstatSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** code-server 4.100.3 bundles VS Code 1.100.3; it is the newest release that runs on Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(repoRoot, '.cache', 'code-server');
const installDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);

/** Absolute path of code-server's Node entry point (run it with `node`). */
export function codeServerEntry() {
  return join(installDir, 'out', 'node', 'entry.js');
}

/** Written after a complete install, so launchers can check cheaply (no process start). */
function markerFile() {
  return join(installDir, '.kube-jobs-installed');
}

/** True when a complete install is cached (checked without starting code-server). */
export function isInstalled() {
  return existsSync(markerFile()) && existsSync(codeServerEntry());
}

/** What `entry.js --version` printed, and whether it names the expected versions. */
function probeVersion() {
  if (!existsSync(codeServerEntry())) return { ok: false, output: 'not installed' };
  const r = spawnSync(process.execPath, [codeServerEntry(), '--version'], { encoding: 'utf8', timeout: 60_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  const ok = r.status === 0 && output.includes(CODE_SERVER_VERSION) && output.includes(`Code ${VSCODE_VERSION}`);
  return { ok, output: output || `exit ${r.status ?? r.signal}${r.error ? ` (${r.error.message})` : ''}` };
}

/** The version line code-server prints, or undefined when it is not (fully) installed. */
export function installedVersion() {
  const { ok, output } = probeVersion();
  return ok ? output.split('\n').find((l) => l.includes(VSCODE_VERSION)) : undefined;
}

const log = (msg) => console.log(`[code-server] ${msg}`);

function run(cmd, args, cwd, extraEnv = {}) {
  log(`${cwd === installDir ? '' : `(${cwd.slice(installDir.length + 1) || cwd}) `}${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
      ...extraEnv,
    },
  });
  if (r.status !== 0) throw new Error(`\`${cmd} ${args.join(' ')}\` failed in ${cwd} (exit ${r.status ?? r.signal})`);
}

/** Replaces whatever is at `path` with a symlink to `target` (relative targets stay relative). */
function forceSymlink(target, path) {
  try {
    lstatSync(path);
    rmSync(path, { recursive: true, force: true });
  } catch {
    // nothing there yet
  }
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
}

/** Debian packages code-server's install needs that are missing here (empty when all present). */
export function missingSystemPackages() {
  const missing = [];
  if (!existsSync('/usr/bin/rg')) missing.push('ripgrep (/usr/bin/rg)');
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/gssapi.h')) {
    missing.push('libkrb5-dev (GSSAPI headers)');
  }
  return missing;
}

function checkSystem() {
  const missing = missingSystemPackages();
  if (missing.length > 0) {
    throw new Error(`missing system packages: ${missing.join(', ')}; run \`bash scripts/installSystemPackages.sh\` first`);
  }
}

/** Installs code-server unless a working copy is cached. Returns the entry.js path. */
export function ensureCodeServer({ force = false } = {}) {
  if (!force) {
    const version = installedVersion();
    if (version) {
      if (!isInstalled()) writeFileSync(markerFile(), `${version}\n`);
      log(`cached: ${version}`);
      return codeServerEntry();
    }
  }
  checkSystem();
  const started = process.hrtime.bigint();
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });

  // 1. Fetch the published tarball through the ordinary npm client and unpack it.
  const packDir = join(cacheDir, 'pack');
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  run('npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--silent'], packDir);
  const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack produced no tarball');
  run('tar', ['-xzf', tgz], packDir);
  renameSync(join(packDir, 'package'), installDir);
  rmSync(packDir, { recursive: true, force: true });

  // 2. code-server's own dependencies, scripts off; argon2 is the one native module it needs.
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], installDir);
  run('npm', ['rebuild', 'argon2'], installDir, { npm_config_yes: 'true' });

  // 3. The VS Code server's dependencies and native modules. npm_config_yes lets node-pty's
  //    build script run `npx node-gyp` without asking.
  const vscodeDir = join(installDir, 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  run(
    'npm',
    ['rebuild', 'kerberos', 'node-pty', '@parcel/watcher', '@vscode/spdlog', '@vscode/deviceid', 'native-watchdog'],
    vscodeDir,
    { npm_config_yes: 'true' },
  );

  // 4. @vscode/ripgrep would download rg from GitHub; use Debian's.
  forceSymlink('/usr/bin/rg', join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));

  // 5. The links code-server's postinstall would make.
  forceSymlink('node_modules', join(vscodeDir, 'node_modules.asar'));
  forceSymlink('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  forceSymlink('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));

  // 6. The built-in extensions' dependencies (YAML grammar, git, etc.).
  run('npm', ['install', '--omit=dev'], join(vscodeDir, 'extensions'));

  const probe = probeVersion();
  if (!probe.ok) throw new Error(`code-server installed into ${installDir} but \`--version\` printed: ${probe.output}`);
  const version = installedVersion();
  writeFileSync(markerFile(), `${version}\n`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(`installed ${version.split('\n')[0]} in ${seconds.toFixed(0)} s`);
  return codeServerEntry();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureCodeServer({ force: process.argv.includes('--force') });
  } catch (err) {
    console.error(`[code-server] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
