import type { Transport } from '../../../kube/transport';
import { requestJson } from '../../../kube/transport';
import { ApiError, errorMessage, isForbidden, isGone } from '../../../kube/apiError';
import type { ResourceRef } from '../../../kube/resources';
import { collectionPath, query } from '../../../kube/resources';
import { Backoff } from './backoff';
import { ObjectCache } from './objectCache';
import type { ChangeType, KubeObject } from './objectCache';
import { compareResourceVersions } from './resourceVersion';

/**
 * Where an informer is: listing; watching (the server answered the watch); waiting to list
 * again after a 410 Gone; or waiting to retry after an error — `answered` tells a refusal or a
 * server error (an HTTP status) from no answer at all (connection refused or reset, deadline).
 */
export type InformerState =
  | { readonly phase: 'listing' }
  | { readonly phase: 'watching'; readonly resourceVersion: string }
  | { readonly phase: 'relisting'; readonly retryInMs: number }
  | {
      readonly phase: 'error';
      readonly message: string;
      readonly forbidden: boolean;
      readonly answered: boolean;
      readonly retryInMs: number;
    };

/** How an informer waits before a retry; resolves true when the wait ended early because the server answers again. */
export type RetryWait = (ms: number, signal: AbortSignal, afterNoAnswer: boolean) => Promise<boolean>;

export interface InformerOptions {
  readonly transport: Transport;
  readonly resource: ResourceRef;
  /** Undefined watches all namespaces. */
  readonly namespace?: string;
  readonly onChange: (type: ChangeType, object: KubeObject, previous?: KubeObject) => void;
  readonly onState?: (state: InformerState) => void;
  /** Called after each complete list, with the object count. */
  readonly onSynced?: (count: number) => void;
  /** Tells why an object cannot be shown (objectShape.ts), or undefined. */
  readonly malformation?: (object: unknown) => string | undefined;
  /** Called once per malformed object (skipped). */
  readonly onMalformed?: (what: string, problem: string) => void;
  /** Reports whether each request got an answer from the server (any HTTP status) or none. */
  readonly onAnswer?: (answered: boolean, message?: string) => void;
  readonly pageSize?: number;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  /** Deadline for each list page (default: the transport's request timeout). */
  readonly listTimeoutMs?: number;
  /** A watch that sends nothing — no event, no bookmark — for this long is broken (default 90 s). */
  readonly watchInactivityMs?: number;
  /** How to wait before retrying (default: a plain timer). */
  readonly wait?: RetryWait;
  readonly random?: () => number;
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject & { code?: number; reason?: string; message?: string };
}

/** Thrown inside the loop to ask for a fresh list. */
class RelistNeeded extends Error {}

/**
 * The API server sends a bookmark about every minute to a watch that asked for them
 * (defaultBookmarkFrequency, apiserver/pkg/storage/cacher/cacher.go); 90 s of silence means
 * the connection is gone even if the socket does not know it yet.
 */
const WATCH_INACTIVITY_MS = 90_000;

/** A watch that ends within a second without a single line is a failure, not a timeout (handleAnyWatch, reflector.go). */
const SHORT_WATCH_MS = 1000;

/**
 * Informer keeps a local copy of one resource in one namespace (or all) up to date: list
 * (paged, each page with a deadline), then watch from the list's resourceVersion with
 * bookmarks, `timeoutSeconds` and an inactivity deadline. Every list after the first waits a
 * backoff with jitter (a 410 Gone included), which grows while lists keep failing and resets
 * once a watch delivers; other errors retry the watch from the last resourceVersion after an
 * exponential backoff that a returning server cuts short (the session's reachability probe);
 * a 403 reports the refusal and retries slowly (RBAC may change). Events are filtered by an
 * ObjectCache (stale, duplicate, foreign and malformed objects). Mirrors client-go
 * tools/cache/reflector.go `ListAndWatch` run by `wait.BackoffUntil`.
 */
export class Informer {
  private readonly cache: ObjectCache;
  private readonly abort = new AbortController();
  private readonly errorBackoff: Backoff;
  private readonly relistBackoff: Backoff;
  private resourceVersion = '';
  private running: Promise<void> | undefined;
  private synced = false;
  private readonly syncWaiters: (() => void)[] = [];
  /** A returning server may end a retry wait early, once per success. */
  private mayWakeEarly = true;

  constructor(private readonly options: InformerOptions) {
    this.errorBackoff = new Backoff(options.backoffInitialMs ?? 500, options.backoffMaxMs ?? 30_000, options.random);
    this.relistBackoff = new Backoff(options.backoffInitialMs ?? 500, options.backoffMaxMs ?? 30_000, options.random);
    this.cache = new ObjectCache({
      ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
      ...(options.malformation ? { malformation: options.malformation } : {}),
      ...(options.onMalformed ? { onMalformed: options.onMalformed } : {}),
      onChange: options.onChange,
    });
  }

  /** The objects as last seen. */
  get store(): ReadonlyMap<string, KubeObject> {
    return this.cache.objects;
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
        await this.watch(signal);
        // The server ended the watch (its timeoutSeconds): watch again from where we are, at once.
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof RelistNeeded || isGone(error)) {
          needList = true;
          const retryInMs = this.relistBackoff.next();
          this.options.onState?.({ phase: 'relisting', retryInMs });
          await this.wait(retryInMs, false);
          continue;
        }
        const answered = error instanceof ApiError;
        if (!answered) this.options.onAnswer?.(false, errorMessage(error));
        const forbidden = isForbidden(error);
        const retryInMs = forbidden ? Math.max(this.errorBackoff.next(), 5_000) : this.errorBackoff.next();
        this.options.onState?.({ phase: 'error', message: errorMessage(error), forbidden, answered, retryInMs });
        // After a failed list we must list again; after a failed watch, watch from the last resourceVersion.
        const woken = await this.wait(retryInMs, !answered && this.mayWakeEarly);
        if (woken) this.mayWakeEarly = false;
      }
    }
  }

  private async wait(ms: number, afterNoAnswer: boolean): Promise<boolean> {
    if (this.options.wait) return this.options.wait(ms, this.abort.signal, afterNoAnswer);
    await sleep(ms, this.abort.signal);
    return false;
  }

  /** succeeded notes an answer from the server: backoffs for errors start over. */
  private succeeded(): void {
    this.errorBackoff.reset();
    this.mayWakeEarly = true;
    this.options.onAnswer?.(true);
  }

  private async list(): Promise<void> {
    const items: unknown[] = [];
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await requestJson<{ metadata?: { resourceVersion?: string; continue?: string }; items?: unknown[] }>(
        this.options.transport,
        'GET',
        this.path + query({ limit: this.options.pageSize ?? 500, continue: continueToken }),
        undefined,
        {
          signal: this.abort.signal,
          ...(this.options.listTimeoutMs !== undefined ? { timeoutMs: this.options.listTimeoutMs } : {}),
        },
      ).catch((error: unknown) => {
        if (error instanceof ApiError) this.options.onAnswer?.(true);
        throw error;
      });
      items.push(...(Array.isArray(page.items) ? page.items : []));
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    } while (continueToken);
    this.succeeded();
    this.cache.replaceAll(items);
    this.resourceVersion = resourceVersion;
    this.options.onSynced?.(this.cache.objects.size);
    if (!this.synced) {
      this.synced = true;
      for (const resolve of this.syncWaiters.splice(0)) resolve();
    }
  }

  private async watch(signal: AbortSignal): Promise<void> {
    // Like the reflector, ask the server to end the watch after 5–10 minutes.
    const timeoutSeconds = 300 + Math.floor((this.options.random ?? Math.random)() * 300);
    const path =
      this.path + query({ watch: 1, resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds });
    let relist = false;
    let failure: unknown;
    let lines = 0;
    const started = Date.now();
    const inner = new AbortController();
    const stopWith = (reason: unknown): void => {
      failure ??= reason;
      setImmediate(() => inner.abort());
    };
    const onAbort = (): void => inner.abort();
    signal.addEventListener('abort', onAbort);
    try {
      await this.options.transport.stream(
        path,
        (line) => {
          if (relist || failure !== undefined || line.trim() === '') return;
          lines++;
          const event = parseEvent(line);
          if (typeof event === 'string') return stopWith(new Error(`watch ${this.path}: ${event}`));
          if (event.type === 'ERROR') {
            const status = event.object ?? {};
            if (status.code === 410 || status.reason === 'Expired' || status.reason === 'Gone') {
              relist = true;
              setImmediate(() => inner.abort());
              return;
            }
            return stopWith(new ApiError(status.code ?? 500, status, `watch ${this.path}`));
          }
          // A healthy stream: lists that follow a later 410 start their backoff over.
          this.relistBackoff.reset();
          this.onEvent(event);
        },
        inner.signal,
        {
          idleTimeoutMs: this.options.watchInactivityMs ?? WATCH_INACTIVITY_MS,
          onResponse: () => {
            this.succeeded();
            this.options.onState?.({ phase: 'watching', resourceVersion: this.resourceVersion });
          },
        },
      );
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (failure !== undefined) throw failure;
    if (relist) throw new RelistNeeded();
    if (!signal.aborted && lines === 0 && Date.now() - started < SHORT_WATCH_MS) {
      throw new ApiError(
        500,
        { message: `very short watch: ${this.path} ended within a second without a single event` },
        `watch ${this.path}`,
      );
    }
  }

  private onEvent(event: WatchEvent): void {
    const rv = event.object?.metadata?.resourceVersion;
    if (event.type === 'BOOKMARK') {
      this.advance(rv);
      return;
    }
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
    const ignored = this.cache.applyEvent(event.type, event.object);
    if (ignored !== 'malformed' && ignored !== 'foreign') this.advance(rv);
  }

  /** advance moves the watch's resourceVersion forward, never back (a stale event must not rewind it). */
  private advance(rv: unknown): void {
    if (typeof rv !== 'string' || rv === '') return;
    if (compareResourceVersions(rv, this.resourceVersion) !== -1) this.resourceVersion = rv;
  }
}

/** parseEvent reads one watch line, or says why it cannot. */
function parseEvent(line: string): WatchEvent | string {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return `unreadable event ${JSON.stringify(line.slice(0, 80))}`;
  }
  if (typeof event !== 'object' || event === null || typeof (event as { type?: unknown }).type !== 'string') {
    return `event without a type ${JSON.stringify(line.slice(0, 80))}`;
  }
  return event as WatchEvent;
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
