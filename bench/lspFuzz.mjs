// Language server under hostile input: how long the answers take during the load of
// test/server/lspFuzz.test.ts (10,000 generated documents in four editors at once, then a 10 MB
// file; that test checks that every request is answered and the server survives).
// Figures: median, 99th percentile and slowest answer (target: slowest ≤ 1 s), each with its
// ratio to `yaml.parseAllDocuments` of the same generated documents, timed in the same run.
// Usage: npm run build && node bench/lspFuzz.mjs [documents]
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { parseAllDocuments } = require('yaml');
const { driveFuzz, requestsFor } = require(path.join(root, 'out/test/server/fuzzRun.js'));
const { prng, tenMegabytes } = require(path.join(root, 'out/test/server/fuzzCorpus.js'));
const { openDocument, startServer } = require(path.join(root, 'out/test/server/lspClient.js'));

const DOCUMENTS = Number(process.argv[2] ?? 10_000);
const TARGET_MS = 1000;
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x) => `${x.toFixed(1)} ms`;

const session = await startServer({ initializationOptions: { localTimeZone: 'Europe/Paris' } });
const answers = [];
const slowest = { ms: 0, what: '' };
const texts = [];
async function ask(method, params, kind) {
  const t0 = performance.now();
  await session.connection.sendRequest(method, params);
  const took = performance.now() - t0;
  answers.push(took);
  if (took > slowest.ms) Object.assign(slowest, { ms: took, what: `${method} on a ${kind} document` });
}
const kinds = await driveFuzz(session, DOCUMENTS, ask, (text) => texts.push(text));
const huge = [];
const hugeUri = 'file:///fuzz/huge.yaml';
const hugeText = tenMegabytes();
await openDocument(session, hugeUri, hugeText);
for (const [method, params] of requestsFor(hugeUri, hugeText, prng(1), true)) {
  const t0 = performance.now();
  await session.connection.sendRequest(method, params);
  huge.push(performance.now() - t0);
}
await session.close();

// Baseline: the bare parser on the same generated texts, in this process.
const parses = texts.map((text) => {
  const t0 = performance.now();
  parseAllDocuments(text);
  return performance.now() - t0;
});

const figures = [
  ['median answer', percentile(answers, 0.5), percentile(parses, 0.5)],
  ['99th percentile answer', percentile(answers, 0.99), percentile(parses, 0.99)],
  ['slowest answer', slowest.ms, Math.max(...parses)],
];
const kindList = [...kinds.keys()].join(', ');
console.log(`lsp fuzz bench: ${answers.length} requests about ${DOCUMENTS} generated documents (${kindList})`);
console.log(
  `  machine: ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const [what, value, base] of figures) {
  const ratio = `parseAllDocuments of the same documents ${ms(base)} → ${(value / base).toFixed(1)}×`;
  console.log(`  ${what.padEnd(24)} ${ms(value).padStart(10)}   (${ratio})`);
}
console.log(`  slowest was ${slowest.what}`);
console.log(`  10 MB file: slowest of ${huge.length} requests ${ms(Math.max(...huge))}`);
console.log(`  ${slowest.ms <= TARGET_MS ? 'ok  ' : 'MISS'} slowest answer ≤ ${TARGET_MS} ms: ${slowest.ms.toFixed(1)}`);
process.exit(0);
