import type { Pod } from './k8s';

/**
 * kubectlPodStatus is the STATUS column of `kubectl get pods` (kubectl's printPod): what
 * people read in tutorials and terminals — Completed, Error, ContainerCreating,
 * CrashLoopBackOff, Init:0/1, Terminating — rather than the bare pod phase.
 */
export function kubectlPodStatus(pod: Pod): string {
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || 'Pending';
  let initializing = false;
  const initSpecs = pod.spec?.initContainers ?? [];
  (status.initContainerStatuses ?? []).forEach((cs, i) => {
    if (initializing) return;
    const state = cs.state ?? {};
    if (state.terminated && state.terminated.exitCode === 0) return;
    // A native sidecar (restartPolicy Always) that started does not hold the pod in Init.
    if (initSpecs[i]?.restartPolicy === 'Always' && state.running && cs.started) return;
    if (state.terminated) {
      reason = state.terminated.reason
        ? `Init:${state.terminated.reason}`
        : state.terminated.signal
          ? `Init:Signal:${state.terminated.signal}`
          : `Init:ExitCode:${state.terminated.exitCode}`;
    } else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
  });
  if (!initializing) {
    let hasRunning = false;
    // kubectl walks the containers from last to first, so the first container's state wins.
    for (const cs of [...(status.containerStatuses ?? [])].reverse()) {
      const state = cs.state ?? {};
      if (state.waiting?.reason) reason = state.waiting.reason;
      else if (state.terminated?.reason) reason = state.terminated.reason;
      else if (state.terminated) {
        reason = state.terminated.signal ? `Signal:${state.terminated.signal}` : `ExitCode:${state.terminated.exitCode}`;
      } else if (cs.ready && state.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}
