// Hostile-input benchmark (issue #13): time and peak memory of kube-jobs on each input that
// once hung it, exhausted its memory or crashed it, each next to a baseline measured in the same
// run — a plain one-document Job through the same path. Medians of ROUNDS runs.
//   engine: parse + lint in a fresh process (time; peak RSS from process.resourceUsage)
//   CLI:    `kube-jobs lint - < /dev/zero` (reading stops at the input bound)
//   LSP:    open → diagnostics in the bundled server (dist/server.js), its RSS after each input
// The bounds these figures show: go-yaml's aliasing budget, the nesting guard, 100 findings per
// rule and 1,000 per document, 8 MiB of input. Usage: npm run build && node bench/hostile.mjs [rounds]
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const hostile = require(path.join(root, 'out/test/helpers/hostileInputs.js'));
const engine = require(path.join(root, 'out/src-engine/index.js'));
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node');

const ROUNDS = Number(process.argv[2] ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-hostile-bench-'));

const PLAIN_JOB =
  'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: plain\nspec:\n  template:\n    spec:\n' +
  '      restartPolicy: Never\n      containers:\n        - {name: c, image: "busybox:1.36"}\n';
const INPUTS = [
  ['999 aliases of a 5,000-key map', hostile.aliasedLimitsJob()],
  ['billion laughs (616 bytes)', hostile.billionLaughsJob()],
  ['compact - - - nesting (1.1 MB)', hostile.compactNestingJob()],
  ['100,000 containers (4 MB)', hostile.manyContainersJob()],
  ['ESC/BEL in a schedule', hostile.escapeSequenceCronJob()],
];
const files = new Map(
  [['plain Job (baseline)', PLAIN_JOB], ...INPUTS].map(([name, text], i) => {
    const file = path.join(work, `input${i}.yaml`);
    fs.writeFileSync(file, text);
    return [name, { file, text }];
  }),
);

/** One fresh process: parse + lint a file, report milliseconds, peak RSS and findings. */
const ENGINE_PROBE = `
const { lintFile, parseManifestFile } = require(${JSON.stringify(path.join(root, 'out/src-engine/index.js'))});
const text = require('node:fs').readFileSync(process.argv[1], 'utf8');
const started = performance.now();
const findings = lintFile(parseManifestFile(text));
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, rssKiB: process.resourceUsage().maxRSS, findings: findings.length }));
`;

/** One fresh process: \`kube-jobs lint -\` reading /dev/zero through the CLI's own reader. */
const STDIN_PROBE = `
const { runLintCommand } = require(${JSON.stringify(path.join(root, 'out/cli/lint.js'))});
const stdin = require('node:fs').createReadStream('/dev/zero');
let out = '';
const started = performance.now();
runLintCommand(['-'], { stdout: { write: (t) => (out += t) }, stderr: { write: () => {} }, stdin }).then((code) => {
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, rssKiB: process.resourceUsage().maxRSS, code, said: out.split('\\n')[0] }));
});
`;

function probe(script, arg) {
  const result = spawnSync(process.execPath, ['-e', script, arg ?? ''], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`probe failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`.padStart(8);
const ratio = (value, baseline) => `${(value / baseline).toFixed(1).padStart(6)}x`;
const msText = (x) => `${x.toFixed(0)} ms`.padStart(8);

console.log(
  `hostile-input bench: ${ROUNDS} rounds (medians); ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('\nengine (parse + lint, fresh process)              time   ratio   peak RSS   ratio  findings');
let base;
for (const [name, { file }] of files) {
  const runs = Array.from({ length: ROUNDS }, () => probe(ENGINE_PROBE, file));
  const figure = { ms: median(runs.map((r) => r.ms)), rssKiB: median(runs.map((r) => r.rssKiB)), findings: runs[0].findings };
  base ??= figure;
  console.log(
    `  ${name.padEnd(44)} ${msText(figure.ms)} ${ratio(figure.ms, base.ms)} ` +
      `${mib(figure.rssKiB)} ${ratio(figure.rssKiB, base.rssKiB)}  ${figure.findings}`,
  );
}

const zero = Array.from({ length: ROUNDS }, () => probe(STDIN_PROBE));
const stdinFigure = { ms: median(zero.map((r) => r.ms)), rssKiB: median(zero.map((r) => r.rssKiB)) };
console.log('\nCLI reader');
console.log(
  `  ${'lint - < /dev/zero'.padEnd(44)} ${msText(stdinFigure.ms)} ${ratio(stdinFigure.ms, base.ms)} ${mib(stdinFigure.rssKiB)} ` +
    `${ratio(stdinFigure.rssKiB, base.rssKiB)}  exit ${zero[0].code}: ${zero[0].said.slice(0, 70)}`,
);

// ---- the language server -------------------------------------------------------------------

const server = spawn(process.execPath, [...engine.LANGUAGE_SERVER_EXEC_ARGV, path.join(root, 'dist/server.js'), '--stdio'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
connection.onRequest('client/registerCapability', () => null);
connection.listen();
await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: null,
  capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } },
});
await connection.sendNotification('initialized', {});

console.log('\nlanguage server (open → diagnostics; server RSS after)   time   ratio   server RSS');
let lspBase;
let version = 0;
for (const [name, { text }] of files) {
  const times = [];
  let rss = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const uri = `file:///bench/hostile-${version++}.yaml`;
    const started = performance.now();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    times.push(performance.now() - started);
    rss = (await connection.sendRequest('kubeJobs/serverStats', {})).rssBytes / 1024;
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  const figure = { ms: median(times), rssKiB: rss };
  lspBase ??= figure;
  console.log(`  ${name.padEnd(52)} ${msText(figure.ms)} ${ratio(figure.ms, lspBase.ms)} ${mib(figure.rssKiB)}`);
}
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
fs.rmSync(work, { recursive: true, force: true });
