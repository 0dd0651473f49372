/**
 * A minimal OpenAPI v3 discovery (`/openapi/v3` and `/openapi/v3/<api|apis/group>/<version>`).
 * kubectl reads it to learn whether the server validates fields itself: it looks for a PATCH
 * operation carrying the `x-kubernetes-group-version-kind` of the object with a
 * `fieldValidation` query parameter (kubectl/pkg/cmd/util QueryParamVerifierV3). Finding it, kubectl
 * sends `fieldValidation=Strict` instead of downloading schemas. Schemas (`components`) are not
 * served, so `kubectl explain` does not work here, and apply uses the compiled-in types.
 */
import type { ResourceInfo } from './resources';
import { RESOURCES } from './resources';

const HASH = 'kube-jobs-test-1';

function gvPath(r: ResourceInfo): string {
  return r.group === '' ? `api/${r.version}` : `apis/${r.group}/${r.version}`;
}

/** openApiV3Root is the `/openapi/v3` index of group-version documents. */
export function openApiV3Root(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const r of RESOURCES) {
    paths[gvPath(r)] = { serverRelativeURL: `/openapi/v3/${gvPath(r)}?hash=${HASH}` };
  }
  return { paths };
}

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'pretty'].map((name) => ({
  name,
  in: 'query',
  schema: { type: 'string', uniqueItems: true },
}));

/** openApiV3Document is one group-version's document (paths only), or undefined. */
export function openApiV3Document(gv: string): Record<string, unknown> | undefined {
  const rs = RESOURCES.filter((r) => gvPath(r) === gv);
  if (rs.length === 0) {
    return undefined;
  }
  const paths: Record<string, unknown> = {};
  for (const r of rs) {
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const op = (action: string): Record<string, unknown> => ({
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      parameters: QUERY_PARAMS,
      responses: {},
    });
    const base = `/${gv}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}`;
    paths[base] = r.verbs.includes('list') ? { get: op('list'), post: op('post') } : { post: op('post') };
    if (r.verbs.includes('get')) {
      paths[`${base}/{name}`] = { get: op('get'), put: op('put'), patch: op('patch'), delete: op('delete') };
    }
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.4' }, paths, components: { schemas: {} } };
}
