// Activation cost of the bundled extension (dist/extension.js): time to load the bundle and run
// activate(), in a fresh Node process each round, against a stub `vscode` module (every API
// returns a harmless stub). Budget: 50 ms. The language client starts after activate() returns
// and @kubernetes/client-node loads only when the cluster view opens, so neither counts here.
// Baseline in the same run: loading a tiny CommonJS module the same way.
// Usage: node esbuild.mjs && node bench/activation.mjs [rounds]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROUNDS = Number(process.argv[2] ?? 9);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-activation-'));
const tiny = path.join(dir, 'tiny.js');
fs.writeFileSync(tiny, 'exports.activate = () => ({});\n');
const probe = path.join(dir, 'probe.cjs');
fs.writeFileSync(
  probe,
  `
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
function stub(name) {
  const f = function () {};
  const cache = {};
  return new Proxy(f, {
    get: (_t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => name : (cache[p] ??= stub(name + '.' + String(p)))),
    set: (_t, p, v) => ((cache[p] = v), true),
    defineProperty: (_t, p, d) => ((cache[p] = d.value), true),
    apply: () => stub(name + '()'),
    construct: () => stub('new ' + name),
  });
}
// A plain object (bundlers copy its own keys) whose members are deep stubs.
const vscode = {};
for (const k of ['window', 'workspace', 'commands', 'languages', 'extensions', 'env', 'Uri', 'EventEmitter', 'ThemeIcon', 'ThemeColor', 'TreeItem', 'TreeItemCollapsibleState', 'StatusBarAlignment', 'Disposable', 'ConfigurationTarget', 'ViewColumn', 'DiagnosticSeverity', 'Diagnostic', 'Range', 'Position', 'Location', 'ProgressLocation', 'RelativePattern', 'l10n', 'tasks', 'debug', 'CancellationTokenSource', 'MarkdownString', 'CodeLens', 'Selection', 'TextEdit', 'WorkspaceEdit', 'CodeAction', 'CodeActionKind', 'FileType', 'ExtensionMode', 'LogLevel', 'version']) vscode[k] = stub('vscode.' + k);
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const file = process.argv[2];
const context = { subscriptions: [], asAbsolutePath: (p) => require('node:path').join(${JSON.stringify(root)}, p), extensionPath: ${JSON.stringify(root)} };
const t0 = performance.now();
const ext = require(file);
const t1 = performance.now();
const api = ext.activate(context);
const t2 = performance.now();
if (!api || !api.main) {
  process.stdout.write(JSON.stringify({ load: t1 - t0, activate: t2 - t1 }));
  process.exit(0);
}
// What happens right after activate() returns, off the activation path: the main module.
api.main().then(() => {
  process.stdout.write(JSON.stringify({ load: t1 - t0, activate: t2 - t1, main: performance.now() - t2 }));
  process.exit(0);
}, (e) => { console.error(e); process.exit(1); });
`,
);

function run(file) {
  const r = spawnSync(process.execPath, [probe, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ext = [];
const base = [];
for (let i = 0; i < ROUNDS; i++) {
  ext.push(run(path.join(root, 'dist/extension.js')));
  base.push(run(tiny));
}
const load = median(ext.map((r) => r.load));
const act = median(ext.map((r) => r.activate));
const total = median(ext.map((r) => r.load + r.activate));
const baseTotal = median(base.map((r) => r.load + r.activate));
const main = median(ext.map((r) => r.main));
console.log(
  `dist/extension.js ${(fs.statSync(path.join(root, 'dist/extension.js')).size / 1e6).toFixed(2)} MB: load ${load.toFixed(1)} ms + activate() ${act.toFixed(1)} ms = ${total.toFixed(1)} ms median of ${ROUNDS} (budget 50 ms); tiny module ${baseTotal.toFixed(2)} ms; then, off the activation path, dist/main.js load + setup ${main.toFixed(1)} ms`,
);
console.log(total <= 50 ? 'within budget' : 'OVER BUDGET');
