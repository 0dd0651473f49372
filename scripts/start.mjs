// `npm start`: the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) on the
// bundled examples, with a local demo Kubernetes API server when one is available.
// Works on a fresh clone: installs npm packages if missing, builds and packages the VSIX
// (vscode:prepublish is the production build), installs code-server into .cache/ if missing,
// installs the VSIX like a user would, then serves the workbench on 127.0.0.1 until Ctrl-C.
//
// Usage: npm start [-- --port N] [-- --no-build]
//   --port N     listen on N (default: env PORT, else 8080, else the next free port)
//   --no-build   reuse the existing VSIX (faster restarts)
// State (user settings, extensions, logs, kubeconfig) lives in .cache/start/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const argValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const log = (msg) => console.log(`[start] ${msg}`);

/** Helper processes started here (each in its own process group); killed whenever we exit. */
const children = [];
let stopping = false;
process.on('exit', () => {
  for (const child of children) void stopChild(child);
});

function npm(npmArgs, cwd) {
  log(`npm ${npmArgs.join(' ')}`);
  const r = spawnSync('npm', npmArgs, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ${npmArgs.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Starts the demo API server (if the checkout has one) and resolves with its kubeconfig path. */
function startDemoApiServer(repoRoot, stateDir) {
  const script = join(repoRoot, 'scripts', 'demoApiServer.mjs');
  if (!existsSync(script)) return Promise.resolve(undefined);
  const kubeconfig = join(stateDir, 'kubeconfig');
  const child = spawn(process.execPath, [script, '--kubeconfig', kubeconfig], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  const out = createWriteStream(join(stateDir, 'demo-api-server.log'));
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return new Promise((resolveStart) => {
    let text = '';
    let settled = false;
    const settle = (value, message) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      log(message);
      resolveStart(value);
    };
    const timer = setTimeout(
      () => settle(undefined, 'demo API server did not report its URL within 30 s; continuing without it'),
      30_000,
    );
    child.stdout.on('data', (chunk) => {
      if (settled) return;
      text += chunk.toString();
      const url = /https?:\/\/127\.0\.0\.1:\d+\S*/.exec(text);
      if (url && existsSync(kubeconfig)) settle(kubeconfig, `demo Kubernetes API server: ${url[0]} (KUBECONFIG=${kubeconfig})`);
    });
    child.once('exit', (code) => {
      if (!settled) {
        settle(
          undefined,
          `demo API server exited (code ${code}); continuing without it (see ${join(stateDir, 'demo-api-server.log')})`,
        );
      } else if (!stopping) log(`demo API server exited (code ${code}); see ${join(stateDir, 'demo-api-server.log')}`);
    });
  });
}

/** SIGTERM to the child's process group, SIGKILL after 5 s if it is still there. */
function stopChild(child, { wait = false } = {}) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  if (!wait) {
    signal('SIGKILL');
    return Promise.resolve();
  }
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => {
      signal('SIGKILL');
      resolveStop();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
  });
}

async function main() {
  const repoRoot = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
  // 1. npm packages (the launcher modules below need them).
  if (
    !existsSync(join(repoRoot, 'node_modules', 'playwright-core')) ||
    !existsSync(join(repoRoot, 'node_modules', '@vscode', 'vsce'))
  ) {
    npm(['install', '--no-audit', '--no-fund'], repoRoot);
  }
  const { ensureCodeServer, isInstalled, missingSystemPackages } = await import('./installCodeServer.mjs');
  const { packageVsix, vsixPath } = await import('./package.mjs');
  const { freePort, installVsix, startCodeServer } = await import('./codeServer.mjs');

  // 2. Build + VSIX (vsce runs vscode:prepublish = `npm run build -- --production`).
  let vsix = vsixPath();
  if (args.includes('--no-build') && existsSync(vsix)) log(`reusing ${vsix}`);
  else vsix = packageVsix();

  // 3. code-server, cached in .cache/code-server/ (its install needs ripgrep and libkrb5-dev).
  if (!isInstalled() && missingSystemPackages().length > 0 && process.getuid?.() === 0) {
    const r = spawnSync('bash', [join(repoRoot, 'scripts', 'installSystemPackages.sh')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('installing system packages failed');
  }
  ensureCodeServer();

  // 4. The VSIX, installed the way a user installs one.
  const stateDir = join(repoRoot, '.cache', 'start');
  const dataDir = join(stateDir, 'data');
  mkdirSync(stateDir, { recursive: true });
  log(`installing ${vsix}`);
  installVsix(dataDir, vsix);

  let server;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    await server?.stop();
    await Promise.all(children.map((child) => stopChild(child, { wait: true })));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  // 5. Demo cluster, if this checkout has one.
  const kubeconfig = await startDemoApiServer(repoRoot, stateDir);

  // 6. code-server on 127.0.0.1 with examples/ as the workspace.
  const wanted = Number(argValue('--port') ?? process.env.PORT ?? 8080);
  const port = await freePort(wanted);
  if (port !== wanted) log(`port ${wanted} is busy; using ${port}`);
  const workspace = join(repoRoot, 'examples');
  const serverLog = createWriteStream(join(stateDir, 'code-server.log'));
  server = await startCodeServer({
    dataDir,
    workspace,
    port,
    env: kubeconfig ? { KUBECONFIG: kubeconfig } : {},
    log: (line) => serverLog.write(`${line}\n`),
  });
  server.exited.then((code) => {
    if (stopping) return;
    log(`code-server exited (code ${code}); see ${join(stateDir, 'code-server.log')}`);
    void shutdown(1);
  });
  console.log('');
  console.log(`  kube-jobs in VS Code ${'(code-server 4.100.3, VS Code 1.100.3)'}:`);
  console.log(`  ${server.workbenchUrl}`);
  if (kubeconfig) console.log(`  demo cluster: KUBECONFIG=${kubeconfig} kubectl get cronjobs,jobs,pods -A`);
  console.log('  Ctrl-C stops everything.');
  console.log('');
}

main().catch((err) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
