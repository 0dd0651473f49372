import type { KObject } from './kobject';

/** WatchEventType is the `type` of a watch event carrying an object change. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * StoreEvent is one change, as recorded in the history watches resume from. Its object is
 * shared with the store (stored objects are replaced, never changed in place): do not mutate it.
 */
export interface StoreEvent {
  readonly type: WatchEventType;
  readonly resource: string;
  readonly rv: number;
  readonly object: KObject;
}

/**
 * ChangeHistory is the store's change log: one global resourceVersion counter (like etcd's
 * revision), the bounded history watches resume from (older resumes get 410 Expired, like the
 * watch cache), and the listeners told of each change.
 */
export class ChangeHistory {
  private rv: number;
  private history: StoreEvent[] = [];
  private historyStart = 0;
  /** Highest resourceVersion no longer in history (resuming at or below it gives 410). */
  private compactedRv: number;
  private readonly listeners = new Set<(ev: StoreEvent) => void>();

  constructor(
    initialResourceVersion: number,
    /** How many changes the history keeps (the watch cache size). */
    private readonly historyLimit: number,
  ) {
    this.rv = initialResourceVersion;
    this.compactedRv = initialResourceVersion;
  }

  /** The current global resourceVersion. */
  get resourceVersion(): number {
    return this.rv;
  }

  /** The lowest resourceVersion a watch can resume from without 410. */
  get oldestResumableRv(): number {
    return this.compactedRv;
  }

  /** nextResourceVersion hands out the resourceVersion of the next change. */
  nextResourceVersion(): string {
    this.rv++;
    return String(this.rv);
  }

  /** compact forgets all history, as an etcd compaction does: older resumes get 410 Expired. */
  compact(): void {
    this.history = [];
    this.historyStart = 0;
    this.compactedRv = this.rv;
  }

  /** record keeps a change (at its object's resourceVersion) and tells every listener. */
  record(type: WatchEventType, resource: string, object: KObject): void {
    const ev: StoreEvent = { type, resource, rv: Number(object.metadata.resourceVersion), object };
    this.history.push(ev);
    if (this.history.length - this.historyStart > this.historyLimit) {
      const dropped = this.history[this.historyStart];
      this.historyStart++;
      if (dropped) {
        this.compactedRv = dropped.rv;
      }
      if (this.historyStart > 4096) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
    for (const l of [...this.listeners]) {
      l(ev);
    }
  }

  /** subscribe calls `fn` for every change from now on; returns the unsubscribe function. */
  subscribe(fn: (ev: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** since returns the recorded changes with resourceVersion > rv, or 'expired' when history no longer reaches back that far. */
  since(rv: number): StoreEvent[] | 'expired' {
    if (rv < this.compactedRv) {
      return 'expired';
    }
    const out: StoreEvent[] = [];
    for (let i = this.history.length - 1; i >= this.historyStart; i--) {
      const ev = this.history[i];
      if (!ev || ev.rv <= rv) {
        break;
      }
      out.push(ev);
    }
    return out.reverse();
  }
}
