/**
 * The object store behind the test API server: uid/creationTimestamp/generation/generateName
 * handling, the change history watches resume from (changeHistory.ts), graceful deletion
 * (gracefulDeletion.ts) and ownerReference garbage collection on delete (garbageCollection.ts).
 *
 * Tests and the demo call it directly to make changes "behind the client's back", the way
 * controllers and kubelets change a real cluster.
 */
import { randomUUID } from 'node:crypto';
import { prepareForCreate, validateBasics, validateJobUpdate } from './defaults';
import { clone } from './patch';
import type { Rng } from './prng';
import { mulberry32, randomSuffix } from './prng';
import type { ResourceInfo } from './resources';
import { apiVersionOf, resourceByName } from './resources';
import type { StatusCause } from './status';
import { alreadyExists, conflict, invalid, notFound } from './status';
import { formatTime } from './timefmt';
import { gracePeriodFor, planDeletion, removableAfterUpdate } from './gracefulDeletion';
import { ChangeHistory } from './changeHistory';
import { dependentsOf, orphaned } from './garbageCollection';
import type { StoreEvent } from './changeHistory';
import type { KObject } from './kobject';

export type { KObject } from './kobject';
export type { StoreEvent, WatchEventType } from './changeHistory';

/** PropagationPolicy mirrors metav1.DeletionPropagation. */
export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/** StoreHooks let the engine plug its defaulting and validation in. */
export interface StoreHooks {
  /** Extra validation run on create and update; a non-empty result is a 422 Invalid. */
  validate?: (resource: string, obj: KObject, old: KObject | undefined) => StatusCause[];
}

export interface StoreOptions extends StoreHooks {
  /** Wall clock in epoch ms (timestamps, ages). Defaults to Date.now. */
  now?: () => number;
  /** Seed for generated names. */
  seed?: number;
  /** How many events the history keeps (the watch cache size); older resumes get 410. */
  historyLimit?: number;
  /** First resourceVersion handed out. */
  initialResourceVersion?: number;
}

export interface WriteOptions {
  /** dryRun=All: run every step, persist nothing, emit no event. */
  dryRun?: boolean;
  /** Run create-time defaulting and validation as an API create does (default true for HTTP, false for the store API). */
  admit?: boolean;
  /**
   * For bulk seeders: the store keeps `input` itself instead of a copy and returns the stored
   * object; the caller must not change either afterwards. Saves two deep copies per object.
   */
  takeOwnership?: boolean;
}

function keyOf(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

/**
 * Store keeps objects by resource, namespace and name. Every method returns copies, so
 * callers can never change stored state except through it.
 */
export class Store {
  readonly now: () => number;
  readonly hooks: StoreHooks;
  private readonly objects = new Map<string, Map<string, KObject>>();
  private readonly changes: ChangeHistory;
  private readonly rng: Rng;

  constructor(opts: StoreOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.hooks = { validate: opts.validate };
    this.changes = new ChangeHistory(opts.initialResourceVersion ?? 1000, opts.historyLimit ?? 50_000);
    this.rng = mulberry32(opts.seed ?? 1);
    for (const ns of ['default', 'kube-system', 'kube-public']) {
      this.create('namespaces', { metadata: { name: ns } }, { admit: true });
    }
  }

  /** resourceVersion returns the current global resourceVersion (list metadata uses it). */
  resourceVersion(): string {
    return String(this.changes.resourceVersion);
  }

  /** oldestResumableRv is the lowest resourceVersion a watch can resume from without 410. */
  oldestResumableRv(): number {
    return this.changes.oldestResumableRv;
  }

  /** compact forgets all history, as an etcd compaction does: older resumes get 410 Expired. */
  compact(): void {
    this.changes.compact();
  }

  private bucket(resource: string): Map<string, KObject> {
    let b = this.objects.get(resource);
    if (!b) {
      b = new Map();
      this.objects.set(resource, b);
    }
    return b;
  }

  /** subscribe calls `fn` for every change from now on; returns the unsubscribe function. */
  subscribe(fn: (ev: StoreEvent) => void): () => void {
    return this.changes.subscribe(fn);
  }

  /**
   * eventsSince returns the recorded changes with resourceVersion > rv, or 'expired' when
   * history no longer reaches back that far (the watch answers 410 then).
   */
  eventsSince(rv: number): StoreEvent[] | 'expired' {
    return this.changes.since(rv);
  }

  /** get returns a copy of one object, or undefined. */
  get(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    const o = this.bucket(resource).get(keyOf(namespace, name));
    return o ? clone(o) : undefined;
  }

  /** mustGet is get that throws the server's NotFound Status. */
  mustGet(resource: string, namespace: string | undefined, name: string): KObject {
    const o = this.get(resource, namespace, name);
    if (!o) {
      throw notFound(resourceByName(resource), name);
    }
    return o;
  }

  /** list returns copies of all objects of a resource (optionally one namespace), sorted by namespace then name. */
  list(resource: string, namespace?: string): KObject[] {
    return this.listRefs(resource, namespace).map((o) => clone(o));
  }

  /** listRefs is list without copying, for the server's read paths; callers must not mutate. */
  listRefs(resource: string, namespace?: string): KObject[] {
    const out: KObject[] = [];
    for (const [k, o] of this.bucket(resource)) {
      if (namespace === undefined || k.startsWith(`${namespace}/`)) {
        out.push(o);
      }
    }
    // Byte order of `namespace/name`, like etcd's key order (and much cheaper than localeCompare).
    const key = (o: KObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    return out.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  }

  /** count returns how many objects of a resource exist. */
  count(resource: string): number {
    return this.bucket(resource).size;
  }

  private runValidation(r: ResourceInfo, obj: KObject, old: KObject | undefined, admit: boolean): void {
    const causes = admit ? validateBasics(r.plural, obj) : [];
    if (this.hooks.validate) {
      causes.push(...this.hooks.validate(r.plural, obj, old));
    }
    if (causes.length > 0) {
      throw invalid(r, obj.metadata?.name ?? '', causes);
    }
  }

  /**
   * create stores a new object: fills apiVersion/kind, uid, creationTimestamp,
   * resourceVersion, generation (for Jobs/CronJobs) and a name from generateName (a uid given
   * to the store API is kept, so seeders can build selectors from it). With
   * `admit`, it also applies the API server's create-time defaulting and validation.
   * Namespaces that do not exist yet are created (the HTTP layer checks them first).
   */
  create(resource: string, input: KObject, opts: WriteOptions = {}): KObject {
    const r = resourceByName(resource);
    const obj = opts.takeOwnership ? input : clone(input);
    obj.apiVersion = apiVersionOf(r);
    obj.kind = r.kind;
    const meta = (obj.metadata ??= {});
    if (!r.namespaced) {
      delete meta.namespace;
    } else {
      meta.namespace ??= 'default';
    }
    if (!meta.name && meta.generateName) {
      meta.name = `${meta.generateName}${randomSuffix(this.rng)}`;
    }
    if (this.bucket(resource).has(keyOf(meta.namespace, meta.name ?? ''))) {
      throw alreadyExists(r, meta.name);
    }
    // Store-API creates may bring their own uid (seeders need it for selectors); API creates never do.
    meta.uid = opts.admit || typeof meta.uid !== 'string' || meta.uid === '' ? randomUUID() : meta.uid;
    meta.creationTimestamp = meta.creationTimestamp ?? formatTime(this.now());
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    if (r.tracksGeneration) {
      meta.generation = 1;
    }
    if (opts.admit) {
      prepareForCreate(resource, obj);
    }
    this.runValidation(r, obj, undefined, opts.admit ?? false);
    if (opts.dryRun) {
      return obj;
    }
    if (r.namespaced && !this.bucket('namespaces').has(keyOf(undefined, meta.namespace))) {
      this.create('namespaces', { metadata: { name: meta.namespace } }, { admit: true });
    }
    meta.resourceVersion = this.changes.nextResourceVersion();
    this.bucket(resource).set(keyOf(meta.namespace, meta.name), obj);
    this.changes.record('ADDED', resource, obj);
    return opts.takeOwnership ? obj : clone(obj);
  }

  /**
   * update replaces an object. `subresource: 'status'` keeps everything but status (the
   * /status endpoint); `preserveStatus` keeps the old status (the main endpoint of kinds with a
   * status subresource). A resourceVersion in the input must match (optimistic concurrency).
   * Immutable metadata (uid, creationTimestamp) is kept; generation bumps when spec changes.
   */
  update(
    resource: string,
    input: KObject,
    opts: WriteOptions & { subresource?: 'status'; preserveStatus?: boolean; markDeletion?: boolean } = {},
  ): KObject {
    const r = resourceByName(resource);
    const ns = r.namespaced ? (input.metadata?.namespace ?? 'default') : undefined;
    const name = input.metadata?.name ?? '';
    const old = this.bucket(resource).get(keyOf(ns, name));
    if (!old) {
      throw notFound(r, name);
    }
    const inRv = input.metadata?.resourceVersion;
    if (inRv !== undefined && inRv !== '' && inRv !== old.metadata.resourceVersion) {
      throw conflict(r, name);
    }
    let obj: KObject;
    if (opts.subresource === 'status') {
      obj = clone(old);
      obj.status = clone(input.status);
    } else {
      obj = clone(input);
      obj.metadata = { ...clone(input.metadata ?? {}) };
      if (opts.preserveStatus) {
        if (old.status === undefined) {
          delete obj.status;
        } else {
          obj.status = clone(old.status);
        }
      }
    }
    obj.apiVersion = apiVersionOf(r);
    obj.kind = r.kind;
    const meta = obj.metadata;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.namespace = old.metadata.namespace;
    if (meta.namespace === undefined) {
      delete meta.namespace;
    }
    if (old.metadata.deletionTimestamp && !opts.markDeletion) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    }
    if (r.tracksGeneration) {
      const changed = JSON.stringify(obj.spec) !== JSON.stringify(old.spec);
      meta.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0);
    }
    this.runValidation(r, obj, old, false);
    const immutable = validateJobUpdate(r.plural, obj, old);
    if (immutable.length > 0) {
      throw invalid(r, obj.metadata.name, immutable);
    }
    if (opts.dryRun) {
      meta.resourceVersion = old.metadata.resourceVersion;
      return obj;
    }
    const { resourceVersion: _oldRv, ...restOld } = old.metadata;
    const { resourceVersion: _newRv, ...restNew } = meta;
    if (JSON.stringify({ ...old, metadata: restOld }) === JSON.stringify({ ...obj, metadata: restNew })) {
      // A no-op write keeps the resourceVersion and emits nothing, as etcd3's GuaranteedUpdate does.
      return clone(old);
    }
    meta.resourceVersion = this.changes.nextResourceVersion();
    this.bucket(resource).set(keyOf(meta.namespace, meta.name), obj);
    this.changes.record('MODIFIED', resource, obj);
    // The last finalizer of an object being deleted is gone: it goes now.
    if (removableAfterUpdate(obj)) return this.delete(resource, meta.namespace, meta.name, { gracePeriodSeconds: 0 });
    return clone(obj);
  }

  /** mutate reads, changes and writes one object in one step (for tests and the demo). */
  mutate(resource: string, namespace: string | undefined, name: string, fn: (obj: KObject) => void): KObject {
    const obj = this.mustGet(resource, namespace, name);
    fn(obj);
    delete obj.metadata.resourceVersion;
    return this.update(resource, obj);
  }

  /**
   * delete removes an object and applies garbage collection to its dependents (objects whose
   * ownerReferences name it): Orphan strips the reference, Background deletes the owner first
   * and then its dependents, Foreground first marks the owner (deletionTimestamp and the
   * `foregroundDeletion` finalizer), deletes the dependents, then the owner. The real garbage
   * collector works asynchronously; here it finishes before the call returns.
   * Deleting a namespace deletes everything in it.
   */
  delete(
    resource: string,
    namespace: string | undefined,
    name: string,
    opts: WriteOptions & { propagationPolicy?: PropagationPolicy; preconditionUid?: string; gracePeriodSeconds?: number } = {},
  ): KObject {
    const r = resourceByName(resource);
    const ns = r.namespaced ? (namespace ?? 'default') : undefined;
    const old = this.bucket(resource).get(keyOf(ns, name));
    if (!old) {
      throw notFound(r, name);
    }
    if (opts.preconditionUid && opts.preconditionUid !== old.metadata.uid) {
      throw conflict(r, name);
    }
    const policy = opts.propagationPolicy ?? 'Background';
    if (opts.dryRun) {
      return clone(old);
    }
    // Graceful deletion and finalizers (gracefulDeletion.ts): mark instead of removing.
    const finalizersBefore: string[] = old.metadata.finalizers ?? [];
    const otherFinalizers = finalizersBefore.filter((f) => f !== 'foregroundDeletion');
    const withoutForeground = { ...old, metadata: { ...old.metadata, finalizers: otherFinalizers } };
    const plan = planDeletion(withoutForeground, gracePeriodFor(resource, old, opts.gracePeriodSeconds), this.now());
    if (plan.kind === 'pending') {
      return clone(old);
    }
    if (plan.kind === 'mark') {
      const metadata = { ...clone(plan.metadata), finalizers: old.metadata.finalizers, resourceVersion: undefined };
      const marked = { ...clone(old), metadata };
      return this.update(resource, marked, { markDeletion: true });
    }
    if (policy === 'Foreground') {
      this.update(resource, {
        ...clone(old),
        metadata: {
          ...clone(old.metadata),
          resourceVersion: undefined,
          deletionTimestamp: formatTime(this.now()),
          finalizers: [...(old.metadata.finalizers ?? []), 'foregroundDeletion'],
        },
      });
      this.deleteDependents(old.metadata.uid, 'Foreground');
    }
    const current = this.bucket(resource).get(keyOf(ns, name)) ?? old;
    this.bucket(resource).delete(keyOf(ns, name));
    const gone = clone(current);
    gone.metadata.resourceVersion = this.changes.nextResourceVersion();
    this.changes.record('DELETED', resource, gone);
    const result = clone(gone);
    if (policy === 'Background') {
      this.deleteDependents(old.metadata.uid, 'Background');
    } else if (policy === 'Orphan') {
      for (const [depResource, dep] of dependentsOf(this.objects, old.metadata.uid)) {
        this.update(depResource, orphaned(dep, old.metadata.uid));
      }
    }
    if (resource === 'namespaces') {
      for (const [res, bucket] of this.objects) {
        for (const o of [...bucket.values()]) {
          if (o.metadata.namespace === name && this.bucket(res).has(keyOf(name, o.metadata.name))) {
            this.delete(res, name, o.metadata.name, { propagationPolicy: 'Background' });
          }
        }
      }
    }
    return result;
  }

  private deleteDependents(uid: string, policy: PropagationPolicy): void {
    for (const [depResource, dep] of dependentsOf(this.objects, uid)) {
      if (this.bucket(depResource).has(keyOf(dep.metadata.namespace, dep.metadata.name))) {
        this.delete(depResource, dep.metadata.namespace, dep.metadata.name, { propagationPolicy: policy });
      }
    }
  }
}
