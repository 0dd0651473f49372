import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { shiftRange } from '../model/diagnostic';
import type { Range } from '../model/diagnostic';
import { LineIndex } from './lineIndex';
import { splitDocuments } from './split';
import type { DocumentChunk } from './split';
import { parseFieldPath } from './fieldPath';
import { parseSimpleYaml } from './simpleYaml';
import type { PathSegment } from './fieldPath';

/** The two kinds kube-jobs understands. */
export type WorkloadKind = 'Job' | 'CronJob';

/** A YAML syntax problem, with its range in the whole file. */
export interface YamlProblem {
  readonly code: string;
  readonly message: string;
  readonly range: Range;
  /** Start offset of the problem inside its document chunk. */
  readonly offset: number;
}

/**
 * One document of a manifest file, parsed on its own. Ranges it hands out are in whole-file
 * coordinates; `startLine` is where the document begins, so a cached parse can be reused at
 * another position with `relocateDocument`.
 */
export interface ManifestDocument {
  readonly index: number;
  readonly chunk: DocumentChunk;
  /** The YAML tree (the library's nodes, whichever parser built them). */
  readonly yaml: YamlTree;
  /** Line index of the chunk text (chunk-relative). */
  readonly lines: LineIndex;
  readonly syntaxErrors: readonly YamlProblem[];
  /** The document as JSON-like data; undefined when it could not be built (alias bomb, bad alias). */
  readonly value: unknown;
  /** Why `value` could not be built. */
  readonly valueError?: string;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  /** Set for batch/v1 Job and CronJob (and the removed batch/v1beta1 CronJob). */
  readonly workload?: WorkloadKind;
  /** The document holds `{{ … }}` template code (Helm, Go templates): it is not plain YAML. */
  readonly isTemplate: boolean;
}

/** What the checks read of a parsed YAML document: its root node. */
export interface YamlTree {
  readonly contents: Document.Parsed['contents'];
}

/** A whole manifest file. */
export interface ManifestFile {
  readonly text: string;
  readonly documents: readonly ManifestDocument[];
  /** Set when the file was not parsed at all (binary or too large), with the reason. */
  readonly skipped?: { readonly reason: 'binary' | 'tooLarge'; readonly message: string };
}

export interface ParseOptions {
  /** Files above this many characters are not parsed (default 8 MiB). */
  readonly maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 8 * 1024 * 1024;
/** Alias expansions allowed while building values: a "billion laughs" document stops here. */
const MAX_ALIAS_COUNT = 1000;

/** looksBinary is true for text with NUL bytes or mostly control characters near its start. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8000);
  if (sample.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32) || c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/** parseManifestFile splits a YAML stream into documents and parses each one. Never throws. */
export function parseManifestFile(text: string, options: ParseOptions = {}): ManifestFile {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return {
      text,
      documents: [],
      skipped: {
        reason: 'tooLarge',
        message: `file is ${(text.length / 1048576).toFixed(1)} MiB, over the ${(maxLength / 1048576).toFixed(0)} MiB limit kube-jobs checks`,
      },
    };
  }
  if (looksBinary(text)) {
    return { text, documents: [], skipped: { reason: 'binary', message: 'file looks binary, not YAML' } };
  }
  const documents = splitDocuments(text).map((chunk, index) => parseManifestDocument(chunk, index));
  return { text, documents };
}

/** parseManifestDocument parses one chunk. Never throws. */
export function parseManifestDocument(chunk: DocumentChunk, index: number): ManifestDocument {
  const lines = new LineIndex(chunk.text);
  let yaml: YamlTree;
  let syntaxErrors: YamlProblem[] = [];
  let value: unknown;
  let valueError: string | undefined;
  // Plain manifests take the fast parser (same nodes, value built on the way); everything
  // else, and every document with a syntax error, goes to the library.
  const simple = parseSimpleYaml(chunk.text);
  if (simple !== undefined) {
    yaml = { contents: simple.contents };
    value = simple.value;
  } else {
    // merge: kubectl decodes YAML 1.1 (sigs.k8s.io/yaml), where `<<: *anchor` merge keys work.
    const parsed = parseDocument(chunk.text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, merge: true });
    yaml = parsed;
    const toRange = (start: number, end: number): Range => shiftRange(lines.rangeOf(start, end), chunk.startLine);
    syntaxErrors = parsed.errors.map((error) => ({
      code: error.code,
      message: firstLine(error.message),
      offset: error.pos[0],
      range: toRange(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
    }));
    try {
      value = parsed.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      valueError = error instanceof Error ? error.message : String(error);
    }
  }
  const top = isPlainObject(value) ? value : undefined;
  const apiVersion = typeof top?.['apiVersion'] === 'string' ? top['apiVersion'] : undefined;
  const kind = typeof top?.['kind'] === 'string' ? top['kind'] : undefined;
  const metadata = top?.['metadata'];
  const name = isPlainObject(metadata) && typeof metadata['name'] === 'string' ? metadata['name'] : undefined;
  const workload = workloadKindOf(apiVersion, kind);
  return {
    index,
    chunk,
    yaml,
    lines,
    syntaxErrors,
    value,
    ...(valueError === undefined ? {} : { valueError }),
    ...(apiVersion === undefined ? {} : { apiVersion }),
    ...(kind === undefined ? {} : { kind }),
    ...(name === undefined ? {} : { name }),
    ...(workload === undefined ? {} : { workload }),
    isTemplate: /\{\{[\s\S]*?\}\}/.test(chunk.text),
  };
}

function workloadKindOf(apiVersion: string | undefined, kind: string | undefined): WorkloadKind | undefined {
  if (kind === 'Job' && apiVersion === 'batch/v1') return 'Job';
  if (kind === 'CronJob' && (apiVersion === 'batch/v1' || apiVersion === 'batch/v1beta1')) return 'CronJob';
  return undefined;
}

/** relocateDocument reuses a parsed document whose chunk moved (an edit above it). */
export function relocateDocument(document: ManifestDocument, chunk: DocumentChunk, index: number): ManifestDocument {
  if (document.chunk.startLine === chunk.startLine && document.chunk.startOffset === chunk.startOffset && document.index === index) {
    return document;
  }
  const delta = chunk.startLine - document.chunk.startLine;
  return {
    ...document,
    index,
    chunk,
    syntaxErrors: document.syntaxErrors.map((problem) => ({ ...problem, range: shiftRange(problem.range, delta) })),
  };
}

/** rangeInDocument converts chunk-relative offsets to a whole-file range. */
export function rangeInDocument(document: ManifestDocument, start: number, end: number): Range {
  return shiftRange(document.lines.rangeOf(start, end), document.chunk.startLine);
}

/** offsetInDocument converts a whole-file position to an offset inside the document's chunk, or -1. */
export function offsetInDocument(document: ManifestDocument, line: number, character: number): number {
  const localLine = line - document.chunk.startLine;
  if (localLine < 0 || localLine >= document.lines.lineCount) return -1;
  return document.lines.offsetAt({ line: localLine, character });
}

/** The YAML nodes found for a field path. */
export interface NodeLookup {
  /** The value node, when the whole path exists. */
  readonly node?: Node;
  /** The key node of the last existing map entry on the path. */
  readonly keyNode?: Node;
  /** How many segments of the path exist. */
  readonly depth: number;
}

/** findNode walks the YAML AST along a field path (string or segments). */
export function findNode(document: ManifestDocument, path: string | readonly PathSegment[]): NodeLookup {
  const segments = typeof path === 'string' ? parseFieldPath(path) : path;
  let current: unknown = document.yaml.contents;
  let keyNode: Node | undefined;
  let depth = 0;
  for (const segment of segments) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment)) as Pair<Node, Node> | undefined;
      if (!pair) return { ...(keyNode ? { keyNode } : {}), depth };
      keyNode = pair.key ?? undefined;
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment];
      if (item === undefined) return { ...(keyNode ? { keyNode } : {}), depth };
      current = item;
    } else {
      return { ...(keyNode ? { keyNode } : {}), depth };
    }
    depth++;
  }
  return { ...(current ? { node: current as Node } : {}), ...(keyNode ? { keyNode } : {}), depth };
}

/**
 * rangeOfField is where an editor should draw a finding on `path`: the value when it exists
 * (`part` 'value'), its key ('key'), or — for a missing field — the key of the deepest parent
 * that exists, or the document's first line.
 */
export function rangeOfField(document: ManifestDocument, path: string | readonly PathSegment[], part: 'value' | 'key' = 'value'): Range {
  const found = findNode(document, path);
  const target = part === 'value' && found.node?.range ? found.node : found.keyNode;
  if (target?.range) return rangeInDocument(document, target.range[0], Math.max(target.range[1], target.range[0] + 1));
  if (found.node?.range) return rangeInDocument(document, found.node.range[0], found.node.range[1]);
  return firstContentLine(document);
}

function firstContentLine(document: ManifestDocument): Range {
  const contents = document.yaml.contents;
  if (contents && isMap(contents) && contents.items[0] && isPair(contents.items[0])) {
    const key = contents.items[0].key as Node | null;
    if (key?.range) return rangeInDocument(document, key.range[0], key.range[1]);
  }
  const line = document.chunk.startLine;
  return { start: { line, character: 0 }, end: { line, character: document.lines.lineText(0).length } };
}

/** Where a position falls in a document: the path to the deepest node, and whether it is on a key. */
export interface PathAtPosition {
  readonly segments: PathSegment[];
  readonly onKey: boolean;
  readonly node?: Node;
}

/** pathAtOffset finds the field path under a chunk-relative offset (for hover and completion). */
export function pathAtOffset(document: ManifestDocument, offset: number): PathAtPosition {
  const segments: PathSegment[] = [];
  let current: unknown = document.yaml.contents;
  for (;;) {
    if (isMap(current)) {
      let next: unknown;
      for (const pair of current.items) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        if (key?.range && offset >= key.range[0] && offset <= key.range[1]) {
          segments.push(isScalar(key) ? String(key.value) : '?');
          return { segments, onKey: true, node: key };
        }
        if (value?.range && offset >= value.range[0] && offset <= value.range[1]) {
          segments.push(isScalar(key) ? String(key.value) : '?');
          next = value;
          break;
        }
      }
      if (next === undefined) return { segments, onKey: false, ...(current ? { node: current as Node } : {}) };
      current = next;
    } else if (isSeq(current)) {
      const index = current.items.findIndex((item) => {
        const node = item as Node | null;
        return !!node?.range && offset >= node.range[0] && offset <= node.range[1];
      });
      if (index < 0) return { segments, onKey: false, node: current as Node };
      segments.push(index);
      current = current.items[index];
    } else {
      return { segments, onKey: false, ...(current ? { node: current as Node } : {}) };
    }
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(message: string): string {
  const newline = message.indexOf('\n');
  return newline < 0 ? message : message.slice(0, newline);
}
