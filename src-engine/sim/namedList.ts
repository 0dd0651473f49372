/**
 * NamedList: an insertion-ordered name → value store with Map semantics (setting an existing
 * name keeps its place), kept in a plain array. The simulator adds and deletes a Job every
 * simulated minute; a Map doing that rehashes often, and V8 links each retired hash table to
 * its successor, so a retired table that reached the old generation keeps every later Job
 * alive through young-generation collections. An array has no such chain. Lookups are
 * linear, which suits the few Jobs a CronJob keeps.
 */
export class NamedList<T> {
  private readonly names: string[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  get(name: string): T | undefined {
    const i = this.names.indexOf(name);
    return i < 0 ? undefined : this.items[i];
  }

  set(name: string, item: T): void {
    const i = this.names.indexOf(name);
    if (i >= 0) {
      this.items[i] = item;
      return;
    }
    this.names.push(name);
    this.items.push(item);
  }

  delete(name: string): boolean {
    const i = this.names.indexOf(name);
    if (i < 0) return false;
    // Shift down by hand: splice would allocate the array of removed elements (a delete a minute in
    // the figure "simulate a year of a `* * * * *` CronJob" (bench/simulate.mjs)).
    const last = this.items.length - 1;
    for (let k = i; k < last; k++) {
      this.names[k] = this.names[k + 1] as string;
      this.items[k] = this.items[k + 1] as T;
    }
    // pop, not length = last: the generic length setter is a slow builtin.
    this.names.pop();
    this.items.pop();
    return true;
  }

  /** The values in insertion order (a live view: do not change the list while iterating). */
  values(): readonly T[] {
    return this.items;
  }
}
