/** Above this many pods a Job's pods are looked up through a Map. */
const SMALL = 16;

/**
 * PodStore: the pods of one simulated Job by name, in creation order (Map semantics). Most
 * Jobs hold one or a few pods, so it starts as a plain array (no hash table to build, shrink
 * and clear per Job) and switches to a Map for good once it holds more than a handful.
 */
export class PodStore<T extends { readonly name: string }> {
  private list: T[] = [];
  private map: Map<string, T> | null = null;

  get size(): number {
    return this.map === null ? this.list.length : this.map.size;
  }

  get(name: string): T | undefined {
    if (this.map !== null) return this.map.get(name);
    for (const pod of this.list) if (pod.name === name) return pod;
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** set stores `pod` under its name (replacing a pod of that name in place). */
  set(pod: T): void {
    if (this.map !== null) {
      this.map.set(pod.name, pod);
      return;
    }
    const list = this.list;
    for (let i = 0; i < list.length; i++) {
      if ((list[i] as T).name === pod.name) {
        list[i] = pod;
        return;
      }
    }
    // The first pod makes a one-element literal (a pushed-to empty one grows to 17 slots).
    if (list.length === 0) this.list = [pod];
    else list.push(pod);
    if (this.list.length > SMALL) {
      const map = new Map<string, T>();
      for (const p of this.list) map.set(p.name, p);
      this.map = map;
      this.list = [];
    }
  }

  delete(name: string): boolean {
    if (this.map !== null) return this.map.delete(name);
    const list = this.list;
    let i = 0;
    while (i < list.length && (list[i] as T).name !== name) i++;
    if (i === list.length) return false;
    for (let k = i; k < list.length - 1; k++) list[k] = list[k + 1] as T;
    // pop, not length--: the generic length setter is a slow builtin.
    list.pop();
    return true;
  }

  clear(): void {
    if (this.map !== null) this.map.clear();
    else while (this.list.length > 0) this.list.pop();
  }

  /**
   * The pods in creation order, as a read-only view: the store's own array while it is small
   * (no copy for the one-pod Jobs of a long CronJob simulation), else a new one. Do not keep
   * it past a change of the store.
   */
  view(): readonly T[] {
    return this.map !== null ? Array.from(this.map.values()) : this.list;
  }

  /** A new array of the pods in creation order. */
  snapshot(): T[] {
    return this.map !== null ? Array.from(this.map.values()) : this.list.slice();
  }
}
