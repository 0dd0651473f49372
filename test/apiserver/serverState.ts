/** What the request handlers of the test API server share. */
import type { Faults } from './faults';
import type { ResourceInfo } from './resources';
import type { KObject, Store } from './store';

/** The attributes of a request that RBAC rules (and SelfSubjectAccessReview) look at. */
export interface AccessAttributes {
  readonly verb: string;
  readonly resource: string;
  readonly group: string;
  readonly namespace?: string;
  readonly user: string;
  readonly subresource?: string;
}

/** An open watch, as the server's handles (sendBookmarks, endWatches) reach it. */
export interface Watcher {
  allowBookmarks: boolean;
  resource: ResourceInfo;
  send: (ev: KObject) => void;
  end: () => void;
}

/** The server's objects, faults, clock, RBAC denials and open watches. */
export interface ServerState {
  readonly store: Store;
  readonly faults: Faults;
  /** The wall clock (object timestamps, ages in tables). */
  readonly now: () => number;
  /** Whether a deny rule refuses the request. */
  readonly isDenied: (a: AccessAttributes) => boolean;
  readonly watchers: Set<Watcher>;
  /** How often open watches that asked for bookmarks get one. */
  readonly bookmarkIntervalMs: number;
}
