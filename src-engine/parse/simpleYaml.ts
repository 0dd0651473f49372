import type { Pair, ParsedNode } from 'yaml';
import { BOM, DASH, HASH, PIPE, PLUS, UNSUPPORTED } from './simpleYamlLines';
import { InlineParser, SCHEMA } from './simpleYamlInline';
import type { Parsed } from './simpleYamlInline';
import {
  mapNode,
  pairNode,
  plainKeyPairNode,
  rangeEndOf,
  rangeValueEndOf,
  scalarNode,
  seqNode,
  setRange,
  setRangeEnd,
} from './simpleYamlNodes';

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

class SimpleParser extends InlineParser {
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

  // ---- block collections ------------------------------------------------------------------

  /**
   * blockMap parses the map whose keys sit at column `indent`; its first key starts at
   * `firstKey` on the current line (after `- ` for a map inside a sequence entry).
   */
  private blockMap(indent: number, firstKey: number): Parsed {
    const pairs: Pair<ParsedNode, ParsedNode | null>[] = [];
    const value: Record<string, unknown> = {};
    let keyAt = firstKey;
    let end: number;
    for (;;) {
      if (keyAt === this.lineStart && this.isMarkerOrDirective(keyAt)) throw UNSUPPORTED;
      const key = this.blockKey(keyAt);
      const name = key.value as string;
      if (Object.prototype.hasOwnProperty.call(value, name) || name === '__proto__') throw UNSUPPORTED;
      const entry = this.mapValue(indent, key.end);
      pairs.push(key.node === undefined ? plainKeyPairNode(name, keyAt, key.colon, entry.node) : pairNode(key.node, entry.node));
      value[name] = entry.value;
      end = rangeEndOf(entry.node);
      // The next line decides: another key of this map, the end of the map, or something else.
      if (this.indent === indent && !this.isSequenceEntry(this.lineStart + indent)) {
        keyAt = this.lineStart + indent;
        continue;
      }
      this.closeBlock(indent);
      break;
    }
    const map = mapNode(SCHEMA, pairs);
    setRange(map, firstKey, end, end);
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
    const items: ParsedNode[] = [];
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
      items.push(item.node);
      value.push(item.value);
      end = rangeEndOf(item.node);
      if (this.indent === indent && this.isSequenceEntry(this.lineStart + indent)) continue;
      this.closeBlock(indent);
      break;
    }
    const seq = seqNode(SCHEMA, items);
    setRange(seq, start, end, end);
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
    const node = scalarNode(null);
    if (commentAt < 0 && this.commentIndent < 0) setRange(node, lineEnd, lineEnd, lineEnd);
    else if (commentAt >= 0 && this.commentIndent < 0 && this.indent >= 0 && this.lineStart === nextLine) {
      setRange(node, commentAt, commentAt, this.lineStart + this.indent);
    } else throw UNSUPPORTED;
    node.type = 'PLAIN';
    node.source = '';
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
    const valueEnd = rangeValueEndOf(parsed.node);
    const rest = this.afterSpaces(valueEnd);
    if (rest < this.lineEnd && (this.text.charCodeAt(rest) !== HASH || rest === valueEnd)) throw UNSUPPORTED;
    setRangeEnd(parsed.node, Math.min(this.nextLineStart, this.text.length));
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
    const node = scalarNode(value);
    node.source = value;
    node.type = 'BLOCK_LITERAL';
    setRange(node, at, end, end);
    this.nextContentLine();
    return { node: node as ParsedNode, value };
  }
}
