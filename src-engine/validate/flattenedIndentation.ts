import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import type { WorkloadKind } from '../parse/kinds';
import type { ManifestDocument } from '../parse/manifests';
import { propertyOf, rootSchema } from '../schema/query';
import type { SchemaNode } from '../schema/query';

/**
 * A manifest whose indentation was lost (text copied out of a PDF or a web page): `metadata:`
 * followed by `name:` in the same column is valid YAML, but metadata is then empty and name a
 * field of the Job itself, and the API server answers with a dozen unrelated errors. Seen from
 * the schema: an object field left empty, directly followed, in the same map, by a key the map
 * does not have but that object does. Two such places make the verdict.
 */
export interface FlattenedIndentation {
  /** Each place: the empty parent's key and the key that belongs under it. */
  readonly places: ReadonlyArray<{
    readonly parent: Node;
    readonly child: Node;
    readonly parentName: string;
    readonly childName: string;
  }>;
  /** Field path of the first empty parent. */
  readonly field: string;
}

/** How many places make the verdict (one alone is an ordinary misplaced field). */
const PLACES_FOR_VERDICT = 2;

export function findFlattenedIndentation(doc: ManifestDocument, kind: WorkloadKind): FlattenedIndentation | undefined {
  if (!hasEmptyKeyThenSameColumn(doc.chunk.text)) return undefined;
  const places: Array<FlattenedIndentation['places'][number] & { readonly path: string }> = [];
  walk(doc.yaml.contents as Node | null, rootSchema(kind), '', places);
  if (places.length < PLACES_FOR_VERDICT) return undefined;
  return { places, field: (places[0] as { path: string }).path };
}

/**
 * Whether a line ends in `key:` and the next line starts in the same column: what every place
 * needs (a quick scan of the text, so the schema walk runs only where it can find something).
 */
function hasEmptyKeyThenSameColumn(text: string): boolean {
  let lineStart = 0;
  for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', lineStart)) {
    let end = newline;
    while (end > lineStart && (text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 32)) end--;
    const next = newline + 1;
    if (end > lineStart && text.charCodeAt(end - 1) === 58 /* : */) {
      // Both indentations counted here (not by a helper): this runs for every line of a big file.
      let indent = 0;
      while (text.charCodeAt(lineStart + indent) === 32) indent++;
      let nextIndent = 0;
      while (text.charCodeAt(next + nextIndent) === 32) nextIndent++;
      const first = text.charCodeAt(next + nextIndent);
      if (indent === nextIndent && text.charCodeAt(lineStart + indent) !== 35 && first > 32 && first !== 35) return true;
    }
    lineStart = next;
  }
  return false;
}

function keyName(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** The schema of what goes under a field: the object itself, or a list's items. */
function objectUnder(schema: SchemaNode): SchemaNode | undefined {
  if (schema.type === 'object') return schema;
  if (schema.type === 'array' && schema.items?.type === 'object') return schema.items;
  return undefined;
}

function isEmpty(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null && node.source === '');
}

function walk(
  node: Node | null,
  schema: SchemaNode | undefined,
  path: string,
  places: Array<FlattenedIndentation['places'][number] & { path: string }>,
): void {
  if (!node || !schema || places.length >= 20) return;
  if (isSeq(node)) {
    for (const item of node.items) walk(item as Node | null, schema.items, path, places);
    return;
  }
  if (!isMap(node) || node.flow || schema.type !== 'object') return;
  const items = node.items as Array<Pair<Node | null, Node | null>>;
  for (let i = 0; i < items.length; i++) {
    const pair = items[i] as Pair<Node | null, Node | null>;
    const name = keyName(pair.key);
    const property = name === undefined ? undefined : propertyOf(schema, name);
    if (!property || name === undefined) continue;
    const childPath = path === '' ? name : `${path}.${name}`;
    const next = items[i + 1];
    const nextName = keyName(next?.key);
    const under = objectUnder(property);
    if (next && nextName !== undefined && under && !propertyOf(schema, nextName) && propertyOf(under, nextName)) {
      const emptyParent = isEmpty(pair.value);
      const lastItemOfList = isSeq(pair.value) && !pair.value.flow;
      if ((emptyParent || lastItemOfList) && pair.key && next.key) {
        places.push({ parent: pair.key, child: next.key, parentName: name, childName: nextName, path: childPath });
      }
    }
    walk(pair.value, property.type === 'map' ? undefined : property, childPath, places);
  }
}
