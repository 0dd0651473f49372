/**
 * The verbs of the test API server on stored objects: list (selectors, limit/continue, Table
 * and PartialObjectMetadata), get, create, update, patch, delete and deletecollection (with
 * garbage collection), and SelfSubjectAccessReview.
 */
import type * as http from 'node:http';
import { ruleMatches } from './faults';
import { applyPatch, patchTypeOf } from './patch';
import { listMatcher } from './requestInfo';
import type { RequestInfo } from './requestInfo';
import { resourceByName } from './resources';
import type { ServerState } from './serverState';
import { badRequest, expired, methodNotAllowed, notFound, unsupportedMediaType } from './status';
import type { KObject, PropagationPolicy, Store } from './store';
import { toTable } from './table';
import {
  METADATA_ACCEPT,
  TABLE_ACCEPT,
  includeObjectOf,
  isDryRun,
  itemJson,
  partialObjectMetadata,
  sendJson,
  sendText,
  stripTypeMeta,
} from './wire';

const JOB_DELETE_WARNING =
  '299 - "child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or ' +
  'set propagationPolicy=Orphan to suppress this warning"';

export function handleList(state: ServerState, ri: RequestInfo, req: http.IncomingMessage, res: http.ServerResponse): void {
  const { store, faults, now } = state;
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
    listMeta.continue = Buffer.from(
      JSON.stringify({ rv, start: `${last.metadata.namespace ?? ''}/${last.metadata.name}` }),
    ).toString('base64url');
    listMeta.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  const accept = req.headers.accept ?? '';
  if (TABLE_ACCEPT.test(accept)) {
    sendJson(res, 200, toTable(ri.resource.plural, items, now(), includeObjectOf(ri.query), listMeta));
    return;
  }
  if (METADATA_ACCEPT.test(accept)) {
    sendJson(res, 200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: listMeta,
      items: items.map(partialObjectMetadata),
    });
    return;
  }
  // Items are serialised once and cached (stored objects are replaced, never changed), which
  // keeps repeated lists of 20,000 pods fast enough for the tree benchmark.
  const head = JSON.stringify({
    kind: `${ri.resource.kind}List`,
    apiVersion: ri.resource.group === '' ? 'v1' : `${ri.resource.group}/v1`,
    metadata: listMeta,
  });
  sendText(res, 200, `${head.slice(0, -1)},"items":[${items.map(itemJson).join(',')}]}`);
}

export function handleGet(state: ServerState, ri: RequestInfo, req: http.IncomingMessage, res: http.ServerResponse): void {
  const { store, now } = state;
  const obj = store.mustGet(ri.resource.plural, ri.namespace, ri.name ?? '');
  if (TABLE_ACCEPT.test(req.headers.accept ?? '')) {
    sendJson(
      res,
      200,
      toTable(ri.resource.plural, [obj], now(), includeObjectOf(ri.query), { resourceVersion: obj.metadata.resourceVersion }),
    );
    return;
  }
  sendJson(res, 200, METADATA_ACCEPT.test(req.headers.accept ?? '') ? partialObjectMetadata(obj) : obj);
}

function checkNamespace(store: Store, ns: string | undefined): void {
  if (ns !== undefined && !store.get('namespaces', undefined, ns)) {
    throw notFound(resourceByName('namespaces'), ns);
  }
}

export function handleCreate(state: ServerState, ri: RequestInfo, body: unknown, res: http.ServerResponse): void {
  const { store } = state;
  if (ri.resource.plural === 'selfsubjectaccessreviews') {
    sendJson(res, 201, selfSubjectAccessReview(state, ri, body as KObject));
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
    checkNamespace(store, ri.namespace);
  }
  const created = store.create(ri.resource.plural, obj, { admit: true, dryRun: isDryRun(ri.query) });
  sendJson(res, 201, created);
}

export function handleUpdate(state: ServerState, ri: RequestInfo, body: unknown, res: http.ServerResponse): void {
  const { store } = state;
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
  const updated = store.update(ri.resource.plural, obj, {
    dryRun,
    subresource: ri.subresource === 'status' ? 'status' : undefined,
    preserveStatus: ri.resource.subresources.includes('status') && ri.subresource !== 'status',
  });
  sendJson(res, 200, updated);
}

export function handlePatch(
  state: ServerState,
  ri: RequestInfo,
  req: http.IncomingMessage,
  body: unknown,
  res: http.ServerResponse,
): void {
  const { store } = state;
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
      checkNamespace(store, ri.namespace);
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
  const updated = store.update(ri.resource.plural, patched, {
    dryRun,
    subresource: ri.subresource === 'status' ? 'status' : undefined,
    preserveStatus: ri.resource.subresources.includes('status') && ri.subresource !== 'status',
  });
  sendJson(res, 200, updated);
}

export function handleDelete(state: ServerState, ri: RequestInfo, body: unknown, res: http.ServerResponse): void {
  const { store } = state;
  const opts = (body ?? {}) as KObject;
  const policyText = (ri.query.get('propagationPolicy') ?? opts.propagationPolicy) as string | undefined;
  let policy: PropagationPolicy | undefined;
  if (policyText !== undefined) {
    if (policyText !== 'Orphan' && policyText !== 'Background' && policyText !== 'Foreground') {
      throw badRequest(
        `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policyText}": supported values: "Foreground", "Background", "Orphan", "nil"`,
      );
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
    const victims = store
      .listRefs(ri.resource.plural, ri.namespace)
      .filter(match)
      .map((o) => o.metadata.name as string);
    const items = victims.map((n) => store.delete(ri.resource.plural, ri.namespace, n, { propagationPolicy: policy, dryRun }));
    sendJson(
      res,
      200,
      {
        kind: `${ri.resource.kind}List`,
        apiVersion: ri.resource.group === '' ? 'v1' : `${ri.resource.group}/v1`,
        metadata: { resourceVersion: store.resourceVersion() },
        items: items.map(stripTypeMeta),
      },
      headers,
    );
    return;
  }
  const graceText = ri.query.get('gracePeriodSeconds') ?? opts.gracePeriodSeconds;
  const gracePeriodSeconds = graceText === undefined || graceText === null ? undefined : Number(graceText);
  const grace = gracePeriodSeconds !== undefined && Number.isFinite(gracePeriodSeconds) ? { gracePeriodSeconds } : {};
  const options = { propagationPolicy: policy, dryRun, preconditionUid: precondition, ...grace };
  const gone = store.delete(ri.resource.plural, ri.namespace, ri.name, options);
  sendJson(res, 200, gone, headers);
}

/** selfSubjectAccessReview answers from the deny rules, as the RBAC authorizer would. */
export function selfSubjectAccessReview(state: ServerState, ri: RequestInfo, body: KObject | undefined): KObject {
  const { faults, isDenied } = state;
  const spec = body?.spec ?? {};
  const ra = spec.resourceAttributes as KObject | undefined;
  let allowed = true;
  if (ra) {
    const attributes = {
      verb: ra.verb ?? '',
      resource: ra.resource ?? '',
      group: ra.group ?? '',
      namespace: ra.namespace || undefined,
      user: ri.user,
      subresource: ra.subresource || undefined,
    };
    allowed = !isDenied(attributes) && !(faults.current().forbid ?? []).some((r) => ruleMatches(r, attributes));
  }
  const status: KObject = { allowed };
  if (allowed) {
    status.reason = `RBAC: allowed by ClusterRoleBinding "kube-jobs-test" of ClusterRole "cluster-admin" to User "${ri.user}"`;
  }
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status,
  };
}
