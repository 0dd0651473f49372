/**
 * Parsed documents, once per `uri@version`, shared by every feature (yaml-ls's
 * `yamlDocumentsCache`). An edit re-parses only the documents whose text changed: a document
 * whose text is unchanged is reused even when it moved, with its ranges shifted
 * (`relocateDocument`), and so are its findings. Open files arrive in pieces (pieceText.ts),
 * so an edit does not even re-split the file; `parseText` serves plain strings (tests, CLI).
 */
import {
  DEFAULT_MAX_LENGTH,
  isLifecycleDocument,
  LineIndex,
  looksBinary,
  parseManifestDocument,
  relocateDocument,
  shiftFinding,
  splitDocuments,
  tooLargeMessage,
} from '../../src-engine';
import type { DocumentChunk, Finding, LintOptions, ManifestDocument, WorkloadKind } from '../../src-engine';
import { lint } from './engineApi';
import { PieceText } from './pieceText';

/** What features need of an open text document (vscode-languageserver-textdocument fits). */
export interface TextSource {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** Parse results shared by chunks with identical text, and the findings computed on them. */
interface ChunkCache {
  /** The document as first parsed; findings below are in its coordinates. */
  readonly base: ManifestDocument;
  readonly findings: Map<string, readonly Finding[]>;
}

/** One document of the file and where its cached parse came from. */
export interface Entry {
  readonly manifest: ManifestDocument;
  readonly cache: ChunkCache;
  /** Job or CronJob (the engine also finds it when the value could not be built, or apiVersion/kind has a typo). */
  readonly workload?: WorkloadKind;
}

export class ParsedDocument {
  readonly hasWorkload: boolean;
  /** The file holds a Deployment, StatefulSet, ReplicaSet, DaemonSet or Pod: checked for lifecycle only. */
  readonly hasLifecycle: boolean;
  private wholeFileLines?: LineIndex;
  private wholeText: string | (() => string);

  /** `text` may be a function: an edited file's whole text is only joined when a feature asks. */
  constructor(
    readonly uri: string,
    readonly version: number,
    text: string | (() => string),
    readonly entries: readonly Entry[],
    readonly skipped?: { readonly reason: 'binary' | 'tooLarge'; readonly message: string },
  ) {
    this.wholeText = text;
    this.hasWorkload = entries.some((entry) => entry.workload !== undefined);
    this.hasLifecycle = entries.some((entry) => isLifecycleDocument(entry.manifest));
  }

  get text(): string {
    if (typeof this.wholeText === 'function') this.wholeText = this.wholeText();
    return this.wholeText;
  }

  /**
   * lineText is one line of the file, read from the document that holds it, so an edit does
   * not pay for indexing the whole file's lines.
   */
  lineText(line: number): string {
    const entry = this.entryAtLine(line);
    if (entry && line - entry.manifest.chunk.startLine < entry.manifest.lines.lineCount) {
      return entry.manifest.lines.lineText(line - entry.manifest.chunk.startLine);
    }
    this.wholeFileLines ??= new LineIndex(this.text);
    return this.wholeFileLines.lineText(line);
  }

  get manifests(): readonly ManifestDocument[] {
    return this.entries.map((entry) => entry.manifest);
  }

  /**
   * entryAtLine is the document that holds a whole-file line: the last one starting at or
   * before it (documents are contiguous; trailing blank lines belong to the one above).
   */
  entryAtLine(line: number): Entry | undefined {
    let low = 0;
    let high = this.entries.length - 1;
    let found: Entry | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const entry = this.entries[mid];
      if (!entry) break;
      if (entry.manifest.chunk.startLine <= line) {
        found = entry;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /**
   * findings of one document under the given rule settings, computed once per chunk text
   * and rules, then shifted to where the document is now.
   */
  findings(entry: Entry, options: LintOptions, key: string): readonly Finding[] {
    let cached = entry.cache.findings.get(key);
    if (!cached) {
      cached = safeLint(entry.cache.base, options);
      entry.cache.findings.set(key, cached);
    }
    const delta = entry.manifest.chunk.startLine - entry.cache.base.chunk.startLine;
    if (delta === 0) return cached;
    return cached.map((finding) => shiftFinding(finding, delta));
  }
}

/** lastLineOf is the last whole-file line of a document (its final line break belongs to the next one). */
export function lastLineOf(manifest: ManifestDocument): number {
  const text = manifest.chunk.text;
  const trailing = text.endsWith('\n') || text.endsWith('\r') ? 1 : 0;
  return manifest.chunk.startLine + Math.max(0, manifest.lines.lineCount - 1 - trailing);
}

function safeLint(document: ManifestDocument, options: LintOptions): readonly Finding[] {
  try {
    return lint(document, options);
  } catch (error) {
    return [
      {
        rule: 'internal-error',
        severity: 'hint',
        message: `kube-jobs could not check this document: ${error instanceof Error ? error.message : String(error)}`,
        field: '',
        range: { start: { line: document.chunk.startLine, character: 0 }, end: { line: document.chunk.startLine, character: 0 } },
      },
    ];
  }
}

/** parseText builds a ParsedDocument, reusing chunk parses of `previous` whose text is unchanged. */
export function parseText(uri: string, version: number, text: string, previous?: ParsedDocument): ParsedDocument {
  if (text.length > DEFAULT_MAX_LENGTH) {
    return new ParsedDocument(uri, version, text, [], { reason: 'tooLarge', message: tooLargeMessage(text.length) });
  }
  if (looksBinary(text)) {
    return new ParsedDocument(uri, version, text, [], { reason: 'binary', message: 'file looks binary, not YAML' });
  }
  const previousChunks = new PreviousChunks(previous?.entries ?? []);
  const entries = splitDocuments(text).map((chunk, index) => reuseOrParse(chunk, index, previousChunks));
  return new ParsedDocument(uri, version, text, entries);
}

/**
 * The parses of the previous version, for reuse. Most documents keep their index across an
 * edit, so the document at the same index is compared first (an equality check, no hashing);
 * only documents that moved go through a map by text, built when first needed.
 */
class PreviousChunks {
  private byText: Map<string, ChunkCache> | undefined;
  constructor(readonly entries: readonly Entry[]) {}

  lookup(chunkText: string): ChunkCache | undefined {
    if (!this.byText) {
      this.byText = new Map();
      for (const entry of this.entries) this.byText.set(entry.manifest.chunk.text, entry.cache);
    }
    return this.byText.get(chunkText);
  }

  /** remember makes a fresh parse reusable by a later document of the same version with the same text. */
  remember(chunkText: string, cache: ChunkCache): void {
    (this.byText ??= new Map()).set(chunkText, cache);
  }
}

/** An entry for a chunk: the previous document at the same index or with the same text, else a fresh parse. */
function reuseOrParse(chunk: DocumentChunk, index: number, previous: PreviousChunks, keepEntries = false): Entry {
  const sameIndex = previous.entries[index];
  const cache = sameIndex && sameIndex.manifest.chunk.text === chunk.text ? sameIndex.cache : previous.lookup(chunk.text);
  if (cache) {
    // With pieces, an unchanged document that did not move keeps its entry: its chunk text is
    // the piece itself, not a slice pinning an older version of the whole text.
    if (
      keepEntries &&
      sameIndex &&
      sameIndex.cache === cache &&
      sameIndex.manifest.chunk.startLine === chunk.startLine &&
      sameIndex.manifest.chunk.startOffset === chunk.startOffset &&
      sameIndex.manifest.index === index
    ) {
      return sameIndex;
    }
    return withWorkload(relocateDocument(cache.base, chunk, index), cache);
  }
  const manifest = parseChunk(chunk, index);
  const fresh: ChunkCache = { base: manifest, findings: new Map() };
  previous.remember(chunk.text, fresh);
  return withWorkload(manifest, fresh);
}

/**
 * parsePieces is parseText for an open file kept in pieces: the chunks come from the pieces
 * (no scan of the whole text), and an unchanged piece is the same string as before, so
 * matching it with the previous document at its index is a pointer comparison.
 */
export function parsePieces(source: PieceText, previous?: ParsedDocument): ParsedDocument {
  const { uri, version } = source;
  if (source.length > DEFAULT_MAX_LENGTH || looksBinary(source.prefix(8000))) {
    return parseText(uri, version, source.getText(), previous);
  }
  const previousChunks = new PreviousChunks(previous?.entries ?? []);
  const entries: Entry[] = [];
  let startOffset = 0;
  let startLine = 0;
  for (const piece of source.pieces()) {
    if (piece.hasContent) {
      entries.push(reuseOrParse({ text: piece.text, startOffset, startLine }, entries.length, previousChunks, true));
    }
    startOffset += piece.text.length;
    startLine += piece.lineFeeds;
  }
  return new ParsedDocument(uri, version, () => source.getText(), entries);
}

/** parseChunk parses one document (the engine keeps a document nested too deep to parse as an empty one). */
function parseChunk(chunk: DocumentChunk, index: number): ManifestDocument {
  return parseManifestDocument({ ...chunk, text: ownString(chunk.text) }, index);
}

/**
 * ownString copies a chunk's text out of the file's text. A substring in V8 keeps its whole
 * parent alive, and every scalar the YAML parser slices from a chunk would then pin the full
 * text of the version it was parsed in: a long editing session would keep hundreds of copies
 * of a big file.
 */
function ownString(text: string): string {
  if (text.length < 2) return text;
  const copy = text.charAt(0) + text.slice(1);
  // Flatten now (a string concatenation is lazy), so the copy no longer refers to the slice.
  copy.charCodeAt(copy.length - 1);
  return copy;
}

function withWorkload(manifest: ManifestDocument, cache: ChunkCache): Entry {
  return manifest.workload ? { manifest, cache, workload: manifest.workload } : { manifest, cache };
}

/** DocumentStore keeps the latest parse of each open document. */
export class DocumentStore {
  private readonly parsed = new Map<string, ParsedDocument>();

  get(source: TextSource): ParsedDocument {
    const current = this.parsed.get(source.uri);
    if (current && current.version === source.version) return current;
    const next =
      source instanceof PieceText
        ? parsePieces(source, current)
        : parseText(source.uri, source.version, source.getText(), current);
    this.parsed.set(source.uri, next);
    return next;
  }

  delete(uri: string): void {
    this.parsed.delete(uri);
  }

  get size(): number {
    return this.parsed.size;
  }
}
