/**
 * Graceful deletion and finalizers, as the API server does them: a DELETE marks an object
 * (metadata.deletionTimestamp, deletionGracePeriodSeconds) instead of removing it when it has a
 * grace period (pods: CheckGracefulDelete in pkg/registry/core/pod/strategy.go) or finalizers
 * (BeforeDelete in staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go and the generic
 * registry's Delete); a marked object goes when its grace period is confirmed over (a
 * DELETE with gracePeriodSeconds 0, which the kubelet sends once the containers stopped) and
 * no finalizer is left (an update that removes the last one deletes it).
 *
 * The test server has no kubelet: `standInKubelet` plays the part of one for pods marked with
 * a grace period, so that Terminating pods go away as they would on a node.
 */
import type { KObject } from './kobject';
import { formatTime } from './timefmt';

/** gracePeriodFor is the grace a DELETE gives: pods per CheckGracefulDelete, everything else none. */
export function gracePeriodFor(resource: string, obj: KObject, requested: number | undefined): number {
  if (resource !== 'pods') return 0;
  let period: number = requested ?? obj.spec?.terminationGracePeriodSeconds ?? 0;
  // Not scheduled, or already terminated: nothing to stop, delete at once.
  if (!obj.spec?.nodeName) period = 0;
  if (obj.status?.phase === 'Failed' || obj.status?.phase === 'Succeeded') period = 0;
  return period < 0 ? 1 : period;
}

/** What a DELETE does to an object: remove it, mark it (new metadata), or nothing (a deletion already pending). */
export type DeletionPlan =
  { readonly kind: 'remove' } | { readonly kind: 'mark'; readonly metadata: KObject } | { readonly kind: 'pending' };

/**
 * planDeletion mirrors BeforeDelete: an object already being deleted may only have its grace
 * period shortened; a grace period marks it with deletionTimestamp = now + grace; finalizers
 * keep it (marked now, grace 0) until they are removed; otherwise it is removed.
 */
export function planDeletion(old: KObject, graceSeconds: number, nowMs: number): DeletionPlan {
  const meta = old.metadata ?? {};
  const finalizers: string[] = meta.finalizers ?? [];
  const mark = (grace: number): DeletionPlan => ({
    kind: 'mark',
    metadata: { ...meta, deletionTimestamp: formatTime(nowMs + grace * 1000), deletionGracePeriodSeconds: grace },
  });
  if (meta.deletionTimestamp) {
    const current: number = meta.deletionGracePeriodSeconds ?? 0;
    // The grace period is over: only finalizers can keep it.
    if (current === 0) return finalizers.length === 0 ? { kind: 'remove' } : { kind: 'pending' };
    if (graceSeconds >= current) return { kind: 'pending' };
    return graceSeconds === 0 && finalizers.length === 0 ? { kind: 'remove' } : mark(graceSeconds);
  }
  if (graceSeconds > 0) return mark(graceSeconds);
  return finalizers.length > 0 ? mark(0) : { kind: 'remove' };
}

/**
 * removableAfterUpdate: a marked object whose grace period is over and whose last finalizer an
 * update removed is deleted (the generic registry's Update).
 */
export function removableAfterUpdate(obj: KObject): boolean {
  const meta = obj.metadata ?? {};
  return Boolean(meta.deletionTimestamp) && (meta.finalizers ?? []).length === 0 && (meta.deletionGracePeriodSeconds ?? 0) === 0;
}

/** The finalizer the Job controller puts on the pods it tracks (batch.kubernetes.io/job-tracking). */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

/** The store operations the stand-in kubelet needs. */
export interface PodStore {
  get(resource: string, namespace: string | undefined, name: string): KObject | undefined;
  mutate(resource: string, namespace: string | undefined, name: string, fn: (obj: KObject) => void): KObject;
  delete(resource: string, namespace: string | undefined, name: string, opts?: { gracePeriodSeconds?: number }): KObject;
}

/**
 * standInKubelet finishes a pod marked for graceful deletion when its grace period ends, as a
 * kubelet does for a container that ignores SIGTERM: the containers are killed (exit 137),
 * the pod fails, the Job controller drops its tracking finalizer, and the kubelet confirms the
 * deletion (grace 0). Returns a function that cancels the pending timers.
 */
export function standInKubelet(
  store: PodStore,
  onMarked: (listener: (namespace: string, name: string, deadlineMs: number) => void) => void,
  now: () => number,
): () => void {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  onMarked((namespace, name, deadlineMs) => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        const pod = store.get('pods', namespace, name);
        if (!pod?.metadata?.deletionTimestamp) return;
        store.mutate('pods', namespace, name, (p) => {
          p.status = { ...(p.status ?? {}), phase: 'Failed' };
          p.status.containerStatuses = (p.status.containerStatuses ?? []).map((c: KObject) => ({
            ...c,
            ready: false,
            started: false,
            state: { terminated: { exitCode: 137, reason: 'Error', finishedAt: formatTime(now()) } },
          }));
          p.metadata.finalizers = (p.metadata.finalizers ?? []).filter((f: string) => f !== JOB_TRACKING_FINALIZER);
        });
        if (store.get('pods', namespace, name)) store.delete('pods', namespace, name, { gracePeriodSeconds: 0 });
      },
      Math.max(0, deadlineMs - now()),
    );
    timers.add(timer);
  });
  return () => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
  };
}
