/**
 * What the garbage collector reads and writes of owned objects (pkg/controller/garbagecollector):
 * an object's dependents are the objects whose ownerReferences name it; orphaning one removes
 * that reference. The store applies the propagation policy on delete.
 */
import type { KObject } from './kobject';
import { clone } from './patch';

/** dependentsOf returns the [resource, object] pairs whose ownerReferences name `uid`. */
export function dependentsOf(objects: ReadonlyMap<string, ReadonlyMap<string, KObject>>, uid: string): Array<[string, KObject]> {
  const out: Array<[string, KObject]> = [];
  for (const [resource, bucket] of objects) {
    for (const o of bucket.values()) {
      if ((o.metadata.ownerReferences ?? []).some((ref: KObject) => ref.uid === uid)) {
        out.push([resource, o]);
      }
    }
  }
  return out;
}

/** orphaned is a copy of `dependent` without its reference to the owner `uid`, ready for an update. */
export function orphaned(dependent: KObject, uid: string): KObject {
  const copy = clone(dependent);
  copy.metadata.ownerReferences = (copy.metadata.ownerReferences as KObject[]).filter((ref) => ref.uid !== uid);
  if (copy.metadata.ownerReferences.length === 0) {
    delete copy.metadata.ownerReferences;
  }
  delete copy.metadata.resourceVersion;
  return copy;
}
