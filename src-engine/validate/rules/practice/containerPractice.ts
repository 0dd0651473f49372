import type { PathSegment } from '../../../parse/fieldPath';
import { fieldPath, list, obj } from '../../context';
import type { RuleDefinition } from '../../rule';

/** Advice on the pod template's containers. */
export const containerPracticeRules: RuleDefinition = {
  rules: [
    {
      id: 'image-latest',
      defaultSeverity: 'warning',
      category: 'practice',
      title: 'Image without a fixed tag',
      description: 'An image with the tag latest, or no tag, can change between runs; pin a version or a digest.',
      docsUrl: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    },
    {
      id: 'resources-missing',
      defaultSeverity: 'info',
      category: 'practice',
      title: 'No resource requests',
      description: 'Containers without resource requests get scheduled anywhere and are first to be evicted.',
      docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    },
    {
      id: 'job-looks-like-server',
      defaultSeverity: 'warning',
      category: 'practice',
      title: 'Job runs a server',
      description: 'Ports and readiness/liveness probes suggest a long-running server; a Job is for work that finishes. Consider a Deployment.',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/',
    },
  ],
  check(ctx) {
    for (const view of ctx.jobSpecs) {
      const podSpecPath: PathSegment[] = [...view.path, 'template', 'spec'];
      for (const key of ['initContainers', 'containers'] as const) {
        (list(view.podSpec?.[key]) ?? []).forEach((item, i) => {
          const container = obj(item);
          if (!container) return;
          const base = [...podSpecPath, key, i];
          const image = container['image'];
          if (typeof image === 'string' && image !== '' && !image.includes('@')) {
            const lastSlash = image.lastIndexOf('/');
            const colon = image.indexOf(':', lastSlash + 1);
            const tag = colon < 0 ? undefined : image.slice(colon + 1);
            if (tag === undefined || tag === 'latest') {
              ctx.report({
                rule: 'image-latest',
                path: [...base, 'image'],
                message: `${fieldPath(base, ['image'])}: ${JSON.stringify(image)} ${tag === undefined ? 'has no tag (it means :latest)' : 'uses :latest'}; pin a version or digest so every run uses the same image`,
              });
            }
          }
          const isSidecar = key === 'initContainers' && container['restartPolicy'] === 'Always';
          if (key === 'containers' || isSidecar) {
            const requests = obj(obj(container['resources'])?.['requests']);
            if (!requests || Object.keys(requests).length === 0) {
              ctx.report({
                rule: 'resources-missing',
                path: [...base, 'resources', 'requests'],
                locate: [...base, 'name'],
                message: `${fieldPath(base)}: no resources.requests: set cpu and memory requests so the scheduler can place the pod and it is not first to be evicted`,
              });
            }
          }
          if (key === 'containers') {
            const serverSigns = ['ports', 'readinessProbe', 'livenessProbe'].filter((k) => container[k] !== undefined && container[k] !== null);
            if (serverSigns.length > 0) {
              ctx.report({
                rule: 'job-looks-like-server',
                path: [...base, serverSigns[0] as string],
                at: 'key',
                message: `${fieldPath(base)}: has ${serverSigns.join(', ')}, like a long-running server; a Job's pods should finish (a server belongs in a Deployment)`,
              });
            }
          }
        });
      }
    }
  },
};
