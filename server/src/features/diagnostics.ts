/**
 * Diagnostics (pull model): the engine's findings for every Job and CronJob in the file, YAML
 * syntax errors (unless Red Hat YAML already reports them), and — in our own words — the one
 * syntax error that silently breaks a CronJob: a schedule starting with an unquoted `*`.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding, ManifestDocument, Range, Severity } from '../../../src-engine';
import { syntaxDiagnostic, toDiagnostic } from '../convert';
import type { Entry, ParsedDocument } from '../documents';
import { ruleInfo } from '../engineApi';
import { rulesKey } from '../settings';
import type { Settings } from '../settings';

/** Rule id of the unquoted-`*` schedule finding the server adds. */
export const UNQUOTED_SCHEDULE_RULE = 'schedule-unquoted-star';
export const YAML_SYNTAX_RULE = 'yaml-syntax';
const CRON_DOCS = 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax';

export function provideDiagnostics(doc: ParsedDocument, settings: Settings): Diagnostic[] {
  if (!doc.hasWorkload) return [];
  const diagnostics: Diagnostic[] = [];
  for (const entry of doc.entries) {
    const manifest = entry.manifest;
    if (manifest.isTemplate) continue;
    const findings = entryFindings(doc, entry, settings);
    const ownLines = new Set<number>();
    for (const finding of findings) {
      if (finding.rule === UNQUOTED_SCHEDULE_RULE) ownLines.add(finding.range.start.line);
      diagnostics.push(toDiagnostic(finding, manifest.index, ruleInfo(finding.rule)?.docsUrl));
    }
    if (!settings.redHatYamlInstalled && settings.rules[YAML_SYNTAX_RULE] !== 'off') {
      for (const problem of manifest.syntaxErrors) {
        if (!ownLines.has(problem.range.start.line)) diagnostics.push(syntaxDiagnostic(problem, manifest.index));
      }
    }
  }
  return diagnostics;
}

/**
 * entryFindings are the findings of one document, engine rules plus the server's own, with
 * the user's severities applied. Code actions read the same list.
 */
export function entryFindings(doc: ParsedDocument, entry: Entry, settings: Settings): Finding[] {
  if (entry.manifest.isTemplate) return [];
  const own = unquotedScheduleFindings(entry.manifest);
  const engine = entry.workload ? doc.findings(entry, settings.rules, rulesKey(settings)) : [];
  const out: Finding[] = [];
  for (const finding of [...own, ...engine]) {
    const setting = settings.rules[finding.rule];
    if (setting === 'off') continue;
    out.push(setting && setting !== finding.severity ? { ...finding, severity: setting } : finding);
  }
  // The engine may report the unquoted schedule too; keep one finding per line for it.
  return dedupe(out);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.rule}@${finding.range.start.line}:${finding.range.start.character}:${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const UNQUOTED_STAR = /^([ \t]*(?:-[ \t]+)?schedule[ \t]*:[ \t]+)(\*[^\r\n]*?)[ \t]*(?:[ \t]#.*)?$/;

/**
 * unquotedScheduleFindings finds `schedule: *\/5 * * * *`: YAML reads a plain value that starts
 * with `*` as an alias, so the CronJob has no schedule; the fix quotes it.
 */
export function unquotedScheduleFindings(manifest: ManifestDocument): Finding[] {
  if (manifest.syntaxErrors.length === 0 && manifest.valueError === undefined) return [];
  const findings: Finding[] = [];
  const lineCount = manifest.lines.lineCount;
  for (let line = 0; line < lineCount; line++) {
    const text = manifest.lines.lineText(line);
    if (!text.includes('schedule')) continue;
    const match = UNQUOTED_STAR.exec(text);
    if (!match?.[1] || !match[2]) continue;
    const startCharacter = match[1].length;
    const value = match[2];
    const fileLine = manifest.chunk.startLine + line;
    const range: Range = { start: { line: fileLine, character: startCharacter }, end: { line: fileLine, character: startCharacter + value.length } };
    findings.push({
      rule: UNQUOTED_SCHEDULE_RULE,
      severity: 'error' satisfies Severity,
      message: `This schedule starts with "*", which YAML reads as an alias (a reference to an anchor), not as text, so the CronJob has no schedule. Quote it: "${value}".`,
      field: 'spec.schedule',
      range,
      docsUrl: CRON_DOCS,
      fixes: [{ title: `Quote the schedule: "${value}"`, edits: [{ range, newText: JSON.stringify(value) }], isPreferred: true }],
    });
  }
  return findings;
}
