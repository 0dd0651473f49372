/**
 * Diagnostics (pull model): the engine's findings for every Job and CronJob in the file, each
 * with its rule id and a link to the Kubernetes docs. When Red Hat YAML is installed it
 * already reports YAML syntax errors, so the generic ones (`yaml-syntax`) are dropped; the
 * one that silently breaks a CronJob — an unquoted schedule starting with `*` or `@`
 * (`schedule-yaml`) — is still reported, in our words and with a quoting fix.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../../../src-engine';
import { shiftDiagnostic, toDiagnostic } from '../convert';
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
  const diagnostics: Diagnostic[] = [];
  for (const part of diagnosticParts(doc, settings)) diagnostics.push(...part);
  return diagnostics;
}

/**
 * diagnosticParts are the file's diagnostics in parts, one per document: a document the
 * edit did not touch (nor move) gives the very same array as before, so the server can tell
 * "unchanged" without serialising every diagnostic of the file.
 */
export function diagnosticParts(doc: ParsedDocument, settings: Settings): Diagnostic[][] {
  if (doc.skipped) return [skippedDiagnostics(doc, settings)];
  const diagnostics: Diagnostic[] = [];
  for (const entry of doc.entries) {
    const tooDeep = entry.manifest.syntaxErrors.find((problem) => problem.code === 'TOO_DEEP');
    if (tooDeep && WORKLOAD_TEXT.test(entry.manifest.chunk.text) && settings.rules[FILE_SKIPPED_RULE] !== 'off') {
      const finding: Finding = {
        rule: FILE_SKIPPED_RULE,
        severity: settings.rules[FILE_SKIPPED_RULE] ?? 'warning',
        message: tooDeep.message,
        field: '',
        range: tooDeep.range,
      };
      diagnostics.push(toDiagnostic(finding, ruleInfo(FILE_SKIPPED_RULE)?.docsUrl));
    }
  }
  if (!doc.hasWorkload && !doc.hasLifecycle) return [diagnostics];
  const key = `${rulesKey(settings)}|${settings.redHatYamlInstalled}`;
  const parts = [diagnostics];
  for (const entry of doc.entries) parts.push(entryDiagnostics(doc, entry, settings, key));
  return parts;
}

/**
 * Diagnostics of one document, converted once per chunk text and settings and shifted when
 * the document moves: after a one-character edit only the edited document is converted (the
 * figure "one-character edit → diagnostics", bench/lsp.mjs).
 */
const converted = new WeakMap<object, { key: string; baseLine: number; diagnostics: Diagnostic[] }>();

function entryDiagnostics(doc: ParsedDocument, entry: Entry, settings: Settings, key: string): Diagnostic[] {
  let cached = converted.get(entry.cache);
  if (!cached || cached.key !== key) {
    const findings = entryFindings(doc, entry, settings);
    cached = {
      key,
      baseLine: entry.manifest.chunk.startLine,
      diagnostics: findings.map((finding) => toDiagnostic(finding, ruleInfo(finding.rule)?.docsUrl)),
    };
    converted.set(entry.cache, cached);
  }
  const delta = entry.manifest.chunk.startLine - cached.baseLine;
  return delta === 0 ? cached.diagnostics : cached.diagnostics.map((diagnostic) => shiftDiagnostic(diagnostic, delta));
}

/** entryFindings are one document's findings as the user configured them; code actions read the same list. */
export function entryFindings(doc: ParsedDocument, entry: Entry, settings: Settings): readonly Finding[] {
  const options = { rules: settings.rules, kubernetesVersion: settings.judged.version };
  const findings = doc.findings(entry, options, rulesKey(settings));
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
  return [toDiagnostic(finding, ruleInfo(FILE_SKIPPED_RULE)?.docsUrl)];
}
