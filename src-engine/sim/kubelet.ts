import { containerRestart } from '../kubelet/crashLoopBackOff';
import type { PodOutcomeSequence } from './podModel';
import type { SimPod } from './simObjects';

/**
 * The simulated kubelet: what happens to a pod's container between its creation and the
 * end of its last run. Each function changes the pod (and its record) for one happening and
 * says when the next one is due; the world queues it.
 */

/** startPod: the pod's container starts running at `now`; returns when this run ends. */
export function startPod(pod: SimPod, now: number): number {
  pod.phase = 'Running';
  if (pod.record !== null) {
    pod.record.phase = 'Running';
    pod.record.startedAt = now;
  }
  return now + pod.outcome.durationMs;
}

/**
 * restartAfterCrash: the container failed at `now` and the pod's restartPolicy is OnFailure,
 * so the kubelet starts it again after its crash-loop back-off; returns when.
 */
export function restartAfterCrash(pod: SimPod, now: number): number {
  const restart = containerRestart(pod.backOff, now);
  pod.backOff = restart.backOff;
  return restart.restartAt;
}

/** restartContainer: the container runs again at `now` with the next outcome; returns when this run ends. */
export function restartContainer(pod: SimPod, now: number, sequence: PodOutcomeSequence): number {
  pod.restartCount++;
  pod.outcome = sequence.next(pod.index);
  if (pod.record !== null) pod.record.restarts = pod.restartCount;
  return now + pod.outcome.durationMs;
}

/**
 * finishPod: the pod reached a terminal phase at `now` (its last run ended, or it was
 * stopped: then no exit code is known). `storedAt` is the finish time as the API stores it.
 */
export function finishPod(
  pod: SimPod,
  phase: 'Succeeded' | 'Failed',
  exitCode: number | null,
  now: number,
  storedAt: number,
): void {
  pod.gen++;
  pod.phase = phase;
  pod.finishedAt = storedAt;
  pod.exitCode = exitCode;
  if (pod.record !== null) {
    pod.record.phase = phase;
    pod.record.finishedAt = now;
    pod.record.exitCode = exitCode;
  }
}
