/**
 * Inlay hint after each CronJob schedule value with its words (`kubeJobs.inlayHints.schedule`
 * turns it off).
 */
import { InlayHintKind } from 'vscode-languageserver';
import type { InlayHint, Range as LspRange } from 'vscode-languageserver';
import { findNode, rangeInDocument } from '../../../src-engine';
import { lastLineOf } from '../documents';
import type { ParsedDocument } from '../documents';
import { rawValueOnLine } from '../locate';
import { scheduleWords } from '../scheduleFacts';
import type { Settings } from '../settings';

export function provideInlayHints(doc: ParsedDocument, range: LspRange, settings: Settings): InlayHint[] {
  if (!settings.inlayHints.schedule || !doc.hasWorkload) return [];
  const hints: InlayHint[] = [];
  for (const entry of doc.entries) {
    if (entry.workload !== 'CronJob' || entry.manifest.isTemplate) continue;
    const start = entry.manifest.chunk.startLine;
    if (start > range.end.line || lastLineOf(entry.manifest) < range.start.line) continue;
    const found = findNode(entry.manifest, ['spec', 'schedule']);
    let schedule: string | undefined;
    let end: { line: number; character: number } | undefined;
    const node = found.node as { value?: unknown; range?: [number, number, number] } | undefined;
    if (node?.range && typeof node.value === 'string') {
      schedule = node.value;
      end = rangeInDocument(entry.manifest, node.range[0], node.range[1]).end;
    } else if (found.keyNode?.range) {
      // An unquoted `*` schedule is an alias node: read the line instead.
      const line = rangeInDocument(entry.manifest, found.keyNode.range[0], found.keyNode.range[1]).start.line;
      const raw = rawValueOnLine(doc.lineText(line), 'schedule');
      if (raw) {
        schedule = raw.value;
        end = {
          line,
          character: doc
            .lineText(line)
            .replace(/[ \t]+#.*$/, '')
            .trimEnd().length,
        };
      }
    }
    if (schedule === undefined || !end) continue;
    const words = scheduleWords(schedule);
    if (!words) continue;
    hints.push({ position: end, label: words, kind: InlayHintKind.Type, paddingLeft: true });
  }
  return hints;
}
