import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { duplicate, forbidden, invalid, notSupported, required, tooLong } from '../../fieldErrorList';
import {
  inclusiveRangeError,
  isDns1123Label,
  isDns1123Subdomain,
  isDns1123SubdomainWithUnderscore,
  isQualifiedName,
} from '../../nameRules';
import { ipErrors } from './ip';
import { podTemplateRule, present, text } from './podTemplates';
import type { PodTemplateView } from './podTemplates';
import { validatePodAnnotations } from './podAnnotations';
import { validateOs, validateWindowsHostProcessPod } from './windows';
import { objectItems } from '../../objectItems';

const RULE = 'pod-spec';
/** validateRestartPolicy's order. */
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
/** validateDNSPolicy's order. */
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
/** ValidatePreemptionPolicy's order. */
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
const MAX_INT32 = 2147483647;

/**
 * The pod spec's own fields: validateRestartPolicy, validateDNSPolicy, validatePodDNSConfig, hostname, subdomain and
 * validatePodHostName (hostnameOverride), serviceAccountName (the deprecated serviceAccount is
 * read as it when unset), nodeName, activeDeadlineSeconds, priorityClassName, runtimeClassName,
 * preemptionPolicy, validateReadinessGates, validateImagePullSecrets, ValidateHostAliases,
 * validatePodResourceClaims, validateOS and validateWindowsHostProcessPod, and the template's
 * pod annotations (pkg/apis/core/validation/validation.go).
 */
export const podSpecRule = podTemplateRule(
  {
    id: RULE,
    title: 'Pod spec fields',
    description:
      'dnsPolicy ClusterFirst, ClusterFirstWithHostNet, Default or None (with dnsConfig nameservers); hostname and subdomain ' +
      'DNS labels; serviceAccountName, priorityClassName, runtimeClassName and nodeName DNS subdomains (no placeholders ' +
      'like $NAME); activeDeadlineSeconds from 1; valid resourceClaims, readinessGates, hostAliases, os and pod ' +
      'annotations.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/',
  },
  (view) => {
    // One spread per push: a literal or call with several spreads iterates them one by one in
    // code not yet optimised (most of a big file's first open).
    const errors = validateNames(view);
    errors.push(...validateDns(view));
    errors.push(...validateMisc(view));
    errors.push(...validatePodResourceClaims(view));
    errors.push(...validateOs(view));
    errors.push(...validateWindowsHostProcessPod(view));
    errors.push(...validatePodAnnotations(view));
    return errors;
  },
);

const subdomainErrors = (path: ApiPath, value: string): FieldErrors =>
  isDns1123Subdomain(value).map((d) => invalid(path, value, d));
const labelErrors = (path: ApiPath, value: string): FieldErrors => isDns1123Label(value).map((d) => invalid(path, value, d));

function validateNames(view: PodTemplateView): FieldErrors {
  const { spec, path } = view;
  const errors: FieldErrors = [];
  // Convert_v1_PodSpec_To_core_PodSpec: serviceAccount stands in for an empty serviceAccountName.
  const account = text(spec['serviceAccountName']) || text(spec['serviceAccount']);
  if (account !== '') {
    const accountPath = text(spec['serviceAccountName'])
      ? path.child('serviceAccountName')
      : path.child('serviceAccount').printedAs(path.child('serviceAccountName'));
    errors.push(...subdomainErrors(accountPath, account));
  }
  if (text(spec['nodeName']) !== '') errors.push(...subdomainErrors(path.child('nodeName'), text(spec['nodeName'])));
  const priorityClass = text(spec['priorityClassName']);
  if (priorityClass !== '') errors.push(...subdomainErrors(path.child('priorityClassName'), priorityClass));
  if (present(spec['runtimeClassName'])) {
    errors.push(...subdomainErrors(path.child('runtimeClassName'), text(spec['runtimeClassName'])));
  }
  if (text(spec['hostname']) !== '') errors.push(...labelErrors(path.child('hostname'), text(spec['hostname'])));
  if (text(spec['subdomain']) !== '') errors.push(...labelErrors(path.child('subdomain'), text(spec['subdomain'])));
  if (present(spec['hostnameOverride'])) {
    const at = path.child('hostnameOverride');
    const value = text(spec['hostnameOverride']);
    if (spec['setHostnameAsFQDN'] === true) errors.push(forbidden(at, 'may not be specified when setHostnameAsFQDN is true'));
    if (spec['hostNetwork'] === true) errors.push(forbidden(at, 'may not be specified when hostNetwork is true'));
    if (value.length > 64) errors.push(tooLong(at, 64));
    errors.push(...subdomainErrors(at, value));
  }
  return errors;
}

function validateDns(view: PodTemplateView): FieldErrors {
  const { spec, path } = view;
  const errors: FieldErrors = [];
  const policy = text(spec['dnsPolicy']) || 'ClusterFirst';
  if (!DNS_POLICIES.includes(policy)) errors.push(notSupported(path.child('dnsPolicy'), policy, DNS_POLICIES));
  const config = obj(spec['dnsConfig']);
  const at = path.child('dnsConfig');
  const nameservers = (list(config?.['nameservers']) ?? []).map(text);
  const strictIps = view.gates.enabled('StrictIPCIDRValidation');
  if (policy === 'None') {
    if (!config) return [...errors, required(at, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (nameservers.length === 0) {
      return [...errors, required(at.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!config) return errors;
  if (nameservers.length > 3) errors.push(invalid(at.child('nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => {
    for (const d of ipErrors(ns, strictIps)) errors.push(invalid(at.child('nameservers').index(i), ns, d));
  });
  const searches = (list(config['searches']) ?? []).map(text);
  if (searches.length > 32) errors.push(invalid(at.child('searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errors.push(
      invalid(at.child('searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'),
    );
  }
  const relaxed = view.gates.enabled('RelaxedDNSSearchValidation');
  searches.forEach((search, i) => {
    if (relaxed && search === '.') return;
    const trimmed = search.endsWith('.') ? search.slice(0, -1) : search;
    const problems = relaxed ? isDns1123SubdomainWithUnderscore(trimmed) : isDns1123Subdomain(trimmed);
    for (const d of problems) errors.push(invalid(at.child('searches').index(i), trimmed, d));
  });
  (list(config['options']) ?? []).forEach((option, i) => {
    if (text(obj(option)?.['name']) === '') errors.push(required(at.child('options').index(i), 'must not be empty'));
  });
  return errors;
}

function validateMisc(view: PodTemplateView): FieldErrors {
  const strictIps = view.gates.enabled('StrictIPCIDRValidation');
  const { spec, path } = view;
  const errors: FieldErrors = [];
  // The pod's own check; a Job's stricter one is the restart-policy rule (both report, as the server does).
  const restart = text(spec['restartPolicy']) || 'Always';
  if (!RESTART_POLICIES.includes(restart)) {
    errors.push(notSupported(path.child('restartPolicy'), restart, RESTART_POLICIES, false));
  }
  const deadline = spec['activeDeadlineSeconds'];
  if (typeof deadline === 'number' && (deadline < 1 || deadline > MAX_INT32)) {
    errors.push(invalid(path.child('activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  if (present(spec['preemptionPolicy'])) {
    const policy = text(spec['preemptionPolicy']);
    if (policy === '') errors.push(required(path.child('preemptionPolicy')));
    else if (!PREEMPTION_POLICIES.includes(policy)) {
      errors.push(notSupported(path.child('preemptionPolicy'), policy, PREEMPTION_POLICIES));
    }
  }
  list(spec['readinessGates'])?.forEach((gate, i) => {
    const condition = text(obj(gate)?.['conditionType']);
    for (const d of isQualifiedName(condition)) {
      errors.push(invalid(path.child('readinessGates').index(i).child('conditionType'), condition, d));
    }
  });
  list(spec['imagePullSecrets'])?.forEach((secret, i) => {
    const ref = obj(secret) ?? {};
    if (Object.keys(ref).some((k) => k !== 'name')) {
      errors.push(invalid(path.child('imagePullSecrets').index(i), ref, 'only name may be set'));
    }
  });
  if (spec['hostAliases'] !== undefined) {
    objectItems(spec['hostAliases'], path.child('hostAliases')).forEach(({ item: alias, path: at }) => {
      const ip = text(alias['ip']);
      for (const d of ipErrors(ip, strictIps)) errors.push(invalid(at.child('ip'), ip, d));
      (list(alias['hostnames']) ?? []).forEach((name, j) =>
        errors.push(...subdomainErrors(at.child('hostnames').index(j), text(name))),
      );
    });
  }
  // Only where the GenericWorkload gate is on: DropDisabledTemplateFields removed it otherwise.
  const workload = obj(spec['workloadRef']);
  if (workload) {
    const at = path.child('workloadRef');
    errors.push(
      ...subdomainErrors(at.child('name'), text(workload['name'])),
      ...labelErrors(at.child('podGroup'), text(workload['podGroup'])),
    );
    if (text(workload['podGroupReplicaKey']) !== '') {
      errors.push(...labelErrors(at.child('podGroupReplicaKey'), text(workload['podGroupReplicaKey'])));
    }
  }
  return errors;
}

/** validatePodResourceClaims: unique DNS-label names, exactly one of the two references. */
function validatePodResourceClaims(view: PodTemplateView): FieldErrors {
  if (!list(view.spec['resourceClaims'])) return [];
  const errors: FieldErrors = [];
  const names = new Set<string>();
  objectItems(view.spec['resourceClaims'], view.path.child('resourceClaims')).forEach(({ item: claim, path: at }) => {
    const name = text(claim['name']);
    if (name === '') errors.push(required(at.child('name')));
    else if (names.has(name)) errors.push(duplicate(at.child('name'), name));
    else {
      errors.push(...labelErrors(at.child('name'), name));
      names.add(name);
    }
    const hasClaim = present(claim['resourceClaimName']);
    const hasTemplate = present(claim['resourceClaimTemplateName']);
    if (hasClaim && hasTemplate) {
      errors.push(invalid(at, claim, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    }
    if (!hasClaim && !hasTemplate) {
      errors.push(invalid(at, claim, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    }
    if (hasClaim) errors.push(...subdomainErrors(at.child('resourceClaimName'), text(claim['resourceClaimName'])));
    if (hasTemplate) {
      errors.push(...subdomainErrors(at.child('resourceClaimTemplateName'), text(claim['resourceClaimTemplateName'])));
    }
  });
  return errors;
}
