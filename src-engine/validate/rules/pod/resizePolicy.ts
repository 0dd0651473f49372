import { atLeast } from '../../../schema/kubernetesVersion';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { duplicate, invalid, notSupported, required } from '../../fieldErrorList';
import { text } from './podTemplates';
import type { ContainerView, PodTemplateView } from './podTemplates';

/** sets.List order of supportedResizeResources and supportedResizePolicies. */
const RESIZE_RESOURCES = ['cpu', 'memory'];
const RESIZE_POLICIES = ['NotRequired', 'RestartContainer'];

/**
 * validateResizePolicy (validateContainerCommon, pkg/apis/core/validation/validation.go): each
 * resource once, cpu or memory, a restart policy, and NotRequired in a pod that never restarts.
 * The list is there only where InPlacePodVerticalScaling is on (DropDisabledTemplateFields).
 */
export function validateResizePolicy({ container, path }: ContainerView, view: PodTemplateView): FieldErrors {
  const items = list(container['resizePolicy']);
  if (!items) return [];
  const errors: FieldErrors = [];
  const at = path.child('resizePolicy');
  const podPolicy = text(view.spec['restartPolicy']) || 'Always';
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const policy = obj(item) ?? {};
    const resource = text(policy['resourceName']);
    const restart = text(policy['restartPolicy']);
    if (seen.has(resource)) errors.push(duplicate(at.index(i), resource));
    seen.add(resource);
    if (resource === '') errors.push(required(at));
    else if (!RESIZE_RESOURCES.includes(resource)) errors.push(notSupported(at, resource, RESIZE_RESOURCES));
    if (restart === '') errors.push(required(at));
    else if (!RESIZE_POLICIES.includes(restart)) errors.push(notSupported(at, restart, RESIZE_POLICIES));
    if (podPolicy === 'Never' && restart !== 'NotRequired') {
      const pod = atLeast(view.gates.version, '1.36') ? 'pod ' : '';
      errors.push(invalid(at, restart, `must be 'NotRequired' when ${pod}\`restartPolicy\` is 'Never'`));
    }
  });
  return errors;
}

/**
 * validateInitContainers' resize checks: a resizePolicy only on sidecars while
 * opts.AllowSidecarResizePolicy is off (it follows InPlacePodVerticalScaling), and from 1.36 no
 * RestartContainer on an init container that is not a sidecar.
 */
export function validateInitResizePolicy({ container, path }: ContainerView, view: PodTemplateView): FieldErrors {
  const policies = list(container['resizePolicy']) ?? [];
  const errors: FieldErrors = [];
  if (!view.gates.enabled('InPlacePodVerticalScaling') && policies.length > 0) {
    errors.push(invalid(path.child('resizePolicy'), policies, 'must not be set for init containers'));
  }
  if (atLeast(view.gates.version, '1.36') && container['restartPolicy'] !== 'Always') {
    policies.forEach((item, j) => {
      const restart = text(obj(item)?.['restartPolicy']);
      if (restart === 'RestartContainer') {
        const at = path.child('resizePolicy').index(j).child('restartPolicy');
        errors.push(invalid(at, restart, "must not be set to 'RestartContainer' for non-sidecar initContainers"));
      }
    });
  }
  return errors;
}
