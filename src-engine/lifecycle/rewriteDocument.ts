import { Document, YAMLMap, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node, ParsedNode } from 'yaml';
import type { Fix } from '../model/diagnostic';
import { rangeInDocument } from '../parse/manifests';
import type { ManifestDocument } from '../parse/manifests';

/**
 * Shared machinery of the conversions (Deployment → Job, loop → CronJob, Job → Deployment):
 * the document is parsed again with the yaml library's editable tree, the nodes worth keeping
 * (metadata, the pod template) are moved, with their comments, into a new object of the target
 * kind, and the fix replaces the document's content with it, in the file's own indentation.
 */

/** The editable tree of a document, or undefined when it does not parse cleanly. */
export function editableTree(doc: ManifestDocument): { tree: Document.Parsed; root: YAMLMap<unknown, unknown> } | undefined {
  const tree = parseDocument(doc.chunk.text, { uniqueKeys: true, merge: true });
  if (tree.errors.length > 0 || !isMap(tree.contents)) return undefined;
  return { tree, root: tree.contents as YAMLMap<unknown, unknown> };
}

/** nodeIn walks map keys and list indexes to a node of the editable tree. */
export function nodeIn(root: unknown, path: readonly (string | number)[]): Node | undefined {
  let current: unknown = root;
  for (const segment of path) {
    if (isMap(current)) current = current.get(segment, true);
    else if (isSeq(current) && typeof segment === 'number') current = current.items[segment];
    else return undefined;
  }
  return (current ?? undefined) as Node | undefined;
}

/** mapOf builds a block map from entries in order; undefined values are left out. */
export function mapOf(entries: ReadonlyArray<readonly [string, unknown]>): YAMLMap<unknown, unknown> {
  const map = new YAMLMap<unknown, unknown>();
  for (const [key, value] of entries) if (value !== undefined) map.set(key, value);
  return map;
}

/** setIn sets `key` on a map node (replacing a scalar's value in place keeps its quoting). */
export function setScalar(map: YAMLMap<unknown, unknown>, key: string, value: string | number): void {
  const existing = map.get(key, true);
  if (isScalar(existing)) existing.value = value;
  else map.set(key, value);
}

/** The file's style, so the rewritten document looks like its neighbours. */
function styleOf(text: string): { indent: number; indentSeq: boolean } {
  const nested = /\n( +)\S/.exec(text);
  const indent = nested ? Math.min(Math.max((nested[1] as string).length, 2), 8) : 2;
  // `key:\n- item` (sequence at the key's column) is the other common list style.
  const flushSeq = /^( *)[\w.-]+:[ \t]*\r?\n\1- /m.test(text);
  return { indent, indentSeq: !flushSeq };
}

/** replaceDocumentFix is a fix that replaces the document's content with `contents`. */
export function replaceDocumentFix(
  doc: ManifestDocument,
  contents: YAMLMap<unknown, unknown>,
  title: string,
  isPreferred = false,
): Fix | undefined {
  const root = doc.yaml.contents as ParsedNode | null;
  if (!root?.range) return undefined;
  const out = new Document();
  out.contents = contents;
  const style = styleOf(doc.chunk.text);
  let text = out.toString({ indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0, flowCollectionPadding: false });
  // The content's range ends after its last line break when there is one; keep it.
  const [start, end] = root.range;
  if (doc.chunk.text[end - 1] !== '\n') text = text.replace(/\r?\n$/, '');
  if (doc.chunk.text.includes('\r\n')) text = text.replace(/\r?\n/g, '\r\n');
  return { title, edits: [{ range: rangeInDocument(doc, start, end), newText: text }], ...(isPreferred ? { isPreferred } : {}) };
}
