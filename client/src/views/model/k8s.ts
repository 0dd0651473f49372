import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';

export type { CronJob, Job, Pod, Event };

/** Any object with standard metadata. */
export interface Meta {
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: { [key: string]: string };
    ownerReferences?: readonly { kind: string; name: string; uid: string; controller?: boolean }[];
  };
}

/** controllerOf returns the controller owner reference of `kind`, if any (`metav1.GetControllerOf`). */
export function controllerOf(o: Meta, kind: string): { name: string; uid: string } | undefined {
  const ref = o.metadata?.ownerReferences?.find((r) => r.controller === true && r.kind === kind);
  return ref ? { name: ref.name, uid: ref.uid } : undefined;
}

/**
 * jobNameOfPod is the Job a pod belongs to: its controller reference, else the labels the Job
 * controller puts on pods (`batch.kubernetes.io/job-name`, and the legacy `job-name`).
 */
export function jobNameOfPod(pod: Pod): string | undefined {
  return (
    controllerOf(pod, 'Job')?.name ?? pod.metadata?.labels?.['batch.kubernetes.io/job-name'] ?? pod.metadata?.labels?.['job-name']
  );
}

/** parseTime turns an RFC 3339 timestamp into epoch ms (undefined when absent or invalid). */
export function parseTime(value: string | undefined | null): number | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** nameOf is metadata.name, or '' for malformed objects. */
export function nameOf(o: Meta): string {
  return o.metadata?.name ?? '';
}
