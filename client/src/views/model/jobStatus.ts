import type { Job } from './k8s';
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

/**
 * jobCompletions is kubectl's COMPLETIONS column (printJob, pkg/printers/internalversion/printers.go):
 * `succeeded/completions`, or for a work queue (completions unset) `succeeded/1`, `succeeded/1 of <parallelism>`.
 */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/**
 * kubectlJobStatus is kubectl's STATUS column for a Job (printJob): Complete, Failed,
 * Terminating, Suspended, FailureTarget, SuccessCriteriaMet, else Running — so a Job whose
 * status is still empty reads "Running", as in `kubectl get jobs`.
 */
export function kubectlJobStatus(job: Job): string {
  if (conditionTrue(job, 'Complete')) return 'Complete';
  if (conditionTrue(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (conditionTrue(job, 'Suspended')) return 'Suspended';
  if (conditionTrue(job, 'FailureTarget')) return 'FailureTarget';
  if (conditionTrue(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
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
