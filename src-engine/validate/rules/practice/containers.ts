import type { PathSegment } from '../../../parse/fieldPath';
import type { JobSpecView, RuleContext } from '../../context';
import { list, obj } from '../../context';
import type { RuleDefinition, RuleInfo } from '../../rule';

/** One container of a Job's pod template, with where it sits. */
export interface ContainerView {
  readonly container: Record<string, unknown>;
  /** `initContainers` or `containers`. */
  readonly key: 'initContainers' | 'containers';
  readonly index: number;
  /** Path of the container: `spec.template.spec.containers[0]`, or under jobTemplate for a CronJob. */
  readonly path: readonly PathSegment[];
  readonly job: JobSpecView;
  /** An init container with restartPolicy Always: a native sidecar, which runs as long as the pod. */
  readonly isSidecar: boolean;
}

const listed = new WeakMap<RuleContext, readonly ContainerView[]>();

/** podContainers lists the init and regular containers of every Job spec of the document (once: several rules ask). */
export function podContainers(ctx: RuleContext): readonly ContainerView[] {
  let views = listed.get(ctx);
  if (!views) listed.set(ctx, (views = listContainers(ctx)));
  return views;
}

function listContainers(ctx: RuleContext): ContainerView[] {
  const out: ContainerView[] = [];
  for (const job of ctx.jobSpecs) {
    for (const key of ['initContainers', 'containers'] as const) {
      (list(job.podSpec?.[key]) ?? []).forEach((item, index) => {
        const container = obj(item);
        if (!container) return;
        const isSidecar = key === 'initContainers' && container['restartPolicy'] === 'Always';
        out.push({ container, key, index, path: [...job.path, 'template', 'spec', key, index], job, isSidecar });
      });
    }
  }
  return out;
}

/** podContainerRule is advice on each init and regular container of the document's pod template. */
export function podContainerRule(info: RuleInfo, check: (container: ContainerView, ctx: RuleContext) => void): RuleDefinition {
  return {
    rules: [info],
    check(ctx) {
      const containers = podContainers(ctx);
      for (let i = 0; i < containers.length; i++) check(containers[i] as ContainerView, ctx);
    },
  };
}
