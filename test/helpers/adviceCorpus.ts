/**
 * The advice corpus: realistic manifests in test/fixtures/advice/, each stating on its
 * `# expect:` line the findings kube-jobs should give it (`rule@severity, …` or `nothing`).
 * The advice test holds the engine to them; bench/advice.mjs prints the measurement.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../src-engine';
import { lintFile, parseManifestFile } from '../../src-engine';
import { fixturePath } from './paths';

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
  /** `rule@severity`, sorted. */
  readonly expected: readonly string[];
  readonly findings: readonly Finding[];
}

export const ADVICE_DIR = fixturePath('advice');

/** readAdviceCorpus lints every manifest of the corpus with the default rule levels. */
export function readAdviceCorpus(dir = ADVICE_DIR): CorpusFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const line = /^# expect: (.*)$/m.exec(text)?.[1]?.trim() ?? '';
      const expected =
        line === 'nothing'
          ? []
          : line
              .split(/,\s*/)
              .filter((s) => s !== '')
              .sort();
      return { name, text, expected, findings: lintFile(parseManifestFile(text)) };
    });
}

/** findingKeys are a file's findings as `rule@severity`, sorted. */
export function findingKeys(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.rule}@${f.severity}`).sort();
}

export interface AdviceSummary {
  readonly files: number;
  readonly findings: number;
  readonly bySeverity: Readonly<Record<string, number>>;
  /** Files with no warning or info (hints are not drawn as squiggles). */
  readonly quietFiles: number;
  /** For each rule: how many findings, and one message per distinct reason. */
  readonly byRule: ReadonlyMap<
    string,
    { count: number; severities: Record<string, number>; examples: { file: string; message: string }[] }
  >;
}

/** summarize counts a corpus's findings by severity and by rule. */
export function summarize(corpus: readonly CorpusFile[]): AdviceSummary {
  const bySeverity: Record<string, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const byRule = new Map<
    string,
    { count: number; severities: Record<string, number>; examples: { file: string; message: string }[] }
  >();
  let quietFiles = 0;
  let findings = 0;
  for (const file of corpus) {
    if (!file.findings.some((f) => f.severity === 'warning' || f.severity === 'info' || f.severity === 'error')) quietFiles++;
    for (const f of file.findings) {
      findings++;
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      const entry = byRule.get(f.rule) ?? { count: 0, severities: {}, examples: [] };
      entry.count++;
      entry.severities[f.severity] = (entry.severities[f.severity] ?? 0) + 1;
      entry.examples.push({ file: file.name, message: f.message });
      byRule.set(f.rule, entry);
    }
  }
  return { files: corpus.length, findings, bySeverity, quietFiles, byRule };
}
