/**
 * Code actions: every fix the engine attaches to a finding becomes a quick fix on that
 * finding's diagnostic, and "Fix all kube-jobs problems in file" applies the preferred fix of
 * every error and warning at once (also offered as `source.fixAll.kubeJobs` for
 * editor.codeActionsOnSave); advice is included only when the settings ask for it.
 */
import { CodeActionKind } from 'vscode-languageserver';
import type { CodeAction, Range as LspRange, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Finding, Fix, Range, TextEdit } from '../../../src-engine';
import { toDiagnostic, toLspTextEdit } from '../convert';
import { lastLineOf } from '../documents';
import type { ParsedDocument } from '../documents';
import { ruleInfo } from '../engineApi';
import type { Settings } from '../settings';
import { entryFindings } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kubeJobs`;
export const FIX_ALL_TITLE = 'Fix all kube-jobs problems in file';

export function provideCodeActions(
  doc: ParsedDocument,
  range: LspRange,
  settings: Settings,
  only?: readonly string[],
): CodeAction[] {
  if (!doc.hasWorkload && !doc.hasLifecycle) return [];
  const wantsQuickFix = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
  const wantsFixAll = !only || only.some((kind) => FIX_ALL_KIND.startsWith(kind));
  const actions: CodeAction[] = [];
  if (wantsQuickFix) {
    for (const entry of doc.entries) {
      const start = entry.manifest.chunk.startLine;
      const end = lastLineOf(entry.manifest);
      if (end < range.start.line || start > range.end.line) continue;
      for (const finding of entryFindings(doc, entry, settings)) {
        // The range first: a finding's fixes are worked out when first read.
        if (!intersects(finding.range, range) || !finding.fixes?.length) continue;
        const diagnostic = toDiagnostic(finding, ruleInfo(finding.rule)?.docsUrl);
        for (const fix of finding.fixes) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            ...(fix.isPreferred ? { isPreferred: true } : {}),
            edit: { changes: { [doc.uri]: fix.edits.map(toLspTextEdit) } },
          });
        }
      }
    }
  }
  if (wantsFixAll) {
    const edits = fixAllEdits(doc, settings);
    if (edits.length > 0) {
      if (wantsQuickFix) {
        actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, edit: { changes: { [doc.uri]: edits } } });
      }
      if (only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind !== CodeActionKind.QuickFix)) {
        actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: edits } } });
      }
    }
  }
  return actions;
}

const SEVERITY_ORDER: Readonly<Record<string, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * fixAllEdits takes the preferred (else first) fix of every error and warning in the file —
 * and of infos and hints too only when `kubeJobs.fixAll.includeAdvice` asks for it, since those
 * fixes are opinions (a TTL, history limits) rather than corrections. Errors go first, and a fix
 * whose edits overlap one already taken is dropped, so the workspace edit always applies and
 * an error's fix is never crowded out by advice.
 */
export function fixAllEdits(doc: ParsedDocument, settings: Settings): LspTextEdit[] {
  const findings: Finding[] = [];
  for (const entry of doc.entries) findings.push(...entryFindings(doc, entry, settings));
  const wanted = findings
    .filter((finding) => settings.fixAll.includeAdvice || finding.severity === 'error' || finding.severity === 'warning')
    .sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9));
  const chosen: TextEdit[] = [];
  for (const finding of wanted) {
    const fix = preferredFix(finding);
    if (!fix) continue;
    if (fix.edits.some((edit) => chosen.some((other) => overlaps(edit.range, other.range)))) continue;
    chosen.push(...fix.edits);
  }
  return chosen.map(toLspTextEdit);
}

function preferredFix(finding: Finding): Fix | undefined {
  return finding.fixes?.find((fix) => fix.isPreferred) ?? finding.fixes?.[0];
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function intersects(a: Range, b: LspRange): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Two edits overlap when their ranges share a character, or both insert at one point. */
function overlaps(a: Range, b: Range): boolean {
  const samePoint = a.start.line === b.start.line && a.start.character === b.start.character;
  if (samePoint) return true;
  return before(a.start, b.end) && before(b.start, a.end);
}
