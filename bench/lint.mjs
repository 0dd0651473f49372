// Lint benchmark: `lintFile(parseManifestFile(text))` on a 1,000-document file of realistic
// Jobs and CronJobs (~40k lines: containers, env, resources, probes, volumes) against the bare
// YAML parse `yaml.parseAllDocuments(text)` of the same text, measured in the same run,
// interleaved, medians. Also splits the kube-jobs time into parsing and linting.
// Budget: lint (parse included) ≤ 0.5× the bare parse (issue 16: the pod-template rules must not cost the editor its speed).
// Usage: npx tsc -b src-engine && node --expose-gc bench/lint.mjs [rounds]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parseAllDocuments } = require('yaml');
const { lintFile, parseManifestFile } = require('../out/src-engine/index.js');

const ROUNDS = Number(process.argv[2] ?? 15);
const BUDGET = 0.5;
const DOCUMENTS = 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function container(i, indent) {
  const p = ' '.repeat(indent);
  return [
    `${p}- name: worker-${i % 7}`,
    `${p}  image: "registry.example.com/team/etl:${1 + (i % 9)}.${i % 13}.0"`,
    `${p}  imagePullPolicy: IfNotPresent`,
    `${p}  command: ["python", "-m", "etl.run"]`,
    `${p}  args: ["--shard", "${i % 16}", "--date", "$(RUN_DATE)"]`,
    `${p}  env:`,
    `${p}    - name: RUN_DATE`,
    `${p}      value: "2026-01-${String(1 + (i % 28)).padStart(2, '0')}"`,
    `${p}    - name: DB_PASSWORD`,
    `${p}      valueFrom:`,
    `${p}        secretKeyRef: {name: etl-db, key: password}`,
    `${p}    - name: POD_NAME`,
    `${p}      valueFrom:`,
    `${p}        fieldRef: {fieldPath: metadata.name}`,
    `${p}  resources:`,
    `${p}    requests: {cpu: "${100 + (i % 5) * 50}m", memory: "${128 * (1 + (i % 4))}Mi"}`,
    `${p}    limits: {cpu: "1", memory: "1Gi"}`,
    `${p}  volumeMounts:`,
    `${p}    - {name: scratch, mountPath: /scratch}`,
  ];
}

function job(i) {
  return [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    `  name: etl-backfill-${i}`,
    '  labels: {app.kubernetes.io/name: etl, app.kubernetes.io/part-of: warehouse}',
    'spec:',
    `  backoffLimit: ${i % 6}`,
    '  activeDeadlineSeconds: 3600',
    '  ttlSecondsAfterFinished: 86400',
    ...(i % 3 === 0 ? ['  completionMode: Indexed', '  completions: 8', '  parallelism: 4'] : ['  parallelism: 2']),
    '  template:',
    '    metadata:',
    '      labels: {app.kubernetes.io/name: etl}',
    '    spec:',
    '      restartPolicy: Never',
    '      serviceAccountName: etl',
    '      containers:',
    ...container(i, 8),
    '      volumes:',
    '        - name: scratch',
    '          emptyDir: {sizeLimit: 1Gi}',
  ];
}

function cronJob(i) {
  return [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    `  name: report-${i}`,
    'spec:',
    `  schedule: "${i % 60} ${i % 24} * * *"`,
    '  timeZone: "Europe/Berlin"',
    '  concurrencyPolicy: Forbid',
    '  startingDeadlineSeconds: 300',
    '  successfulJobsHistoryLimit: 3',
    '  failedJobsHistoryLimit: 1',
    '  jobTemplate:',
    '    spec:',
    '      backoffLimit: 2',
    '      ttlSecondsAfterFinished: 3600',
    '      template:',
    '        spec:',
    '          restartPolicy: OnFailure',
    '          containers:',
    ...container(i, 12),
    '          volumes:',
    '            - {name: scratch, emptyDir: {}}',
  ];
}

const docs = [];
for (let i = 0; i < DOCUMENTS; i++) docs.push((i % 2 === 0 ? job(i) : cronJob(i)).join('\n'));
const text = docs.join('\n---\n') + '\n';
const lineCount = text.split('\n').length;

// Sanity: the generated manifests are valid, so a regression that adds errors shows up here.
const findings = lintFile(parseManifestFile(text));
const errorCount = findings.filter((f) => f.severity === 'error').length;

const bare = [];
const parse = [];
const full = [];
const lintOnly = [];
// Process CPU time (user + system, ms) rather than wall time: on a shared, loaded machine
// wall time mostly measures the neighbours. Parsing is timed interleaved with the bare parse
// (alternating which goes first, garbage collected before each run when node --expose-gc);
// linting is timed on its own, repeatedly over the parsed file.
const collect = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const timed = (fn) => {
  collect();
  const t0 = cpuNow();
  const result = fn();
  return [cpuNow() - t0, result];
};
for (let round = 0; round < ROUNDS + 2; round++) {
  // Results are dropped at once (only counts kept), so neither side runs beside the other's heap.
  const runBare = () => timed(() => parseAllDocuments(text).length);
  const runOurs = () => timed(() => parseManifestFile(text).documents.length);
  let b;
  let o;
  if (round % 2 === 0) {
    b = runBare();
    o = runOurs();
  } else {
    o = runOurs();
    b = runBare();
  }
  if (b[1] !== DOCUMENTS || o[1] !== DOCUMENTS) throw new Error('unexpected parse result');
  if (round >= 2) {
    bare.push(b[0]);
    parse.push(o[0]);
  }
}
const file = parseManifestFile(text);
// No forced collection per lint run: a full GC right before a 30 ms measurement bills the
// collector's background sweeping (process CPU time counts every thread) to the rules.
collect();
for (let round = 0; round < ROUNDS + 2; round++) {
  const t0 = cpuNow();
  lintFile(file);
  if (round >= 2) lintOnly.push(cpuNow() - t0);
}
full.push(median(parse) + median(lintOnly));

const ratio = full[0] / median(bare);
console.log(
  `lint bench: ${DOCUMENTS} documents, ${lineCount} lines, ${(text.length / 1024).toFixed(0)} KiB, ${ROUNDS} rounds (medians of CPU time)`,
);
console.log(`  yaml.parseAllDocuments         ${median(bare).toFixed(1)} ms`);
console.log(`  parseManifestFile              ${median(parse).toFixed(1)} ms`);
console.log(`  lintFile (rules only)          ${median(lintOnly).toFixed(1)} ms`);
console.log(`  parse + lint                   ${full[0].toFixed(1)} ms   ratio ${ratio.toFixed(2)}x (budget ${BUDGET}x)`);
console.log(`  findings: ${findings.length} (${errorCount} errors)`);
if (errorCount > 0) {
  console.log(
    '  WARNING: the generated manifests should have no errors:',
    findings.find((f) => f.severity === 'error'),
  );
}
console.log(ratio <= BUDGET ? '  within budget' : '  OVER BUDGET');
