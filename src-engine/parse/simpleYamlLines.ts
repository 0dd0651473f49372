// The line reader under the fast manifest parser (simpleYaml.ts): where the current line starts
// and ends, its indentation, and the comment and marker lines it skips. Also the character codes
// the parser compares with, and the one exception that sends a text back to the library.

/** Thrown (and caught at the top) when the text leaves the supported subset. */
export class Unsupported extends Error {}
export const UNSUPPORTED = new Unsupported();

export const SPACE = 32;
export const HASH = 35;
export const DASH = 45;
export const COLON = 58;
export const COMMA = 44;
export const DQUOTE = 34;
export const SQUOTE = 39;
export const LBRACKET = 91;
export const RBRACKET = 93;
export const LBRACE = 123;
export const RBRACE = 125;
export const BACKSLASH = 92;
export const PIPE = 124;
export const CR = 13;
export const PLUS = 43;
export const BOM = 0xfeff;
export const MAX_KEY_LENGTH = 1000;

/** LineCursor walks the text line by line; the parsers above it read the current line. */
export abstract class LineCursor {
  /** Start offset of the current line. */
  protected lineStart = 0;
  /** Offset of the end of the current line's content (its `\r\n` or `\n`, or the text's end). */
  protected lineEnd = 0;
  /** Offset of the next line (past the line break; beyond the text for the last line). */
  protected nextLineStart = 0;
  /** Indentation of the current line; -1 at the end of the text. */
  protected indent = -1;
  /** The largest indentation of the comment lines skipped on the way to the current line (-1 for none). */
  protected commentIndent = -1;

  constructor(protected readonly text: string) {}

  // ---- lines ------------------------------------------------------------------------------

  protected loadLine(start: number): void {
    const text = this.text;
    if (start > text.length || (start === text.length && start > 0 && text.charCodeAt(start - 1) === 10)) {
      this.lineStart = this.lineEnd = text.length;
      this.nextLineStart = text.length + 1;
      this.indent = -1;
      return;
    }
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    this.nextLineStart = end + 1;
    // A CRLF line break: the `\r` is part of the break, not of the line's content.
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    let i = start;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    this.lineStart = start;
    this.lineEnd = end;
    this.indent = i - start;
  }

  /** Moves to the next line holding content, past blank and comment lines; indent -1 at the end. */
  protected nextContentLine(): void {
    this.commentIndent = -1;
    for (;;) {
      if (this.indent < 0) return;
      const first = this.lineStart + this.indent;
      if (first < this.lineEnd) {
        if (this.text.charCodeAt(first) !== HASH) return;
        if (this.indent > this.commentIndent) this.commentIndent = this.indent;
      }
      this.loadLine(this.nextLineStart);
    }
  }

  /** A leading `---` line (with at most a comment after it) opens the document. */
  protected skipMarkerLine(): void {
    const text = this.text;
    if (!text.startsWith('---', this.lineStart)) return;
    const rest = this.afterSpaces(this.lineStart + 3);
    if (rest < this.lineEnd && (rest === this.lineStart + 3 || text.charCodeAt(rest) !== HASH)) throw UNSUPPORTED;
    this.loadLine(this.nextLineStart);
  }

  protected afterSpaces(at: number): number {
    while (at < this.lineEnd && this.text.charCodeAt(at) === SPACE) at++;
    return at;
  }

  protected isSequenceEntry(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.lineEnd || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** Whether a line starting at `at` is a document marker or directive (never inside a chunk). */
  protected isMarkerOrDirective(at: number): boolean {
    const text = this.text;
    return text.charCodeAt(at) === 37 /* % */ || text.startsWith('---', at) || text.startsWith('...', at);
  }
}
