// Local runtime benchmark.
// 1. Overhead per pod, from spawn to the first log line, of the kube-jobs process backend over a
//    bare child_process.spawn of the same command, measured in the same run, interleaved,
//    medians. Also the first-line latency of a whole Job run (plan, syncJob, pod creation).
//    Budget: pod overhead ≤ 50 ms.
// 2. Peak memory of `kube-jobs run` (dist/cli.js) while a pod prints MEGABYTES of lines and its
//    stdout is read slowly, against a baseline in the same run: a bare Node process that pipes
//    the same command's output to its stdout (stream back-pressure). Budget: ≤ 256 MiB, and at
//    most 1.5 × the figure at a tenth of MEGABYTES (bounded, not growing with the output).
// Usage: npm run build && node bench/run.mjs [rounds] [megabytes]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { LocalPod } = require('../out/runner/localPod.js');
const { processBackend } = require('../out/runner/processBackend.js');
const { ScaledClock } = require('../out/runner/clock.js');
const { RefValues } = require('../out/runner/envFile.js');
const { readPodSpec } = require('../out/runner/podSpec.js');
const { prepareLocalRun } = require('../out/runner/localRun.js');

const ROUNDS = Number(process.argv[2] ?? 30);
const BUDGET_MS = 50;
const COMMAND = ['sh', '-c', 'echo ready; exit 0'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-bench-'));

/** Bare spawn: time to the first stdout byte, then wait for exit. */
function bare() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let first;
    const child = spawn(COMMAND[0], COMMAND.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.once('data', () => (first = performance.now() - t0));
    child.once('close', () => resolve(first));
  });
}

const { spec } = readPodSpec({ spec: { restartPolicy: 'Never', containers: [{ name: 'main', command: COMMAND }] } });
let n = 0;
/** One LocalPod (process group, env, log splitting, masking): time from creation to the first log line. */
function pod() {
  return new Promise((resolve) => {
    let first;
    const name = `bench-${n++}`;
    const t0 = performance.now();
    const local = new LocalPod({
      identity: { name, namespace: 'default', uid: 'u', labels: {}, annotations: {}, hostname: name },
      spec,
      jobName: 'bench',
      backend: processBackend,
      clock: new ScaledClock(1),
      values: new RefValues(),
      runId: 'bench',
      cwd: workspace,
      onLog: () => (first ??= performance.now() - t0),
    });
    void local.done.then(() => resolve(first));
  });
}

/** A Job manifest with one container running `command`. */
const jobYaml = (name, command) => `apiVersion: batch/v1
kind: Job
metadata: { name: ${name} }
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox
          command: ${JSON.stringify(command)}
`;
const jobText = jobYaml('bench', COMMAND);
/** A whole Job run: start → syncJob → createPod → first log line. */
async function job() {
  const prepared = await prepareLocalRun({ text: jobText, workspace });
  let first;
  const t0 = performance.now();
  const handle = prepared.start({ onLog: () => (first ??= performance.now() - t0) });
  await handle.finished;
  return first;
}

// Warm up both paths (module loading, JIT) before measuring.
for (let i = 0; i < 3; i++) {
  await bare();
  await pod();
  await job();
}
const bares = [];
const pods = [];
const jobs = [];
for (let i = 0; i < ROUNDS; i++) {
  bares.push(await bare());
  pods.push(await pod());
  jobs.push(await job());
}
const b = median(bares);
const p = median(pods);
const j = median(jobs);
const overhead = p - b;
const f = (x) => `${x.toFixed(2)} ms`;
console.log(`spawn → first log line, median of ${ROUNDS} (command: ${COMMAND.join(' ')})`);
console.log(`  bare child_process.spawn        ${f(b)}`);
console.log(`  kube-jobs pod (process backend) ${f(p)}   ×${(p / b).toFixed(2)} of bare`);
console.log(`  kube-jobs Job run (syncJob too) ${f(j)}   ×${(j / b).toFixed(2)} of bare`);
console.log(`overhead per pod: ${f(overhead)} (budget ≤ ${BUDGET_MS} ms) ${overhead <= BUDGET_MS ? 'OK' : 'OVER BUDGET'}`);

const logs = await logMemory(Number(process.argv[3] ?? 300));
fs.rmSync(workspace, { recursive: true, force: true });
process.exitCode = overhead <= BUDGET_MS && logs ? 0 : 1;

/** Peak RSS (MiB) of a node process (the preload reports it), its stdout read at READ_MB_PER_S. */
function peakWhileReadSlowly(preload, nodeArgs, cwd) {
  const READ_MB_PER_S = 200;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', preload, ...nodeArgs], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (chunk) => {
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), (chunk.length / (READ_MB_PER_S * 1e6)) * 1000);
    });
    child.once('close', (code) => {
      const kb = Number(/PEAK_RSS_KB (\d+)/.exec(stderr)?.[1]);
      if (code !== 0 || !Number.isFinite(kb)) reject(new Error(`exit ${code}: ${stderr.slice(-500)}`));
      else resolve(kb / 1024);
    });
  });
}

async function logMemory(megabytes) {
  const rounds = 3;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-bench-logs-'));
  const preload = path.join(dir, 'peak.cjs');
  const report = 'process.stderr.write(`PEAK_RSS_KB ${process.resourceUsage().maxRSS}\\n`)';
  fs.writeFileSync(preload, `process.on('exit', () => ${report});\n`);
  const script = (mb) => `yes 'a log line of forty characters, give or take' | head -c ${Math.round(mb * 1e6)}`;
  const job = (mb) => jobYaml('chatty', ['sh', '-c', script(mb)]);
  fs.writeFileSync(path.join(dir, 'big.yaml'), job(megabytes));
  fs.writeFileSync(path.join(dir, 'small.yaml'), job(megabytes / 10));
  const spawnCall = `require('child_process').spawn('sh', ['-c', ${JSON.stringify(script(megabytes))}], { stdio: ['ignore', 'pipe', 'inherit'] })`;
  const pipeScript = `${spawnCall}.stdout.pipe(process.stdout);`;
  const cli = path.resolve('dist/cli.js');
  const base = [];
  const big = [];
  const small = [];
  for (let i = 0; i < rounds; i++) {
    base.push(await peakWhileReadSlowly(preload, ['-e', pipeScript], dir));
    big.push(await peakWhileReadSlowly(preload, [cli, 'run', 'big.yaml', '--yes'], dir));
    small.push(await peakWhileReadSlowly(preload, [cli, 'run', 'small.yaml', '--yes'], dir));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const [b, k, s] = [median(base), median(big), median(small)];
  const ok = k <= 256 && k <= s * 1.5;
  console.log(`\npeak memory while a pod prints ${megabytes} MB of lines, stdout read at 200 MB/s, median of ${rounds}`);
  const row = (label, mib) => `  ${label.padEnd(38)} ${mib.toFixed(0).padStart(5)} MiB`;
  console.log(row('bare Node pipe of the same command', b));
  console.log(row(`kube-jobs run, ${megabytes / 10} MB of output`, s));
  console.log(`${row(`kube-jobs run, ${megabytes} MB of output`, k)}   ×${(k / b).toFixed(2)} of the bare pipe`);
  const verdict = ok ? 'OK' : 'OVER BUDGET';
  console.log(`bounded log memory (≤ 256 MiB, at most 1.5 × the figure for a tenth of the output): ${verdict}`);
  return ok;
}
