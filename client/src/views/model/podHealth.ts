import type { Pod } from './k8s';
import { parseTime } from './k8s';
import { kubectlPodStatus } from './podStatus';

/**
 * How a pod is doing, as a person reads it: a crash-looping or image-pulling pod is failing
 * even though its phase says Running or Pending; a pod the scheduler cannot place is stuck.
 */
export type PodHealth = 'running' | 'succeeded' | 'failed' | 'failing' | 'stuck' | 'pending' | 'terminating';

/**
 * The waiting reasons the kubelet gives a container it cannot run (pkg/kubelet/images/types.go,
 * pkg/kubelet/container/sync_result.go, pkg/kubelet/kuberuntime/kuberuntime_container.go).
 * ContainerCreating and PodInitializing are normal start-up, not among them.
 */
export const KUBELET_ERROR_REASONS: ReadonlySet<string> = new Set([
  'CrashLoopBackOff',
  'RunContainerError',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'ImageInspectError',
  'CreateContainerConfigError',
  'CreateContainerError',
  'PreCreateHookError',
  'PreStartHookError',
  'PostStartHookError',
]);

/** Waiting reasons where the container ran and exited: the kubelet restarts it after a back-off. */
const CRASH_REASONS: ReadonlySet<string> = new Set(['CrashLoopBackOff', 'RunContainerError', 'PostStartHookError']);

export interface Termination {
  readonly exitCode: number;
  readonly reason?: string;
  readonly message?: string;
  readonly signal?: number;
}

/** What a pod row and the Job panel say about one pod. */
export interface PodReading {
  /** kubectl's STATUS column (CrashLoopBackOff, Completed, Init:0/1, Terminating…). */
  readonly status: string;
  /** status.phase (Pending when unset). */
  readonly phase: string;
  readonly health: PodHealth;
  /** Restarts summed over all containers. */
  readonly restarts: number;
  /** The container that tells most (a kubelet error first, then a failed exit, then any exit). */
  readonly container?: string;
  /** Why that container waits, with the kubelet's message. */
  readonly waiting?: { readonly reason: string; readonly message?: string };
  /** Its current termination. */
  readonly terminated?: Termination;
  /** Its previous termination (lastState.terminated): why a restarting container last exited. */
  readonly lastTerminated?: Termination;
  /** The scheduler's refusal (condition PodScheduled=False), e.g. "0/3 nodes are available: 3 Insufficient memory." */
  readonly unschedulable?: { readonly reason: string; readonly message: string };
  /** Set while the pod is being deleted: when its grace period ends. */
  readonly terminating?: { readonly graceSeconds?: number; readonly deadlineMs?: number };
}

type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

const termination = (
  t: { exitCode: number; reason?: string; message?: string; signal?: number } | undefined,
): Termination | undefined =>
  t
    ? {
        exitCode: t.exitCode,
        ...(t.reason ? { reason: t.reason } : {}),
        ...(t.message ? { message: t.message } : {}),
        ...(t.signal ? { signal: t.signal } : {}),
      }
    : undefined;

/** rank orders containers by how much they tell: kubelet error 4, failed exit 3, failed last exit 2, any exit 1. */
function rank(s: ContainerStatus): number {
  const waiting = s.state?.waiting?.reason;
  if (waiting && KUBELET_ERROR_REASONS.has(waiting)) return 4;
  if (s.state?.terminated && s.state.terminated.exitCode !== 0) return 3;
  if (s.lastState?.terminated && s.lastState.terminated.exitCode !== 0) return 2;
  return s.state?.terminated ? 1 : 0;
}

/** readPod reads a pod's status into what people look for. */
export function readPod(pod: Pod): PodReading {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const restarts = statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
  let best: ContainerStatus | undefined;
  for (const s of statuses) if (rank(s) > 0 && (!best || rank(s) > rank(best))) best = s;
  const phase = pod.status?.phase ?? 'Pending';
  const scheduled = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
  const unschedulable =
    scheduled?.status === 'False' ? { reason: scheduled.reason ?? 'Unschedulable', message: scheduled.message ?? '' } : undefined;
  const deletion = parseTime(pod.metadata?.deletionTimestamp);
  const grace = pod.metadata?.deletionGracePeriodSeconds ?? undefined;
  const waitingReason = best?.state?.waiting?.reason;
  const health: PodHealth =
    deletion !== undefined
      ? 'terminating'
      : phase === 'Succeeded'
        ? 'succeeded'
        : phase === 'Failed'
          ? 'failed'
          : waitingReason && KUBELET_ERROR_REASONS.has(waitingReason)
            ? 'failing'
            : unschedulable
              ? 'stuck'
              : phase === 'Running'
                ? 'running'
                : 'pending';
  const terminated = termination(best?.state?.terminated);
  const lastTerminated = termination(best?.lastState?.terminated);
  return {
    status: kubectlPodStatus(pod),
    phase,
    health,
    restarts,
    ...(best ? { container: best.name } : {}),
    ...(waitingReason
      ? { waiting: { reason: waitingReason, ...(best?.state?.waiting?.message ? { message: best.state.waiting.message } : {}) } }
      : {}),
    ...(terminated ? { terminated } : {}),
    ...(lastTerminated ? { lastTerminated } : {}),
    ...(unschedulable ? { unschedulable } : {}),
    ...(deletion !== undefined
      ? { terminating: { ...(grace != null ? { graceSeconds: grace } : {}), deadlineMs: deletion } }
      : {}),
  };
}

/** isCrashing tells a container that runs and exits again and again (it counts as restarts, not as a failed pod). */
export function isCrashing(reading: PodReading): boolean {
  return reading.waiting !== undefined && CRASH_REASONS.has(reading.waiting.reason);
}

/** schedulerReason shortens the scheduler's message to its first sentence (the part before "preemption: …"). */
export function schedulerReason(message: string): string {
  return (
    message
      .split(/\s+preemption:/)[0]
      ?.trim()
      .replace(/\.$/, '') ?? message
  );
}

/**
 * podSummary is the short text after a pod's name: its kubectl status, restarts, the last exit
 * of a restarting container, the exit code of a failed one, the scheduler's reason.
 */
export function podSummary(r: PodReading): string {
  const parts = [r.status];
  if (r.restarts > 0) parts.push(`${r.restarts} restart${r.restarts === 1 ? '' : 's'}`);
  if (r.waiting && r.waiting.reason !== r.status) parts.push(r.waiting.reason);
  if (r.waiting && r.lastTerminated) {
    parts.push(`last exit ${r.lastTerminated.exitCode}${r.lastTerminated.reason ? ` (${r.lastTerminated.reason})` : ''}`);
  } else if (r.terminated && r.terminated.exitCode !== 0) {
    parts.push(
      `exit ${r.terminated.exitCode}` +
        (r.terminated.reason && r.terminated.reason !== r.status ? ` (${r.terminated.reason})` : ''),
    );
  }
  if (r.unschedulable && r.health !== 'terminating') {
    parts.push(`${r.unschedulable.reason}: ${schedulerReason(r.unschedulable.message)}`);
  }
  if (r.terminating?.graceSeconds !== undefined && r.terminating.graceSeconds > 0) {
    parts.push(`grace period ${r.terminating.graceSeconds}s`);
  }
  return parts.join(' · ');
}
