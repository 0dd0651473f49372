/** Which resource request an HTTP request is, as the API server's request.RequestInfoFactory reads it. */
import type { ResourceInfo } from './resources';
import { findResource } from './resources';
import type { Matcher } from './selectors';
import { parseFieldSelector, parseLabelSelector } from './selectors';

/** RequestInfo mirrors apiserver's request.RequestInfo for resource requests. */
export interface RequestInfo {
  verb: string;
  resource: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  user: string;
  path: string;
}

/** parseResourcePath mirrors request.RequestInfoFactory for /api and /apis paths. */
export function parseResourcePath(
  method: string,
  parts: string[],
  query: URLSearchParams,
  user: string,
  path: string,
): RequestInfo | undefined {
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
}

/** listMatcher is the label and field selectors of a list, watch or deletecollection. */
export function listMatcher(ri: RequestInfo): Matcher {
  const byLabel = parseLabelSelector(ri.query.get('labelSelector'));
  const byField = parseFieldSelector(ri.query.get('fieldSelector'));
  return (o) => byLabel(o) && byField(o);
}
