import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { shiftRange } from '../model/diagnostic';
import type { Range } from '../model/diagnostic';
import { parseFieldPath } from './fieldPath';
import type { PathSegment } from './fieldPath';
import type { ManifestDocument } from './manifestDocument';
import { hasPlainStringKey, pairKeyText } from './simpleYamlNodes';

/**
 * Field paths on the syntax tree. A path follows what kubectl sends: through an alias to its
 * anchor, into `<<` merge sources, and to the last of duplicate keys; a lookup that went
 * through an alias says so, so a problem inside an anchor is reported once, at the anchor.
 */

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
  /** Whether the path went through an alias or a merge: the nodes are the anchor's. */
  readonly viaAlias?: boolean;
}

/** A map's pairs by key, for the maps large enough that scanning them per lookup would add up. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
const INDEXED_SIZE = 16;

function isMergePair(pair: Pair): boolean {
  if (hasPlainStringKey(pair)) return false;
  return isScalar(pair.key) && (typeof pair.key.value === 'symbol' || (pair.key.type === 'PLAIN' && pair.key.source === '<<'));
}

/** The pair of `map` for `key` (the last one, as kubectl keeps it), ignoring merges. */
function ownPair(map: YAMLMap, key: string): Pair | undefined {
  const items = map.items as Pair[];
  if (items.length > INDEXED_SIZE) {
    let index = pairIndex.get(map);
    if (!index) {
      index = new Map();
      for (const pair of items) {
        const text = pairKeyText(pair);
        if (text !== undefined) index.set(text, pair);
      }
      pairIndex.set(map, index);
    }
    return index.get(key);
  }
  for (let i = items.length - 1; i >= 0; i--) {
    const pair = items[i] as Pair;
    if (pairKeyText(pair) === key) return pair;
  }
  return undefined;
}

/** Follows an alias to its anchor (documents without aliases have no targets). */
function resolved(document: ManifestDocument, node: unknown): unknown {
  return isAlias(node) ? document.aliasTargets?.get(node) : node;
}

/** The pair for `key`, looking into `<<` merge sources when the map has no own entry. */
function pairOf(document: ManifestDocument, map: YAMLMap, key: string, depth = 0): { pair: Pair; merged: boolean } | undefined {
  const own = ownPair(map, key);
  if (own) return { pair: own, merged: false };
  if (depth > 20) return undefined;
  for (const pair of map.items as Pair[]) {
    if (!isMergePair(pair)) continue;
    const source = resolved(document, pair.value);
    const sources = isSeq(source) ? source.items.map((item) => resolved(document, item)) : [source];
    for (const candidate of sources) {
      if (!isMap(candidate)) continue;
      const found = pairOf(document, candidate, key, depth + 1);
      if (found) return { pair: found.pair, merged: true };
    }
  }
  return undefined;
}

/** findNode walks the YAML tree along a field path (string or segments), as kubectl reads it. */
export function findNode(document: ManifestDocument, path: string | readonly PathSegment[]): NodeLookup {
  const segments = typeof path === 'string' ? parseFieldPath(path) : path;
  let current: unknown = document.yaml.contents;
  // The last map entry on the path: only its key node is handed out (keys not yet made into
  // nodes stay text, simpleYamlNodes.ts).
  let lastPair: Pair | undefined;
  let depth = 0;
  let viaAlias = false;
  const keyNodeOf = (): Node | undefined => (lastPair?.key as Node | null | undefined) ?? undefined;
  const partial = (): NodeLookup => {
    const keyNode = keyNodeOf();
    return { ...(keyNode ? { keyNode } : {}), depth, ...(viaAlias ? { viaAlias } : {}) };
  };
  for (const segment of segments) {
    if (isAlias(current)) {
      current = resolved(document, current);
      viaAlias = true;
    }
    if (isMap(current)) {
      const found = pairOf(document, current, String(segment));
      if (!found) return partial();
      if (found.merged) viaAlias = true;
      lastPair = found.pair;
      current = found.pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment];
      if (item === undefined) return partial();
      current = item;
    } else {
      return partial();
    }
    depth++;
  }
  if (isAlias(current)) {
    current = resolved(document, current) ?? current;
    viaAlias = true;
  }
  const keyNode = keyNodeOf();
  return {
    ...(current ? { node: current as Node } : {}),
    ...(keyNode ? { keyNode } : {}),
    depth,
    ...(viaAlias ? { viaAlias } : {}),
  };
}

/** Where a finding on a field is drawn, and whether that place is an anchor reached by an alias. */
export interface FieldLocation {
  readonly range: Range;
  readonly viaAlias: boolean;
}

/**
 * locateField is where an editor should draw a finding on `path`: the value when it exists
 * (`part` 'value'), its key ('key'), or — for a missing field — the key of the deepest parent
 * that exists, or the document's first line.
 */
export function locateField(
  document: ManifestDocument,
  path: string | readonly PathSegment[],
  part: 'value' | 'key' = 'value',
): FieldLocation {
  const found = findNode(document, path);
  const viaAlias = found.viaAlias === true;
  const target = part === 'value' && found.node?.range ? found.node : found.keyNode;
  if (target?.range) {
    return { range: rangeInDocument(document, target.range[0], Math.max(target.range[1], target.range[0] + 1)), viaAlias };
  }
  if (found.node?.range) return { range: rangeInDocument(document, found.node.range[0], found.node.range[1]), viaAlias };
  return { range: firstContentLine(document), viaAlias };
}

/** rangeOfField: locateField's range. */
export function rangeOfField(
  document: ManifestDocument,
  path: string | readonly PathSegment[],
  part: 'value' | 'key' = 'value',
): Range {
  return locateField(document, path, part).range;
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
