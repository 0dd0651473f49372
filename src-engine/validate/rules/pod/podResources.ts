import type { ApiPath } from '../../apiPath';
import { obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { invalid } from '../../fieldErrorList';
import { compareQuantities, quantityString, resourceList } from '../../quantity';
import type { Quantity } from '../../quantity';
import { containersOf } from './podTemplates';
import type { PodTemplateView } from './podTemplates';
import { isHugePages } from './resourceNames';

type ResourceList = Map<string, Quantity>;

function add(into: ResourceList, from: ResourceList): void {
  for (const [name, q] of from) {
    const current = into.get(name);
    into.set(name, current ? { ...current, nanos: current.nanos + q.nanos } : q);
  }
}

function max(into: ResourceList, from: ResourceList): void {
  for (const [name, q] of from) {
    const current = into.get(name);
    if (!current || compareQuantities(q, current) > 0) into.set(name, q);
  }
}

/**
 * AggregateContainerRequests / AggregateContainerLimits (k8s.io/component-helpers/resource):
 * regular containers and sidecars (init containers with restartPolicy Always) add up; an
 * ordinary init container runs with the sidecars started before it, and the pod needs the
 * larger of that and the running total.
 */
function aggregate(view: PodTemplateView, field: 'requests' | 'limits'): ResourceList {
  const total: ResourceList = new Map();
  for (const { container } of containersOf(view, ['containers'])) add(total, resourceList(obj(container['resources'])?.[field]));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const { container } of containersOf(view, ['initContainers'])) {
    const own = resourceList(obj(container['resources'])?.[field]);
    if (container['restartPolicy'] === 'Always') {
      add(total, own);
      add(sidecars, own);
      max(initPeak, sidecars);
    } else {
      const running: ResourceList = new Map(own);
      add(running, sidecars);
      max(initPeak, running);
    }
  }
  max(total, initPeak);
  return total;
}

/**
 * validatePodResourceConsistency: pod-level requests cover the containers' aggregate, pod-level
 * hugepage limits their aggregate limits, and no container limit exceeds the pod's (that
 * error's path is Kubernetes' own: `resources.containers[i][name].limits`).
 */
export function podResourceConsistency(view: PodTemplateView, resources: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  const podRequests = resourceList(resources['requests']);
  const podLimits = resourceList(resources['limits']);
  for (const [name, total] of aggregate(view, 'requests')) {
    const pod = podRequests.get(name);
    if (pod && compareQuantities(total, pod) > 0) {
      errors.push(
        invalid(
          path.child('requests').key(name),
          quantityString(pod),
          `must be greater than or equal to aggregate container requests of ${quantityString(total)}`,
        ),
      );
    }
  }
  for (const [name, total] of aggregate(view, 'limits')) {
    const pod = podLimits.get(name);
    if (isHugePages(name) && pod && compareQuantities(total, pod) > 0) {
      errors.push(
        invalid(
          path.child('limits').key(name),
          quantityString(pod),
          `must be greater than or equal to aggregate container limits of ${quantityString(total)}`,
        ),
      );
    }
  }
  containersOf(view, ['containers']).forEach(({ container, path: containerPath }, i) => {
    for (const [name, limit] of resourceList(obj(container['resources'])?.['limits'])) {
      const pod = podLimits.get(name);
      if (pod && compareQuantities(limit, pod) > 0) {
        const at = containerPath
          .child('resources', 'limits')
          .key(name)
          .printedAs(`${path.text}.containers[${i}][${name}].limits`);
        errors.push(invalid(at, quantityString(limit), `must be less than or equal to pod limits of ${quantityString(pod)}`));
      }
    }
  });
  return errors;
}
