import { fieldPath, obj, str } from '../../context';
import type { RuleContext } from '../../context';
import { practiceRule } from '../../rule';
import { podContainerRule } from './containers';

/** The label that hands a Job to Kueue, which admits it against a quota computed from its pods' requests. */
const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';

/** kueueQueue is the Kueue queue the Job (a CronJob's: its job template's) is labelled for, if any. */
function kueueQueue(ctx: RuleContext): string | undefined {
  const jobLabels =
    ctx.kind === 'CronJob' ? obj(obj(obj(ctx.spec?.['jobTemplate'])?.['metadata'])?.['labels']) : obj(ctx.metadata?.['labels']);
  return str(jobLabels?.[KUEUE_QUEUE_LABEL]);
}

function hasEntries(value: unknown): boolean {
  const map = obj(value);
  return map !== undefined && Object.keys(map).length > 0;
}

/**
 * resources-missing: a container with neither requests nor limits. Limits alone are enough —
 * the API server copies each limit into the missing request (`SetDefaults_Pod`,
 * pkg/apis/core/v1/defaults.go) — and so are pod-level resources. Without any, the pod is
 * BestEffort: placed without reserving anything and evicted first under node pressure, and an
 * eviction counts as a failed pod against backoffLimit. That is true of most manifests, so it is
 * a hint, one level higher for a Job queued in Kueue, whose quota counts the requests.
 */
export const resourcesMissingRule = podContainerRule(
  practiceRule('hint', {
    id: 'resources-missing',
    title: 'No resource requests or limits',
    description:
      'A container with neither requests nor limits runs as BestEffort: nothing is reserved for it and it is evicted first.',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  }),
  ({ container, key, path, job, isSidecar }, ctx) => {
    if (key === 'initContainers' && !isSidecar) return;
    const podResources = obj(job.podSpec?.['resources']);
    if (hasEntries(podResources?.['requests']) || hasEntries(podResources?.['limits'])) return;
    const resources = obj(container['resources']);
    if (hasEntries(resources?.['requests']) || hasEntries(resources?.['limits'])) return;
    const queue = kueueQueue(ctx);
    const consequence =
      queue !== undefined
        ? `Kueue (queue ${JSON.stringify(queue)}) admits the Job by its pods' requests, so it is counted as using nothing`
        : 'the pod is BestEffort: nothing is reserved for it and the kubelet evicts it first when the node runs short, which ' +
          'counts as a failed pod';
    ctx.report({
      rule: 'resources-missing',
      path: [...path, 'resources'],
      locate: [...path, 'name'],
      message: `${fieldPath(path)}: no resources.requests or limits: ${consequence}; set cpu and memory requests`,
      ...(queue !== undefined ? { grade: 'higher' as const } : {}),
    });
  },
);
