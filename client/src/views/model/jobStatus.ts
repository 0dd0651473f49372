import type { Job, Pod } from './k8s';
import { parseTime } from './k8s';

/** The status a Job row shows, from its conditions first (what the Job controller decided). */
export type JobPhase = 'running' | 'complete' | 'failed' | 'suspended' | 'pending';

function conditionTrue(job: Job, type: string): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/**
 * jobPhase classifies a Job: Complete / Failed (or their *Target precursors, which Kubernetes
 * 1.31+ sets while pods terminate) win; then Suspended (condition or spec.suspend); then
 * running when pods are active; otherwise pending.
 */
export function jobPhase(job: Job): JobPhase {
  if (conditionTrue(job, 'Complete') || conditionTrue(job, 'SuccessCriteriaMet')) return 'complete';
  if (conditionTrue(job, 'Failed') || conditionTrue(job, 'FailureTarget')) return 'failed';
  if (conditionTrue(job, 'Suspended') || job.spec?.suspend === true) return 'suspended';
  if ((job.status?.active ?? 0) > 0 || (job.status?.ready ?? 0) > 0) return 'running';
  return 'pending';
}

/** jobCompletions renders `succeeded/completions` (`2/3`, `1/1`, or `0/∞`-style `0 of parallel work queue`). */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  return completions === undefined || completions === null ? `${succeeded}/1+` : `${succeeded}/${completions}`;
}

/** jobDurationMs is start → completion (or now while running); undefined before the Job started. */
export function jobDurationMs(job: Job, nowMs: number): number | undefined {
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return undefined;
  const end = parseTime(job.status?.completionTime) ?? (jobPhase(job) === 'failed' ? lastConditionTime(job) : undefined) ?? nowMs;
  return Math.max(0, end - start);
}

function lastConditionTime(job: Job): number | undefined {
  const failed = (job.status?.conditions ?? []).find((c) => c.type === 'Failed' && c.status === 'True');
  return parseTime(failed?.lastTransitionTime);
}

/** The state of one container as a row shows it. */
export interface ContainerOutcome {
  readonly container: string;
  readonly exitCode?: number;
  readonly reason?: string;
  readonly message?: string;
  readonly restarts: number;
  readonly waiting: boolean;
}

/**
 * podOutcome summarises a pod for its row: restarts summed over containers, and the most
 * telling container state — a waiting reason (ImagePullBackOff, CrashLoopBackOff), else a
 * failed termination, else any termination (current state first, then the last one).
 */
export function podOutcome(pod: Pod): { phase: string; restarts: number; worst?: ContainerOutcome } {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const restarts = statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
  let worst: ContainerOutcome | undefined;
  let worstRank = -1;
  for (const s of statuses) {
    const candidates: [number, ContainerOutcome | undefined][] = [
      [3, s.state?.waiting?.reason && s.state.waiting.reason !== 'ContainerCreating' && s.state.waiting.reason !== 'PodInitializing' ? { container: s.name, reason: s.state.waiting.reason, message: s.state.waiting.message, restarts: s.restartCount ?? 0, waiting: true } : undefined],
      [2, s.state?.terminated && s.state.terminated.exitCode !== 0 ? { container: s.name, exitCode: s.state.terminated.exitCode, reason: s.state.terminated.reason, message: s.state.terminated.message, restarts: s.restartCount ?? 0, waiting: false } : undefined],
      [1, s.lastState?.terminated && s.lastState.terminated.exitCode !== 0 ? { container: s.name, exitCode: s.lastState.terminated.exitCode, reason: s.lastState.terminated.reason, message: s.lastState.terminated.message, restarts: s.restartCount ?? 0, waiting: false } : undefined],
      [0, s.state?.terminated ? { container: s.name, exitCode: s.state.terminated.exitCode, reason: s.state.terminated.reason, message: s.state.terminated.message, restarts: s.restartCount ?? 0, waiting: false } : undefined],
    ];
    for (const [rank, outcome] of candidates) {
      if (outcome && rank > worstRank) {
        worst = outcome;
        worstRank = rank;
      }
    }
  }
  const phase = pod.metadata && (pod.metadata as { deletionTimestamp?: string }).deletionTimestamp ? 'Terminating' : pod.status?.phase ?? 'Pending';
  return { phase, restarts, ...(worst ? { worst } : {}) };
}
