import { enumValues } from '../../../schema/query';
import { FIELD_FACTS } from '../../../schema/facts';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { duplicate, forbidden, notSupported, required, requiredValid, tooLong, tooMany } from '../../fieldErrorList';
import { atLeast } from '../../../schema/kubernetesVersion';
import { isDns1123Label } from '../../nameRules';
import { containersOf, podTemplateRule, present, text } from './podTemplates';
import { validateInitResizePolicy, validateResizePolicy } from './resizePolicy';
import type { ContainerView, PodTemplateView } from './podTemplates';

const RULE = 'containers';
/** validateContainerCommon lists them in this order (File first), not sorted. */
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'] as const;
const PULL_POLICIES = [...enumValues('Container', 'imagePullPolicy')].sort();
const CONTAINER_RESTART_POLICIES = FIELD_FACTS['Container.restartPolicy']!.enum!;
const RESTART_RULE_OPERATORS = ['In', 'NotIn'] as const;
const MAX_RESTART_RULES = 20;
const MAX_RESTART_RULE_EXIT_CODES = 255;
const INIT_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';

/**
 * The containers of the pod template: ValidatePodTemplateSpec's ephemeral-container ban,
 * validateContainers and validateInitContainers (names, uniqueness across both lists, what an
 * init container without restartPolicy Always may not have, container restartPolicy and
 * restartPolicyRules) and validateContainerCommon's name, image, terminationMessagePolicy and
 * imagePullPolicy (pkg/apis/core/validation/validation.go). Ports, env, mounts, resources,
 * probes and security contexts are their own rules.
 */
export const containersRule = podTemplateRule(
  {
    id: RULE,
    title: 'Pod template containers',
    description:
      'At least one container; each container and init container has a unique DNS-label name and an image; valid ' +
      'terminationMessagePolicy, imagePullPolicy, restartPolicy and restartPolicyRules; init containers without ' +
      'restartPolicy Always have no probes or lifecycle hooks; no ephemeral containers in a template.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template',
  },
  validatePodContainers,
);

export function validatePodContainers(view: PodTemplateView): FieldErrors {
  const errors: FieldErrors = [];
  const containers = containersOf(view, ['containers']);
  const raw = view.spec['containers'];
  if (containers.length === 0 && (!present(raw) || Array.isArray(raw))) errors.push(required(view.path.child('containers')));
  const regularNames = new Set<string>();
  // Indexed loops and one spread per push: this runs for every document, mostly before it is optimised.
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i] as ContainerView;
    errors.push(...validateContainerCommon(c));
    errors.push(...validateResizePolicy(c, view));
    const name = text(c.container['name']);
    if (regularNames.has(name)) errors.push(duplicate(c.path.child('name'), name));
    else regularNames.add(name);
    errors.push(...validateRegularRestartPolicy(c, view));
  }
  const allNames = new Set(regularNames);
  const initContainers = containersOf(view, ['initContainers']);
  for (let i = 0; i < initContainers.length; i++) {
    const c = initContainers[i] as ContainerView;
    errors.push(...validateContainerCommon(c));
    errors.push(...validateResizePolicy(c, view));
    errors.push(...validateInitResizePolicy(c, view));
    const policy = c.container['restartPolicy'];
    errors.push(...validateInitContainerRestartPolicy(c, view));
    const name = text(c.container['name']);
    if (allNames.has(name)) errors.push(duplicate(c.path.child('name'), name));
    else if (name !== '') allNames.add(name);
    if (policy !== 'Always') {
      if (present(c.container['lifecycle'])) errors.push(forbidden(c.path.child('lifecycle'), INIT_FORBIDDEN));
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (present(c.container[probe])) errors.push(forbidden(c.path.child(probe), INIT_FORBIDDEN));
      }
    }
  }
  if (list(view.spec['ephemeralContainers'])?.length) {
    errors.push(forbidden(view.path.child('ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errors;
}

/** validateContainerCommon's own checks: name, image, terminationMessagePolicy, imagePullPolicy (after SetDefaults_Container). */
function validateContainerCommon({ container, path }: ContainerView): FieldErrors {
  const errors: FieldErrors = [];
  const name = text(container['name']);
  errors.push(...requiredValid(name, path.child('name'), isDns1123Label));
  if (text(container['image']) === '') errors.push(required(path.child('image')));
  const messagePolicy = text(container['terminationMessagePolicy']);
  if (messagePolicy !== '' && !(TERMINATION_MESSAGE_POLICIES as readonly string[]).includes(messagePolicy)) {
    errors.push(notSupported(path.child('terminationMessagePolicy'), messagePolicy, TERMINATION_MESSAGE_POLICIES));
  }
  const pullPolicy = text(container['imagePullPolicy']);
  if (pullPolicy !== '' && !PULL_POLICIES.includes(pullPolicy)) {
    errors.push(notSupported(path.child('imagePullPolicy'), pullPolicy, PULL_POLICIES));
  }
  return errors;
}

/**
 * validateContainers: a regular container's restartPolicy and rules (gate ContainerRestartRules).
 * With the gate off (1.34) DropDisabledTemplateFields removed both; before the gate existed
 * (1.32, 1.33) the policy is forbidden outright.
 */
function validateRegularRestartPolicy(c: ContainerView, view: PodTemplateView): FieldErrors {
  if (view.gates.enabled('ContainerRestartRules')) return validateContainerRestartPolicy(c, view);
  if (present(c.container['restartPolicy'])) {
    return [forbidden(c.path.child('restartPolicy'), 'may not be set for non-init containers')];
  }
  return [];
}

/** validateInitContainerRestartPolicy. */
function validateInitContainerRestartPolicy(c: ContainerView, view: PodTemplateView): FieldErrors {
  const policy = c.container['restartPolicy'];
  const rules = list(c.container['restartPolicyRules']) ?? [];
  if (!present(policy)) {
    return rules.length > 0
      ? [required(c.path.child('restartPolicy'), 'must specify restartPolicy when restart rules are used')]
      : [];
  }
  if (!view.gates.enabled('ContainerRestartRules')) {
    return policy === 'Always' ? [] : [notSupported(c.path.child('restartPolicy'), policy, ['Always'])];
  }
  if (policy !== 'Always' || view.gates.enabled('RestartAllContainersOnContainerExits')) {
    return validateContainerRestartPolicy(c, view);
  }
  return rules.length > 0
    ? [
        forbidden(
          c.path.child('restartPolicyRules'),
          'restartPolicyRules are not allowed for init containers with restart policy Always',
        ),
      ]
    : [];
}

/** validateContainerRestartPolicy: policy and per-exit-code rules of any container. */
function validateContainerRestartPolicy({ container, path }: ContainerView, view: PodTemplateView): FieldErrors {
  const errors: FieldErrors = [];
  const policy = container['restartPolicy'];
  const rules = list(container['restartPolicyRules']) ?? [];
  if (!present(policy)) {
    if (rules.length === 0) return errors;
    errors.push(required(path.child('restartPolicy'), 'must specify restartPolicy when restart rules are used'));
  } else if (!CONTAINER_RESTART_POLICIES.includes(String(policy))) {
    errors.push(notSupported(path.child('restartPolicy'), policy, CONTAINER_RESTART_POLICIES));
  }
  // From 1.36 the counts are Too many (a number), before Too long.
  const countError = atLeast(view.gates.version, '1.36')
    ? (at: typeof path, n: number, max: number) => tooMany(at, n, max)
    : (at: typeof path, _n: number, max: number) => tooLong(at, max);
  if (rules.length > MAX_RESTART_RULES) {
    errors.push(countError(path.child('restartPolicyRules'), rules.length, MAX_RESTART_RULES));
  }
  const actions = view.gates.enabled('RestartAllContainersOnContainerExits') ? ['Restart', 'RestartAllContainers'] : ['Restart'];
  rules.forEach((item, i) => {
    const rule = obj(item) ?? {};
    const rulePath = path.child('restartPolicyRules').index(i);
    // 1.35 names only Restart as supported even when RestartAllContainers is allowed; 1.36 names what it allows.
    if (!actions.includes(text(rule['action']))) {
      const named = atLeast(view.gates.version, '1.36') ? actions : ['Restart'];
      errors.push(notSupported(rulePath.child('action'), text(rule['action']), named));
    }
    const exitCodes = obj(rule['exitCodes']);
    if (!exitCodes) {
      errors.push(required(rulePath.child('exitCodes'), 'must be specified'));
      return;
    }
    const operator = text(exitCodes['operator']);
    if (!(RESTART_RULE_OPERATORS as readonly string[]).includes(operator)) {
      errors.push(notSupported(rulePath.child('exitCodes', 'operator'), operator, RESTART_RULE_OPERATORS));
    }
    const values = list(exitCodes['values'])?.length ?? 0;
    if (values > MAX_RESTART_RULE_EXIT_CODES) {
      errors.push(countError(rulePath.child('exitCodes', 'values'), values, MAX_RESTART_RULE_EXIT_CODES));
    }
  });
  return errors;
}
