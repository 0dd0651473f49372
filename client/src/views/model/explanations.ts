import { serverDefault } from './panelCommon';

/**
 * Plain-language explanations of the reasons Kubernetes gives when a Job or a container fails.
 * Reason strings are the controllers' and kubelet's own (pkg/controller/job, kubelet
 * container states).
 */

const DEFAULT_BACKOFF_LIMIT = serverDefault('JobSpec.backoffLimit');

/** explainJobFailure explains a Job's Failed/FailureTarget condition reason. */
export function explainJobFailure(reason: string, settings: { backoffLimit?: number; activeDeadlineSeconds?: number }): string {
  switch (reason) {
    case 'BackoffLimitExceeded':
      return (
        `The Job's pods failed more times than spec.backoffLimit (${settings.backoffLimit ?? DEFAULT_BACKOFF_LIMIT}) ` +
        `allows, so the Job controller stopped creating pods and marked the Job failed. Fix the cause below, then start a new ` +
        `Job (a failed Job is not retried).`
      );
    case 'DeadlineExceeded':
      return `The Job ran longer than spec.activeDeadlineSeconds (${settings.activeDeadlineSeconds ?? '?'} s). The controller terminated its running pods and failed the Job regardless of backoffLimit. Raise the deadline or make the work faster.`;
    case 'PodFailurePolicy':
      return 'A pod failure matched a spec.podFailurePolicy rule whose action is FailJob, so the Job failed at once without using up backoffLimit.';
    case 'MaxFailedIndexesExceeded':
      return 'More indexes failed than spec.maxFailedIndexes allows (backoffLimitPerIndex is in use), so the whole Job was failed.';
    case 'FailedIndexes':
      return 'Some indexes used up their spec.backoffLimitPerIndex; the Job finished with those indexes failed.';
    default:
      return `The Job controller marked the Job failed with reason ${reason}.`;
  }
}

/** What decides when a failing Job gives up (the Job controller's `pastBackoffLimitOnFailure` and `failed > backoffLimit`). */
export interface FailingCounts {
  readonly failedPods: number;
  /** Container restarts of running and pending pods; they count only with restartPolicy OnFailure. */
  readonly restarts: number;
  readonly restartPolicy?: string;
  readonly backoffLimit?: number;
  readonly activeDeadlineSeconds?: number;
}

/** explainFailing says why a Job whose pods fail or crash has not failed yet, and when it will. */
export function explainFailing(c: FailingCounts): string {
  const limit = c.backoffLimit ?? Number(DEFAULT_BACKOFF_LIMIT);
  const onFailure = c.restartPolicy === 'OnFailure';
  if ((onFailure && (limit === 0 ? c.restarts > 0 : c.restarts >= limit)) || c.failedPods > limit) {
    return (
      `The Job has used up spec.backoffLimit (${limit}): ` +
      `${onFailure ? `${c.restarts} container restarts and ` : ''}${c.failedPods} failed pods. The Job controller fails it at ` +
      `its next sync.`
    );
  }
  const counted = onFailure
    ? `With restartPolicy OnFailure a crashing container restarts in place, and each restart counts: ${c.restarts} ` +
      `restart${c.restarts === 1 ? '' : 's'} and ${c.failedPods} failed pod${c.failedPods === 1 ? '' : 's'} so far. The Job ` +
      `fails when the restarts reach spec.backoffLimit (${limit}) or the failed pods exceed it`
    : `Each failed pod counts (${c.failedPods} so far) and a new pod replaces it after a back-off. The Job fails when the ` +
      `failed pods exceed spec.backoffLimit (${limit})`;
  const deadline = c.activeDeadlineSeconds != null ? `, or when activeDeadlineSeconds (${c.activeDeadlineSeconds} s) passes` : '';
  return `The Job has not failed yet. ${counted}${deadline}.`;
}

/** explainStuck says why a Job whose pods wait without failing does not end by itself. */
export function explainStuck(activeDeadlineSeconds: number | undefined | null): string {
  const end =
    activeDeadlineSeconds != null
      ? `It waits until the cause below is fixed, or until activeDeadlineSeconds (${activeDeadlineSeconds} s) fails the Job.`
      : 'It waits until the cause below is fixed: no activeDeadlineSeconds is set, so nothing else ends this Job.';
  return (
    `The Job has not failed, and will not by itself: its pods wait without running, and a waiting pod is not a ` +
    `failed pod, ` +
    `so backoffLimit is never reached. ${end}`
  );
}

/** explainContainer explains a container's waiting or terminated reason and exit code. */
export function explainContainer(reason: string | undefined, exitCode: number | undefined): string | undefined {
  switch (reason) {
    case 'OOMKilled':
      return 'OOMKilled: the container used more memory than resources.limits.memory and the kernel killed it (exit code 137). Raise the memory limit or reduce the memory the program uses.';
    case 'ImagePullBackOff':
    case 'ErrImagePull':
      return (
        `${reason}: the kubelet cannot pull the image. Check the image name and tag, that the registry is reachable, and ` +
        `imagePullSecrets for private registries. The kubelet keeps retrying with a growing back-off.`
      );
    case 'InvalidImageName':
      return 'InvalidImageName: the image reference cannot be parsed.';
    case 'CrashLoopBackOff':
      return (
        'CrashLoopBackOff: the container keeps exiting and the kubelet waits longer before each restart (a back-off that ' +
        'doubles each time, up to a cap). The exit code is from its last run; the log lines are from that run ' +
        '(kubectl logs --previous).'
      );
    case 'Unschedulable':
      return (
        'Unschedulable: the scheduler found no node for the pod — not enough free CPU or memory for its requests, or no ' +
        'node matching its nodeSelector, affinity or tolerations. Lower the requests, add capacity, or fix the constraints.'
      );
    case 'CreateContainerConfigError':
      return (
        "CreateContainerConfigError: the container's configuration refers to something missing, typically a ConfigMap or " +
        'Secret (or one of its keys) used in env or envFrom.'
      );
    case 'CreateContainerError':
    case 'RunContainerError':
      return `${reason}: the runtime could not start the container (a bad command, a missing file or a volume problem); the message says which.`;
    case 'DeadlineExceeded':
      return 'DeadlineExceeded: the pod ran past its activeDeadlineSeconds and was stopped.';
    case 'Evicted':
      return 'Evicted: the node ran short of a resource (memory, disk) and evicted the pod.';
    case 'ContainerCannotRun':
      return 'ContainerCannotRun: the runtime failed to run the command (often the executable is missing in the image).';
    default:
      break;
  }
  if (exitCode === undefined || exitCode === 0) return undefined;
  switch (exitCode) {
    case 126:
      return 'Exit code 126: the command was found but is not executable.';
    case 127:
      return 'Exit code 127: the command was not found in the image (check command/args and PATH).';
    case 137:
      return 'Exit code 137: the process was killed with SIGKILL (out of memory, or it ignored SIGTERM and the grace period ran out).';
    case 143:
      return 'Exit code 143: the process stopped on SIGTERM (the pod was deleted or the Job hit a deadline).';
    default:
      return exitCode > 128
        ? `Exit code ${exitCode}: killed by signal ${exitCode - 128}.`
        : `Exit code ${exitCode}: the program reported an error; its last log lines are below.`;
  }
}
