import type { PodRecord, RunSummary } from './records';

/**
 * Rows of the "Local runs" tree as plain data (the same shape as the client's
 * LocalRunNode), built from a run summary — live (the recorder's, updated as pods change) or
 * read back from a finished run folder — so the tree model is tested without VS Code.
 */
export interface RunTreeNode {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon?: 'running' | 'complete' | 'failed' | 'pending' | 'cronjob' | 'pod' | 'info';
  readonly collapsible?: boolean;
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: readonly unknown[] };
  readonly contextValue?: string;
}

export const SHOW_LOCAL_RUN_COMMAND = 'kubeJobs.showLocalRun';

function podDescription(pod: PodRecord): string {
  const exits = pod.containers
    .filter((c) => c.exitCode !== undefined)
    .map((c) => (pod.containers.length > 1 ? `${c.name} exit ${c.exitCode}` : `exit ${c.exitCode}`));
  const restarts = pod.containers.reduce((n, c) => n + c.restartCount, 0);
  const parts = [
    pod.deleted === true && pod.phase !== 'Succeeded' && pod.phase !== 'Failed' ? `${pod.phase} (terminating)` : pod.phase,
  ];
  if (pod.reason !== undefined) parts.push(pod.reason);
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') parts.push(...exits);
  if (restarts > 0) parts.push(`${restarts} restart${restarts === 1 ? '' : 's'}`);
  if (pod.completionIndex !== undefined) parts.push(`index ${pod.completionIndex}`);
  return parts.join(' · ');
}

function podIcon(pod: PodRecord): RunTreeNode['icon'] {
  if (pod.phase === 'Succeeded') return 'complete';
  if (pod.phase === 'Failed') return 'failed';
  if (pod.phase === 'Running') return 'running';
  // Unknown: the run's process ended before the pod did (records.ts readRun).
  if (pod.phase === 'Unknown') return 'info';
  return 'pending';
}

/**
 * runNode is the top row of one run. `live`: the run goes on (in this process or another one,
 * see records.ts runState); `cancellable`: this process runs it, so it can cancel it.
 */
export function runNode(summary: RunSummary, dir: string, live: boolean, nowMs: number, cancellable = live): RunTreeNode {
  const outcome = summary.outcome;
  const status = outcome === undefined ? (live ? 'Running' : 'Interrupted') : outcome.result;
  const succeeded = summary.pods.filter((p) => p.phase === 'Succeeded').length;
  const failed = summary.pods.filter((p) => p.phase === 'Failed').length;
  const age = Math.max(
    0,
    Math.round(((outcome === undefined ? nowMs : (summary.finishedAt ?? nowMs)) - summary.startedAt) / 1000),
  );
  const description = [
    status,
    `${succeeded} succeeded${failed > 0 ? `, ${failed} failed` : ''}`,
    summary.runtime,
    `${age} s`,
  ].join(' · ');
  return {
    id: `run:${dir}`,
    label: `${summary.kind} ${summary.name}`,
    description,
    tooltip: `${summary.kind} ${summary.name} run locally (${summary.runtime}${summary.timeScale === 1 ? '' : `, time scale ${summary.timeScale}`})\n${outcome?.reason === undefined ? status : `${status}: ${outcome.reason}${outcome.message === undefined ? '' : ` — ${outcome.message}`}`}\nRecord: ${dir}`,
    icon: status === 'Running' ? 'running' : status === 'Complete' ? 'complete' : status === 'Failed' ? 'failed' : 'info',
    collapsible: true,
    command: { command: SHOW_LOCAL_RUN_COMMAND, title: 'Show run', arguments: [dir] },
    contextValue: status === 'Running' ? (cancellable ? 'running' : 'runningElsewhere') : 'finished',
  };
}

/** runChildren: the pods of a Job run; for a CronJob run, its Jobs (whose children are their pods). */
export function runChildren(summary: RunSummary, dir: string, parentId: string): RunTreeNode[] {
  const jobId = (name: string): string => `job:${dir}:${name}`;
  const podsOf = (job?: string): RunTreeNode[] =>
    summary.pods
      .filter((p) => job === undefined || p.jobName === job)
      .map((pod) => ({
        id: `pod:${dir}:${pod.name}`,
        label: pod.name,
        description: podDescription(pod),
        icon: podIcon(pod),
        command: { command: SHOW_LOCAL_RUN_COMMAND, title: 'Show run', arguments: [dir, pod.name] },
        contextValue: 'pod',
      }));
  if (parentId === `run:${dir}`) {
    if (summary.kind === 'Job') return podsOf();
    return summary.jobs.map((name) => {
      const pods = summary.pods.filter((p) => p.jobName === name);
      const done = pods.length > 0 && pods.every((p) => p.phase === 'Succeeded' || p.phase === 'Failed');
      return {
        id: jobId(name),
        label: name,
        description: `${pods.filter((p) => p.phase === 'Succeeded').length}/${pods.length} pods succeeded${done ? '' : ' · running'}`,
        icon: done ? (pods.some((p) => p.phase === 'Succeeded') ? 'complete' : 'failed') : 'running',
        collapsible: true,
        contextValue: 'job',
      };
    });
  }
  const job = summary.jobs.find((name) => parentId === jobId(name));
  return job === undefined ? [] : podsOf(job);
}
