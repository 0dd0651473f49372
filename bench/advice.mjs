// Advice measurement: kube-jobs lint, with its default rule levels, on the corpus of realistic
// manifests in test/fixtures/advice/ (each file states the findings it should get; the advice
// unit test holds the engine to them). Prints findings per file by severity, the share of files
// with no warning or info, and for every rule how often it fires and why (one line per file).
// The baseline is the corpus itself: every figure is a count over its files.
// Usage: node bench/advice.mjs [--all-messages]   (after npm run build)
import { readAdviceCorpus, summarize } from '../out/test/helpers/adviceCorpus.js';

const corpus = readAdviceCorpus();
const s = summarize(corpus);
const per = (n) => (n / s.files).toFixed(2);
console.log(`advice on ${s.files} realistic manifests (test/fixtures/advice/)`);
console.log(
  `findings: ${s.findings} (${per(s.findings)} per file): ` +
    `${['error', 'warning', 'info', 'hint'].map((k) => `${s.bySeverity[k] ?? 0} ${k}`).join(', ')}`,
);
console.log(
  `squiggles (warning + info): ${per((s.bySeverity.warning ?? 0) + (s.bySeverity.info ?? 0))} per file; files with none: ` +
    `${s.quietFiles} of ${s.files} (${Math.round((100 * s.quietFiles) / s.files)} %)`,
);
const mismatched = corpus.filter(
  (f) => JSON.stringify(f.findings.map((x) => `${x.rule}@${x.severity}`).sort()) !== JSON.stringify(f.expected),
);
console.log(
  `files whose findings differ from their # expect: line: ` +
    `${mismatched.length}${mismatched.length ? ` (${mismatched.map((f) => f.name).join(', ')})` : ''}`,
);
console.log('\nper rule (count by severity) and why it fires:');
for (const [rule, entry] of [...s.byRule].sort((a, b) => b[1].count - a[1].count)) {
  const sev = Object.entries(entry.severities)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  console.log(`  ${rule}: ${entry.count} (${sev})`);
  const shown = process.argv.includes('--all-messages') ? entry.examples : entry.examples.slice(0, 3);
  for (const e of shown) console.log(`      ${e.file}: ${e.message.length > 150 ? `${e.message.slice(0, 147)}...` : e.message}`);
}
