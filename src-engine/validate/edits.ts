import { isMap, isScalar } from 'yaml';
import type { Node, Pair } from 'yaml';
import type { Fix, TextEdit } from '../model/diagnostic';
import type { PathSegment } from '../parse/fieldPath';
import { findNode, rangeInDocument } from '../parse/manifests';
import type { ManifestDocument } from '../parse/manifests';

/** Builders for the text edits of fixes. Each returns undefined when it cannot edit safely. */

/** yamlString renders a string as a YAML double-quoted scalar (JSON strings are valid YAML). */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

/**
 * quickFix is a finding's one quick fix, spread into a report; nothing when the edit could not
 * be built. A `preferred` fix is the one an editor applies on "fix all": one that cannot guess
 * wrong (the supported spelling of a value), not a choice the author should make.
 */
export function quickFix(
  title: string,
  edit: TextEdit | undefined,
  options: { readonly preferred: boolean },
): { readonly fixes?: readonly Fix[] } {
  if (!edit) return {};
  return { fixes: [options.preferred ? { title, edits: [edit], isPreferred: true } : { title, edits: [edit] }] };
}

/** replaceValue replaces the value node at `path` with `newText`. */
export function replaceValue(doc: ManifestDocument, path: readonly PathSegment[], newText: string): TextEdit | undefined {
  const node = findNode(doc, path).node;
  if (!node?.range) return undefined;
  return { range: rangeInDocument(doc, node.range[0], node.range[1]), newText };
}

/**
 * insertField adds `key: value` to the block map at `parentPath`, on a new line after the
 * map's last entry, indented like its first key. Flow maps (`{a: 1}`) are left alone.
 */
export function insertField(
  doc: ManifestDocument,
  parentPath: readonly PathSegment[],
  key: string,
  valueText: string,
): TextEdit | undefined {
  const parent = parentPath.length === 0 ? doc.yaml.contents : findNode(doc, parentPath).node;
  if (!isMap(parent) || parent.flow || parent.items.length === 0) return undefined;
  const first = parent.items[0] as Pair<Node, Node | null>;
  const last = parent.items[parent.items.length - 1] as Pair<Node, Node | null>;
  if (!first.key?.range) return undefined;
  const text = doc.chunk.text;
  const indent = doc.lines.positionAt(first.key.range[0]).character;
  const lastNode = last.value?.range ? last.value : last.key;
  if (!lastNode?.range) return undefined;
  let end = lastNode.range[1];
  while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
  const lineEnd = text.indexOf('\n', end);
  let at = lineEnd < 0 ? text.length : lineEnd;
  if (at > 0 && text[at - 1] === '\r') at--;
  return { range: rangeInDocument(doc, at, at), newText: `\n${' '.repeat(indent)}${key}: ${valueText}` };
}

/** setField replaces an existing field's value or inserts the field into its parent map. */
export function setField(
  doc: ManifestDocument,
  parentPath: readonly PathSegment[],
  key: string,
  valueText: string,
): TextEdit | undefined {
  const existing = findNode(doc, [...parentPath, key]);
  if (existing.depth === parentPath.length + 1 && existing.node?.range) return replaceValue(doc, [...parentPath, key], valueText);
  if (existing.depth === parentPath.length + 1 && existing.keyNode?.range) {
    // `key:` with no value: put the value after the colon.
    const keyEnd = existing.keyNode.range[1];
    const colon = doc.chunk.text.indexOf(':', keyEnd);
    if (colon < 0) return undefined;
    return { range: rangeInDocument(doc, colon + 1, colon + 1), newText: ` ${valueText}` };
  }
  return insertField(doc, parentPath, key, valueText);
}

/** scalarText is the source text of a scalar node, or undefined. */
export function scalarSource(doc: ManifestDocument, path: readonly PathSegment[]): string | undefined {
  const node = findNode(doc, path).node;
  if (!isScalar(node) || !node.range) return undefined;
  return doc.chunk.text.slice(node.range[0], node.range[1]);
}
