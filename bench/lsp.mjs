// Language server benchmark: kube-jobs (dist/server.js) against yaml-language-server 1.25
// (configured with a strict Job/CronJob JSON schema generated from our schema) and the bare
// parser `yaml.parseAllDocuments`, in the same run, on the same generated 1,000-document file.
// Both servers run over stdio; times are medians. kube-jobs is started as the extension starts
// it (dist/startServer.js, with V8's code cache): the first round has no cache yet and is shown
// on its own line; the later rounds start with the cache the previous one wrote.
//   open → diagnostics        ≤ 0.6 × parseAllDocuments (server's own time), ≥ 2.5 × faster than yaml-ls
//   1-char edit → diagnostics ≤ 10 ms, ≥ 90 × faster than yaml-ls
//   hover on a schedule       ≤ 3 ms median
//   server memory after open + 10 edits ≤ 120 MiB
// Usage: npx tsc -b src-engine test && node bench/lsp.mjs [rounds]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { parseAllDocuments } = require('yaml');
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node');
const { buildSync } = require('esbuild');
const engine = require(path.join(root, 'out/src-engine/index.js'));

const ROUNDS = Number(process.argv[2] ?? 5);
const SERVER_EXEC_ARGV = engine.LANGUAGE_SERVER_EXEC_ARGV;
const DOCUMENTS = 1000;
const EDITS = 10;
const HOVERS = 50;
const LONG_SESSION_EDITS = 200;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`.padStart(10);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-lsp-bench-'));

// ---- the manifest file ----------------------------------------------------------------------

function container(i, p) {
  return [
    `${p}- name: worker`,
    `${p}  image: "registry.example.com/etl:${1 + (i % 9)}.${i % 13}.0"`,
    `${p}  command: ["python", "-m", "etl.run", "--shard", "${i % 16}"]`,
    `${p}  env:`,
    `${p}    - name: RUN_DATE`,
    `${p}      value: "2026-01-${String(1 + (i % 28)).padStart(2, '0')}"`,
    `${p}    - name: DB_PASSWORD`,
    `${p}      valueFrom:`,
    `${p}        secretKeyRef: {name: etl-db, key: password}`,
    `${p}  resources:`,
    `${p}    requests: {cpu: "${100 + (i % 5) * 50}m", memory: "${128 * (1 + (i % 4))}Mi"}`,
    `${p}    limits: {cpu: "1", memory: "1Gi"}`,
  ];
}

function job(i) {
  return [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    `  name: etl-backfill-${i}`,
    '  labels: {app: etl}',
    'spec:',
    `  backoffLimit: ${i % 6}`,
    '  activeDeadlineSeconds: 3600',
    '  ttlSecondsAfterFinished: 86400',
    ...(i % 3 === 0 ? ['  completionMode: Indexed', `  completions: ${1 + (i % 8)}`, '  parallelism: 2'] : []),
    '  template:',
    '    spec:',
    `    ${i % 10 === 0 ? '  restartPolicy: Always' : '  restartPolicy: Never'}`,
    '      containers:',
    ...container(i, '        '),
  ];
}

function cronJob(i) {
  const schedules = ['"*/15 * * * *"', '"0 3 * * *"', '"30 2 * * 1-5"', '"0 0 13 * 5"', '"@hourly"', '"0 */6 * * *"'];
  return [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    `  name: report-${i}`,
    'spec:',
    `  schedule: ${schedules[i % schedules.length]}`,
    `  timeZone: "${['Europe/Berlin', 'America/New_York', 'Etc/UTC'][i % 3]}"`,
    `  concurrencyPolicy: ${['Forbid', 'Allow', 'Replace'][i % 3]}`,
    '  successfulJobsHistoryLimit: 3',
    '  failedJobsHistoryLimit: 1',
    '  jobTemplate:',
    '    spec:',
    '      backoffLimit: 2',
    '      template:',
    '        spec:',
    '          restartPolicy: OnFailure',
    '          containers:',
    ...container(i, '            '),
  ];
}

const docs = [];
for (let i = 0; i < DOCUMENTS; i++) docs.push((i % 2 === 0 ? job(i) : cronJob(i)).join('\n'));
const TEXT = `${docs.join('\n---\n')}\n`;
const LINES = TEXT.split('\n');
const MIDDLE = Math.floor(LINES.length / 2);
const editLine = LINES.findIndex((l, n) => n >= MIDDLE && l.startsWith('  name: ') === false && /^ {2}backoffLimit: \d$/.test(l));
const hoverLine = LINES.findIndex((l, n) => n >= MIDDLE && l.startsWith('  schedule: '));

// ---- a strict JSON schema for yaml-language-server, from our schema -------------------------

function jsonSchema() {
  const definitions = {};
  const convert = (node) => {
    switch (node.type) {
      case 'object': {
        const name = node.typeName;
        if (!definitions[name]) {
          definitions[name] = {};
          const properties = {};
          const required = [];
          for (const p of engine.propertiesOf(node)) {
            properties[p.name] = { ...convert(p), ...(p.description ? { description: p.description } : {}) };
            if (p.required) required.push(p.name);
          }
          definitions[name] = {
            type: 'object',
            properties,
            additionalProperties: false,
            ...(required.length ? { required } : {}),
          };
        }
        return { $ref: `#/definitions/${name}` };
      }
      case 'array':
        return { type: 'array', items: node.items ? convert(node.items) : {} };
      case 'map':
        return { type: 'object', additionalProperties: node.values ? convert(node.values) : {} };
      case 'integer':
        return {
          type: 'integer',
          ...(node.enum ? { enum: node.enum } : {}),
          ...(node.minimum !== undefined ? { minimum: node.minimum } : {}),
        };
      case 'boolean':
        return { type: 'boolean' };
      case 'string':
        return { type: 'string', ...(node.enum ? { enum: node.enum } : {}) };
      case 'int-or-string':
        return { type: ['integer', 'string'] };
      case 'quantity':
        return { type: ['string', 'number'] };
      default:
        return {};
    }
  };
  const job = convert(engine.rootSchema('Job'));
  const cron = convert(engine.rootSchema('CronJob'));
  for (const [name, kind] of [
    ['Job', 'Job'],
    ['CronJob', 'CronJob'],
  ]) {
    definitions[name].properties.kind = { const: kind };
    definitions[name].properties.apiVersion = { const: 'batch/v1' };
    definitions[name].required = [...new Set([...(definitions[name].required ?? []), 'apiVersion', 'kind', 'spec'])];
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', definitions, oneOf: [job, cron] };
}

const schemaPath = path.join(work, 'batch-strict.schema.json');
fs.writeFileSync(schemaPath, JSON.stringify(jsonSchema()));
const schemaUri = `file://${schemaPath}`;

// ---- LSP plumbing ---------------------------------------------------------------------------

for (const [entry, outfile] of [
  ['server/src/server.ts', 'dist/server.js'],
  ['server/src/startWithCodeCache.ts', 'dist/startServer.js'],
]) {
  buildSync({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(root, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}
// As the extension keeps it in its global storage: round 1 starts without a code cache and
// writes it when the server exits; the later rounds start with it, as every start after the
// first does for a user.
const codeCacheDir = path.join(work, 'code-cache');

async function start(name, args) {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', () => {});
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map();
  const waiters = [];
  const yamlSettings = {
    validate: true,
    hover: true,
    completion: true,
    schemas: { [schemaUri]: '*.yaml' },
    schemaStore: { enable: false },
    format: { enable: false },
    maxItemsComputed: 5000,
  };
  connection.onRequest('workspace/configuration', (p) =>
    p.items.map((item) => (item.section === 'yaml' ? yamlSettings : item.section === 'kubeJobs' ? {} : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    published.set(p.uri, p);
    for (const w of waiters.splice(0)) w(p);
  });
  connection.onNotification(() => {});
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: `file://${work}`,
    workspaceFolders: [{ uri: `file://${work}`, name: 'bench' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: {}, diagnostic: {}, hover: { contentFormat: ['markdown'] } },
    },
    initializationOptions: {},
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
  const nextPublish = (uri) =>
    new Promise((resolve) => {
      const w = (p) => (p.uri === uri ? resolve(p) : waiters.push(w));
      waiters.push(w);
    });
  return { name, child, connection, nextPublish };
}

async function stop(server) {
  try {
    await server.connection.sendRequest('shutdown');
    await server.connection.sendNotification('exit');
  } catch {
    /* gone */
  }
  // As VS Code does: the server exits on `exit` (kube-jobs writes its code cache then); killed if it has not in 5 s.
  const exited = new Promise((resolve) => (server.child.exitCode === null ? server.child.once('exit', resolve) : resolve()));
  const timer = setTimeout(() => server.child.kill(), 5000);
  await exited;
  clearTimeout(timer);
  server.connection.dispose();
}

function vmRssBytes(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

const oneCharEdit = (version) => ({
  range: { start: { line: editLine, character: 16 }, end: { line: editLine, character: 17 } },
  text: String(version % 10),
});

// ---- measurements ---------------------------------------------------------------------------

const bare = [];
const ours = { open: [], openServer: [], codeCache: [], edit: [], editServer: [], hover: [], rss: 0, heap: 0, findings: 0 };
const theirs = { open: [], edit: [], rss: 0, findings: 0 };

for (let round = 0; round < ROUNDS; round++) {
  let t0 = performance.now();
  parseAllDocuments(TEXT);
  bare.push(performance.now() - t0);

  // kube-jobs: pull diagnostics right after didOpen.
  // Started as the extension starts it (client/src/languageClient.ts, LANGUAGE_SERVER_EXEC_ARGV, the code cache).
  const k = await start('kube-jobs', [
    ...SERVER_EXEC_ARGV,
    path.join(root, 'dist/startServer.js'),
    '--stdio',
    `--code-cache-dir=${codeCacheDir}`,
  ]);
  const uri = `file://${work}/round${round}.yaml`;
  t0 = performance.now();
  await k.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT },
  });
  const report = await k.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  ours.open.push(performance.now() - t0);
  // Like VS Code, send back the result id of the diagnostics the editor shows.
  let resultId = report.resultId;
  ours.findings = report.items.length;
  let stats = await k.connection.sendRequest('kubeJobs/serverStats');
  ours.openServer.push(stats.lastDiagnosticsMs[uri]);
  ours.codeCache.push(stats.codeCache);
  for (let e = 2; e < 2 + EDITS; e++) {
    t0 = performance.now();
    await k.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: e },
      contentChanges: [oneCharEdit(e)],
    });
    const edited = await k.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: resultId,
    });
    ours.edit.push(performance.now() - t0);
    resultId = edited.resultId;
    stats = await k.connection.sendRequest('kubeJobs/serverStats');
    ours.editServer.push(stats.lastDiagnosticsMs[uri]);
  }
  stats = await k.connection.sendRequest('kubeJobs/serverStats');
  ours.rss = Math.max(ours.rss, stats.rssBytes);
  ours.heap = Math.max(ours.heap, stats.heapUsedBytes);
  if (round === 0) {
    // A longer session: edits spread over many documents must not pin old versions of the text.
    const targets = LINES.map((l, n) => (/^ {2}backoffLimit: \d$/.test(l) ? n : -1)).filter((n) => n >= 0);
    for (let e = 0; e < LONG_SESSION_EDITS; e++) {
      const line = targets[(e * 7) % targets.length];
      await k.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 100 + e },
        contentChanges: [{ range: { start: { line, character: 16 }, end: { line, character: 17 } }, text: String(e % 10) }],
      });
      await k.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    }
    const long = await k.connection.sendRequest('kubeJobs/serverStats');
    ours.longRss = long.rssBytes;
    ours.longHeap = long.heapUsedBytes;
  }
  for (let h = 0; h < HOVERS; h++) {
    t0 = performance.now();
    const hover = await k.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: hoverLine, character: 14 },
    });
    ours.hover.push(performance.now() - t0);
    if (!hover) throw new Error('no hover on the schedule');
  }
  await stop(k);

  // yaml-language-server: push diagnostics after didOpen / didChange.
  const y = await start('yaml-language-server', [
    path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'),
    '--stdio',
  ]);
  const yUri = `file://${work}/yls${round}.yaml`;
  t0 = performance.now();
  const opened = y.nextPublish(yUri);
  await y.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: yUri, languageId: 'yaml', version: 1, text: TEXT },
  });
  const first = await opened;
  theirs.open.push(performance.now() - t0);
  theirs.findings = first.diagnostics.length;
  for (let e = 2; e < 2 + EDITS; e++) {
    t0 = performance.now();
    const published = y.nextPublish(yUri);
    await y.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: yUri, version: e },
      contentChanges: [oneCharEdit(e)],
    });
    await published;
    theirs.edit.push(performance.now() - t0);
  }
  theirs.rss = Math.max(theirs.rss, vmRssBytes(y.child.pid));
  await stop(y);
}

const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
const open = median(ours.open);
const openServer = median(ours.openServer);
const edit = median(ours.edit);
const parse = median(bare);
const yOpen = median(theirs.open);
const yEdit = median(theirs.edit);
const hover = median(ours.hover);
const checks = [
  ['open → diagnostics (server) ≤ 0.6 × parseAllDocuments', openServer / parse, openServer <= 0.6 * parse],
  ['open → diagnostics ≥ 2.5 × faster than yaml-ls', yOpen / open, yOpen / open >= 2.5],
  ['edit → diagnostics ≤ 10 ms', edit, edit <= 10],
  ['edit → diagnostics ≥ 90 × faster than yaml-ls', yEdit / edit, yEdit / edit >= 90],
  ['hover on a schedule ≤ 3 ms', hover, hover <= 3],
  ['memory after open + 10 edits ≤ 120 MiB', ours.rss / 1048576, ours.rss <= 120 * 1048576],
];
console.log(
  `lsp bench: ${DOCUMENTS} documents, ${LINES.length} lines, ${(TEXT.length / 1024).toFixed(0)} KiB, ${ROUNDS} rounds (medians); yaml-language-server with a strict Job/CronJob schema`,
);
console.log(
  `  machine: ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (absolute times scale with load; ratios less so)`,
);
console.log(`  yaml.parseAllDocuments            ${ms(parse)}`);
console.log(
  `  kube-jobs open → diagnostics      ${ms(open)}   (server's own ${ms(openServer).trim()}, ${ours.findings} findings)`,
);
console.log(
  `    server's own per round          ${ours.openServer.map((x, i) => `${x.toFixed(0)} ms (code cache ${ours.codeCache[i]})`).join(', ')}`,
);
console.log(
  `    first start, no code cache yet  ${ms(ours.open[0])}   (server's own ${ms(ours.openServer[0]).trim()}, ${(ours.openServer[0] / parse).toFixed(2)} × parseAllDocuments)`,
);
console.log(`  yaml-ls   open → diagnostics      ${ms(yOpen)}   (${theirs.findings} diagnostics)`);
console.log(`  kube-jobs 1-char edit → diag.     ${ms(edit)}   (server's own ${ms(median(ours.editServer)).trim()})`);
console.log(`  yaml-ls   1-char edit → diag.     ${ms(yEdit)}`);
console.log(`  kube-jobs hover on a schedule     ${ms(hover)}`);
console.log(`  memory: kube-jobs RSS ${mib(ours.rss)} (heap ${mib(ours.heap)}), yaml-ls RSS ${mib(theirs.rss)}`);
const longSession = `kube-jobs RSS ${mib(ours.longRss)} (heap ${mib(ours.longHeap)})`;
console.log(`  memory after ${LONG_SESSION_EDITS} more edits across documents: ${longSession}`);
for (const [what, value, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'MISS'} ${what}: ${value.toFixed(2)}`);
fs.rmSync(work, { recursive: true, force: true });
process.exit(0);
