import { isMap, isScalar, parseDocument } from 'yaml';
import type { Alias, Node } from 'yaml';
import { shiftRange } from '../model/diagnostic';
import type { Range } from '../model/diagnostic';
import { GO_YAML_PARSE_OPTIONS } from './goYamlScalars';
import { classifyDocument } from './kinds';
import { decodeAsKubectl } from './kubectlDecode';
import type { DecodeProblem } from './kubectlDecode';
import { codePointName, kubectlText } from './kubectlText';
import { LineIndex } from './lineIndex';
import type { ManifestDocument, ReadProblem, YamlProblem, YamlTree } from './manifestDocument';
import { nestingProblem } from './nesting';
import { parseSimpleYaml } from './simpleYaml';
import { splitDocuments } from './split';
import type { DocumentChunk } from './split';

export type { TypeMetaProblem, WorkloadKind } from './kinds';
export { findNode, locateField, offsetInDocument, pathAtOffset, rangeInDocument, rangeOfField } from './astPath';
export type { FieldLocation, NodeLookup, PathAtPosition } from './astPath';
export type { ManifestDocument, ReadProblem, YamlProblem, YamlTree } from './manifestDocument';

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

/** tooLargeMessage says why a text over `maxLength` characters is not checked. */
export function tooLargeMessage(length: number, maxLength = DEFAULT_MAX_LENGTH): string {
  return `file is ${(length / 1048576).toFixed(1)} MiB, over the ${(maxLength / 1048576).toFixed(0)} MiB limit kube-jobs checks`;
}

/** parseManifestFile splits a YAML stream into documents and parses each one. Never throws. */
export function parseManifestFile(text: string, options: ParseOptions = {}): ManifestFile {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return { text, documents: [], skipped: { reason: 'tooLarge', message: tooLargeMessage(text.length, maxLength) } };
  }
  if (looksBinary(text)) {
    return { text, documents: [], skipped: { reason: 'binary', message: 'file looks binary, not YAML' } };
  }
  const documents = splitDocuments(text).map((chunk, index) => parseManifestDocument(chunk, index));
  return { text, documents };
}

/**
 * parseManifestDocument parses one chunk as kubectl reads it. Never throws. A document nested
 * so deeply that parsing it would stall (nesting.ts) is kept as an empty document carrying a
 * `TOO_DEEP` problem, so the rest of the file still works.
 */
export function parseManifestDocument(chunk: DocumentChunk, index: number): ManifestDocument {
  const lines = new LineIndex(chunk.text);
  const toRange = (start: number, end: number): Range => shiftRange(lines.rangeOf(start, end), chunk.startLine);
  const tooDeep = nestingProblem(chunk.text);
  if (tooDeep) {
    const line = chunk.startLine;
    const problem: YamlProblem = {
      code: 'TOO_DEEP',
      message: `not checked: ${tooDeep}`,
      offset: 0,
      range: { start: { line, character: 0 }, end: { line, character: 1 } },
    };
    return {
      index,
      chunk,
      yaml: { contents: null },
      lines,
      syntaxErrors: [problem],
      readProblems: [],
      value: undefined,
      typeMetaProblems: [],
      isTemplate: false,
    };
  }
  const read = kubectlText(chunk.text);
  const readProblems: ReadProblem[] = [];
  const problem = (
    rule: ReadProblem['rule'],
    severity: ReadProblem['severity'],
    message: string,
    start: number,
    end: number,
  ): void => {
    readProblems.push({ rule, severity, code: rule, message, offset: start, range: toRange(start, Math.max(end, start + 1)) });
  };
  if (read.controlCharacter) {
    const { offset, code } = read.controlCharacter;
    problem(
      'yaml-syntax',
      'error',
      `yaml: control characters are not allowed (${codePointName(code)}): kubectl refuses this document; write it as an ` +
        `escape in a double-quoted string ("\\u${code.toString(16).padStart(4, '0')}")`,
      offset,
      offset + 1,
    );
  }
  if (read.ignoredFrom !== undefined) {
    problem(
      'yaml-line-ends',
      'warning',
      'kubectl never reads from here on: the line ends before it are lone carriage returns (old Mac style), so kubectl ' +
        'reads the file as one line and decodes only its first YAML document; save the file with LF line ends',
      read.ignoredFrom,
      chunk.text.length,
    );
  }
  let yaml: YamlTree;
  let syntaxErrors: YamlProblem[] = [];
  let value: unknown;
  let valueError: string | undefined;
  let aliasTargets: ReadonlyMap<Alias, Node> | undefined;
  // Plain manifests take the fast parser (same nodes, value built on the way); everything
  // else, and every document with a syntax error, goes to the library.
  const simple = parseSimpleYaml(read.text);
  if (simple !== undefined) {
    yaml = { contents: simple.contents };
    value = simple.value;
  } else {
    const parsed = parseDocument(read.text, GO_YAML_PARSE_OPTIONS);
    yaml = parsed;
    syntaxErrors = parsed.errors.map((error) => ({
      code: error.code,
      message: firstLine(error.message),
      offset: error.pos[0],
      range: toRange(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
    }));
    const decoded = decodeAsKubectl(parsed.contents as Node | null);
    value = decoded.value;
    aliasTargets = decoded.aliasTargets;
    for (const p of decoded.problems) {
      const later = p.related === undefined ? '' : ` (the one kept is on line ${toRange(p.related, p.related).start.line + 1})`;
      problem(p.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax', p.severity, p.message + later, p.start, p.end);
    }
    if (value === undefined) valueError = decoded.problems[0]?.message ?? 'the document could not be decoded';
  }
  const top = isPlainObject(value) ? value : topLevelScalars(yaml.contents);
  const apiVersion = typeof top['apiVersion'] === 'string' ? top['apiVersion'] : undefined;
  const kind = typeof top['kind'] === 'string' ? top['kind'] : undefined;
  const metadata = top['metadata'];
  const name = isPlainObject(metadata) && typeof metadata['name'] === 'string' ? metadata['name'] : undefined;
  const isTemplate = /\{\{[\s\S]*?\}\}/.test(chunk.text);
  const classified =
    isPlainObject(value) || isMap(yaml.contents)
      ? classifyDocument(top['apiVersion'], top['kind'], top['spec'])
      : { problems: [] };
  return {
    index,
    chunk,
    yaml,
    lines,
    syntaxErrors,
    readProblems,
    value,
    ...(valueError === undefined ? {} : { valueError }),
    ...(aliasTargets ? { aliasTargets } : {}),
    ...(apiVersion === undefined ? {} : { apiVersion }),
    ...(kind === undefined ? {} : { kind }),
    ...(name === undefined ? {} : { name }),
    ...(classified.workload === undefined ? {} : { workload: classified.workload }),
    typeMetaProblems: classified.problems,
    isTemplate,
  };
}

/** The top-level scalars of a document whose value kubectl cannot build (apiVersion and kind still tell what it is). */
function topLevelScalars(contents: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isMap(contents)) return out;
  for (const pair of contents.items) {
    if (isScalar(pair.key) && isScalar(pair.value) && (pair.key.value === 'apiVersion' || pair.key.value === 'kind')) {
      out[pair.key.value] = pair.value.value;
    }
  }
  return out;
}

/** relocateDocument reuses a parsed document whose chunk moved (an edit above it). */
export function relocateDocument(document: ManifestDocument, chunk: DocumentChunk, index: number): ManifestDocument {
  if (
    document.chunk.startLine === chunk.startLine &&
    document.chunk.startOffset === chunk.startOffset &&
    document.index === index
  ) {
    return document;
  }
  const delta = chunk.startLine - document.chunk.startLine;
  return {
    ...document,
    index,
    chunk,
    syntaxErrors: document.syntaxErrors.map((problem) => ({ ...problem, range: shiftRange(problem.range, delta) })),
    readProblems: document.readProblems.map((problem) => ({ ...problem, range: shiftRange(problem.range, delta) })),
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(message: string): string {
  const newline = message.indexOf('\n');
  return newline < 0 ? message : message.slice(0, newline);
}

export type { DecodeProblem };
