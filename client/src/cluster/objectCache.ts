import { compareResourceVersions } from './resourceVersion';

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

/** objectKey is `namespace/name` (or `name` for cluster-scoped objects). */
export function objectKey(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

/** Why an event changed nothing. */
export type Ignored = 'duplicate' | 'stale' | 'foreign' | 'malformed';

export interface ObjectCacheOptions {
  /** The watched namespace; objects of any other are ignored. Undefined: all namespaces. */
  readonly namespace?: string;
  /** Tells why an object cannot be shown, or undefined when it can (objectShape.ts). */
  readonly malformation?: (object: unknown) => string | undefined;
  readonly onChange: (type: ChangeType, object: KubeObject, previous?: KubeObject) => void;
  /** Called once per object (until a well-formed version of it arrives) for a malformed one. */
  readonly onMalformed?: (what: string, problem: string) => void;
}

/** How many deletions the cache remembers, to recognise late events about deleted objects. */
const MAX_TOMBSTONES = 10_000;

/**
 * ObjectCache is an informer's copy of the server's objects, and the rules that keep a faulty
 * stream from corrupting it: an event whose resourceVersion is not newer than the stored
 * object's (a duplicate, or a stale version arriving late) is ignored, as is an event about an
 * object deleted at a newer resourceVersion; objects of other namespaces are ignored; a
 * malformed object is reported once and skipped. Like client-go's cache.Store fed by the
 * reflector, but defensive where the reflector trusts the server.
 */
export class ObjectCache {
  readonly objects = new Map<string, KubeObject>();
  /** key → the resourceVersion it was deleted at. */
  private readonly tombstones = new Map<string, string>();
  private readonly reported = new Set<string>();

  constructor(private readonly options: ObjectCacheOptions) {}

  /** admit checks an incoming object: undefined when it may be stored, else why it is ignored. */
  private admit(object: unknown): Ignored | undefined {
    const meta = (object as { metadata?: { namespace?: unknown; name?: unknown } } | null)?.metadata;
    const named = typeof meta === 'object' && meta !== null && typeof meta.name === 'string' && meta.name !== '';
    const problem = named ? this.options.malformation?.(object) : 'metadata.name is missing';
    const what = named ? `${typeof meta.namespace === 'string' ? `${meta.namespace}/` : ''}${String(meta.name)}` : '(no name)';
    if (problem !== undefined) {
      if (!this.reported.has(what)) {
        this.reported.add(what);
        this.options.onMalformed?.(what, problem);
      }
      return 'malformed';
    }
    this.reported.delete(what);
    const ns = (object as KubeObject).metadata.namespace;
    if (this.options.namespace !== undefined && ns !== this.options.namespace) return 'foreign';
    return undefined;
  }

  /** applyEvent applies one watch event; it returns why it was ignored, or undefined. */
  applyEvent(type: ChangeType, object: KubeObject): Ignored | undefined {
    const refused = this.admit(object);
    if (refused) return refused;
    const key = objectKey(object);
    const rv = object.metadata.resourceVersion;
    const old = this.objects.get(key);
    if (old) {
      const order = compareResourceVersions(rv, old.metadata.resourceVersion);
      if (order === 0 && type !== 'DELETED') return 'duplicate';
      if (order === -1) return 'stale';
    } else {
      const deletedAt = this.tombstones.get(key);
      const order = compareResourceVersions(rv, deletedAt);
      if (order !== undefined && order <= 0) return type === 'DELETED' && order === 0 ? 'duplicate' : 'stale';
    }
    if (type === 'DELETED') {
      if (!old) return 'duplicate';
      this.objects.delete(key);
      this.remember(key, rv);
      this.options.onChange('DELETED', object, old);
    } else {
      this.objects.set(key, object);
      this.tombstones.delete(key);
      this.options.onChange(old ? 'MODIFIED' : 'ADDED', object, old);
    }
    return undefined;
  }

  /**
   * replaceAll makes the cache equal a fresh list and reports the difference as changes, so
   * listeners miss no deletion that happened while the watch was down.
   */
  replaceAll(items: readonly unknown[]): void {
    const fresh = new Map<string, KubeObject>();
    for (const item of items) {
      if (this.admit(item) === undefined) fresh.set(objectKey(item as KubeObject), item as KubeObject);
    }
    this.tombstones.clear();
    for (const [key, old] of this.objects) {
      if (!fresh.has(key)) {
        this.objects.delete(key);
        this.options.onChange('DELETED', old, old);
      }
    }
    for (const [key, object] of fresh) {
      const old = this.objects.get(key);
      if (old && old.metadata.resourceVersion === object.metadata.resourceVersion) continue;
      this.objects.set(key, object);
      this.options.onChange(old ? 'MODIFIED' : 'ADDED', object, old);
    }
  }

  private remember(key: string, rv: string | undefined): void {
    if (rv === undefined) return;
    if (this.tombstones.size >= MAX_TOMBSTONES) {
      const oldest = this.tombstones.keys().next().value;
      if (oldest !== undefined) this.tombstones.delete(oldest);
    }
    this.tombstones.set(key, rv);
  }
}
