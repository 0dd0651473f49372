/**
 * EventQueue: a binary min-heap of (time, priority, sequence) → item. Ties on time go to the
 * lower priority class, then to the item added first, so a simulation is deterministic.
 */
export class EventQueue<T> {
  private readonly times: number[] = [];
  private readonly prios: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(time: number, priority: number, item: T): void {
    this.times.push(time);
    this.prios.push(priority);
    this.seqs.push(this.seq++);
    this.items.push(item);
    this.up(this.items.length - 1);
  }

  /** Time of the first item, or Infinity when empty. */
  peekTime(): number {
    return this.items.length === 0 ? Infinity : (this.times[0] as number);
  }

  pop(): { time: number; item: T } | undefined {
    if (this.items.length === 0) return undefined;
    const time = this.times[0] as number;
    return { time, item: this.popItem() as T };
  }

  /** popItem removes and returns the first item (its time is peekTime() before the call); undefined when empty. */
  popItem(): T | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const item = this.items[0] as T;
    const last = n - 1;
    this.move(last, 0);
    this.times.pop();
    this.prios.pop();
    this.seqs.pop();
    this.items.pop();
    if (last > 0) this.down(0);
    return item;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a] as number;
    const tb = this.times[b] as number;
    if (ta !== tb) return ta < tb;
    const pa = this.prios[a] as number;
    const pb = this.prios[b] as number;
    if (pa !== pb) return pa < pb;
    return (this.seqs[a] as number) < (this.seqs[b] as number);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from] as number;
    this.prios[to] = this.prios[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    this.items[to] = this.items[from] as T;
  }

  private swap(a: number, b: number): void {
    const t = this.times[a] as number;
    const p = this.prios[a] as number;
    const s = this.seqs[a] as number;
    const i = this.items[a] as T;
    this.move(b, a);
    this.times[b] = t;
    this.prios[b] = p;
    this.seqs[b] = s;
    this.items[b] = i;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
}
