import type { PathSegment } from '../parse/fieldPath';
import { FindingCollector, list, obj } from '../validate/context';
import type { RuleInfo } from '../validate/rule';
import type { LifecycleKind } from './kinds';
import { podSpecPath } from './kinds';

/** One regular container of the workload's pod spec. */
export interface WorkloadContainer {
  readonly container: Record<string, unknown>;
  readonly path: readonly PathSegment[];
}

/** What a lifecycle rule sees: the workload, its kind and its containers, plus `report`. */
export class LifecycleContext extends FindingCollector {
  constructor(
    doc: ConstructorParameters<typeof FindingCollector>[0],
    readonly kind: LifecycleKind,
    root: Record<string, unknown>,
    levelOf: ConstructorParameters<typeof FindingCollector>[2],
    docsOf: ConstructorParameters<typeof FindingCollector>[3],
  ) {
    super(doc, root, levelOf, docsOf);
  }

  get podSpec(): Record<string, unknown> | undefined {
    let current: unknown = this.root;
    for (const key of podSpecPath(this.kind)) current = obj(current)?.[key];
    return obj(current);
  }

  /** The regular containers (init containers are meant to finish). */
  get containers(): WorkloadContainer[] {
    const base = podSpecPath(this.kind);
    return (list(this.podSpec?.['containers']) ?? []).flatMap((item, i) => {
      const container = obj(item);
      return container ? [{ container, path: [...base, 'containers', i] }] : [];
    });
  }

  /**
   * rerunsAfterSuccess says who starts a container again after it exits with code 0: the
   * kubelet (restartPolicy Always, the container's own or else the pod's — `ContainerShouldRestart`,
   * pkg/api/v1/pod/util.go), or the controller, which replaces a pod whose containers all
   * finished; false for a Pod that lets it stay finished.
   */
  rerunsAfterSuccess(container: Record<string, unknown>): 'kubelet' | 'controller' | false {
    const own = container['restartPolicy'];
    const finishes = own === 'Never' || own === 'OnFailure';
    if (this.kind !== 'Pod') return finishes ? 'controller' : 'kubelet';
    if (own === 'Always') return 'kubelet';
    if (finishes) return false;
    const policy = this.podSpec?.['restartPolicy'];
    return policy === undefined || policy === null || policy === 'Always' ? 'kubelet' : false;
  }
}

/** A lifecycle check and the rule ids it reports. */
export interface LifecycleRule {
  readonly rules: readonly RuleInfo[];
  readonly check: (ctx: LifecycleContext) => void;
}

/** Ports and probes say a container serves: the lifecycle rules never flag such a container. */
export function servesTraffic(container: Record<string, unknown>): boolean {
  return ['ports', 'readinessProbe', 'livenessProbe', 'startupProbe'].some(
    (k) => container[k] !== undefined && container[k] !== null,
  );
}
