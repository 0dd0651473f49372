/** Document symbols: one per Job/CronJob (kind and name), for the outline and breadcrumbs. */
import { SymbolKind } from 'vscode-languageserver';
import type { DocumentSymbol } from 'vscode-languageserver';
import { rangeOfField } from '../../../src-engine';
import { toLspRange } from '../convert';
import { lastLineOf } from '../documents';
import type { ParsedDocument } from '../documents';

export function provideDocumentSymbols(doc: ParsedDocument): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const entry of doc.entries) {
    if (!entry.workload) continue;
    const manifest = entry.manifest;
    const start = manifest.chunk.startLine;
    const lastLine = lastLineOf(manifest);
    const range = {
      start: { line: start, character: 0 },
      end: { line: lastLine, character: manifest.lines.lineText(lastLine - start).length },
    };
    const selection =
      manifest.name !== undefined
        ? toLspRange(rangeOfField(manifest, 'metadata.name'))
        : toLspRange(rangeOfField(manifest, 'kind'));
    symbols.push({
      name: manifest.name ?? '(no name)',
      detail: entry.workload,
      kind: entry.workload === 'CronJob' ? SymbolKind.Event : SymbolKind.Class,
      range,
      selectionRange: clamp(selection, range),
    });
  }
  return symbols;
}

/** LSP requires the selection range inside the symbol's range. */
function clamp(selection: DocumentSymbol['range'], range: DocumentSymbol['range']): DocumentSymbol['range'] {
  const inside = selection.start.line >= range.start.line && selection.end.line <= range.end.line;
  return inside ? selection : { start: range.start, end: range.start };
}
