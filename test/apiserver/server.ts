/**
 * A test Kubernetes API server on loopback HTTP, for kube-jobs' tests and its demo.
 *
 * It is a fake (no real cluster exists on the developers' machines), built to be faithful to
 * the Kubernetes REST API for the subset kube-jobs and `kubectl` use: discovery; list and
 * watch with resourceVersion, bookmarks and 410 Expired; get/create/update/patch/delete of
 * Namespaces, Jobs, CronJobs, Pods and Events with dryRun, generateName, ownerReference
 * garbage collection and the /status subresources; server-side Table output for `kubectl get`;
 * `pods/log` with follow; SelfSubjectAccessReview; RBAC-style 403s. Errors are `Status`
 * objects shaped as the real server shapes them. The real `kubectl` is run against it in
 * test/apiserver/kubectl.test.ts to keep it honest.
 *
 * Known gaps: no controllers run (Jobs do not create Pods by themselves: change the store),
 * no managedFields, no protobuf, field selectors accept any field path, and `continue` tokens
 * never expire.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as YAML from 'yaml';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, serverVersion } from './discovery';
import type { AccessRule } from './faults';
import { Faults, ruleMatches } from './faults';
import { LogStore } from './logs';
import { applyPatch, patchTypeOf } from './patch';
import type { ResourceInfo } from './resources';
import { findResource, resourceByName } from './resources';
import type { Matcher } from './selectors';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import type { StatusCause } from './status';
import { ApiError, badRequest, expired, forbidden, internalError, methodNotAllowed, notFound, pathNotFound, unauthorized, unsupportedMediaType } from './status';
import type { KObject, PropagationPolicy, StoreEvent } from './store';
import { Store } from './store';
import type { IncludeObject } from './table';
import { toTable } from './table';
import { openApiV3Document, openApiV3Root } from './openapi';
import { servePodLog } from './podLog';
import { decodeKubernetesProtobuf, isProtobuf } from './proto';
import { StreamEnd } from './stream';
import { WatchFaultShaper } from './watchFaults';
import { standInKubelet } from './gracefulDeletion';

export type { AccessRule, FaultSettings } from './faults';
export type { KObject, StoreEvent } from './store';
export { Store } from './store';

/** TestApiServerOptions configures startTestApiServer. */
export interface TestApiServerOptions {
  /** Port on 127.0.0.1 (0 or absent: a free port). */
  port?: number;
  /** Wall clock in epoch ms (object timestamps, ages in tables). Defaults to Date.now. */
  now?: () => number;
  /** Seed for generated names (generateName). */
  seed?: number;
  /** Bearer tokens accepted, mapped to user names. Absent: every request is `kubernetes-admin`. */
  users?: Record<string, string>;
  /** RBAC denials: requests matching a rule get 403 and SelfSubjectAccessReview says no. */
  deny?: AccessRule[];
  /** How often open watches that asked for bookmarks get one (real servers: about a minute). */
  bookmarkIntervalMs?: number;
  /** Watch-cache size: how many changes a watch can resume across before 410 Expired. */
  historyLimit?: number;
  /** Extra validation (e.g. the kube-jobs engine's rules); causes make a 422 Invalid. */
  validate?: (resource: string, obj: KObject, old: KObject | undefined) => StatusCause[];
  /** Called with every request (method, URL, user) after it is parsed; for tests that check what clients send. */
  onRequest?: (req: { method: string; url: string; user: string; headers: http.IncomingHttpHeaders }) => void;
  /** The Kubernetes version `/version` reports (a gitVersion such as `v1.33.13`; default `v1.32.4`). */
  kubernetesVersion?: string;
}

/** KubeconfigOptions configures writeKubeconfig. */
export interface KubeconfigOptions {
  namespace?: string;
  /** Bearer token written for the user (must be one of `users` when those are set). */
  token?: string;
  /** User to impersonate (`as:`); kubectl sends it as the Impersonate-User header. */
  as?: string;
  /** Context, cluster and user name in the file (default `kube-jobs-test`). */
  contextName?: string;
}

/** TestApiServer is a running server and the handles tests drive it with. */
export interface TestApiServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly faults: Faults;
  readonly logs: LogStore;
  /** RBAC denials in force (mutable). */
  readonly deny: AccessRule[];
  /** appendLog adds a line to a container's log; followers receive it at once. */
  appendLog(namespace: string, pod: string, container: string, line: string): void;
  /** endLog marks a container's log stream as finished (followers' streams end). */
  endLog(namespace: string, pod: string, container: string): void;
  /** sendBookmarks sends a BOOKMARK now to every open watch that allows bookmarks. */
  sendBookmarks(): void;
  /** openWatches counts watch streams currently open. */
  openWatches(): number;
  /** endWatches ends every open watch as its timeoutSeconds would (the client watches again at once); returns how many. */
  endWatches(): number;
  /**
   * kubeconfigYaml returns a kubeconfig pointing at this server. It sets
   * `insecure-skip-tls-verify`, without which @kubernetes/client-node refuses a plain-HTTP server.
   */
  kubeconfigYaml(opts?: KubeconfigOptions): string;
  /** writeKubeconfig writes kubeconfigYaml to a file. */
  writeKubeconfig(path: string, opts?: KubeconfigOptions): void;
  /**
   * kill stops answering the way a crashed API server does: every open connection is reset and
   * new ones are refused, until restart(). The store keeps its objects and history.
   */
  kill(): Promise<void>;
  /** restart listens again on the same port; resourceVersions continue where they were. */
  restart(): Promise<void>;
  /** close ends every open stream and stops listening. */
  close(): Promise<void>;
}

/** RequestInfo mirrors apiserver's request.RequestInfo for resource requests. */
interface RequestInfo {
  verb: string;
  resource: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  user: string;
  path: string;
}

interface Watcher {
  allowBookmarks: boolean;
  resource: ResourceInfo;
  send: (ev: KObject) => void;
  end: () => void;
}

const TABLE_ACCEPT = /as=Table/;
const METADATA_ACCEPT = /as=PartialObjectMetadata/;
const JOB_DELETE_WARNING = '299 - "child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning"';

function sendJson(res: http.ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private', ...headers });
  res.end(text);
}

function sendText(res: http.ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

const itemJsonCache = new WeakMap<KObject, string>();

/** itemJson serialises a stored object as a list item (no apiVersion/kind, as real lists send them). */
function itemJson(o: KObject): string {
  let text = itemJsonCache.get(o);
  if (text === undefined) {
    text = JSON.stringify(stripTypeMeta(o));
    itemJsonCache.set(o, text);
  }
  return text;
}

/** partialObjectMetadata is what `Accept: ...;as=PartialObjectMetadata` clients receive. */
function partialObjectMetadata(o: KObject): KObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(raw: Buffer, contentType: string): unknown {
  if (isProtobuf(contentType) && raw.length > 0) {
    return decodeKubernetesProtobuf(raw);
  }
  const text = raw.toString('utf8');
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return /yaml/.test(contentType) ? YAML.parse(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(`the object provided is unrecognized (${e instanceof Error ? e.message : String(e)})`);
  }
}

function stripTypeMeta(o: KObject): KObject {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

function isDryRun(q: URLSearchParams, body?: KObject): boolean {
  const values = [...q.getAll('dryRun'), ...((body?.dryRun as string[] | undefined) ?? [])];
  for (const v of values) {
    if (v !== 'All') {
      throw badRequest(`Invalid dryRun value "${v}": supported values: "All"`);
    }
  }
  return values.length > 0;
}

/** startTestApiServer starts a server on 127.0.0.1 and resolves once it is listening. */
export async function startTestApiServer(opts: TestApiServerOptions = {}): Promise<TestApiServer> {
  const now = opts.now ?? Date.now;
  const store = new Store({ now, seed: opts.seed, historyLimit: opts.historyLimit, validate: opts.validate });
  const version = serverVersion(opts.kubernetesVersion);
  const faults = new Faults();
  const logs = new LogStore(now);
  const deny: AccessRule[] = [...(opts.deny ?? [])];
  const watchers = new Set<Watcher>();
  const sockets = new Set<Socket>();
  const bookmarkIntervalMs = opts.bookmarkIntervalMs ?? 5000;
  let address = '127.0.0.1:0';

  // Pods that go away end their log followers, as the kubelet's streams end.
  store.subscribe((ev) => {
    if (ev.resource === 'pods' && ev.type === 'DELETED') {
      logs.endPod(ev.object.metadata.namespace, ev.object.metadata.name);
    }
  });
  // No kubelet here: a stand-in ends each graceful pod deletion when its grace period runs out.
  const stopKubelet = standInKubelet(store, (marked) => {
    store.subscribe((ev) => {
      const meta = ev.object.metadata;
      const graceful = meta.deletionTimestamp && (meta.deletionGracePeriodSeconds ?? 0) > 0;
      if (ev.resource === 'pods' && ev.type === 'MODIFIED' && graceful) {
        marked(meta.namespace, meta.name, Date.parse(meta.deletionTimestamp));
      }
    });
  }, now);

  /**
   * userOf authenticates a request: a bearer token from `users`, then impersonation
   * (`Impersonate-User`, what `kubectl --as` and a kubeconfig `as:` send; kubectl sends no
   * bearer token over plain HTTP, so kubectl tests pick their user this way). Every
   * authenticated user may impersonate here; a real server would check the `impersonate` verb.
   */
  const userOf = (req: http.IncomingMessage): string => {
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    let user: string;
    if (!opts.users) {
      user = 'kubernetes-admin';
    } else if (token === undefined) {
      user = 'system:anonymous';
    } else {
      const known = opts.users[token];
      if (known === undefined) {
        throw unauthorized();
      }
      user = known;
    }
    const as = req.headers['impersonate-user'];
    return typeof as === 'string' && as !== '' ? as : user;
  };

  const isDenied = (a: { verb: string; resource: string; group: string; namespace?: string; user: string; subresource?: string }): boolean => deny.some((r) => ruleMatches(r, a));

  const authorize = (ri: RequestInfo, method: string): void => {
    const a = { verb: ri.verb, resource: ri.resource.plural, group: ri.resource.group, namespace: ri.namespace, user: ri.user, subresource: ri.subresource };
    if (isDenied(a) || faults.forbids(a, method, ri.path)) {
      throw forbidden(ri.resource, ri.user, ri.verb, ri.namespace, ri.name, ri.subresource);
    }
  };

  /** parseResourcePath mirrors request.RequestInfoFactory for /api and /apis paths. */
  const parseResourcePath = (method: string, parts: string[], query: URLSearchParams, user: string, path: string): RequestInfo | undefined => {
    let group: string;
    let rest: string[];
    if (parts[0] === 'api' && parts[1] === 'v1') {
      group = '';
      rest = parts.slice(2);
    } else if (parts[0] === 'apis' && parts.length >= 3) {
      group = parts[1] ?? '';
      if (parts[2] !== 'v1') {
        return undefined;
      }
      rest = parts.slice(3);
    } else {
      return undefined;
    }
    let namespace: string | undefined;
    // `/namespaces/<ns>/<resource>...` is namespaced; `/namespaces/<name>/status` is the Namespace itself.
    if (rest[0] === 'namespaces' && rest.length >= 3 && findResource(group, rest[2] ?? '') !== undefined) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [plural, name, subresource] = rest;
    if (!plural) {
      return undefined;
    }
    const resource = findResource(group, plural);
    if (!resource || rest.length > 3) {
      return undefined;
    }
    if (subresource !== undefined && !resource.subresources.includes(subresource)) {
      return undefined;
    }
    if (namespace !== undefined && !resource.namespaced) {
      return undefined;
    }
    let verb: string;
    switch (method) {
      case 'GET':
        verb = name ? 'get' : query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'list';
        break;
      case 'POST':
        verb = 'create';
        break;
      case 'PUT':
        verb = 'update';
        break;
      case 'PATCH':
        verb = 'patch';
        break;
      case 'DELETE':
        verb = name ? 'delete' : 'deletecollection';
        break;
      default:
        verb = method.toLowerCase();
    }
    return { verb, resource, namespace, name, subresource, query, user, path };
  };

  const listMatcher = (ri: RequestInfo): Matcher => {
    const byLabel = parseLabelSelector(ri.query.get('labelSelector'));
    const byField = parseFieldSelector(ri.query.get('fieldSelector'));
    return (o) => byLabel(o) && byField(o);
  };

  const includeObjectOf = (q: URLSearchParams): IncludeObject => {
    const v = q.get('includeObject');
    return v === 'None' || v === 'Object' ? v : 'Metadata';
  };

  const handleList = (ri: RequestInfo, req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (faults.shouldGone410OnList(ri.path)) {
      throw expired(`too old resource version: ${ri.query.get('resourceVersion') || '0'} (${store.resourceVersion()})`);
    }
    const match = listMatcher(ri);
    let items = store.listRefs(ri.resource.plural, ri.namespace).filter(match);
    const rv = store.resourceVersion();
    const listMeta: KObject = { resourceVersion: rv };
    const limit = Number(ri.query.get('limit') ?? '0');
    const cont = ri.query.get('continue');
    if (cont) {
      let start: string;
      try {
        start = String(JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')).start);
      } catch {
        throw badRequest(`invalid continue token`);
      }
      items = items.filter((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > start);
    }
    if (limit > 0 && items.length > limit) {
      const last = items[limit - 1] as KObject;
      listMeta.continue = Buffer.from(JSON.stringify({ rv, start: `${last.metadata.namespace ?? ''}/${last.metadata.name}` })).toString('base64url');
      listMeta.remainingItemCount = items.length - limit;
      items = items.slice(0, limit);
    }
    const accept = req.headers.accept ?? '';
    if (TABLE_ACCEPT.test(accept)) {
      sendJson(res, 200, toTable(ri.resource.plural, items, now(), includeObjectOf(ri.query), listMeta));
      return;
    }
    if (METADATA_ACCEPT.test(accept)) {
      sendJson(res, 200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: listMeta, items: items.map(partialObjectMetadata) });
      return;
    }
    // Items are serialised once and cached (stored objects are replaced, never changed), which
    // keeps repeated lists of 20,000 pods fast enough for the tree benchmark.
    const head = JSON.stringify({ kind: `${ri.resource.kind}List`, apiVersion: ri.resource.group === '' ? 'v1' : `${ri.resource.group}/v1`, metadata: listMeta });
    sendText(res, 200, `${head.slice(0, -1)},"items":[${items.map(itemJson).join(',')}]}`);
  };

  /** handleWatch streams watch events as JSON lines (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/watch.go). */
  const handleWatch = (ri: RequestInfo, req: http.IncomingMessage, res: http.ServerResponse): void => {
    const match = listMatcher(ri);
    const asTable = TABLE_ACCEPT.test(req.headers.accept ?? '');
    const include = includeObjectOf(ri.query);
    const allowBookmarks = ri.query.get('allowWatchBookmarks') === 'true';
    const sendInitial = ri.query.get('sendInitialEvents') === 'true';
    const rvParam = ri.query.get('resourceVersion') ?? '';
    const dropAfter = faults.watchDropAfter(ri.path);
    const timeoutSeconds = Number(ri.query.get('timeoutSeconds') ?? '0');
    const inNamespace = (o: KObject): boolean => ri.namespace === undefined || o.metadata.namespace === ri.namespace;
    const foreign = faults.foreignEvents(ri.path);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    let sent = 0;
    const end = new StreamEnd(res);
    const finish = (destroy: boolean): void => end.finish(destroy);

    const asMetadata = METADATA_ACCEPT.test(req.headers.accept ?? '');
    const shaper = asTable || asMetadata ? undefined : new WatchFaultShaper(faults, ri.path);
    const write = (ev: KObject): void => {
      if (end.closed) {
        return;
      }
      for (const line of ev.type === 'BOOKMARK' || !shaper ? [ev] : shaper.lines(ev as { type: string; object: KObject })) {
        res.write(`${JSON.stringify(line)}\n`);
      }
      if (ev.type !== 'BOOKMARK') {
        sent++;
        if (dropAfter !== undefined && sent >= dropAfter) {
          faults.recordWatchDrop(ri.path);
          // Cut the connection once the events so far reached the socket, so the client sees them.
          end.cut();
        }
      }
    };
    const wrap = (type: string, obj: KObject): KObject => ({ type, object: asTable ? toTable(ri.resource.plural, [obj], now(), include, { resourceVersion: obj.metadata.resourceVersion }) : asMetadata ? partialObjectMetadata(obj) : obj });
    const sendError = (e: ApiError): void => {
      res.write(`${JSON.stringify({ type: 'ERROR', object: e.status })}\n`);
      finish(false);
    };
    if (faults.shouldGone410(ri.path)) {
      sendError(expired(`too old resource version: ${rvParam || '0'} (${store.resourceVersion()})`));
      return;
    }
    if (faults.shouldSilence(ri.path)) {
      // A half-open connection: nothing more arrives, not even the end at timeoutSeconds.
      req.on('close', () => finish(false));
      return;
    }
    const known = new Set<string>();
    const keyOf = (o: KObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const deliver = (ev: StoreEvent): void => {
      if (ev.resource !== ri.resource.plural) {
        return;
      }
      if (!inNamespace(ev.object)) {
        if (!foreign) {
          return;
        }
        faults.recordForeign(ri.path);
      }
      const k = keyOf(ev.object);
      const matches = match(ev.object);
      if (ev.type === 'DELETED') {
        if (known.delete(k) || matches) {
          write(wrap('DELETED', ev.object));
        }
      } else if (matches) {
        write(wrap(ev.type === 'MODIFIED' && known.has(k) ? 'MODIFIED' : 'ADDED', ev.object));
        known.add(k);
      } else if (known.delete(k)) {
        write(wrap('DELETED', ev.object));
      }
    };
    const bookmark = (annotations?: Record<string, string>): void => {
      const metadata: KObject = { resourceVersion: store.resourceVersion() };
      if (annotations) {
        metadata.annotations = annotations;
      }
      write({ type: 'BOOKMARK', object: { kind: ri.resource.kind, apiVersion: ri.resource.group === '' ? 'v1' : `${ri.resource.group}/v1`, metadata } });
    };
    const current = store.listRefs(ri.resource.plural, ri.namespace).filter(match);
    for (const o of current) {
      known.add(keyOf(o));
    }
    if (rvParam === '' || rvParam === '0' || sendInitial) {
      for (const o of current) {
        write(wrap('ADDED', o));
      }
      if (sendInitial && allowBookmarks) {
        bookmark({ 'k8s.io/initial-events-end': 'true' });
      }
    } else {
      const rv = Number(rvParam);
      if (!Number.isInteger(rv) || rv < 0) {
        sendError(badRequest(`invalid resource version: "${rvParam}"`));
        return;
      }
      const past = store.eventsSince(rv);
      if (past === 'expired') {
        sendError(expired(`too old resource version: ${rv} (${store.oldestResumableRv() + 1})`));
        return;
      }
      for (const ev of past) {
        deliver(ev);
      }
    }
    if (end.closed) {
      return;
    }
    end.onEnd(store.subscribe(deliver));
    const watcher: Watcher = { allowBookmarks, resource: ri.resource, send: () => bookmark(), end: () => finish(false) };
    watchers.add(watcher);
    end.onEnd(() => watchers.delete(watcher));
    if (allowBookmarks) {
      const t = setInterval(() => bookmark(), bookmarkIntervalMs);
      end.onEnd(() => clearInterval(t));
    }
    if (timeoutSeconds > 0) {
      const t = setTimeout(() => finish(false), timeoutSeconds * 1000);
      end.onEnd(() => clearTimeout(t));
    }
    req.on('close', () => finish(false));
    res.on('close', () => finish(false));
  };

  const handleGet = (ri: RequestInfo, req: http.IncomingMessage, res: http.ServerResponse): void => {
    const obj = store.mustGet(ri.resource.plural, ri.namespace, ri.name ?? '');
    if (TABLE_ACCEPT.test(req.headers.accept ?? '')) {
      sendJson(res, 200, toTable(ri.resource.plural, [obj], now(), includeObjectOf(ri.query), { resourceVersion: obj.metadata.resourceVersion }));
      return;
    }
    sendJson(res, 200, METADATA_ACCEPT.test(req.headers.accept ?? '') ? partialObjectMetadata(obj) : obj);
  };

  const checkNamespace = (ns: string | undefined): void => {
    if (ns !== undefined && !store.get('namespaces', undefined, ns)) {
      throw notFound(resourceByName('namespaces'), ns);
    }
  };

  const handleCreate = (ri: RequestInfo, body: unknown, res: http.ServerResponse): void => {
    if (ri.resource.plural === 'selfsubjectaccessreviews') {
      sendJson(res, 201, selfSubjectAccessReview(ri, body as KObject));
      return;
    }
    if (ri.name !== undefined) {
      throw methodNotAllowed(ri.resource, 'POST');
    }
    const obj = (body ?? {}) as KObject;
    if (typeof obj !== 'object' || Array.isArray(obj)) {
      throw badRequest('the body of the request was not a JSON object');
    }
    const meta = (obj.metadata ??= {});
    if (ri.resource.namespaced) {
      if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== ri.namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = ri.namespace;
      checkNamespace(ri.namespace);
    }
    const created = store.create(ri.resource.plural, obj, { admit: true, dryRun: isDryRun(ri.query) });
    sendJson(res, 201, created);
  };

  const handleUpdate = (ri: RequestInfo, body: unknown, res: http.ServerResponse): void => {
    const obj = (body ?? {}) as KObject;
    const meta = (obj.metadata ??= {});
    if (meta.name !== undefined && meta.name !== ri.name) {
      throw badRequest(`the name of the object (${String(meta.name)}) does not match the name on the URL (${ri.name ?? ''})`);
    }
    meta.name = ri.name;
    if (ri.resource.namespaced) {
      meta.namespace = ri.namespace;
    }
    const dryRun = isDryRun(ri.query);
    const updated = store.update(ri.resource.plural, obj, { dryRun, subresource: ri.subresource === 'status' ? 'status' : undefined, preserveStatus: ri.resource.subresources.includes('status') && ri.subresource !== 'status' });
    sendJson(res, 200, updated);
  };

  const handlePatch = (ri: RequestInfo, req: http.IncomingMessage, body: unknown, res: http.ServerResponse): void => {
    const contentType = req.headers['content-type'] ?? '';
    const type = patchTypeOf(contentType);
    if (!type) {
      throw unsupportedMediaType(contentType);
    }
    const dryRun = isDryRun(ri.query);
    const existing = store.get(ri.resource.plural, ri.namespace, ri.name ?? '');
    if (!existing) {
      if (type === 'apply' && ri.subresource === undefined) {
        const obj = (body ?? {}) as KObject;
        obj.metadata = { ...(obj.metadata ?? {}), name: ri.name, namespace: ri.namespace };
        checkNamespace(ri.namespace);
        sendJson(res, 201, store.create(ri.resource.plural, obj, { admit: true, dryRun }));
        return;
      }
      throw notFound(ri.resource, ri.name ?? '');
    }
    const patched = applyPatch(ri.resource, ri.name ?? '', type, existing, body);
    const meta = (patched.metadata ??= {}) as KObject;
    meta.name = ri.name;
    if (ri.resource.namespaced) {
      meta.namespace = ri.namespace;
    }
    if (meta.resourceVersion === existing.metadata.resourceVersion) {
      delete meta.resourceVersion;
    }
    const updated = store.update(ri.resource.plural, patched, { dryRun, subresource: ri.subresource === 'status' ? 'status' : undefined, preserveStatus: ri.resource.subresources.includes('status') && ri.subresource !== 'status' });
    sendJson(res, 200, updated);
  };

  const handleDelete = (ri: RequestInfo, body: unknown, res: http.ServerResponse): void => {
    const opts = (body ?? {}) as KObject;
    const policyText = (ri.query.get('propagationPolicy') ?? opts.propagationPolicy) as string | undefined;
    let policy: PropagationPolicy | undefined;
    if (policyText !== undefined) {
      if (policyText !== 'Orphan' && policyText !== 'Background' && policyText !== 'Foreground') {
        throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policyText}": supported values: "Foreground", "Background", "Orphan", "nil"`);
      }
      policy = policyText;
    } else if (opts.orphanDependents === true) {
      policy = 'Orphan';
    }
    const headers: Record<string, string> = {};
    if (policy === undefined && ri.resource.plural === 'jobs') {
      // batch/v1 Jobs still default to orphaning their pods (registry/batch/job/strategy.go DefaultGarbageCollectionPolicy).
      policy = 'Orphan';
      headers.Warning = JOB_DELETE_WARNING;
    }
    const dryRun = isDryRun(ri.query, opts);
    const precondition = opts.preconditions?.uid as string | undefined;
    if (ri.name === undefined) {
      const match = listMatcher(ri);
      const victims = store.listRefs(ri.resource.plural, ri.namespace).filter(match).map((o) => o.metadata.name as string);
      const items = victims.map((n) => store.delete(ri.resource.plural, ri.namespace, n, { propagationPolicy: policy, dryRun }));
      sendJson(res, 200, { kind: `${ri.resource.kind}List`, apiVersion: ri.resource.group === '' ? 'v1' : `${ri.resource.group}/v1`, metadata: { resourceVersion: store.resourceVersion() }, items: items.map(stripTypeMeta) }, headers);
      return;
    }
    const graceText = ri.query.get('gracePeriodSeconds') ?? opts.gracePeriodSeconds;
    const gracePeriodSeconds = graceText === undefined || graceText === null ? undefined : Number(graceText);
    const grace = gracePeriodSeconds !== undefined && Number.isFinite(gracePeriodSeconds) ? { gracePeriodSeconds } : {};
    const options = { propagationPolicy: policy, dryRun, preconditionUid: precondition, ...grace };
    const gone = store.delete(ri.resource.plural, ri.namespace, ri.name, options);
    sendJson(res, 200, gone, headers);
  };

  /** selfSubjectAccessReview answers from the deny rules, as the RBAC authorizer would. */
  const selfSubjectAccessReview = (ri: RequestInfo, body: KObject | undefined): KObject => {
    const spec = body?.spec ?? {};
    const ra = spec.resourceAttributes as KObject | undefined;
    let allowed = true;
    if (ra) {
      allowed = !isDenied({ verb: ra.verb ?? '', resource: ra.resource ?? '', group: ra.group ?? '', namespace: ra.namespace || undefined, user: ri.user, subresource: ra.subresource || undefined }) && !(faults.current().forbid ?? []).some((r) => ruleMatches(r, { verb: ra.verb ?? '', resource: ra.resource ?? '', group: ra.group ?? '', namespace: ra.namespace || undefined, user: ri.user, subresource: ra.subresource || undefined }));
    }
    const status: KObject = { allowed };
    if (allowed) {
      status.reason = `RBAC: allowed by ClusterRoleBinding "kube-jobs-test" of ClusterRole "cluster-admin" to User "${ri.user}"`;
    }
    return { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status };
  };

  const handleResource = async (ri: RequestInfo, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    authorize(ri, req.method ?? 'GET');
    if (ri.subresource === 'log') {
      if (ri.verb !== 'get') {
        throw methodNotAllowed(ri.resource, req.method ?? '');
      }
      if (ri.query.get('follow') === 'true' && faults.shouldHang('follow', ri.path)) {
        return; // Left unanswered: the client's own deadline must end the request.
      }
      servePodLog({ store, logs, faults, namespace: ri.namespace ?? 'default', pod: ri.name ?? '', query: ri.query, req, res, path: ri.path });
      return;
    }
    const needsBody = ri.verb === 'create' || ri.verb === 'update' || ri.verb === 'patch' || ri.verb === 'delete' || ri.verb === 'deletecollection';
    const body = needsBody ? parseBody(await readBody(req), req.headers['content-type'] ?? '') : undefined;
    if (ri.verb !== 'create' && ri.verb !== 'list' && ri.verb !== 'watch' && ri.verb !== 'deletecollection' && ri.resource.plural === 'selfsubjectaccessreviews') {
      throw methodNotAllowed(ri.resource, req.method ?? '');
    }
    if ((ri.verb === 'list' || ri.verb === 'watch') && faults.shouldHang(ri.verb, ri.path)) {
      return; // Left unanswered: the client's own deadline must end the request.
    }
    switch (ri.verb) {
      case 'get':
        return handleGet(ri, req, res);
      case 'list':
        return handleList(ri, req, res);
      case 'watch':
        return handleWatch(ri, req, res);
      case 'create':
        return handleCreate(ri, body, res);
      case 'update':
        return handleUpdate(ri, body, res);
      case 'patch':
        return handlePatch(ri, req, body, res);
      case 'delete':
      case 'deletecollection':
        return handleDelete(ri, body, res);
      default:
        throw methodNotAllowed(ri.resource, req.method ?? '');
    }
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    try {
      const user = userOf(req);
      opts.onRequest?.({ method, url: req.url ?? '/', user, headers: req.headers });
      const latency = faults.latencyMs();
      if (latency > 0) {
        await new Promise((r) => setTimeout(r, latency));
      }
      if (faults.shouldDrop(method, path)) {
        req.socket.destroy();
        return;
      }
      const isWatch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1' || url.searchParams.get('follow') === 'true';
      if (!isWatch && faults.should500(method, path)) {
        throw internalError('injected fault');
      }
      const parts = path.split('/').filter((p) => p !== '');
      switch (path) {
        case '/version':
          return sendJson(res, 200, version);
        case '/healthz':
        case '/livez':
        case '/readyz':
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end('ok');
          return;
        case '/api':
          return sendJson(res, 200, apiVersions(address));
        case '/apis':
          return sendJson(res, 200, apiGroupList());
        case '/api/v1':
          return sendJson(res, 200, apiResourceList('', 'v1'));
      }
      if (path === '/openapi/v3') {
        return sendJson(res, 200, openApiV3Root());
      }
      if (parts[0] === 'openapi' && parts[1] === 'v3') {
        const doc = openApiV3Document(parts.slice(2).join('/'));
        return doc ? sendJson(res, 200, doc) : sendJson(res, 404, pathNotFound().status);
      }
      if (parts[0] === 'apis' && parts.length === 2) {
        const g = apiGroup(parts[1] ?? '');
        return g ? sendJson(res, 200, g) : sendJson(res, 404, pathNotFound().status);
      }
      if (parts[0] === 'apis' && parts.length === 3) {
        const l = apiResourceList(parts[1] ?? '', parts[2] ?? '');
        return l ? sendJson(res, 200, l) : sendJson(res, 404, pathNotFound().status);
      }
      const ri = parseResourcePath(method, parts, url.searchParams, user, path);
      if (!ri) {
        throw pathNotFound();
      }
      await handleResource(ri, req, res);
    } catch (e) {
      const err = e instanceof ApiError ? e : internalError(e instanceof Error ? e.message : String(e));
      if (!res.headersSent) {
        sendJson(res, err.code, err.status);
      } else {
        res.destroy();
      }
    }
  };

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const listen = (port: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = (): Promise<void> =>
    new Promise<void>((resolve) => {
      for (const s of sockets) {
        s.destroy();
      }
      server.close(() => resolve());
    });
  await listen(opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  address = `127.0.0.1:${port}`;
  const url = `http://127.0.0.1:${port}`;

  const kubeconfigYaml = (k: KubeconfigOptions = {}): string => {
    const name = k.contextName ?? 'kube-jobs-test';
    const user: KObject = k.token ? { token: k.token } : {};
    if (k.as) {
      user.as = k.as;
    }
    const context: KObject = { cluster: name, user: name };
    if (k.namespace) {
      context.namespace = k.namespace;
    }
    return YAML.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name, cluster: { server: url, 'insecure-skip-tls-verify': true } }], users: [{ name, user }], contexts: [{ name, context }], 'current-context': name, preferences: {} });
  };

  return {
    url,
    port,
    store,
    faults,
    logs,
    deny,
    appendLog: (ns, pod, container, line) => logs.append(ns, pod, container, line),
    endLog: (ns, pod, container) => logs.end(ns, pod, container),
    sendBookmarks: () => {
      for (const w of watchers) {
        if (w.allowBookmarks) {
          w.send({});
        }
      }
    },
    openWatches: () => watchers.size,
    endWatches: () => {
      const open = [...watchers];
      for (const w of open) {
        w.end();
      }
      return open.length;
    },
    kubeconfigYaml,
    writeKubeconfig: (p, k) => fs.writeFileSync(p, kubeconfigYaml(k), { mode: 0o600 }),
    kill: stopListening,
    restart: () => listen(port),
    close: () => {
      stopKubelet();
      return server.listening ? stopListening() : Promise.resolve();
    },
  };
}
