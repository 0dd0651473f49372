import type { ApiPath } from '../../apiPath';
import { obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { invalid, notSupported, required } from '../../fieldErrorList';
import { isQualifiedName } from '../../nameRules';
import { parseQuantity, quantityString } from '../../quantity';
import { validateFileMode } from './volumeFiles';
import { validateLocalNonReservedPath } from './paths';
import { present, text } from './podTemplates';

/**
 * The downward API, shared by env vars and downwardAPI volumes: validateObjectFieldSelector
 * (with pods.ConvertDownwardAPIFieldLabel), validateContainerResourceFieldSelector,
 * validateContainerResourceDivisor and validateDownwardAPIVolumeFile
 * (pkg/apis/core/validation/validation.go, pkg/apis/core/pods/helpers.go).
 */

/** Field labels ConvertDownwardAPIFieldLabel accepts for v1 pods (spec.host is read as spec.nodeName). */
const CONVERTIBLE_LABELS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);
/** validContainerResourceFieldPathExpressions. */
const RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];
const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];
/** validVolumeDownwardAPIFieldPathExpressions. */
export const VOLUME_FIELD_PATHS: ReadonlySet<string> = new Set([
  'metadata.name',
  'metadata.namespace',
  'metadata.labels',
  'metadata.annotations',
  'metadata.uid',
]);
const SIZE_DIVISORS = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);
const SIZE_DIVISOR_LIST = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['key']` → path and subscript. */
function splitSubscript(label: string): [string, string] | undefined {
  if (!label.endsWith("']")) return undefined;
  const inner = label.slice(0, -2);
  const at = inner.indexOf("['");
  return at > 0 ? [inner.slice(0, at), inner.slice(at + 2)] : undefined;
}

/** validateObjectFieldSelector (apiVersion is defaulted to v1 first). */
export function validateObjectFieldSelector(
  ref: Record<string, unknown>,
  expressions: ReadonlySet<string>,
  path: ApiPath,
): FieldErrors {
  const version = text(ref['apiVersion']) || 'v1';
  const label = text(ref['fieldPath']);
  if (label === '') return [required(path.child('fieldPath'))];
  const convertError = (detail: string): FieldErrors => [
    invalid(path.child('fieldPath'), label, `error converting fieldPath: ${detail}`),
  ];
  if (version !== 'v1') return convertError(`unsupported pod version: ${version}`);
  const subscripted = splitSubscript(label);
  if (subscripted) {
    const [field, subscript] = subscripted;
    if (field === 'metadata.annotations') {
      return isQualifiedName(subscript.toLowerCase()).map((d) => invalid(path, subscript.toLowerCase(), d));
    }
    if (field === 'metadata.labels') return isQualifiedName(subscript).map((d) => invalid(path, subscript, d));
    return convertError(`field label does not support subscript: ${label}`);
  }
  if (!CONVERTIBLE_LABELS.has(label) && label !== 'spec.host') return convertError(`field label not supported: ${label}`);
  const internal = label === 'spec.host' ? 'spec.nodeName' : label;
  return expressions.has(internal) ? [] : [notSupported(path.child('fieldPath'), internal, [...expressions].sort())];
}

/** validateContainerResourceFieldSelector; `volume` files must also name the container. */
export function validateResourceFieldSelector(ref: Record<string, unknown>, path: ApiPath, volume: boolean): FieldErrors {
  const errors: FieldErrors = [];
  const resource = text(ref['resource']);
  if (volume && text(ref['containerName']) === '') errors.push(required(path.child('containerName')));
  else if (resource === '') errors.push(required(path.child('resource')));
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p))) {
    errors.push(notSupported(path.child('resource'), resource, RESOURCE_FIELD_PATHS));
  }
  const divisor = parseQuantity(ref['divisor']);
  if (!divisor || divisor.nanos === 0n) return errors;
  const shown = quantityString(divisor);
  const divisorError = (kind: string, list: string): void => {
    errors.push(
      invalid(path.child('divisor'), resource, `only divisor's values ${list} are supported with the ${kind} resource`),
    );
  };
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    if (shown !== '1m' && shown !== '1') divisorError('cpu', '1m and 1');
  } else if (resource === 'limits.memory' || resource === 'requests.memory') {
    if (!SIZE_DIVISORS.has(shown)) divisorError('memory', SIZE_DIVISOR_LIST);
  } else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
    if (!SIZE_DIVISORS.has(shown)) divisorError('local ephemeral storage', SIZE_DIVISOR_LIST);
  }
  if (HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p)) && !SIZE_DIVISORS.has(shown)) {
    divisorError('hugepages', SIZE_DIVISOR_LIST);
  }
  return errors;
}

/** validateDownwardAPIVolumeFile: errors of a file name the volume (or projection), as Kubernetes does. */
export function validateDownwardApiVolumeFile(file: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  const filePath = text(file['path']);
  if (filePath === '') errors.push(required(path.child('path')));
  errors.push(...validateLocalNonReservedPath(filePath, path.child('path')));
  const fieldRef = obj(file['fieldRef']);
  const resourceFieldRef = obj(file['resourceFieldRef']);
  if (fieldRef) {
    errors.push(...validateObjectFieldSelector(fieldRef, VOLUME_FIELD_PATHS, path.child('fieldRef')));
    if (resourceFieldRef) {
      errors.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    }
  } else if (resourceFieldRef) {
    errors.push(...validateResourceFieldSelector(resourceFieldRef, path.child('resourceFieldRef'), true));
  } else {
    errors.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  if (present(file['mode'])) errors.push(...validateFileMode(file['mode'], path.child('mode')));
  return errors;
}
