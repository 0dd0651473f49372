/**
 * An open file's text kept as the pieces `splitDocuments` cuts it into (before each `---`
 * line, after each `...` line). A keystroke rewrites only the pieces around the edit: the
 * whole text is neither copied (flattening a 764 KiB string costs ~3 ms) nor re-scanned, and
 * unchanged pieces keep their string identity, which the parse cache compares in O(1). For the
 * figure "one-character edit → diagnostics" (bench/lsp.mjs).
 * Files with a carriage return fall back to vscode-languageserver-textdocument, whose line
 * rules (`\r` alone breaks a line) the piece arithmetic does not mirror.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { splitDocuments } from '../../src-engine';

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/;

/** cutPieces cuts where splitDocuments does, keeping documents without content too. */
export function cutPieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  let offset = 0;
  while (offset <= text.length) {
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd === -1) lineEnd = text.length;
    const c = text.charCodeAt(offset);
    if ((c === 45 || c === 46) && MARKER.test(text.slice(offset, Math.min(lineEnd + 1, offset + 4)))) {
      if (c === 45) {
        if (offset > start) pieces.push(text.slice(start, offset));
        start = offset;
      } else {
        const next = Math.min(lineEnd + 1, text.length);
        if (next > start) pieces.push(text.slice(start, next));
        start = next;
      }
    }
    if (lineEnd >= text.length) break;
    offset = lineEnd + 1;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

function countLineFeeds(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** One piece of the file: its text, line feeds, and whether splitDocuments keeps it as a document. */
export interface Piece {
  readonly text: string;
  readonly lineFeeds: number;
  readonly hasContent: boolean;
}

function piece(text: string): Piece {
  return { text, lineFeeds: countLineFeeds(text), hasContent: splitDocuments(text).length > 0 };
}

export class PieceText {
  private items: Piece[];
  private whole: string | undefined;
  private fallback: TextDocument | undefined;
  private total: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    text: string,
  ) {
    this.whole = text;
    this.total = text.length;
    if (text.includes('\r')) {
      this.fallback = TextDocument.create(uri, languageId, version, text);
      this.items = [];
    } else {
      this.items = cutPieces(text).map(piece);
    }
  }

  get length(): number {
    return this.fallback ? this.fallback.getText().length : this.total;
  }

  getText(): string {
    if (this.fallback) return this.fallback.getText();
    this.whole ??= this.items.map((p) => p.text).join('');
    return this.whole;
  }

  /** The pieces in order (recut from the text when in fallback mode). */
  pieces(): readonly Piece[] {
    if (this.fallback) return cutPieces(this.fallback.getText()).map(piece);
    return this.items;
  }

  /** The first `length` characters (or fewer), without joining the whole text. */
  prefix(length: number): string {
    if (this.fallback || this.whole !== undefined) return this.getText().slice(0, length);
    let text = '';
    for (const p of this.items) {
      if (text.length >= length) break;
      text += p.text;
    }
    return text.slice(0, length);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    this.version = version;
    for (const change of changes) {
      if (this.fallback) {
        this.fallback = TextDocument.update(this.fallback, [change], version);
      } else if (change.text.includes('\r')) {
        this.fallback = TextDocument.update(
          TextDocument.create(this.uri, this.languageId, version, this.getText()),
          [change],
          version,
        );
        this.items = [];
        this.whole = undefined;
      } else if ('range' in change) {
        this.applyRange(change.range, change.text);
      } else {
        this.items = cutPieces(change.text).map(piece);
        this.whole = change.text;
        this.total = change.text.length;
      }
    }
  }

  private applyRange(
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): void {
    let { start, end } = range;
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
    const from = this.locate(start.line, start.character);
    const to = this.locate(end.line, end.character);
    if (this.items.length === 0) {
      this.items = cutPieces(text).map(piece);
      this.total = text.length;
      this.whole = undefined;
      return;
    }
    // Re-cut the edited pieces with one unchanged neighbour on each side: the neighbours'
    // outer edges stay cut points whatever the edit does to the lines between them.
    const first = Math.max(0, from.index - 1);
    const last = Math.min(this.items.length - 1, to.index + 1);
    let region = '';
    let startInRegion = 0;
    let endInRegion = 0;
    for (let i = first; i <= last; i++) {
      const p = this.items[i] as Piece;
      if (i === from.index) startInRegion = region.length + from.offset;
      if (i === to.index) endInRegion = region.length + to.offset;
      region += p.text;
    }
    const edited = region.slice(0, startInRegion) + text + region.slice(endInRegion);
    this.items.splice(first, last - first + 1, ...cutPieces(edited).map(piece));
    this.total += edited.length - region.length;
    this.whole = undefined;
  }

  /** locate maps a position to a piece and an offset in it, clamped like TextDocument.offsetAt. */
  private locate(line: number, character: number): { index: number; offset: number } {
    const lastIndex = this.items.length - 1;
    if (lastIndex < 0 || line < 0) return { index: 0, offset: 0 };
    let firstLine = 0;
    for (let index = 0; index <= lastIndex; index++) {
      const p = this.items[index] as Piece;
      const isLast = index === lastIndex;
      if (line < firstLine + p.lineFeeds || (isLast && line === firstLine + p.lineFeeds)) {
        let lineStart = 0;
        for (let n = firstLine; n < line; n++) lineStart = p.text.indexOf('\n', lineStart) + 1;
        let lineEnd = p.text.indexOf('\n', lineStart);
        if (lineEnd === -1) lineEnd = p.text.length;
        return { index, offset: Math.max(lineStart, Math.min(lineStart + character, lineEnd)) };
      }
      firstLine += p.lineFeeds;
    }
    return { index: lastIndex, offset: (this.items[lastIndex] as Piece).text.length };
  }
}
