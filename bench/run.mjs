// Local runtime benchmark: overhead per pod, from spawn to the first log line, of the
// kube-jobs process backend over a bare child_process.spawn of the same command, measured in
// the same run, interleaved, medians. Also the first-line latency of a whole Job run (plan,
// syncJob, pod creation) for context. Budget: pod overhead ≤ 50 ms.
// Usage: npx tsc -b runner && node bench/run.mjs [rounds]
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

const jobText = `apiVersion: batch/v1
kind: Job
metadata: { name: bench }
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox
          command: ${JSON.stringify(COMMAND)}
`;
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
fs.rmSync(workspace, { recursive: true, force: true });
process.exitCode = overhead <= BUDGET_MS ? 0 : 1;
