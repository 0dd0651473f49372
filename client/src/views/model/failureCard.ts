import type { FailingContainerView, FailureCard } from '../../webviews/contract';
import type { Job, Pod } from './k8s';
import { nameOf } from './k8s';
import { explainContainer, explainFailing, explainJobFailure, explainStuck } from './explanations';
import { jobTrouble } from './jobTrouble';
import type { PodReading } from './podHealth';
import { readPod, schedulerReason } from './podHealth';

/** How many containers the card lists (the rest are in the pods table). */
const MAX_CONTAINERS = 10;

/** containerView is one pod's part of the card: its exit code, what the kubelet or scheduler said, why. */
function containerView(
  pod: Pod,
  r: PodReading,
  lastLines: ReadonlyMap<string, readonly string[]> | undefined,
): FailingContainerView {
  const container = r.container ?? pod.spec?.containers?.[0]?.name ?? '';
  const exit = r.terminated ?? (r.waiting ? r.lastTerminated : undefined);
  const lastExit = r.terminated === undefined && exit !== undefined;
  const reason =
    r.waiting?.reason ??
    r.terminated?.reason ??
    (r.unschedulable ? r.unschedulable.reason : undefined) ??
    pod.status?.reason ??
    undefined;
  const said: { message: string; messageLabel: string } | undefined = r.waiting?.message
    ? { message: r.waiting.message, messageLabel: 'Waiting message' }
    : r.terminated?.message
      ? { message: r.terminated.message, messageLabel: 'Termination message' }
      : r.lastTerminated?.message
        ? { message: r.lastTerminated.message, messageLabel: 'Last termination message' }
        : r.unschedulable
          ? { message: schedulerReason(r.unschedulable.message), messageLabel: 'Scheduler' }
          : pod.status?.message
            ? { message: pod.status.message, messageLabel: 'Pod message' }
            : undefined;
  const explanation = explainContainer(reason, exit?.exitCode);
  const neverRan = exit === undefined && (r.waiting !== undefined || r.unschedulable !== undefined);
  return {
    pod: nameOf(pod),
    container,
    ...(exit ? { exitCode: exit.exitCode } : {}),
    ...(lastExit ? { lastExit: true } : {}),
    ...(reason ? { reason } : {}),
    ...(r.restarts > 0 ? { restarts: r.restarts } : {}),
    ...(said ?? {}),
    ...(explanation ? { explanation } : {}),
    lastLines: lastLines?.get(`${nameOf(pod)}/${container}`) ?? [],
    ...(lastExit ? { linesFromPrevious: true } : {}),
    ...(neverRan ? { neverRan: true } : {}),
  };
}

/**
 * failureCard explains a Job in trouble, and only then: "Why it failed" once the Job
 * controller failed it (its condition's reason), "Why it is failing" while pods fail or
 * crash and count toward backoffLimit, "Why it is stuck" while pods wait without failing.
 * Each listed container shows its exit code (the last one for a restarting container), what
 * the kubelet or scheduler said, an explanation and its last log lines. Undefined otherwise.
 */
export function failureCard(
  job: Job,
  pods: readonly Pod[],
  lastLines?: ReadonlyMap<string, readonly string[]>,
): FailureCard | undefined {
  const failed = (job.status?.conditions ?? []).find(
    (c) => (c.type === 'Failed' || c.type === 'FailureTarget') && c.status === 'True',
  );
  const spec = job.spec;
  if (failed) {
    const reason = failed.reason ?? 'Failed';
    const containers = pods
      .map((pod) => ({ pod, r: readPod(pod) }))
      .filter(
        ({ r }) =>
          r.health === 'failed' ||
          r.health === 'failing' ||
          r.health === 'stuck' ||
          (r.terminated !== undefined && r.terminated.exitCode !== 0),
      )
      .map(({ pod, r }) => containerView(pod, r, lastLines));
    return {
      title: 'Why it failed',
      reason,
      message: failed.message ?? '',
      explanation: explainJobFailure(reason, {
        ...(spec?.backoffLimit != null ? { backoffLimit: spec.backoffLimit } : {}),
        ...(spec?.activeDeadlineSeconds != null ? { activeDeadlineSeconds: spec.activeDeadlineSeconds } : {}),
      }),
      containers: containers.slice(0, MAX_CONTAINERS),
    };
  }
  const trouble = jobTrouble(job, pods);
  if (!trouble) return undefined;
  const containers = trouble.pods.map(({ pod, reading }) => containerView(pod, reading, lastLines)).slice(0, MAX_CONTAINERS);
  const firstReason = containers.find((c) => c.reason)?.reason ?? (trouble.kind === 'failing' ? 'PodsFailing' : 'PodsWaiting');
  if (trouble.kind === 'stuck') {
    return {
      title: 'Why it is stuck',
      reason: firstReason,
      message: trouble.summary,
      explanation: explainStuck(spec?.activeDeadlineSeconds),
      containers,
    };
  }
  // pastBackoffLimitOnFailure sums the restarts of running and pending pods only.
  const restarts = pods
    .map(readPod)
    .filter((r) => r.phase === 'Running' || r.phase === 'Pending')
    .reduce((n, r) => n + r.restarts, 0);
  return {
    title: 'Why it is failing',
    reason: firstReason,
    message: trouble.summary,
    explanation: explainFailing({
      failedPods: job.status?.failed ?? 0,
      restarts,
      ...(spec?.template?.spec?.restartPolicy ? { restartPolicy: spec.template.spec.restartPolicy } : {}),
      ...(spec?.backoffLimit != null ? { backoffLimit: spec.backoffLimit } : {}),
      ...(spec?.activeDeadlineSeconds != null ? { activeDeadlineSeconds: spec.activeDeadlineSeconds } : {}),
    }),
    containers,
  };
}
