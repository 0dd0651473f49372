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
import { apiGroup, apiGroupList, apiResourceList, apiVersions, serverVersion } from './discovery';
import type { AccessRule } from './faults';
import { Faults, ruleMatches } from './faults';
import { standInKubelet } from './gracefulDeletion';
import { kubeconfigFor } from './kubeconfig';
import type { KubeconfigOptions } from './kubeconfig';
import { LogStore } from './logs';
import { handleCreate, handleDelete, handleGet, handleList, handlePatch, handleUpdate } from './objectVerbs';
import { openApiV3Document, openApiV3Root } from './openapi';
import { servePodLog } from './podLog';
import { parseResourcePath } from './requestInfo';
import type { RequestInfo } from './requestInfo';
import type { AccessAttributes, ServerState, Watcher } from './serverState';
import type { StatusCause } from './status';
import { ApiError, forbidden, internalError, methodNotAllowed, pathNotFound, unauthorized } from './status';
import type { KObject } from './store';
import { Store } from './store';
import { handleWatch } from './watch';
import { parseBody, readBody, sendJson } from './wire';

export type { AccessRule, FaultSettings } from './faults';
export type { KObject, StoreEvent } from './store';
export { Store } from './store';
export type { KubeconfigOptions } from './kubeconfig';

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
  const stopKubelet = standInKubelet(
    store,
    (marked) => {
      store.subscribe((ev) => {
        const meta = ev.object.metadata;
        const graceful = meta.deletionTimestamp && (meta.deletionGracePeriodSeconds ?? 0) > 0;
        if (ev.resource === 'pods' && ev.type === 'MODIFIED' && graceful) {
          marked(meta.namespace, meta.name, Date.parse(meta.deletionTimestamp));
        }
      });
    },
    now,
  );

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

  const isDenied = (a: AccessAttributes): boolean => deny.some((r) => ruleMatches(r, a));
  const state: ServerState = { store, faults, now, isDenied, watchers, bookmarkIntervalMs };

  const authorize = (ri: RequestInfo, method: string): void => {
    const a = {
      verb: ri.verb,
      resource: ri.resource.plural,
      group: ri.resource.group,
      namespace: ri.namespace,
      user: ri.user,
      subresource: ri.subresource,
    };
    if (isDenied(a) || faults.forbids(a, method, ri.path)) {
      throw forbidden(ri.resource, ri.user, ri.verb, ri.namespace, ri.name, ri.subresource);
    }
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
      servePodLog({
        store,
        logs,
        faults,
        namespace: ri.namespace ?? 'default',
        pod: ri.name ?? '',
        query: ri.query,
        req,
        res,
        path: ri.path,
      });
      return;
    }
    const needsBody =
      ri.verb === 'create' ||
      ri.verb === 'update' ||
      ri.verb === 'patch' ||
      ri.verb === 'delete' ||
      ri.verb === 'deletecollection';
    const body = needsBody ? parseBody(await readBody(req), req.headers['content-type'] ?? '') : undefined;
    if (
      ri.verb !== 'create' &&
      ri.verb !== 'list' &&
      ri.verb !== 'watch' &&
      ri.verb !== 'deletecollection' &&
      ri.resource.plural === 'selfsubjectaccessreviews'
    ) {
      throw methodNotAllowed(ri.resource, req.method ?? '');
    }
    if ((ri.verb === 'list' || ri.verb === 'watch') && faults.shouldHang(ri.verb, ri.path)) {
      return; // Left unanswered: the client's own deadline must end the request.
    }
    switch (ri.verb) {
      case 'get':
        return handleGet(state, ri, req, res);
      case 'list':
        return handleList(state, ri, req, res);
      case 'watch':
        return handleWatch(state, ri, req, res);
      case 'create':
        return handleCreate(state, ri, body, res);
      case 'update':
        return handleUpdate(state, ri, body, res);
      case 'patch':
        return handlePatch(state, ri, req, body, res);
      case 'delete':
      case 'deletecollection':
        return handleDelete(state, ri, body, res);
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
      const isWatch =
        url.searchParams.get('watch') === 'true' ||
        url.searchParams.get('watch') === '1' ||
        url.searchParams.get('follow') === 'true';
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

  const kubeconfigYaml = (k: KubeconfigOptions = {}): string => kubeconfigFor(url, k);

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
