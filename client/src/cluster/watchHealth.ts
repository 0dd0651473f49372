import type { InformerState } from './informer';
import type { WatchedKind } from '../views/model/clusterIndex';

/** Whether the view shows the server's current state, or objects as last seen. */
export interface SessionHealth {
  /** The API server does not answer: since when, and the last error. */
  readonly unreachable?: { readonly sinceMs: number; readonly message: string };
  /** Watches whose connection broke and that are not back yet. */
  readonly reconnecting: number;
  readonly watches: number;
  /** The objects shown may be out of date. */
  readonly stale: boolean;
}

/** Which namespaces a session actually watches. */
export interface WatchScope {
  /** One cluster-wide watch per resource. */
  readonly clusterWide: boolean;
  /** The namespaces watched one by one (empty when cluster-wide). */
  readonly namespaces: readonly string[];
  /** Watched namespaces ('' for the cluster scope) where RBAC forbids listing CronJobs or Jobs. */
  readonly forbidden: readonly string[];
}

interface Watch {
  readonly kind: WatchedKind;
  readonly namespace: string | undefined;
  /** The connection broke and the watch is not back. */
  lost: boolean;
  forbidden: boolean;
}

/**
 * WatchHealth follows the state of every informer of a session and sums it up: how many
 * watches lost their connection and are not back, and which namespaces RBAC hides. Changes
 * call `onChange`, so the tree's banner and the status bar follow.
 */
export class WatchHealth {
  private readonly watches = new Map<object, Watch>();
  private namespaceList: readonly (string | undefined)[] = [];

  constructor(private readonly onChange: () => void) {}

  setNamespaces(namespaces: readonly (string | undefined)[]): void {
    this.namespaceList = namespaces;
    this.onChange();
  }

  add(informer: object, kind: WatchedKind, namespace: string | undefined): void {
    this.watches.set(informer, { kind, namespace, lost: false, forbidden: false });
  }

  update(informer: object, state: InformerState): void {
    const w = this.watches.get(informer);
    if (!w) return;
    const before = `${w.lost}/${w.forbidden}`;
    if (state.phase === 'error') {
      w.lost = !state.answered;
      w.forbidden = state.forbidden;
    } else if (state.phase === 'watching') {
      w.lost = false;
      w.forbidden = false;
    }
    if (`${w.lost}/${w.forbidden}` !== before) this.onChange();
  }

  summary(unreachable: SessionHealth['unreachable']): SessionHealth {
    const reconnecting = [...this.watches.values()].filter((w) => w.lost).length;
    return {
      ...(unreachable ? { unreachable } : {}),
      reconnecting,
      watches: this.watches.size,
      stale: unreachable !== undefined || reconnecting > 0,
    };
  }

  get scope(): WatchScope {
    const clusterWide = this.namespaceList.length === 1 && this.namespaceList[0] === undefined;
    const forbidden = new Set<string>();
    for (const w of this.watches.values()) {
      if (w.forbidden && (w.kind === 'CronJob' || w.kind === 'Job')) forbidden.add(w.namespace ?? '');
    }
    return {
      clusterWide,
      namespaces: this.namespaceList.filter((n): n is string => n !== undefined),
      forbidden: [...forbidden].sort(),
    };
  }
}
