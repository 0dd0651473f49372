import { isScalar, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ParsedNode } from 'yaml';
import { GO_YAML_PARSE_OPTIONS } from './goYamlScalars';

/**
 * A fast parser for the plain block YAML that Kubernetes manifests are written in: block maps
 * and sequences, one-line plain and quoted scalars, literal block scalars (scripts), one-line
 * flow collections and comments.
 * It builds the same nodes, with the same ranges, as the `yaml` library's `parseDocument`
 * (and the document's plain value alongside, so no `toJS` pass is needed), at a fraction of
 * its cost: opening a 1,000-document file is dominated by parsing. It buys the figures "lint a
 * 1,000-document file" (bench/lint.mjs: about 0.3 × `parseAllDocuments` with it) and the language
 * server's "open → diagnostics" (bench/lsp.mjs).
 *
 * Scalars resolve as kubectl's go-yaml resolves them (goYamlScalars.ts), with the library's
 * own schema set up that way. Anything outside that subset — anchors, aliases, tags, folded and
 * multi-line scalars, undefined escapes, merge keys, non-string or duplicate keys, `.inf` and
 * `.nan` values, tabs, lone CRs, byte-order marks past the start, comments the library would
 * fold into a range, and every syntax error — makes it answer undefined, and the caller parses
 * with the library. Correctness therefore never depends on this file: a differential test
 * checks that whatever it accepts, the library parses identically and kubectlDecode.ts builds
 * the same value.
 */
export interface SimpleYaml {
  readonly contents: ParsedNode;
  /** The document as plain data (what `Document.toJS()` returns). */
  readonly value: unknown;
}

/** The library's schema as manifests.ts sets it up (go-yaml's scalars), so plain scalars resolve exactly as there. */
const REFERENCE = parseDocument('', GO_YAML_PARSE_OPTIONS);
const SCHEMA = REFERENCE.schema;
const RESOLVE_OPTIONS = REFERENCE.options;
interface ScalarTag {
  readonly default?: boolean | 'key';
  readonly tag: string;
  readonly test?: RegExp;
  readonly format?: string;
  resolve(source: string, onError: (message: string) => void, options: unknown): unknown;
}
const TAGS = (SCHEMA as unknown as { tags: ScalarTag[] }).tags.filter((tag) => tag.test !== undefined);
const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** Thrown (and caught at the top) when the text leaves the supported subset. */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const BACKSLASH = 92;
const PIPE = 124;
const CR = 13;
const PLUS = 43;
const BOM = 0xfeff;
const MAX_KEY_LENGTH = 1000;

/** parseSimpleYaml parses one document chunk, or returns undefined to leave it to the library. */
export function parseSimpleYaml(text: string): SimpleYaml | undefined {
  if (text.indexOf('\t') >= 0 || text.indexOf('\ufeff', 1) >= 0 || hasLoneCarriageReturn(text)) return undefined;
  try {
    return new SimpleParser(text).document();
  } catch {
    // Unsupported, or a stack overflow on absurd nesting: either way the library decides.
    return undefined;
  }
}

/** Whether a `\r` appears other than in a CRLF line break (old Mac line ends are left to the library). */
function hasLoneCarriageReturn(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return true;
  }
  return false;
}

/** The result of parsing one node: the node and its plain value. */
interface Parsed {
  readonly node: ParsedNode;
  readonly value: unknown;
}

class SimpleParser {
  /** Start offset of the current line. */
  private lineStart = 0;
  /** Offset of the end of the current line's content (its `\r\n` or `\n`, or the text's end). */
  private lineEnd = 0;
  /** Offset of the next line (past the line break; beyond the text for the last line). */
  private nextLineStart = 0;
  /** Indentation of the current line; -1 at the end of the text. */
  private indent = -1;
  /** The largest indentation of the comment lines skipped on the way to the current line (-1 for none). */
  private commentIndent = -1;

  constructor(private readonly text: string) {}

  document(): SimpleYaml {
    // A byte-order mark opens the text, before the first line (kubectl's go-yaml skips it too).
    this.loadLine(this.text.charCodeAt(0) === BOM ? 1 : 0);
    this.skipMarkerLine();
    this.nextContentLine();
    if (this.indent !== 0) throw UNSUPPORTED;
    const parsed = this.isSequenceEntry(this.lineStart) ? this.blockSequence(0) : this.blockMap(0, this.lineStart);
    // Only blank lines and comments may follow (they belong to the document, not its contents).
    if (this.indent >= 0) throw UNSUPPORTED;
    return { contents: parsed.node, value: parsed.value };
  }

  // ---- lines ------------------------------------------------------------------------------

  private loadLine(start: number): void {
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
  private nextContentLine(): void {
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
  private skipMarkerLine(): void {
    const text = this.text;
    if (!text.startsWith('---', this.lineStart)) return;
    const rest = this.afterSpaces(this.lineStart + 3);
    if (rest < this.lineEnd && (rest === this.lineStart + 3 || text.charCodeAt(rest) !== HASH)) throw UNSUPPORTED;
    this.loadLine(this.nextLineStart);
  }

  private afterSpaces(at: number): number {
    while (at < this.lineEnd && this.text.charCodeAt(at) === SPACE) at++;
    return at;
  }

  private isSequenceEntry(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.lineEnd || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** Whether a line starting at `at` is a document marker or directive (never inside a chunk). */
  private isMarkerOrDirective(at: number): boolean {
    const text = this.text;
    return text.charCodeAt(at) === 37 /* % */ || text.startsWith('---', at) || text.startsWith('...', at);
  }

  // ---- block collections ------------------------------------------------------------------

  /**
   * blockMap parses the map whose keys sit at column `indent`; its first key starts at
   * `firstKey` on the current line (after `- ` for a map inside a sequence entry).
   */
  private blockMap(indent: number, firstKey: number): Parsed {
    const map = new YAMLMap<ParsedNode, ParsedNode | null>(SCHEMA);
    const value: Record<string, unknown> = {};
    let keyAt = firstKey;
    let end: number;
    for (;;) {
      if (keyAt === this.lineStart && this.isMarkerOrDirective(keyAt)) throw UNSUPPORTED;
      const key = this.blockKey(keyAt);
      const name = key.value as string;
      if (Object.prototype.hasOwnProperty.call(value, name) || name === '__proto__') throw UNSUPPORTED;
      const entry = this.mapValue(indent, key.end);
      map.items.push(new Pair(key.node, entry.node));
      value[name] = entry.value;
      end = (entry.node.range as [number, number, number])[2];
      // The next line decides: another key of this map, the end of the map, or something else.
      if (this.indent === indent && !this.isSequenceEntry(this.lineStart + indent)) {
        keyAt = this.lineStart + indent;
        continue;
      }
      this.closeBlock(indent);
      break;
    }
    map.range = [firstKey, end, end];
    return { node: map as ParsedNode, value };
  }

  /**
   * closeBlock ends the block whose entries sit at column `indent`: the current line, which is
   * not one of its entries, must be less indented (or the end of the text). The library
   * stretches the ending block's range over the comment lines before that point when one of
   * them is indented as far as the block's entries; those cases are left to it. Comments at
   * column 0 after the top-level block belong to the document.
   */
  private closeBlock(indent: number): void {
    if (this.indent > indent) throw UNSUPPORTED;
    if (this.commentIndent < indent) return;
    if (indent === 0 && this.commentIndent === 0 && this.indent < 0) return;
    throw UNSUPPORTED;
  }

  /** blockSequence parses the sequence whose `- ` entries sit at column `indent` of the current line on. */
  private blockSequence(indent: number): Parsed {
    const seq = new YAMLSeq<ParsedNode>(SCHEMA);
    const value: unknown[] = [];
    const start = this.lineStart + indent;
    let end: number;
    for (;;) {
      const dash = this.lineStart + indent;
      const itemAt = this.afterSpaces(dash + 1);
      let item: Parsed;
      if (itemAt >= this.lineEnd) {
        // `-` alone: the entry is the block on the following lines.
        this.loadLine(this.nextLineStart);
        this.nextContentLine();
        if (this.indent <= indent) throw UNSUPPORTED;
        item = this.nestedBlock(this.indent);
      } else {
        const c = this.text.charCodeAt(itemAt);
        if (c === HASH || this.isSequenceEntry(itemAt)) throw UNSUPPORTED;
        if (this.startsImplicitKey(itemAt)) {
          item = this.blockMap(itemAt - this.lineStart, itemAt);
        } else if (c === PIPE) {
          item = this.blockLiteral(itemAt, indent);
        } else {
          item = this.inlineValue(itemAt);
          this.endOfValueLine(item, indent);
        }
      }
      seq.items.push(item.node);
      value.push(item.value);
      end = (item.node.range as [number, number, number])[2];
      if (this.indent === indent && this.isSequenceEntry(this.lineStart + indent)) continue;
      this.closeBlock(indent);
      break;
    }
    seq.range = [start, end, end];
    return { node: seq as ParsedNode, value };
  }

  /** nestedBlock parses the map or sequence starting on the current line at column `indent`. */
  private nestedBlock(indent: number): Parsed {
    const at = this.lineStart + indent;
    if (this.isSequenceEntry(at)) return this.blockSequence(indent);
    if (!this.startsImplicitKey(at)) throw UNSUPPORTED;
    return this.blockMap(indent, at);
  }

  /**
   * mapValue parses what follows `key:` (the colon ends at `afterColon`): a value on the same
   * line, a nested block on the next lines, or nothing (null). Leaves the current line at the
   * first content line after the value.
   */
  private mapValue(indent: number, afterColon: number): Parsed {
    const at = this.afterSpaces(afterColon);
    if (at < this.lineEnd && this.text.charCodeAt(at) !== HASH) {
      if (at === afterColon) throw UNSUPPORTED;
      if (this.text.charCodeAt(at) === PIPE) return this.blockLiteral(at, indent);
      const parsed = this.inlineValue(at);
      this.endOfValueLine(parsed, indent);
      return parsed;
    }
    // Nothing on this line (maybe a comment): a block below, or null.
    const commentAt = at < this.lineEnd ? at : -1;
    const lineEnd = this.lineEnd;
    const nextLine = this.nextLineStart;
    this.loadLine(nextLine);
    this.nextContentLine();
    const nestedIndent = this.indent;
    if (nestedIndent > indent || (nestedIndent === indent && this.isSequenceEntry(this.lineStart + indent))) {
      return this.nestedBlock(nestedIndent);
    }
    // A null value. The library stretches its node over the comments that follow it; only the
    // two plain layouts are built here: nothing after the colon and no comment lines below it,
    // or a comment after the colon and the next line holding content.
    let range: [number, number, number];
    if (commentAt < 0 && this.commentIndent < 0) range = [lineEnd, lineEnd, lineEnd];
    else if (commentAt >= 0 && this.commentIndent < 0 && this.indent >= 0 && this.lineStart === nextLine) range = [commentAt, commentAt, this.lineStart + this.indent];
    else throw UNSUPPORTED;
    const node = new Scalar(null);
    node.type = 'PLAIN';
    node.source = '';
    node.range = range;
    return { node: node as ParsedNode, value: null };
  }

  /**
   * endOfValueLine checks that only spaces and a comment follow a one-line value, moves to the
   * next content line (which must not be more indented: that would continue a plain scalar),
   * and extends the value's node range over the rest of its line as the library does. Comment
   * lines below it indented past the collection (at `indent`) would join the value's range in
   * the library: left to it.
   */
  private endOfValueLine(parsed: Parsed, indent: number): void {
    const range = parsed.node.range as [number, number, number];
    const rest = this.afterSpaces(range[1]);
    if (rest < this.lineEnd && (this.text.charCodeAt(rest) !== HASH || rest === range[1])) throw UNSUPPORTED;
    range[2] = Math.min(this.nextLineStart, this.text.length);
    this.loadLine(this.nextLineStart);
    this.nextContentLine();
    if (this.commentIndent > indent) throw UNSUPPORTED;
  }

  /**
   * blockLiteral parses a literal block scalar (`|`, `|-`, `|+`) whose indicator is at `at`,
   * inside a block collection at column `parentIndent`: the script of a Job, typically. Its
   * lines keep their text after the indentation of the first one; clip, strip or keep decide
   * the final line breaks. Leading blank lines, explicit indentation indicators, lines of
   * spaces longer than the indentation and folded (`>`) scalars are left to the library.
   * Leaves the current line at the first content line after the scalar.
   */
  private blockLiteral(at: number, parentIndent: number): Parsed {
    const text = this.text;
    let i = at + 1;
    const chomping = text.charCodeAt(i);
    if (chomping === DASH || chomping === PLUS) i++;
    const rest = this.afterSpaces(i);
    if (rest < this.lineEnd && (rest === i || text.charCodeAt(rest) !== HASH)) throw UNSUPPORTED;
    this.loadLine(this.nextLineStart);
    const indent = this.indent;
    if (indent <= parentIndent || this.lineStart + indent >= this.lineEnd) throw UNSUPPORTED;
    const lines: string[] = [];
    let blankLines = 0;
    let contentEnd = this.lineStart;
    for (;;) {
      if (this.indent < 0) break;
      if (this.lineStart + this.indent >= this.lineEnd) {
        if (this.lineEnd - this.lineStart > indent) throw UNSUPPORTED;
        blankLines++;
      } else {
        if (this.indent < indent) break;
        for (; blankLines > 0; blankLines--) lines.push('');
        lines.push(text.slice(this.lineStart + indent, this.lineEnd));
        if (this.nextLineStart > text.length) {
          // The last line has no line break: only clip is sure to read it as the library does.
          if (chomping === DASH || chomping === PLUS) throw UNSUPPORTED;
          contentEnd = text.length;
        } else {
          contentEnd = this.nextLineStart;
        }
      }
      this.loadLine(this.nextLineStart);
    }
    const blockEnd = this.indent < 0 ? text.length : this.lineStart;
    const content = lines.join('\n');
    let value: string;
    let end = contentEnd;
    if (chomping === DASH) value = content;
    else if (chomping === PLUS) {
      value = content + '\n'.repeat(1 + blankLines);
      end = blockEnd;
    } else value = content + '\n';
    const node = new Scalar(value);
    node.source = value;
    node.type = 'BLOCK_LITERAL';
    node.range = [at, end, end];
    this.nextContentLine();
    return { node: node as ParsedNode, value };
  }

  // ---- keys and scalars -------------------------------------------------------------------

  /** Whether a `key:` starts at `at` (a plain or quoted key followed by `: ` or `:` at the line end). */
  private startsImplicitKey(at: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.closingQuote(at);
      return close >= 0 && text.charCodeAt(close + 1) === COLON;
    }
    return startsPlain(text, at, this.lineEnd) && this.keyColon(at) >= 0;
  }

  /** keyColon finds the `:` ending a plain key that starts at `at`, or -1. */
  private keyColon(at: number): number {
    const text = this.text;
    let i = at;
    const end = this.lineEnd;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) return i;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
      i++;
    }
    return -1;
  }

  /** blockKey parses the key at `at`; `end` is just after its colon. */
  private blockKey(at: number): { node: ParsedNode; value: unknown; end: number } {
    const text = this.text;
    const c = text.charCodeAt(at);
    let node: Scalar;
    let end: number;
    if (c === DQUOTE || c === SQUOTE) {
      const quoted = this.quotedScalar(at);
      node = quoted;
      end = (quoted.range as [number, number, number])[1];
      if (text.charCodeAt(end) !== COLON) throw UNSUPPORTED;
      (quoted.range as [number, number, number])[2] = end;
    } else {
      const colon = this.keyColon(at);
      if (colon <= at || text.charCodeAt(colon - 1) === SPACE || !startsPlain(text, at, this.lineEnd)) throw UNSUPPORTED;
      node = plainScalar(text.slice(at, colon), true);
      node.range = [at, colon, colon];
      end = colon;
    }
    if (typeof node.value !== 'string' || end - at > MAX_KEY_LENGTH) throw UNSUPPORTED;
    return { node: node as ParsedNode, value: node.value, end: end + 1 };
  }

  /** inlineValue parses a one-line value starting at `at`: quoted, flow collection or plain. */
  private inlineValue(at: number): Parsed {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      const node = this.quotedScalar(at);
      return { node: node as ParsedNode, value: node.value };
    }
    if (c === LBRACKET || c === LBRACE) return this.flowCollection(at);
    if (!startsPlain(text, at, this.lineEnd)) throw UNSUPPORTED;
    // A plain scalar runs to a comment or the line end; `: ` inside it would be a nested map.
    let end = at;
    let i = at;
    while (i < this.lineEnd) {
      const ch = text.charCodeAt(i);
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) break;
      if (ch === COLON && (i + 1 === this.lineEnd || text.charCodeAt(i + 1) === SPACE)) throw UNSUPPORTED;
      if (ch !== SPACE) end = i + 1;
      i++;
    }
    const node = plainScalar(text.slice(at, end), false);
    node.range = [at, end, end];
    return { node: node as ParsedNode, value: node.value };
  }

  /** closingQuote is the offset of the quote closing the one-line quoted scalar at `at`, or -1. */
  private closingQuote(at: number): number {
    const text = this.text;
    const quote = text.charCodeAt(at);
    for (let i = at + 1; i < this.lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH && quote === DQUOTE) {
        i++; // an escaped character, perhaps a quote
        continue;
      }
      if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) {
          i++;
          continue;
        }
        return i;
      }
    }
    return -1;
  }

  private quotedScalar(at: number): Scalar {
    const close = this.closingQuote(at);
    if (close < 0) throw UNSUPPORTED;
    const raw = this.text.slice(at + 1, close);
    const single = this.text.charCodeAt(at) === SQUOTE;
    let value = raw;
    if (single) {
      if (raw.indexOf("'") >= 0) value = raw.split("''").join("'");
    } else if (raw.indexOf('\\') >= 0) {
      value = unescapeDoubleQuoted(raw);
    }
    const node = new Scalar(value);
    node.source = value;
    node.type = single ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
    node.range = [at, close + 1, close + 1];
    return node;
  }

  // ---- flow collections (on one line) -----------------------------------------------------

  /** flowCollection parses `[…]` or `{…}` starting at `at`; its nodeEnd covers trailing spaces. */
  private flowCollection(at: number): Parsed {
    const text = this.text;
    const isMap = text.charCodeAt(at) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const collection = isMap ? new YAMLMap<ParsedNode, ParsedNode | null>(SCHEMA) : new YAMLSeq<ParsedNode>(SCHEMA);
    collection.flow = true;
    const mapValue: Record<string, unknown> = {};
    const seqValue: unknown[] = [];
    let i = this.afterSpaces(at + 1);
    if (text.charCodeAt(i) !== close) {
      for (;;) {
        if (isMap) {
          const key = this.flowScalar(i, true);
          const name = key.value;
          if (typeof name !== 'string' || name === '__proto__' || Object.prototype.hasOwnProperty.call(mapValue, name)) throw UNSUPPORTED;
          const keyRange = key.node.range as [number, number, number];
          if (text.charCodeAt(keyRange[1]) !== COLON || text.charCodeAt(keyRange[1] + 1) !== SPACE) throw UNSUPPORTED;
          keyRange[2] = keyRange[1];
          const valueAt = this.afterSpaces(keyRange[1] + 1);
          const item = this.flowItem(valueAt);
          (collection as YAMLMap<ParsedNode, ParsedNode | null>).items.push(new Pair(key.node, item.node));
          mapValue[name] = item.value;
          i = (item.node.range as [number, number, number])[2];
        } else {
          const item = this.flowItem(i);
          (collection as YAMLSeq<ParsedNode>).items.push(item.node);
          seqValue.push(item.value);
          i = (item.node.range as [number, number, number])[2];
        }
        const c = text.charCodeAt(i);
        if (c === close) break;
        if (c !== COMMA) throw UNSUPPORTED;
        i = this.afterSpaces(i + 1);
        // A trailing comma, or an empty entry: left to the library.
        if (i >= this.lineEnd || text.charCodeAt(i) === close || text.charCodeAt(i) === COMMA) throw UNSUPPORTED;
      }
    }
    if (i >= this.lineEnd) throw UNSUPPORTED;
    collection.range = [at, i + 1, this.afterSpaces(i + 1)];
    return { node: collection as ParsedNode, value: isMap ? mapValue : seqValue };
  }

  /** One entry of a flow collection (scalar or nested collection); nodeEnd covers trailing spaces. */
  private flowItem(at: number): Parsed {
    const c = this.text.charCodeAt(at);
    if (c === LBRACKET || c === LBRACE) return this.flowCollection(at);
    return this.flowScalar(at, false);
  }

  private flowScalar(at: number, atKey: boolean): Parsed {
    const text = this.text;
    if (at >= this.lineEnd) throw UNSUPPORTED;
    const c = text.charCodeAt(at);
    let node: Scalar;
    if (c === DQUOTE || c === SQUOTE) {
      node = this.quotedScalar(at);
    } else {
      if (!startsPlain(text, at, this.lineEnd) || c === LBRACKET || c === LBRACE) throw UNSUPPORTED;
      let end = at;
      let i = at;
      while (i < this.lineEnd) {
        const ch = text.charCodeAt(i);
        if (ch === COMMA || ch === RBRACKET || ch === RBRACE || ch === LBRACKET || ch === LBRACE) break;
        if (ch === COLON) {
          // `key: value` inside a flow map ends the key; any other colon is left to the library.
          if (atKey && text.charCodeAt(i + 1) === SPACE) break;
          throw UNSUPPORTED;
        }
        if (ch === HASH && text.charCodeAt(i - 1) === SPACE) throw UNSUPPORTED;
        if (ch !== SPACE) end = i + 1;
        i++;
      }
      if (end === at) throw UNSUPPORTED;
      node = plainScalar(text.slice(at, end), atKey);
      node.range = [at, end, end];
    }
    const range = node.range as [number, number, number];
    range[2] = this.afterSpaces(range[1]);
    return { node: node as ParsedNode, value: node.value };
  }
}

/**
 * startsPlain: whether a plain scalar may start at `at`. YAML's indicators cannot begin one,
 * except `-`, `?` and `:` followed by a non-space character; quotes and brackets are handled
 * by the callers.
 */
function startsPlain(text: string, at: number, lineEnd: number): boolean {
  const c = text.charCodeAt(at);
  switch (c) {
    case 45: // -
    case 63: // ?
    case 58: // :
      return at + 1 < lineEnd && text.charCodeAt(at + 1) !== SPACE;
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
      return false;
    default:
      return c > SPACE;
  }
}

/** YAML's one-character escapes in double-quoted scalars. */
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * unescapeDoubleQuoted decodes the escapes of a one-line double-quoted scalar (`\"`, `\n`,
 * `\u00e9`, …). An escape YAML does not define, or a code point that is not a character, is
 * left to the library (which reports it).
 */
function unescapeDoubleQuoted(raw: string): string {
  let out = '';
  let from = 0;
  for (let i = raw.indexOf('\\'); i >= 0; i = raw.indexOf('\\', from)) {
    out += raw.slice(from, i);
    const c = raw.charAt(i + 1);
    const simple = ESCAPES[c];
    if (simple !== undefined) {
      out += simple;
      from = i + 2;
      continue;
    }
    const digits = HEX_DIGITS[c];
    const hex = digits === undefined ? '' : raw.slice(i + 2, i + 2 + digits);
    if (digits === undefined || hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) throw UNSUPPORTED;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw UNSUPPORTED;
    out += String.fromCodePoint(code);
    from = i + 2 + digits;
  }
  return out + raw.slice(from);
}

/**
 * plainScalar resolves a plain scalar's text with the library's schema tags, as its
 * composer does (first default tag whose test matches, else a string).
 */
function plainScalar(source: string, atKey: boolean): Scalar {
  let tag: ScalarTag | undefined;
  if (mayBeNonString(source.charCodeAt(0))) {
    for (const candidate of TAGS) {
      if ((candidate.default === true || (atKey && candidate.default === 'key')) && candidate.test?.test(source)) {
        tag = candidate;
        break;
      }
    }
  }
  let node: Scalar;
  if (tag === undefined) {
    node = new Scalar(source);
  } else {
    if (tag.tag === MERGE_TAG) throw UNSUPPORTED;
    const resolved = tag.resolve(source, () => {
      throw UNSUPPORTED;
    }, RESOLVE_OPTIONS);
    // JSON has no NaN or infinity: kubectlDecode.ts reports them, on the library's tree.
    if (typeof resolved === 'number' && !Number.isFinite(resolved)) throw UNSUPPORTED;
    node = isScalar(resolved) ? resolved : new Scalar(resolved);
    if (tag.format) node.format = tag.format;
  }
  node.source = source;
  node.type = 'PLAIN';
  return node;
}

/**
 * go-yaml's non-string plain scalars (null, booleans — y, yes, on, off… —, numbers, `.inf`,
 * `.nan`, `<<`) all begin with one of these characters; any other start is a string without a
 * regex test.
 */
function mayBeNonString(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 60
    || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70
    || c === 121 || c === 89 || c === 111 || c === 79;
}
