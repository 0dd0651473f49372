import type { ApiPath } from './apiPath';
import { list, obj } from './context';

/** One item of a list field as validation reads it, with its path. */
export interface ObjectItem {
  /** The item; one that is not an object validates as an empty one (the field-type rule reports its type). */
  readonly item: Record<string, unknown>;
  readonly path: ApiPath;
}

/** objectItems lists the items of a list field (none when it is not a list), each with its path `path[i]`. */
export function objectItems(value: unknown, path: ApiPath): ObjectItem[] {
  return (list(value) ?? []).map((item, i) => ({ item: obj(item) ?? {}, path: path.index(i) }));
}
