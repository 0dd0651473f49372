// Simulator figures: a year of `* * * * *` in Europe/Berlin with Forbid, 30 s Jobs and history
// cleanup; a Job with completions 100,000 and parallelism 1,000. Each timing is the median of
// several runs, with its ratio to a baseline measured in the same run (the bare enumeration
// of the same schedule over the same year, and a trivial loop). Heap after a 1-month and a
// 12-month CronJob simulation shows that memory does not grow with the horizon.
// Large Jobs (issue: a simulation must never block the editor): `kube-jobs simulate` of a Job
// with completions 1e9 / parallelism 1e6 (refused, exit 2) against Node's bare start-up, and
// the language server's hover latency on another file while the Simulate request of a Job with
// a million pods runs, against the same hover with nothing else running.
// Usage: npm run build && node --expose-gc bench/simulate.mjs
// To compare with an older build, copy its out/src-engine somewhere and point
// KUBE_JOBS_ENGINE at that copy's index.js (NODE_PATH=node_modules so it finds its deps).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const engine = require(process.env.KUBE_JOBS_ENGINE ?? '../out/src-engine/index.js');
const { simulate, specPodModel, parseStandard, forEachRun } = engine;

const START = Date.parse('2026-01-01T00:00:00Z');
const YEAR = Date.parse('2027-01-01T00:00:00Z');
const MONTH = Date.parse('2026-02-01T00:00:00Z');
const tpl = { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } };
const cronJob = {
  metadata: { name: 'every-minute' },
  spec: { schedule: '* * * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid', jobTemplate: { spec: tpl } },
};
const bigJob = { metadata: { name: 'big' }, spec: { completions: 100000, parallelism: 1000, ...tpl } };

const model = (spec) => {
  const m = specPodModel(spec);
  if (!m.ok) throw new Error(m.error);
  return m.model;
};

// Wall time and this process's CPU time (the machine may be shared: CPU time is the steadier figure).
function median(fn, runs) {
  const times = [];
  const cpus = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], cpu: cpus[Math.floor(cpus.length / 2)], result };
}

const gc = globalThis.gc ?? (() => {});
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

// Baselines.
const everyMinute = parseStandard('* * * * *');
const enumerate = median(() => forEachRun(everyMinute.schedule, START, YEAR, () => true, 'Europe/Berlin'), 5);
const trivial = median(() => {
  let s = 0;
  for (let i = 0; i < 10_000_000; i++) s += i & 7;
  return s;
}, 5);

const year = median(() => simulate('CronJob', cronJob, { start: START, until: YEAR, podModel: model('succeed@30s') }), 3);
const ys = year.result.simulation;
const big = median(() => simulate('Job', bigJob, { start: START, podModel: model('succeed@10s') }), 3);
const bs = big.result.simulation;

// Heap at two horizons (result retained while measuring).
const retained = (until) => {
  const base = heapMb();
  const kept = [simulate('CronJob', cronJob, { start: START, until, podModel: model('succeed@30s') })];
  const mb = heapMb() - base;
  return kept.length > 0 ? mb : 0;
};
const monthHeap = retained(MONTH);
const yearHeap = retained(YEAR);

const fmt = (n) => n.toFixed(1);
console.log(
  `load average ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${(await import('node:os')).cpus().length} CPUs`,
);
console.log(
  `baseline: enumerate one year of "* * * * *" in Europe/Berlin (${enumerate.result} runs): ${fmt(enumerate.ms)} ms ` +
    `(cpu ${fmt(enumerate.cpu)} ms); trivial 1e7 loop: ${fmt(trivial.ms)} ms`,
);
console.log(
  `CronJob year (* * * * *, Europe/Berlin, Forbid, 30 s Jobs, history cleanup): ${fmt(year.ms)} ms median ` +
    `(cpu ${fmt(year.cpu)} ms) — ${ys.jobsCreated} Jobs, ${Object.values(ys.eventCounts).reduce((a, b) => a + b, 0)} events` +
    `${ys.stopped === null ? '' : ', STOPPED EARLY'}; ${fmt(year.ms / enumerate.ms)}× the bare enumeration ` +
    `(cpu ${fmt(year.cpu / enumerate.cpu)}×), ${fmt(year.ms / trivial.ms)}× the trivial loop`,
);
console.log(
  `Job completions 100000 / parallelism 1000, all succeed: ${fmt(big.ms)} ms median (cpu ${fmt(big.cpu)} ms) — ` +
    `${bs.podsCreated} pods, succeeded ${bs.status.succeeded}; ${fmt(big.ms / trivial.ms)}× the trivial loop`,
);
console.log(
  `heap retained by the CronJob result: 1 month ${fmt(monthHeap)} MB, 12 months ${fmt(yearHeap)} MB ` +
    `(ratio ${fmt(yearHeap / Math.max(monthHeap, 0.01))}; ` +
    `${globalThis.gc ? 'with gc' : 'run with --expose-gc for exact numbers'})`,
);

// ---- large Jobs: the command line refuses, the language server keeps answering ----------------

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-sim-bench-'));
const jobYaml = (name, completions, parallelism) =>
  [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  completions: ${completions}`,
    `  parallelism: ${parallelism}`,
    '  template:',
    '    spec:',
    '      restartPolicy: Never',
    '      containers:',
    '        - name: main',
    '          image: busybox:1.36',
    '',
  ].join('\n');
const hugeFile = path.join(work, 'huge.yaml');
fs.writeFileSync(hugeFile, jobYaml('huge', 1_000_000_000, 1_000_000));
const timed = (args) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  return { ms: performance.now() - t0, status: r.status, err: r.stderr };
};
const refusals = [];
const bareStarts = [];
let refusal;
for (let i = 0; i < 5; i++) {
  refusal = timed([path.join(root, 'dist/cli.js'), 'simulate', hugeFile]);
  refusals.push(refusal.ms);
  bareStarts.push(timed(['-e', '0']).ms);
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `kube-jobs simulate, Job completions 1e9 / parallelism 1e6: exit ${refusal.status} in ${fmt(med(refusals))} ms median ` +
    `(Node start-up alone ${fmt(med(bareStarts))} ms, ` +
    `${fmt(med(refusals) / med(bareStarts))}×): ${refusal.err.trim().slice(0, 90)}…`,
);

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node');
const server = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
connection.onRequest('client/registerCapability', () => null);
connection.listen();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
await connection.sendNotification('initialized', {});
const bigUri = 'file:///bench/big.yaml';
const cronUri = 'file:///bench/nightly.yaml';
const cronText = [
  'apiVersion: batch/v1',
  'kind: CronJob',
  'metadata:',
  '  name: nightly',
  'spec:',
  '  schedule: "0 3 * * *"',
  '  jobTemplate:',
  '    spec:',
  '      template:',
  '        spec:',
  '          restartPolicy: Never',
  '          containers:',
  '            - name: main',
  '              image: busybox:1.36',
  '',
].join('\n');
await connection.sendNotification('textDocument/didOpen', {
  textDocument: { uri: bigUri, languageId: 'yaml', version: 1, text: jobYaml('big', 1_000_000, 1_000_000) },
});
await connection.sendNotification('textDocument/didOpen', {
  textDocument: { uri: cronUri, languageId: 'yaml', version: 1, text: cronText },
});
const hover = async () => {
  const t0 = performance.now();
  await connection.sendRequest('textDocument/hover', { textDocument: { uri: cronUri }, position: { line: 5, character: 14 } });
  return performance.now() - t0;
};
const idle = [];
for (let i = 0; i < 30; i++) idle.push(await hover());
let simulationMs = null;
const t0 = performance.now();
const simulation = connection
  .sendRequest(engine.SimulateDocumentRequest.method, { uri: bigUri, documentIndex: 0, svg: true })
  .then((r) => {
    simulationMs = performance.now() - t0;
    return r;
  });
const busy = [];
while (simulationMs === null && busy.length < 10_000) busy.push(await hover());
const simulated = await simulation;
const outcome = simulated.error ?? `${simulated.result.podsCreated} pods, ${simulated.result.status.succeeded} succeeded`;
console.log(
  `language server: hover on another file while the Simulate request of a Job with 1,000,000 pods runs: ` +
    `${fmt(med(busy))} ms median, ${fmt(Math.max(...busy))} ms worst ` +
    `(${busy.length} hovers; idle ${fmt(med(idle))} ms median, ${fmt(med(busy) / med(idle))}×); ` +
    `the simulation answered in ${fmt(simulationMs / 1000)} s (${outcome})`,
);
connection.dispose();
server.kill();
fs.rmSync(work, { recursive: true, force: true });
