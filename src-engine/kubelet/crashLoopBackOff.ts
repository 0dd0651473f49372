/**
 * The kubelet's container restart back-off (CrashLoopBackOff) for pods with restartPolicy
 * OnFailure, as a pure model the simulator and the local runner share.
 */

/** Delay before the first delayed restart. */
export const INITIAL_CRASH_LOOP_BACKOFF_MS = 10_000;
/** The longest delay between restarts. */
export const MAX_CRASH_LOOP_BACKOFF_MS = 300_000;

/** The kubelet's back-off entry for one container (its delay doubles with each restart). */
export interface CrashLoopBackOff {
  /** The delay the next crash waits before its restart. */
  readonly delayMs: number;
}

/** When a crashed container restarts, and the back-off entry after that restart. */
export interface ContainerRestart {
  readonly restartAt: number;
  readonly backOff: CrashLoopBackOff;
}

/**
 * containerRestart answers when a container that exited with an error at `exitedAt` is
 * started again, given its back-off entry (null before its first restart).
 */
export function containerRestart(backOff: CrashLoopBackOff | null, exitedAt: number): ContainerRestart {
  const delayMs = backOff === null ? INITIAL_CRASH_LOOP_BACKOFF_MS : Math.min(backOff.delayMs * 2, MAX_CRASH_LOOP_BACKOFF_MS);
  return { restartAt: exitedAt + delayMs, backOff: { delayMs } };
}
