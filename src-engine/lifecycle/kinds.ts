/**
 * The workload kinds kube-jobs reads for lifecycle only: controllers that keep their pods running
 * (and restart a container that exits, whatever its exit code), and bare Pods. Other kinds are
 * left alone. This is the one place that names them.
 */
export type LifecycleKind = 'Deployment' | 'StatefulSet' | 'ReplicaSet' | 'DaemonSet' | 'Pod';

const APPS_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet']);

/** lifecycleKindOf recognises apps/v1 controllers and v1 Pods. */
export function lifecycleKindOf(apiVersion: string | undefined, kind: string | undefined): LifecycleKind | undefined {
  if (kind === 'Pod' && apiVersion === 'v1') return 'Pod';
  if (kind !== undefined && APPS_KINDS.has(kind) && apiVersion === 'apps/v1') return kind as LifecycleKind;
  return undefined;
}

/** Where the pod spec sits: a controller's `spec.template.spec`, a Pod's `spec`. */
export function podSpecPath(kind: LifecycleKind): readonly string[] {
  return kind === 'Pod' ? ['spec'] : ['spec', 'template', 'spec'];
}
