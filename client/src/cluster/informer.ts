import type { Transport } from './transport';
import { requestJson } from './transport';
import { ApiError, errorMessage, isForbidden, isGone } from './apiError';
import type { ResourceRef } from './resources';
import { collectionPath, query } from './resources';
import { Backoff } from './backoff';

/** The metadata every object we watch carries. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    deletionTimestamp?: string;
  };
}

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Where an informer is: listing, watching, or waiting to retry after an error. */
export type InformerState =
  | { readonly phase: 'listing' }
  | { readonly phase: 'watching'; readonly resourceVersion: string }
  | { readonly phase: 'error'; readonly message: string; readonly forbidden: boolean; readonly retryInMs: number };

export interface InformerOptions {
  readonly transport: Transport;
  readonly resource: ResourceRef;
  /** Undefined watches all namespaces. */
  readonly namespace?: string;
  readonly onChange: (type: ChangeType, object: KubeObject, previous?: KubeObject) => void;
  readonly onState?: (state: InformerState) => void;
  /** Called after each complete list, with the object count. */
  readonly onSynced?: (count: number) => void;
  readonly pageSize?: number;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  readonly random?: () => number;
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject & { code?: number; reason?: string; message?: string };
}

/** objectKey is `namespace/name` (or `name` for cluster-scoped objects). */
export function objectKey(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

/** Thrown inside the loop to ask for a fresh list. */
class RelistNeeded extends Error {}

/**
 * Informer keeps a local copy of one resource in one namespace (or all) up to date: list
 * (paged), then watch from the list's resourceVersion with bookmarks. A 410 Gone (on the watch
 * request or as an ERROR event) lists again and reports the difference as changes, so
 * listeners never miss a deletion; network errors and 5xx reconnect the watch from the last
 * resourceVersion after an exponential backoff; a 403 reports the refusal and retries slowly
 * (RBAC may change). Mirrors client-go tools/cache/reflector.go `ListAndWatch`.
 */
export class Informer {
  readonly store = new Map<string, KubeObject>();
  private readonly abort = new AbortController();
  private readonly backoff: Backoff;
  private resourceVersion = '';
  private running: Promise<void> | undefined;
  private synced = false;
  private readonly syncWaiters: (() => void)[] = [];

  constructor(private readonly options: InformerOptions) {
    this.backoff = new Backoff(options.backoffInitialMs ?? 500, options.backoffMaxMs ?? 30_000, options.random);
  }

  /** start begins listing and watching; idempotent. */
  start(): void {
    this.running ??= this.run();
  }

  /** stop ends the watch; the store keeps its last content. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  /** whenSynced resolves after the first complete list. */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  private get path(): string {
    return collectionPath(this.options.resource, this.options.namespace);
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let needList = true;
    while (!signal.aborted) {
      try {
        if (needList) {
          this.options.onState?.({ phase: 'listing' });
          await this.list();
          needList = false;
        }
        this.options.onState?.({ phase: 'watching', resourceVersion: this.resourceVersion });
        await this.watch(signal);
        // The server closed the watch (its timeout): watch again from where we are, at once.
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof RelistNeeded || isGone(error)) {
          needList = true;
          continue;
        }
        const forbidden = isForbidden(error);
        const retryInMs = forbidden ? Math.max(this.backoff.next(), 5_000) : this.backoff.next();
        this.options.onState?.({ phase: 'error', message: errorMessage(error), forbidden, retryInMs });
        await sleep(retryInMs, signal);
        // A watch from a very old resourceVersion would answer 410 anyway; after a failed list we must list.
      }
    }
  }

  private async list(): Promise<void> {
    const fresh = new Map<string, KubeObject>();
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await requestJson<{ metadata?: { resourceVersion?: string; continue?: string }; items?: KubeObject[] }>(
        this.options.transport,
        'GET',
        this.path + query({ limit: this.options.pageSize ?? 500, continue: continueToken }),
        undefined,
        { signal: this.abort.signal },
      );
      for (const item of page.items ?? []) fresh.set(objectKey(item), item);
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    } while (continueToken);
    this.backoff.reset();
    // Report the difference between what we had and what the server has now.
    for (const [key, old] of this.store) {
      if (!fresh.has(key)) {
        this.store.delete(key);
        this.options.onChange('DELETED', old, old);
      }
    }
    for (const [key, object] of fresh) {
      const old = this.store.get(key);
      if (old && old.metadata.resourceVersion === object.metadata.resourceVersion) continue;
      this.store.set(key, object);
      this.options.onChange(old ? 'MODIFIED' : 'ADDED', object, old);
    }
    this.resourceVersion = resourceVersion;
    this.options.onSynced?.(this.store.size);
    if (!this.synced) {
      this.synced = true;
      for (const resolve of this.syncWaiters.splice(0)) resolve();
    }
  }

  private async watch(signal: AbortSignal): Promise<void> {
    // Like the reflector, ask the server to end the watch after 5–10 minutes so a silently dead
    // connection cannot hide changes for long.
    const timeoutSeconds = 300 + Math.floor((this.options.random ?? Math.random)() * 300);
    const path = this.path + query({ watch: 1, resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds });
    let relist = false;
    let failure: unknown;
    const inner = new AbortController();
    const onAbort = (): void => inner.abort();
    signal.addEventListener('abort', onAbort);
    try {
      await this.options.transport.stream(
        path,
        (line) => {
          if (relist || failure !== undefined || line.trim() === '') return;
          let event: WatchEvent;
          try {
            event = JSON.parse(line) as WatchEvent;
          } catch {
            failure = new Error(`watch ${this.path}: unreadable event ${JSON.stringify(line.slice(0, 80))}`);
            setImmediate(() => inner.abort());
            return;
          }
          if (event.type === 'ERROR') {
            const status = event.object;
            if (status.code === 410 || status.reason === 'Expired' || status.reason === 'Gone') {
              relist = true;
              setImmediate(() => inner.abort());
              return;
            }
            failure = new ApiError(status.code ?? 500, status, `watch ${this.path}`);
            setImmediate(() => inner.abort());
            return;
          }
          if (!event.object?.metadata?.name && event.type !== 'BOOKMARK') {
            failure = new Error(`watch ${this.path}: ${event.type} event without an object name`);
            setImmediate(() => inner.abort());
            return;
          }
          const rv = event.object.metadata?.resourceVersion;
          if (event.type === 'BOOKMARK') {
            if (rv) this.resourceVersion = rv;
            return;
          }
          const key = objectKey(event.object);
          const old = this.store.get(key);
          if (event.type === 'DELETED') {
            this.store.delete(key);
            this.options.onChange('DELETED', event.object, old);
          } else {
            this.store.set(key, event.object);
            this.options.onChange(old ? 'MODIFIED' : 'ADDED', event.object, old);
          }
          if (rv) this.resourceVersion = rv;
          this.backoff.reset();
        },
        inner.signal,
      );
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (failure !== undefined) throw failure;
    if (relist) throw new RelistNeeded();
  }
}

/** sleep waits `ms`, ending early (without error) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}
