/**
 * Kubernetes `Status` error objects, shaped as the API server sends them
 * (k8s.io/apimachinery/pkg/api/errors/errors.go: NewNotFound, NewAlreadyExists, NewForbidden,
 * NewInvalid, NewConflict, NewResourceExpired, NewBadRequest, NewInternalError...).
 */
import type { ResourceInfo } from './resources';
import { qualifiedKind, qualifiedResource } from './resources';

/** StatusCause mirrors metav1.StatusCause. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** StatusDetails mirrors metav1.StatusDetails. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** Status mirrors metav1.Status as serialised on the wire. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** ApiError is thrown by handlers and turned into a Status response. */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'error');
  }
  get code(): number {
    return this.status.code;
  }
}

function failure(code: number, reason: string, message: string, details?: StatusDetails): ApiError {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) {
    s.details = details;
  }
  return new ApiError(s);
}

/** notFound mirrors errors.NewNotFound: `jobs.batch "x" not found`. */
export function notFound(r: ResourceInfo, name: string): ApiError {
  return failure(404, 'NotFound', `${qualifiedResource(r)} "${name}" not found`, {
    name,
    group: r.group || undefined,
    kind: r.plural,
  });
}

/** pathNotFound is what the server says for a URL it does not serve. */
export function pathNotFound(): ApiError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** alreadyExists mirrors errors.NewAlreadyExists. */
export function alreadyExists(r: ResourceInfo, name: string): ApiError {
  return failure(409, 'AlreadyExists', `${qualifiedResource(r)} "${name}" already exists`, {
    name,
    group: r.group || undefined,
    kind: r.plural,
  });
}

/** conflict mirrors errors.NewConflict for a stale resourceVersion. */
export function conflict(r: ResourceInfo, name: string): ApiError {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: r.group || undefined, kind: r.plural },
  );
}

/**
 * forbidden mirrors the RBAC authorizer's message through errors.NewForbidden, e.g.
 * `jobs.batch is forbidden: User "u" cannot list resource "jobs" in API group "batch" in the namespace "x"`.
 */
export function forbidden(
  r: { plural: string; group: string },
  user: string,
  verb: string,
  namespace: string | undefined,
  name?: string,
  subresource?: string,
): ApiError {
  const qr = r.group === '' ? r.plural : `${r.plural}.${r.group}`;
  const res = subresource ? `${r.plural}/${subresource}` : r.plural;
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const subject = name ? `${qr} "${name}"` : qr;
  const message = `${subject} is forbidden: User "${user}" cannot ${verb} resource "${res}" in API group "${r.group}" ${scope}`;
  return failure(403, 'Forbidden', message, { name, group: r.group || undefined, kind: r.plural });
}

/** unauthorized is the answer to an unknown bearer token. */
export function unauthorized(): ApiError {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

/** invalid mirrors errors.NewInvalid: `Job.batch "x" is invalid: <field>: <detail>, ...`. */
export function invalid(r: ResourceInfo, name: string, causes: StatusCause[]): ApiError {
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? '')));
  const list = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return failure(422, 'Invalid', `${qualifiedKind(r)} "${name}" is invalid: ${list}`, {
    name,
    group: r.group || undefined,
    kind: r.kind,
    causes,
  });
}

/** badRequest mirrors errors.NewBadRequest. */
export function badRequest(message: string): ApiError {
  return failure(400, 'BadRequest', message);
}

/** methodNotAllowed mirrors errors.NewMethodNotSupported. */
export function methodNotAllowed(r: ResourceInfo, verb: string): ApiError {
  return failure(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualifiedResource(r)}"`, {
    group: r.group || undefined,
    kind: r.plural,
  });
}

/** unsupportedMediaType mirrors the server's answer to an unknown patch Content-Type. */
export function unsupportedMediaType(contentType: string): ApiError {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType})`,
  );
}

/** expired mirrors errors.NewResourceExpired, sent as a watch ERROR event with code 410. */
export function expired(message: string): ApiError {
  return failure(410, 'Expired', message);
}

/** internalError mirrors errors.NewInternalError. */
export function internalError(message: string): ApiError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

/** successStatus is what DELETE returns when no object is left to show. */
export function successStatus(r: ResourceInfo, name: string, uid?: string): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name, group: r.group || undefined, kind: r.plural, uid },
  };
}
