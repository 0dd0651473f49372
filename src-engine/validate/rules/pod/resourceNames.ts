import type { ApiPath } from '../../apiPath';
import type { FieldErrors } from '../../fieldErrorList';
import { invalid, notSupported } from '../../fieldErrorList';
import { isQualifiedName } from '../../nameRules';
import { parseQuantity, quantityString, quantityValue } from '../../quantity';
import type { Quantity } from '../../quantity';

/**
 * Resource names and the quantities they allow (pkg/apis/core/helper: IsStandardResourceName,
 * IsStandardContainerResourceName, IsExtendedResourceName, IsOvercommitAllowed,
 * IsHugePageResourceValueDivisible; core validation validateResourceName,
 * validateContainerResourceName, validatePodResourceName, ValidateResourceQuantityValue).
 */

/** Resources counted in whole units (helper integerResources). */
const INTEGER_RESOURCE_NAMES = [
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
];
const INTEGER_RESOURCES = new Set(INTEGER_RESOURCE_NAMES);
/** helper standardResources: the compute resources, their quota names, storage, and the counted ones. */
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'storage',
  'requests.storage',
  ...INTEGER_RESOURCE_NAMES,
]);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** resourcehelper.SupportedPodLevelResources(), as Kubernetes prints them. */
const POD_LEVEL_RESOURCES = ['cpu', 'hugepages-', 'memory'];

export const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const isQuotaHugePages = (name: string): boolean => isHugePages(name) || name.startsWith('requests.hugepages-');
/** IsNativeResource: unprefixed, or in the kubernetes.io/ namespace. */
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
/** IsOvercommitAllowed: requests may be below limits (not extended resources, not hugepages). */
export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePages(name);

/** IsExtendedResourceName: prefixed outside kubernetes.io, not `requests.*`, a qualified name as `requests.<name>`. */
function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** validateResourceName. */
function validateResourceName(name: string, path: ApiPath): FieldErrors {
  const errors = isQualifiedName(name).map((d) => invalid(path, name, d));
  if (errors.length > 0) return errors;
  if (!name.includes('/') && !STANDARD_RESOURCES.has(name) && !isQuotaHugePages(name)) {
    errors.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  return errors;
}

/** validateContainerResourceName. */
export function validateContainerResourceName(name: string, path: ApiPath): FieldErrors {
  // cpu, memory and ephemeral-storage pass every check below; nearly every container names only
  // them (for the figure "open → diagnostics", bench/lsp.mjs).
  if (STANDARD_CONTAINER_RESOURCES.has(name)) return [];
  const errors = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
      errors.push(invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errors.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errors;
}

/** validatePodResourceName (pod-level resources: cpu, memory, hugepages). */
export function validatePodResourceName(name: string, path: ApiPath): FieldErrors {
  const errors = validateResourceName(name, path);
  if (errors.length > 0) return errors;
  return name === 'cpu' || name === 'memory' || isHugePages(name) ? [] : [notSupported(path, name, POD_LEVEL_RESOURCES)];
}

/** ValidateResourceQuantityValue: not negative; whole numbers for integer and extended resources. */
export function validateQuantityValue(name: string, quantity: Quantity, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  if (quantity.nanos < 0n) errors.push(invalid(path, quantityString(quantity), 'must be greater than or equal to 0'));
  if ((INTEGER_RESOURCES.has(name) || isExtendedResourceName(name)) && quantity.nanos % 1_000_000_000n !== 0n) {
    // MilliValue() % 1000: a value is whole when its thousandths are.
    const milli = quantity.nanos > 0n ? (quantity.nanos + 999_999n) / 1_000_000n : quantity.nanos / 1_000_000n;
    if (milli % 1000n !== 0n) errors.push(invalid(path, quantityString(quantity), 'must be an integer'));
  }
  return errors;
}

/** validateResourceQuantityHugePageValue: a whole number of pages of the size in the name. */
export function hugePagesError(name: string, quantity: Quantity): string | undefined {
  if (!isHugePages(name)) return undefined;
  const page = parseQuantity(name.slice('hugepages-'.length));
  const shown = `${quantityString(quantity)} is not positive integer multiple of ${name}`;
  if (!page || page.nanos <= 0n || page.nanos % 1_000_000_000n !== 0n) return shown;
  return quantityValue(quantity) % quantityValue(page) === 0n ? undefined : shown;
}
