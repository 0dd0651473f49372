/**
 * A YAML stream cut into its documents by the `---` / `...` markers at column 0. YAML forbids
 * those markers inside content, so cutting on lines is exact, and each document can then be
 * parsed (and cached) on its own: an edit re-parses only the document it touched (the language
 * server's figure "one-character edit → diagnostics", bench/lsp.mjs).
 */
export interface DocumentChunk {
  /** The document's text, from its `---` line (if any) up to the next document's start. */
  readonly text: string;
  /** Offset of the chunk's first character in the whole file. */
  readonly startOffset: number;
  /** 0-based line of the chunk's first character in the whole file. */
  readonly startLine: number;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/;

/** splitDocuments returns the chunks of `text`, in order; empty chunks are kept out. */
export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let chunkStart = 0;
  let chunkStartLine = 0;
  let line = 0;
  let offset = 0;
  const push = (end: number): void => {
    const chunkText = text.slice(chunkStart, end);
    if (hasContent(chunkText)) chunks.push({ text: chunkText, startOffset: chunkStart, startLine: chunkStartLine });
  };
  while (offset <= text.length) {
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd === -1) lineEnd = text.length;
    const isMarkerLine =
      text.charCodeAt(offset) === 45 /* - */ || text.charCodeAt(offset) === 46 /* . */
        ? MARKER.test(text.slice(offset, Math.min(lineEnd + 1, offset + 4)))
        : false;
    if (isMarkerLine) {
      if (text.startsWith('---', offset)) {
        // `---` opens the next document: the current chunk ends before this line.
        if (offset > chunkStart) push(offset);
        chunkStart = offset;
        chunkStartLine = line;
      } else {
        // `...` closes the current document: it ends after this line.
        const next = Math.min(lineEnd + 1, text.length);
        push(next);
        chunkStart = next;
        chunkStartLine = line + 1;
      }
    }
    if (lineEnd >= text.length) break;
    offset = lineEnd + 1;
    line++;
  }
  if (chunkStart < text.length) push(text.length);
  return chunks;
}

/** A chunk of only markers, comments and blank lines is an empty document: nothing to check. */
function hasContent(chunkText: string): boolean {
  return /^(?!---(?:[ \t]|$)|\.\.\.(?:[ \t]|$)|[ \t]*#)[ \t]*\S/m.test(chunkText) || /^---[ \t]+[^#\s]/m.test(chunkText);
}
