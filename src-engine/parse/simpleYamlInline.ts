import { isScalar, parseDocument } from 'yaml';
import type { Pair, ParsedNode, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { GO_YAML_PARSE_OPTIONS } from './goYamlScalars';
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
import {
  BACKSLASH,
  COLON,
  COMMA,
  DQUOTE,
  HASH,
  LBRACE,
  LBRACKET,
  LineCursor,
  MAX_KEY_LENGTH,
  RBRACE,
  RBRACKET,
  SPACE,
  SQUOTE,
  UNSUPPORTED,
} from './simpleYamlLines';

// One-line values of the fast manifest parser (simpleYaml.ts): keys, plain and quoted scalars and
// flow collections, resolved with the library's own schema as manifests.ts sets it up.

/** The library's schema as manifests.ts sets it up (go-yaml's scalars), so plain scalars resolve exactly as there. */
const REFERENCE = parseDocument('', GO_YAML_PARSE_OPTIONS);
export const SCHEMA = REFERENCE.schema;
const RESOLVE_OPTIONS = REFERENCE.options;
interface ScalarTag {
  readonly default?: boolean | 'key';
  readonly tag: string;
  readonly test?: RegExp;
  readonly format?: string;
  resolve(source: string, onError: (message: string) => void, options: unknown): unknown;
}
const TAGS = (SCHEMA as unknown as { tags: ScalarTag[] }).tags.filter((tag) => tag.test !== undefined);
export const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** The result of parsing one node: the node and its plain value. */
export interface Parsed {
  readonly node: ParsedNode;
  readonly value: unknown;
}
/** InlineParser reads what fits on one line; SimpleParser builds the block structure around it. */
export abstract class InlineParser extends LineCursor {
  // ---- keys and scalars -------------------------------------------------------------------

  /** Whether a `key:` starts at `at` (a plain or quoted key followed by `: ` or `:` at the line end). */
  protected startsImplicitKey(at: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.closingQuote(at);
      return close >= 0 && text.charCodeAt(close + 1) === COLON;
    }
    return startsPlain(text, at, this.lineEnd) && this.keyColon(at) >= 0;
  }

  /** keyColon finds the `:` ending a plain key that starts at `at`, or -1. */
  protected keyColon(at: number): number {
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

  /**
   * blockKey parses the key at `at`; `end` is just after its colon. A plain string key gives
   * no node (`node` undefined), only its text and where it ends (`colon`): the pair makes its
   * Scalar when read (plainKeyPairNode).
   */
  protected blockKey(at: number): { node: ParsedNode | undefined; value: unknown; colon: number; end: number } {
    const text = this.text;
    const c = text.charCodeAt(at);
    let node: Scalar;
    let end: number;
    if (c === DQUOTE || c === SQUOTE) {
      const quoted = this.quotedScalar(at);
      node = quoted;
      end = rangeValueEndOf(quoted);
      if (text.charCodeAt(end) !== COLON) throw UNSUPPORTED;
      setRangeEnd(quoted, end);
    } else {
      const colon = this.keyColon(at);
      if (colon <= at || text.charCodeAt(colon - 1) === SPACE || !startsPlain(text, at, this.lineEnd)) throw UNSUPPORTED;
      if (colon - at > MAX_KEY_LENGTH) throw UNSUPPORTED;
      const source = text.slice(at, colon);
      if (plainTag(source, true) === undefined) return { node: undefined, value: source, colon, end: colon + 1 };
      node = plainScalar(source, true);
      setRange(node, at, colon, colon);
      end = colon;
    }
    if (typeof node.value !== 'string' || end - at > MAX_KEY_LENGTH) throw UNSUPPORTED;
    return { node: node as ParsedNode, value: node.value, colon: end, end: end + 1 };
  }

  /** inlineValue parses a one-line value starting at `at`: quoted, flow collection or plain. */
  protected inlineValue(at: number): Parsed {
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
    setRange(node, at, end, end);
    return { node: node as ParsedNode, value: node.value };
  }

  /** closingQuote is the offset of the quote closing the one-line quoted scalar at `at`, or -1. */
  protected closingQuote(at: number): number {
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

  protected quotedScalar(at: number): Scalar {
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
    const node = scalarNode(value);
    node.source = value;
    node.type = single ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
    setRange(node, at, close + 1, close + 1);
    return node;
  }

  // ---- flow collections (on one line) -----------------------------------------------------

  /** flowCollection parses `[…]` or `{…}` starting at `at`; its nodeEnd covers trailing spaces. */
  protected flowCollection(at: number): Parsed {
    const text = this.text;
    const isMap = text.charCodeAt(at) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const pairs: Pair<ParsedNode, ParsedNode | null>[] = [];
    const items: ParsedNode[] = [];
    const mapValue: Record<string, unknown> = {};
    const seqValue: unknown[] = [];
    let i = this.afterSpaces(at + 1);
    if (text.charCodeAt(i) !== close) {
      for (;;) {
        if (isMap) {
          const key = this.flowKey(i);
          const name = key.value;
          if (typeof name !== 'string' || name === '__proto__' || Object.prototype.hasOwnProperty.call(mapValue, name)) {
            throw UNSUPPORTED;
          }
          const keyEnd = key.end;
          if (text.charCodeAt(keyEnd) !== COLON || text.charCodeAt(keyEnd + 1) !== SPACE) throw UNSUPPORTED;
          if (key.node) setRangeEnd(key.node, keyEnd);
          const valueAt = this.afterSpaces(keyEnd + 1);
          const item = this.flowItem(valueAt);
          pairs.push(key.node === undefined ? plainKeyPairNode(name, i, keyEnd, item.node) : pairNode(key.node, item.node));
          mapValue[name] = item.value;
          i = rangeEndOf(item.node);
        } else {
          const item = this.flowItem(i);
          items.push(item.node);
          seqValue.push(item.value);
          i = rangeEndOf(item.node);
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
    const collection: YAMLMap | YAMLSeq = isMap ? mapNode(SCHEMA, pairs) : seqNode(SCHEMA, items);
    collection.flow = true;
    setRange(collection, at, i + 1, this.afterSpaces(i + 1));
    return { node: collection as ParsedNode, value: isMap ? mapValue : seqValue };
  }

  /** One entry of a flow collection (scalar or nested collection); nodeEnd covers trailing spaces. */
  protected flowItem(at: number): Parsed {
    const c = this.text.charCodeAt(at);
    if (c === LBRACKET || c === LBRACE) return this.flowCollection(at);
    return this.flowScalar(at, false);
  }

  protected flowScalar(at: number, atKey: boolean): Parsed {
    const text = this.text;
    if (at >= this.lineEnd) throw UNSUPPORTED;
    const c = text.charCodeAt(at);
    let node: Scalar;
    if (c === DQUOTE || c === SQUOTE) {
      node = this.quotedScalar(at);
    } else {
      const end = this.plainFlowEnd(at, atKey);
      node = plainScalar(text.slice(at, end), atKey);
      setRange(node, at, end, end);
    }
    setRangeEnd(node, this.afterSpaces(rangeValueEndOf(node)));
    return { node: node as ParsedNode, value: node.value };
  }

  /** plainFlowEnd is where the plain scalar starting at `at` inside a flow collection ends. */
  private plainFlowEnd(at: number, atKey: boolean): number {
    const text = this.text;
    const c = text.charCodeAt(at);
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
    return end;
  }

  /**
   * flowKey parses the key of a flow map entry at `at`; `end` is where its text ends. As with
   * blockKey, a plain string key gives no node.
   */
  protected flowKey(at: number): { node: ParsedNode | undefined; value: unknown; end: number } {
    const c = this.text.charCodeAt(at);
    if (at < this.lineEnd && c !== DQUOTE && c !== SQUOTE) {
      const end = this.plainFlowEnd(at, true);
      const source = this.text.slice(at, end);
      if (plainTag(source, true) === undefined) return { node: undefined, value: source, end };
    }
    const key = this.flowScalar(at, true);
    return { node: key.node, value: key.value, end: rangeValueEndOf(key.node) };
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
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
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
  const tag = plainTag(source, atKey);
  let node: Scalar;
  if (tag === undefined) {
    node = scalarNode(source);
  } else {
    if (tag.tag === MERGE_TAG) throw UNSUPPORTED;
    const resolved = tag.resolve(
      source,
      () => {
        throw UNSUPPORTED;
      },
      RESOLVE_OPTIONS,
    );
    // JSON has no NaN or infinity: kubectlDecode.ts reports them, on the library's tree.
    if (typeof resolved === 'number' && !Number.isFinite(resolved)) throw UNSUPPORTED;
    node = isScalar(resolved) ? resolved : scalarNode(resolved);
    if (tag.format) node.format = tag.format;
  }
  node.source = source;
  node.type = 'PLAIN';
  return node;
}

/** The tag go-yaml resolves a plain scalar to; undefined for a string. */
function plainTag(source: string, atKey: boolean): ScalarTag | undefined {
  if (!mayBeNonString(source.charCodeAt(0))) return undefined;
  for (const candidate of TAGS) {
    if ((candidate.default === true || (atKey && candidate.default === 'key')) && candidate.test?.test(source)) return candidate;
  }
  return undefined;
}

/**
 * go-yaml's non-string plain scalars (null, booleans — y, yes, on, off… —, numbers, `.inf`,
 * `.nan`, `<<`) all begin with one of these characters; any other start is a string without a
 * regex test.
 */
function mayBeNonString(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 45 ||
    c === 46 ||
    c === 126 ||
    c === 60 ||
    c === 110 ||
    c === 78 ||
    c === 116 ||
    c === 84 ||
    c === 102 ||
    c === 70 ||
    c === 121 ||
    c === 89 ||
    c === 111 ||
    c === 79
  );
}
