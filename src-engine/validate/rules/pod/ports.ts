import { enumValues } from '../../../schema/query';
import { obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { duplicate, invalid, notSupported, required } from '../../fieldErrorList';
import { isValidPortName, isValidPortNum } from '../../nameRules';
import { containersOf, num, podTemplateRule, text } from './podTemplates';
import type { ContainerView, PodTemplateView } from './podTemplates';

const RULE = 'ports';
const PROTOCOLS = [...enumValues('ContainerPort', 'protocol')].sort();

/**
 * Container ports: validateContainerPorts (names, numbers, protocol), the host-port conflicts
 * of validateContainers/validateInitContainers (checkHostPortConflicts) and
 * validatePodHostNetworkDeps (pkg/apis/core/validation/validation.go).
 */
export const portsRule = podTemplateRule(
  {
    id: RULE,
    title: 'Container ports',
    description:
      'containerPort and hostPort between 1 and 65535, protocol TCP, UDP or SCTP, port names unique IANA service names (at ' +
      'most 15 of a-z, 0-9, -), host ports not used twice, and with hostNetwork hostPort equal to containerPort.',
    docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports',
  },
  (view) => {
    const errors: FieldErrors = [];
    // Indexed loops: this runs for every document, mostly before it is optimised.
    const containers = containersOf(view);
    for (let i = 0; i < containers.length; i++) errors.push(...validateContainerPorts(containers[i] as ContainerView));
    // Regular containers share host ports; each init container runs alone.
    errors.push(...hostPortConflicts(containersOf(view, ['containers'])));
    const initContainers = containersOf(view, ['initContainers']);
    for (let i = 0; i < initContainers.length; i++) errors.push(...hostPortConflicts([initContainers[i] as ContainerView]));
    errors.push(...validatePodHostNetworkDeps(view));
    return errors;
  },
);

/** validateContainerPorts (ports are defaulted first: an empty protocol becomes TCP). */
function validateContainerPorts({ container, path }: ContainerView): FieldErrors {
  if (!Array.isArray(container['ports'])) return [];
  const errors: FieldErrors = [];
  const names = new Set<string>();
  portsOf(container).forEach((port, i) => {
    const at = path.child('ports').index(i);
    const name = text(port['name']);
    if (name !== '') {
      const problems = isValidPortName(name);
      if (problems.length > 0) for (const detail of problems) errors.push(invalid(at.child('name'), name, detail));
      else if (names.has(name)) errors.push(duplicate(at.child('name'), name));
      else names.add(name);
    }
    const containerPort = num(port['containerPort']);
    if (containerPort === 0) errors.push(required(at.child('containerPort')));
    else {
      for (const detail of isValidPortNum(containerPort)) errors.push(invalid(at.child('containerPort'), containerPort, detail));
    }
    const hostPort = num(port['hostPort']);
    if (hostPort !== 0) {
      for (const detail of isValidPortNum(hostPort)) errors.push(invalid(at.child('hostPort'), hostPort, detail));
    }
    const protocol = text(port['protocol']);
    if (protocol !== '' && !PROTOCOLS.includes(protocol)) errors.push(notSupported(at.child('protocol'), protocol, PROTOCOLS));
  });
  return errors;
}

function portsOf(container: Record<string, unknown>): Record<string, unknown>[] {
  const ports = container['ports'];
  return Array.isArray(ports) ? ports.map((p) => obj(p) ?? {}) : [];
}

/** AccumulateUniqueHostPorts: protocol/hostIP/hostPort used once. */
function hostPortConflicts(containers: readonly ContainerView[]): FieldErrors {
  const errors: FieldErrors = [];
  const seen = new Set<string>();
  for (let c = 0; c < containers.length; c++) {
    const { container, path } = containers[c] as ContainerView;
    portsOf(container).forEach((port, i) => {
      const hostPort = num(port['hostPort']);
      if (hostPort === 0) return;
      const key = `${text(port['protocol']) || 'TCP'}/${text(port['hostIP'])}/${hostPort}`;
      if (seen.has(key)) errors.push(duplicate(path.child('ports').index(i).child('hostPort'), key));
      else seen.add(key);
    });
  }
  return errors;
}

/** validatePodHostNetworkDeps: with hostNetwork, a set hostPort must equal containerPort (templates allow 0). */
function validatePodHostNetworkDeps(view: PodTemplateView): FieldErrors {
  if (view.spec['hostNetwork'] !== true) return [];
  const errors: FieldErrors = [];
  for (const { container, path } of containersOf(view, ['containers'])) {
    portsOf(container).forEach((port, i) => {
      const hostPort = num(port['hostPort']);
      if (hostPort !== 0 && hostPort !== num(port['containerPort'])) {
        errors.push(
          invalid(
            path.child('ports').index(i).child('hostPort'),
            hostPort,
            'must match `containerPort` when `hostNetwork` is true',
          ),
        );
      }
    });
  }
  return errors;
}
