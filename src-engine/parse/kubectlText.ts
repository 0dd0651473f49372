/**
 * The text of one document as kubectl's readers see it, before any YAML is parsed.
 *
 * - kubectl cuts a file into documents by lines ending in `\n` (apimachinery util/yaml
 *   YAMLReader/LineReader). A file whose lines end in a lone `\r` (old Mac style) is one long
 *   line to it: the whole file is one document, which go-yaml reads with `\r` as a line break,
 *   and only the first YAML document in it is decoded (yaml.Unmarshal stops after one). The
 *   text handed to the parsers here has such breaks as `\n` (same length, so every offset and
 *   line stays put), cut after the first document.
 * - go-yaml refuses characters outside YAML's printable set (readerc.go: "control characters
 *   are not allowed"): C0 controls other than tab, LF and CR, DEL, C1 controls other than NEL,
 *   U+FFFE and U+FFFF. The whole document is refused.
 */
export interface KubectlText {
  /** What the YAML parsers read. */
  readonly text: string;
  /** Offset where the text kubectl ignores starts (lone-CR files only). */
  readonly ignoredFrom?: number;
  /** First character go-yaml refuses, if any. */
  readonly controlCharacter?: { readonly offset: number; readonly code: number };
}

// eslint-disable-next-line no-control-regex -- these are exactly the characters go-yaml refuses
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;
const DOCUMENT_MARKER = /\n(?:---|\.\.\.)(?=[ \t\n]|$)/g;

/** kubectlText prepares one chunk (as cut by splitDocuments). */
export function kubectlText(chunk: string): KubectlText {
  const control = CONTROL.exec(chunk);
  const controlCharacter = control ? { offset: control.index, code: chunk.charCodeAt(control.index) } : undefined;
  if (!hasLoneCarriageReturn(chunk)) return { text: chunk, ...(controlCharacter ? { controlCharacter } : {}) };
  const text = chunk.replace(/\r(?!\n)/g, '\n');
  const ignoredFrom = secondDocumentStart(text);
  return {
    text: ignoredFrom === undefined ? text : text.slice(0, ignoredFrom),
    ...(ignoredFrom === undefined ? {} : { ignoredFrom }),
    ...(controlCharacter ? { controlCharacter } : {}),
  };
}

function hasLoneCarriageReturn(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return true;
  }
  return false;
}

/**
 * Where a second YAML document starts: a `---` after content, or whatever follows a `...`
 * line. Leading `---` lines, comments and blank lines do not make a document.
 */
function secondDocumentStart(text: string): number | undefined {
  DOCUMENT_MARKER.lastIndex = 0;
  for (let match = DOCUMENT_MARKER.exec(text); match; match = DOCUMENT_MARKER.exec(text)) {
    const at = match.index + 1;
    const before = text.slice(0, at);
    const hasContent = /^(?!---|\.\.\.|[ \t]*#)[ \t]*\S/m.test(before);
    if (!hasContent) continue;
    if (text.startsWith('...', at)) {
      const next = text.indexOf('\n', at);
      const rest = next < 0 ? '' : text.slice(next + 1);
      return /^(?![ \t]*#)[ \t]*\S/m.test(rest) ? next + 1 : undefined;
    }
    return at;
  }
  return undefined;
}

/** How a refused character is named in a message (`U+001B`). */
export function codePointName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
