/**
 * The statuses seeded objects carry, as the Job controller and the kubelet report them for each
 * state users meet (what `kubectl get` and the cluster view then show).
 */
import type { KObject } from './store';
import { formatTime } from './timefmt';

export const MIN = 60_000;

/** JobState is the outcome a seeded Job shows. */
export type JobState = 'complete' | 'failed' | 'running' | 'suspended';

/** PodState is the status a seeded Pod shows in `kubectl get pods`. */
export type PodState =
  'Completed' | 'Error' | 'Running' | 'OOMKilled' | 'ImagePullBackOff' | 'CrashLoopBackOff' | 'Pending' | 'ContainerCreating';

function condition(type: string, reason: string, message: string, atMs: number): KObject {
  return { type, status: 'True', lastProbeTime: formatTime(atMs), lastTransitionTime: formatTime(atMs), reason, message };
}

/** jobStatus builds a Job status as the Job controller reports it for a state. */
export function jobStatus(state: JobState, startMs: number, podStates: PodState[]): KObject {
  const failed = podStates.filter((p) => p === 'Error' || p === 'OOMKilled').length;
  const succeeded = podStates.filter((p) => p === 'Completed').length;
  const active = podStates.length - failed - succeeded;
  const endMs = startMs + 2 * MIN;
  switch (state) {
    case 'complete':
      return {
        startTime: formatTime(startMs),
        completionTime: formatTime(endMs),
        succeeded,
        failed: failed || undefined,
        ready: 0,
        terminating: 0,
        uncountedTerminatedPods: {},
        conditions: [
          condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', endMs),
          condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', endMs),
        ],
      };
    case 'failed':
      return {
        startTime: formatTime(startMs),
        failed,
        ready: 0,
        terminating: 0,
        uncountedTerminatedPods: {},
        conditions: [
          condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', endMs),
          condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', endMs),
        ],
      };
    case 'suspended':
      return { conditions: [condition('Suspended', 'JobSuspended', 'Job suspended', startMs)] };
    case 'running':
      return {
        startTime: formatTime(startMs),
        active,
        ready: podStates.filter((p) => p === 'Running').length,
        failed: failed || undefined,
        terminating: 0,
        uncountedTerminatedPods: {},
      };
  }
}

/** podStatus builds a Pod status as the kubelet reports it for a state. */
export function podStatus(state: PodState, containerName: string, image: string, startMs: number): KObject {
  const started = formatTime(startMs);
  const finished = formatTime(startMs + MIN);
  const base = (terminated: KObject | undefined, running: boolean, waiting?: KObject, extra: KObject = {}): KObject => ({
    name: containerName,
    image,
    imageID: waiting ? '' : `docker.io/library/${image}@sha256:${'0'.repeat(64)}`,
    containerID: waiting && !extra.lastState ? undefined : `containerd://${'a'.repeat(64)}`,
    ready: running,
    started: running,
    restartCount: 0,
    state: terminated ? { terminated } : running ? { running: { startedAt: started } } : { waiting },
    lastState: {},
    ...extra,
  });
  const conds = (ready: boolean): KObject[] => [
    { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: started },
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: started },
    {
      type: 'Ready',
      status: ready ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: started,
      ...(ready ? {} : { reason: 'PodCompleted' }),
    },
    {
      type: 'ContainersReady',
      status: ready ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: started,
      ...(ready ? {} : { reason: 'PodCompleted' }),
    },
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: started },
  ];
  const common = {
    hostIP: '10.0.0.2',
    hostIPs: [{ ip: '10.0.0.2' }],
    podIP: '10.244.0.17',
    podIPs: [{ ip: '10.244.0.17' }],
    qosClass: 'BestEffort',
    startTime: started,
  };
  switch (state) {
    case 'Completed':
      return {
        phase: 'Succeeded',
        conditions: conds(false),
        containerStatuses: [
          base(
            {
              exitCode: 0,
              reason: 'Completed',
              startedAt: started,
              finishedAt: finished,
              containerID: `containerd://${'a'.repeat(64)}`,
            },
            false,
          ),
        ],
        ...common,
      };
    case 'Error':
      return {
        phase: 'Failed',
        conditions: conds(false),
        containerStatuses: [base({ exitCode: 1, reason: 'Error', startedAt: started, finishedAt: finished }, false)],
        ...common,
      };
    case 'OOMKilled':
      return {
        phase: 'Failed',
        conditions: conds(false),
        containerStatuses: [base({ exitCode: 137, reason: 'OOMKilled', startedAt: started, finishedAt: finished }, false)],
        ...common,
      };
    case 'Running':
      return { phase: 'Running', conditions: conds(true), containerStatuses: [base(undefined, true)], ...common };
    case 'ImagePullBackOff':
      return {
        phase: 'Pending',
        conditions: conds(false).map((c) =>
          c.type === 'Ready' || c.type === 'ContainersReady'
            ? { ...c, reason: 'ContainersNotReady', message: `containers with unready status: [${containerName}]` }
            : c,
        ),
        containerStatuses: [base(undefined, false, { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` })],
        ...common,
      };
    case 'CrashLoopBackOff':
      return {
        phase: 'Running',
        conditions: conds(false).map((c) =>
          c.type === 'Ready' || c.type === 'ContainersReady'
            ? { ...c, reason: 'ContainersNotReady', message: `containers with unready status: [${containerName}]` }
            : c,
        ),
        containerStatuses: [
          base(
            undefined,
            false,
            { reason: 'CrashLoopBackOff', message: `back-off 40s restarting failed container=${containerName}` },
            {
              restartCount: 3,
              lastState: { terminated: { exitCode: 2, reason: 'Error', startedAt: started, finishedAt: finished } },
            },
          ),
        ],
        ...common,
      };
    case 'ContainerCreating':
      return {
        phase: 'Pending',
        conditions: conds(false),
        containerStatuses: [base(undefined, false, { reason: 'ContainerCreating' })],
        qosClass: 'BestEffort',
        hostIP: '10.0.0.2',
        startTime: started,
      };
    case 'Pending':
      return {
        phase: 'Pending',
        qosClass: 'BestEffort',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            lastProbeTime: null,
            lastTransitionTime: started,
            reason: 'Unschedulable',
            message: '0/1 nodes are available: 1 Insufficient cpu.',
          },
        ],
      };
  }
}
