import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { PathSegment } from '../parse/fieldPath';
import type { ManifestDocument } from '../parse/manifests';
import { pairKeyText } from '../parse/simpleYamlNodes';

/**
 * nodeAt is a lean findNode for the hot paths of linting (plain loops, no result object):
 * the value node at `path`, or undefined. For the figure "lint a 1,000-document file" (bench/lint.mjs).
 */
export function nodeAt(doc: ManifestDocument, path: readonly PathSegment[]): Node | undefined {
  let current: unknown = doc.yaml.contents;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isMap(current)) {
      let next: unknown;
      const items = current.items;
      for (let j = 0; j < items.length; j++) {
        const key = pairKeyText(items[j]!);
        if (key !== undefined && (key === segment || key === String(segment))) {
          next = items[j]!.value;
          break;
        }
      }
      if (next === undefined || next === null) return undefined;
      current = next;
    } else if (isSeq(current) && typeof segment === 'number') {
      current = current.items[segment];
      if (current === undefined || current === null) return undefined;
    } else {
      return undefined;
    }
  }
  return (current ?? undefined) as Node | undefined;
}

/** isPlainScalarAt reports whether the value at `path` is written unquoted. */
export function isPlainScalarAt(doc: ManifestDocument, path: readonly PathSegment[]): boolean {
  const node = nodeAt(doc, path);
  return isScalar(node) && node.type === 'PLAIN';
}
