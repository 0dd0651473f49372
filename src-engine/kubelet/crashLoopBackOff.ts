/**
 * The kubelet's container restart back-off (CrashLoopBackOff) for pods with restartPolicy
 * OnFailure, as a pure model the simulator and the local runner share.
 *
 * The kubelet keeps one flowcontrol.Backoff entry per container. When a container has exited,
 * the next pod sync asks `IsInBackOffSince(key, finishedAt)`: without an entry (or with one
 * older than 600 s) it is not in back-off, so the container restarts at once and `Next` starts
 * the entry at 10 s; otherwise it waits until finishedAt + the entry's delay, and `Next`
 * doubles the delay (capped at 300 s) when it restarts. So the restarts after successive
 * crashes wait 0, 10, 20, 40, 80, 160, 300, 300 … seconds, and a container that ran for more
 * than 10 minutes since its last restart starts over at 0.
 * Mirrors pkg/kubelet/kubelet.go `newCrashLoopBackOff` and the HasExpiredFunc it installs,
 * pkg/kubelet/kuberuntime/kuberuntime_manager.go `doBackOff`, and
 * client-go util/flowcontrol/backoff.go `Next`, `IsInBackOffSince`. Kubernetes v1.35 defaults:
 * ReduceDefaultCrashLoopBackOffDecay is alpha (off); KubeletCrashLoopBackOffMax is beta (on)
 * and its maxContainerRestartPeriod defaults to MaxContainerBackOff, 300 s
 * (pkg/kubelet/apis/config/v1beta1/defaults.go).
 */

/** initialCrashLoopBackOff: the delay of a back-off entry when it starts. */
export const INITIAL_CRASH_LOOP_BACKOFF_MS = 10_000;
/** MaxContainerBackOff: the longest delay between restarts. */
export const MAX_CRASH_LOOP_BACKOFF_MS = 300_000;
/** An entry not updated for longer than this has expired: the back-off starts over. */
export const CRASH_LOOP_BACKOFF_RESET_MS = 600_000;

/** The kubelet's back-off entry for one container (flowcontrol backoffEntry). */
export interface CrashLoopBackOff {
  /** How long a crash waits before its restart. */
  readonly delayMs: number;
  /** When the entry was last moved on (the container's last restart). */
  readonly lastUpdate: number;
}

/** When a crashed container restarts, and its back-off entry after that restart. */
export interface ContainerRestart {
  readonly restartAt: number;
  readonly backOff: CrashLoopBackOff;
}

/**
 * containerRestart answers when a container that exited with an error at `exitedAt` is
 * started again, given its back-off entry (null before its first restart).
 */
export function containerRestart(backOff: CrashLoopBackOff | null, exitedAt: number): ContainerRestart {
  if (backOff === null || exitedAt - backOff.lastUpdate > CRASH_LOOP_BACKOFF_RESET_MS) {
    return { restartAt: exitedAt, backOff: { delayMs: INITIAL_CRASH_LOOP_BACKOFF_MS, lastUpdate: exitedAt } };
  }
  const restartAt = exitedAt + backOff.delayMs;
  return { restartAt, backOff: { delayMs: Math.min(backOff.delayMs * 2, MAX_CRASH_LOOP_BACKOFF_MS), lastUpdate: restartAt } };
}
