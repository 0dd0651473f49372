import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { duplicate, forbidden, invalid, notFound, reportErrors, required } from '../../fieldErrorList';
import { isDns1123Label } from '../../nameRules';
import { compareQuantities, quantityString, resourceList } from '../../quantity';
import type { RuleDefinition } from '../../rule';
import { validationRule } from '../../rule';
import { containersOf, podOs, podTemplates, present, text } from './podTemplates';
import type { ContainerView, PodTemplateView } from './podTemplates';
import { podResourceConsistency } from './podResources';
import {
  hugePagesError,
  isHugePages,
  isOvercommitAllowed,
  validateContainerResourceName,
  validatePodResourceName,
  validateQuantityValue,
} from './resourceNames';

const RULES = { names: 'resources', limits: 'resource-limits' } as const;

/**
 * Compute resources: validateResourceRequirements for every container, the pod's overhead and
 * (PodLevelResources, beta and on in 1.35) the pod-level resources with
 * validatePodResourceConsistency, and the claims containers name (validateResourceClaimNames;
 * pkg/apis/core/validation/validation.go). Quantities are read after SetDefaults_ResourceList
 * (rounded up to thousandths). `resource-limits` is the requests-against-limits family.
 */
export const resourcesRule: RuleDefinition = {
  rules: [
    validationRule({
      id: RULES.names,
      title: 'Resource names and quantities',
      description:
        'Resource names are standard (cpu, memory, ephemeral-storage, hugepages-<size>) or fully qualified extended resources; ' +
        'quantities are not negative, extended resources whole, hugepages a whole number of pages and only with cpu or ' +
        "memory; claims name the pod's resourceClaims.",
      docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    }),
    validationRule({
      id: RULES.limits,
      title: 'Requests and limits',
      description:
        'A request may not exceed its limit; extended resources and hugepages need a limit equal to the request; pod-level ' +
        "resources must cover the containers'.",
      docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits',
    }),
  ],
  check(ctx) {
    const views = podTemplates(ctx);
    for (let v = 0; v < views.length; v++) {
      const view = views[v] as PodTemplateView;
      const claims = podClaimNames(view);
      const out: Findings = { names: [], limits: [] };
      const containers = containersOf(view);
      for (let c = 0; c < containers.length; c++) {
        const { container, path } = containers[c] as ContainerView;
        validateRequirements(
          obj(container['resources']) ?? {},
          path.child('resources'),
          validateContainerResourceName,
          claims,
          out,
        );
      }
      const overhead = obj(view.spec['overhead']);
      if (overhead) {
        validateRequirements({ limits: overhead }, view.path.child('overhead'), validateContainerResourceName, new Set(), out);
      }
      validatePodResources(view, claims, out);
      reportErrors(ctx, RULES.names, out.names);
      reportErrors(ctx, RULES.limits, out.limits);
    }
  },
};

/** The two families' errors: names and quantities, and requests against limits. */
interface Findings {
  readonly names: FieldErrors;
  readonly limits: FieldErrors;
}

const NO_CLAIMS: ReadonlySet<string> = new Set();

/** gatherPodResourceClaimNames. */
function podClaimNames(view: PodTemplateView): ReadonlySet<string> {
  const claims = list(view.spec['resourceClaims']);
  if (!claims) return NO_CLAIMS;
  const names = new Set<string>();
  for (const item of claims) {
    const name = text(obj(item)?.['name']);
    if (name !== '') names.add(name);
  }
  return names;
}

type NameCheck = (name: string, path: ApiPath) => FieldErrors;

/** validateResourceRequirements. */
function validateRequirements(
  resources: Record<string, unknown>,
  path: ApiPath,
  checkName: NameCheck,
  claims: ReadonlySet<string>,
  out: Findings,
): void {
  const errors = out.names;
  const limits = resourceList(resources['limits']);
  const requests = resourceList(resources['requests']);
  let cpuOrMemory = false;
  let hugePages = false;
  // forEach, not for-of over entries: no iterator results in code that has not been optimised yet.
  limits.forEach((q, name) => {
    const at = path.child('limits').key(name);
    errors.push(...checkName(name, at));
    errors.push(...validateQuantityValue(name, q, at));
    const pages = hugePagesError(name, q);
    if (pages) errors.push(invalid(at, quantityString(q), pages));
    hugePages ||= isHugePages(name);
    cpuOrMemory ||= name === 'cpu' || name === 'memory';
  });
  requests.forEach((q, name) => {
    const at = path.child('requests').key(name);
    const requestsPath = at.printedAs(path.child('requests'));
    errors.push(...checkName(name, at));
    errors.push(...validateQuantityValue(name, q, at));
    const limit = limits.get(name);
    if (limit) {
      const order = compareQuantities(q, limit);
      if (order !== 0 && !isOvercommitAllowed(name)) {
        out.limits.push(invalid(requestsPath, quantityString(q), `must be equal to ${name} limit of ${quantityString(limit)}`));
      } else if (order > 0) {
        out.limits.push(
          invalid(requestsPath, quantityString(q), `must be less than or equal to ${name} limit of ${quantityString(limit)}`),
        );
      }
    } else if (!isOvercommitAllowed(name)) {
      out.limits.push(required(path.child('limits'), 'Limit must be set for non overcommitable resources'));
    }
    const pages = hugePagesError(name, q);
    if (pages) errors.push(invalid(at, quantityString(q), pages));
    hugePages ||= isHugePages(name);
    cpuOrMemory ||= name === 'cpu' || name === 'memory';
  });
  if (hugePages && !cpuOrMemory) errors.push(forbidden(path, 'HugePages require cpu or memory'));
  errors.push(...validateClaimReferences(list(resources['claims']) ?? [], path.child('claims'), claims));
}

/** validateResourceClaimNames: each claim (or claim/request) once, and only claims of the pod. */
function validateClaimReferences(items: readonly unknown[], path: ApiPath, podClaims: ReadonlySet<string>): FieldErrors {
  if (items.length === 0) return [];
  const errors: FieldErrors = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const claim = obj(item) ?? {};
    const name = text(claim['name']);
    const at = path.index(i);
    if (name === '') {
      errors.push(required(at));
      return;
    }
    const request = text(claim['request']);
    if (seen.has(name)) {
      errors.push(duplicate(at, name));
    } else {
      if (request !== '') for (const d of isDns1123Label(request)) errors.push(invalid(at.child('request'), request, d));
      const key = request === '' ? name : `${name}/${request}`;
      if (seen.has(key)) errors.push(duplicate(at, key));
      else if (request === '' && [...seen].some((k) => k.startsWith(`${name}/`))) errors.push(duplicate(at, name));
      seen.add(key);
    }
    if (!podClaims.has(name)) {
      const listed = podClaims.size === 0 ? ' which is empty' : `: ${[...podClaims].sort().join(', ')}`;
      errors.push(notFound(at, name, `must be one of the names in pod.spec.resourceClaims${listed}`));
    }
  });
  return errors;
}

/** validatePodResources (PodLevelResources). */
function validatePodResources(view: PodTemplateView, claims: ReadonlySet<string>, out: Findings): void {
  const resources = obj(view.spec['resources']);
  if (!resources || !view.gates.enabled('PodLevelResources')) return;
  const path = view.path.child('resources');
  if (podOs(view) === 'windows') {
    out.names.push(forbidden(path, 'may not be set for a windows pod'));
    return;
  }
  if (present(resources['claims'])) {
    out.names.push(forbidden(path.child('claims'), 'claims may not be set for Resources at pod-level'));
  }
  validateRequirements(resources, path, validatePodResourceName, claims, out);
  out.limits.push(...podResourceConsistency(view, resources, path));
}
