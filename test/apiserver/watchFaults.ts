/**
 * Watch-stream faults: what a misbehaving proxy, aggregator or API server sends on a watch
 * besides the true events — the same event twice, an older version of an object after a newer
 * one, a malformed copy of an object. The true events still arrive in order, so a client that
 * ignores the bad ones ends with the server's state.
 */
import type { Faults } from './faults';
import type { KObject } from './store';

/** WatchLine is one event of a watch stream: `{type, object}`. */
export interface WatchLine {
  readonly type: string;
  readonly object: KObject;
}

/** The malformations, used in turn: each breaks a field the API guarantees the type of. */
const MALFORMATIONS: readonly ((o: KObject) => void)[] = [
  (o) => {
    o.metadata.ownerReferences = { apiVersion: 'batch/v1', kind: 'CronJob', name: 'not-a-list', uid: 'x' };
  },
  (o) => {
    o.metadata.labels = 'app=not-a-map';
  },
  (o) => {
    o.metadata.creationTimestamp = 1_700_000_000;
  },
];

/** WatchFaultShaper decides, for one watch stream, what to send for each true event. */
export class WatchFaultShaper {
  private readonly lastSent = new Map<string, KObject>();
  private malformations = 0;

  constructor(
    private readonly faults: Faults,
    private readonly path: string,
  ) {}

  /** lines returns the events to write for one true event, the true one always among them. */
  lines(event: WatchLine): WatchLine[] {
    const meta = event.object.metadata ?? {};
    const key = `${meta.namespace ?? ''}/${meta.name}`;
    const out: WatchLine[] = [];
    if (this.faults.chance('malformedEvent', this.path)) {
      const bad = structuredClone(event.object);
      MALFORMATIONS[this.malformations++ % MALFORMATIONS.length]?.(bad);
      out.push({ type: 'MODIFIED', object: bad });
    }
    out.push(event);
    if (this.faults.chance('duplicateEvent', this.path)) out.push(event);
    const previous = this.lastSent.get(key);
    if (previous && event.type !== 'ADDED' && this.faults.chance('staleEvent', this.path)) {
      out.push({ type: 'MODIFIED', object: previous });
    }
    this.lastSent.set(key, event.object);
    return out;
  }
}
