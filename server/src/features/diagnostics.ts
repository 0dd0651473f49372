/**
 * Diagnostics (pull model): the engine's findings for every Job and CronJob in the file, each
 * with its rule id and a link to the Kubernetes docs. When Red Hat YAML is installed it
 * already reports YAML syntax errors, so the generic ones (`yaml-syntax`) are dropped; the
 * one that silently breaks a CronJob — an unquoted schedule starting with `*` or `@`
 * (`schedule-yaml`) — is still reported, in our words and with a quoting fix.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../../../src-engine';
import { toDiagnostic } from '../convert';
import type { Entry, ParsedDocument } from '../documents';
import { ruleInfo } from '../engineApi';
import { rulesKey } from '../settings';
import type { Settings } from '../settings';

/** Generic YAML syntax errors (left to Red Hat YAML when it is installed). */
export const YAML_SYNTAX_RULE = 'yaml-syntax';
/** An unquoted `*`/`@` schedule: always reported. */
export const SCHEDULE_YAML_RULE = 'schedule-yaml';
export const FILE_SKIPPED_RULE = 'file-skipped';
const WORKLOAD_TEXT = /^kind:[ \t]*["']?(?:Cron)?Job\b/m;

export function provideDiagnostics(doc: ParsedDocument, settings: Settings): Diagnostic[] {
  if (doc.skipped) return skippedDiagnostics(doc, settings);
  const diagnostics: Diagnostic[] = [];
  for (const entry of doc.entries) {
    const tooDeep = entry.manifest.syntaxErrors.find((problem) => problem.code === 'TOO_DEEP');
    if (tooDeep && WORKLOAD_TEXT.test(entry.manifest.chunk.text) && settings.rules[FILE_SKIPPED_RULE] !== 'off') {
      const finding: Finding = { rule: FILE_SKIPPED_RULE, severity: settings.rules[FILE_SKIPPED_RULE] ?? 'warning', message: tooDeep.message, field: '', range: tooDeep.range };
      diagnostics.push(toDiagnostic(finding, entry.manifest.index, ruleInfo(FILE_SKIPPED_RULE)?.docsUrl));
    }
  }
  if (!doc.hasWorkload) return diagnostics;
  for (const entry of doc.entries) {
    for (const finding of entryFindings(doc, entry, settings)) {
      diagnostics.push(toDiagnostic(finding, entry.manifest.index, ruleInfo(finding.rule)?.docsUrl));
    }
  }
  return diagnostics;
}

/** entryFindings are one document's findings as the user configured them; code actions read the same list. */
export function entryFindings(doc: ParsedDocument, entry: Entry, settings: Settings): readonly Finding[] {
  const findings = doc.findings(entry, settings.rules, rulesKey(settings));
  return settings.redHatYamlInstalled ? findings.filter((finding) => finding.rule !== YAML_SYNTAX_RULE) : findings;
}

/** A file too large to check says so, when it looks like it holds Jobs (binary files are left alone). */
function skippedDiagnostics(doc: ParsedDocument, settings: Settings): Diagnostic[] {
  if (doc.skipped?.reason !== 'tooLarge' || settings.rules[FILE_SKIPPED_RULE] === 'off') return [];
  if (!WORKLOAD_TEXT.test(doc.text.slice(0, 65536))) return [];
  const finding: Finding = {
    rule: FILE_SKIPPED_RULE,
    severity: settings.rules[FILE_SKIPPED_RULE] ?? ruleInfo(FILE_SKIPPED_RULE)?.defaultSeverity ?? 'warning',
    message: `not checked: ${doc.skipped.message}`,
    field: '',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: doc.lineText(0).length } },
  };
  return [toDiagnostic(finding, 0, ruleInfo(FILE_SKIPPED_RULE)?.docsUrl)];
}
