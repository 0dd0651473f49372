import type { PathSegment } from '../../parse/fieldPath';
import { fieldPath, list, obj } from '../context';
import { duplicateMessage, invalidMessage, notFoundMessage, requiredMessage } from '../fieldErrors';
import { isDns1123Label } from '../nameRules';
import { quantityValue } from '../quantity';
import type { RuleDefinition } from '../rule';

/**
 * The core pod-template basics that stop most broken Jobs [core ValidatePodTemplateSpec,
 * validateContainers]: at least one container; every container (and init container) named
 * with a unique DNS label and given an image.
 */
export const podTemplateRule: RuleDefinition = {
  rules: [
    {
      id: 'containers',
      defaultSeverity: 'error',
      category: 'validation',
      title: 'Pod template containers',
      description: 'The pod template needs at least one container; each container needs a unique name (a DNS label) and an image.',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template',
    },
    {
      id: 'volume-mounts',
      defaultSeverity: 'error',
      category: 'validation',
      title: 'Volume mounts and volumes',
      description: 'Every volumeMounts[].name must name a volume of the pod; volume names are unique DNS labels.',
      docsUrl: 'https://kubernetes.io/docs/concepts/storage/volumes/',
    },
    {
      id: 'resource-limits',
      defaultSeverity: 'error',
      category: 'validation',
      title: 'Requests above limits',
      description: 'A container\'s resource request may not exceed its limit for the same resource.',
      docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits',
    },
  ],
  check(ctx) {
    for (const view of ctx.jobSpecs) {
      const podSpecPath: PathSegment[] = [...view.path, 'template', 'spec'];
      const containersPath = [...podSpecPath, 'containers'];
      const containers = list(view.podSpec?.['containers']);
      if (!containers || containers.length === 0) {
        const raw = view.podSpec?.['containers'];
        if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
          ctx.report({ rule: 'containers', path: containersPath, at: 'key', message: requiredMessage(fieldPath(containersPath)) });
        }
      }
      const volumes = new Set<string>();
      (list(view.podSpec?.['volumes']) ?? []).forEach((item, i) => {
        const name = obj(item)?.['name'];
        if (typeof name !== 'string') return;
        const namePath = [...podSpecPath, 'volumes', i, 'name'];
        for (const detail of isDns1123Label(name)) ctx.report({ rule: 'volume-mounts', path: namePath, message: invalidMessage(fieldPath(namePath), name, detail) });
        if (volumes.has(name)) ctx.report({ rule: 'volume-mounts', path: namePath, message: duplicateMessage(fieldPath(namePath), name) });
        volumes.add(name);
      });
      const seen = new Set<string>();
      for (const key of ['initContainers', 'containers'] as const) {
        (list(view.podSpec?.[key]) ?? []).forEach((item, i) => {
          const container = obj(item);
          if (!container) return;
          const base = [...podSpecPath, key, i];
          const name = container['name'];
          const namePath = [...base, 'name'];
          if (name === undefined || name === null || name === '') {
            ctx.report({ rule: 'containers', path: namePath, at: 'key', locate: name === undefined ? [...podSpecPath, key, i] : namePath, message: requiredMessage(fieldPath(namePath)) });
          } else if (typeof name === 'string') {
            for (const detail of isDns1123Label(name)) ctx.report({ rule: 'containers', path: namePath, message: invalidMessage(fieldPath(namePath), name, detail) });
            if (seen.has(name)) ctx.report({ rule: 'containers', path: namePath, message: duplicateMessage(fieldPath(namePath), name) });
            seen.add(name);
          }
          const image = container['image'];
          const imagePath = [...base, 'image'];
          if (image === undefined || image === null || image === '') {
            ctx.report({ rule: 'containers', path: imagePath, at: 'key', locate: image === undefined ? [...podSpecPath, key, i] : imagePath, message: requiredMessage(fieldPath(imagePath)) });
          }
          (list(container['volumeMounts']) ?? []).forEach((mount, j) => {
            const name = obj(mount)?.['name'];
            if (typeof name !== 'string' || volumes.has(name)) return;
            const p = [...base, 'volumeMounts', j, 'name'];
            ctx.report({ rule: 'volume-mounts', path: p, message: notFoundMessage(fieldPath(p), name) });
          });
          const resources = obj(container['resources']);
          const requests = obj(resources?.['requests']);
          const limits = obj(resources?.['limits']);
          if (requests && limits) {
            for (const resource of Object.keys(requests)) {
              const request = quantityValue(requests[resource]);
              const limit = quantityValue(limits[resource]);
              if (request === undefined || limit === undefined || request <= limit) continue;
              const p = [...base, 'resources', 'requests'];
              ctx.report({
                rule: 'resource-limits',
                path: p,
                field: `${fieldPath(p)}[${resource}]`,
                locate: [...p, resource],
                message: invalidMessage(`${fieldPath(p)}[${resource}]`, String(requests[resource]), `must be less than or equal to ${resource} limit of ${String(limits[resource])}`),
              });
            }
          }
        });
      }
    }
  },
};
