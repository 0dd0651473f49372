import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { parsePieces, parseText } from '../../server/src/documents';
import type { ParsedDocument } from '../../server/src/documents';
import { PieceText } from '../../server/src/pieceText';

const BASE = 'apiVersion: batch/v1\nkind: Job\n---\nmetadata:\n  name: a\n...\n--- # c\n# only\n---\nkind: CronJob\nspec: {}\n';
const INSERTS = ['-', '.', '\n', 'a', ' ', '---', '\n---\n', '...', '\n...', 'x: 1\n', '', '\r\n'];

/** What a user could observe of a parse: documents, where they are, their problems. */
function signature(doc: ParsedDocument): string {
  return JSON.stringify(
    doc.entries.map((entry) => [
      entry.manifest.chunk.text,
      entry.manifest.chunk.startLine,
      entry.manifest.chunk.startOffset,
      entry.manifest.index,
      entry.manifest.syntaxErrors,
      entry.workload,
    ]),
  );
}

describe('PieceText (open files kept per document)', () => {
  it('applies edits like vscode-languageserver-textdocument and splits like splitDocuments', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pick = (): string => INSERTS[random(INSERTS.length)] ?? '';
    for (let round = 0; round < 300; round++) {
      const reference = TextDocument.create('file:///a.yaml', 'yaml', 1, BASE);
      const pieces = new PieceText('file:///a.yaml', 'yaml', 1, BASE);
      let previousPieces: ParsedDocument | undefined;
      let previousText: ParsedDocument | undefined;
      for (let version = 2; version < 22; version++) {
        const lines = reference.lineCount + 1;
        const start = { line: random(lines + 1) - 1, character: random(12) };
        const end = { line: random(lines + 1) - 1, character: random(12) };
        const change: TextDocumentContentChangeEvent =
          random(10) === 0 ? { text: pick() } : { range: { start, end }, text: pick() + pick() };
        TextDocument.update(reference, [change], version);
        pieces.update([change], version);
        assert.equal(pieces.getText(), reference.getText(), JSON.stringify(change));
        previousPieces = parsePieces(pieces, previousPieces);
        previousText = parseText('file:///a.yaml', version, reference.getText(), previousText);
        assert.equal(signature(previousPieces), signature(previousText), JSON.stringify(reference.getText()));
      }
    }
  });

  it('re-parses only the edited document', () => {
    const text = [
      'kind: Job\napiVersion: batch/v1\nspec: {}\n',
      '---\nkind: Job\napiVersion: batch/v1\nspec: {backoffLimit: 1}\n',
      '---\nkind: Job\napiVersion: batch/v1\nspec: {}\n',
    ].join('');
    const source = new PieceText('file:///b.yaml', 'yaml', 1, text);
    const before = parsePieces(source);
    source.update([{ range: { start: { line: 6, character: 21 }, end: { line: 6, character: 22 } }, text: '2' }], 2);
    const after = parsePieces(source, before);
    assert.equal(after.entries[0], before.entries[0]);
    assert.notEqual(after.entries[1], before.entries[1]);
    assert.equal(after.entries[2], before.entries[2]);
    assert.match(after.entries[1]?.manifest.chunk.text ?? '', /backoffLimit: 2/);
  });
});
