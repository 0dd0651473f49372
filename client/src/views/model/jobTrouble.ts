import type { Job, Pod } from './k8s';
import { jobPhase } from './jobStatus';
import type { PodReading } from './podHealth';
import { isCrashing, readPod } from './podHealth';

/**
 * What is wrong with a Job that has not finished, read from its pods:
 * - failing: pods fail or containers crash and restart; these count toward backoffLimit
 *   (failed pods, and with restartPolicy OnFailure container restarts — the Job controller's
 *   `pastBackoffLimitOnFailure`), so the Job fails once they reach it;
 * - stuck: pods wait without failing (the image cannot be pulled, a ConfigMap is missing, the
 *   scheduler finds no node): nothing counts toward backoffLimit, only activeDeadlineSeconds
 *   ends such a Job.
 */
export interface JobTrouble {
  readonly kind: 'failing' | 'stuck';
  /** Short words for a row: `1 pod CrashLoopBackOff`, `2 pods failed`, `1 pod Unschedulable`. */
  readonly summary: string;
  /** The pods concerned, with their reading. */
  readonly pods: readonly { readonly pod: Pod; readonly reading: PodReading }[];
}

/** podTroubleReason says why one pod is a problem for its Job, or undefined when it is not. */
function podTrouble(reading: PodReading): { kind: 'failing' | 'stuck'; reason: string } | undefined {
  if (reading.health === 'failed') return { kind: 'failing', reason: 'failed' };
  if (reading.health === 'failing') {
    return { kind: isCrashing(reading) ? 'failing' : 'stuck', reason: reading.waiting?.reason ?? reading.status };
  }
  if (reading.health === 'stuck') return { kind: 'stuck', reason: reading.unschedulable?.reason ?? 'Unschedulable' };
  return undefined;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** jobTrouble reads an unfinished, unsuspended Job's pods; undefined when nothing is wrong (or the Job is finished). */
export function jobTrouble(job: Job, pods: readonly Pod[]): JobTrouble | undefined {
  const phase = jobPhase(job);
  if (phase === 'complete' || phase === 'failed' || phase === 'suspended') return undefined;
  const found = new Map<'failing' | 'stuck', Map<string, { pod: Pod; reading: PodReading }[]>>();
  for (const pod of pods) {
    const reading = readPod(pod);
    const trouble = podTrouble(reading);
    if (!trouble) continue;
    const byReason = found.get(trouble.kind) ?? new Map<string, { pod: Pod; reading: PodReading }[]>();
    found.set(trouble.kind, byReason);
    byReason.set(trouble.reason, [...(byReason.get(trouble.reason) ?? []), { pod, reading }]);
  }
  const kind = found.has('failing') ? 'failing' : found.has('stuck') ? 'stuck' : undefined;
  if (!kind) return undefined;
  const byReason = found.get(kind) ?? new Map();
  const summary = [...byReason].map(([reason, list]) => `${plural(list.length, 'pod')} ${reason}`).join(', ');
  return { kind, summary, pods: [...byReason.values()].flat() };
}
