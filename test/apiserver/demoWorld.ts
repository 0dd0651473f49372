/**
 * Seed data for the test API server: a small demo world (CronJobs in two namespaces, the Jobs
 * they own in every state, Pods in the states users meet, and the controllers' events with
 * their real reason strings) and a bulk seeder for the tree-view benchmark.
 */
import { randomUUID } from 'node:crypto';
import { RANDOM_NAME_ALPHABET } from '../../src-engine';
import type { LogStore } from './logs';
import type { KObject, Store } from './store';
import { formatTime } from './timefmt';
import { JOB_TRACKING_FINALIZER } from './gracefulDeletion';

const MIN = 60_000;

/** ownerRef builds a controller ownerReference, as the CronJob and Job controllers set it. */
export function ownerRef(owner: KObject): KObject {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

function container(name: string, image: string): KObject {
  return { name, image, command: ['sh', '-c', 'echo working'], resources: {}, terminationMessagePath: '/dev/termination-message', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' };
}

/** CronJobSeed describes a CronJob to create. */
export interface CronJobSeed {
  namespace: string;
  name: string;
  schedule: string;
  image?: string;
  suspend?: boolean;
  timeZone?: string;
  lastScheduleMs?: number;
  /** The jobTemplate's backoffLimit (default 2). */
  backoffLimit?: number;
}

/** seedCronJob creates a CronJob as a user would have (defaults filled, empty status). */
export function seedCronJob(store: Store, s: CronJobSeed): KObject {
  const createdMs = (s.lastScheduleMs ?? store.now()) - 30 * 24 * 60 * MIN;
  const status: KObject = {};
  if (s.lastScheduleMs !== undefined) {
    status.lastScheduleTime = formatTime(s.lastScheduleMs);
  }
  const spec: KObject = {
    schedule: s.schedule,
    concurrencyPolicy: 'Forbid',
    suspend: s.suspend ?? false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    jobTemplate: {
      metadata: {},
      spec: {
        backoffLimit: s.backoffLimit ?? 2,
        template: {
          metadata: {},
          spec: {
            restartPolicy: 'OnFailure',
            containers: [container(s.name, s.image ?? 'busybox:1.36')],
            dnsPolicy: 'ClusterFirst',
            schedulerName: 'default-scheduler',
            securityContext: {},
            terminationGracePeriodSeconds: 30,
          },
        },
      },
    },
  };
  if (s.timeZone) {
    spec.timeZone = s.timeZone;
  }
  return store.create('cronjobs', { metadata: { name: s.name, namespace: s.namespace, creationTimestamp: formatTime(createdMs) }, spec, status });
}

/** JobState is the outcome a seeded Job shows. */
export type JobState = 'complete' | 'failed' | 'running' | 'suspended';

/** JobSeed describes a Job (and its pods) to create. */
export interface JobSeed {
  namespace: string;
  name: string;
  state: JobState;
  owner?: KObject;
  startMs: number;
  image?: string;
  /** Pod outcomes to create for the Job (default: one pod matching the state). */
  pods?: PodState[];
  backoffLimit?: number;
}

/** PodState is the status a seeded Pod shows in `kubectl get pods`. */
export type PodState = 'Completed' | 'Error' | 'Running' | 'OOMKilled' | 'ImagePullBackOff' | 'CrashLoopBackOff' | 'Pending' | 'ContainerCreating';

function condition(type: string, reason: string, message: string, atMs: number): KObject {
  return { type, status: 'True', lastProbeTime: formatTime(atMs), lastTransitionTime: formatTime(atMs), reason, message };
}

/** jobStatus builds a Job status as the Job controller reports it for a state. */
function jobStatus(state: JobState, startMs: number, podStates: PodState[]): KObject {
  const failed = podStates.filter((p) => p === 'Error' || p === 'OOMKilled').length;
  const succeeded = podStates.filter((p) => p === 'Completed').length;
  const active = podStates.length - failed - succeeded;
  const endMs = startMs + 2 * MIN;
  switch (state) {
    case 'complete':
      return { startTime: formatTime(startMs), completionTime: formatTime(endMs), succeeded, failed: failed || undefined, ready: 0, terminating: 0, uncountedTerminatedPods: {}, conditions: [condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', endMs), condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', endMs)] };
    case 'failed':
      return { startTime: formatTime(startMs), failed, ready: 0, terminating: 0, uncountedTerminatedPods: {}, conditions: [condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', endMs), condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', endMs)] };
    case 'suspended':
      return { conditions: [condition('Suspended', 'JobSuspended', 'Job suspended', startMs)] };
    case 'running':
      return { startTime: formatTime(startMs), active, ready: podStates.filter((p) => p === 'Running').length, failed: failed || undefined, terminating: 0, uncountedTerminatedPods: {} };
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
    { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: started, ...(ready ? {} : { reason: 'PodCompleted' }) },
    { type: 'ContainersReady', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: started, ...(ready ? {} : { reason: 'PodCompleted' }) },
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: started },
  ];
  const common = { hostIP: '10.0.0.2', hostIPs: [{ ip: '10.0.0.2' }], podIP: '10.244.0.17', podIPs: [{ ip: '10.244.0.17' }], qosClass: 'BestEffort', startTime: started };
  switch (state) {
    case 'Completed':
      return { phase: 'Succeeded', conditions: conds(false), containerStatuses: [base({ exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: finished, containerID: `containerd://${'a'.repeat(64)}` }, false)], ...common };
    case 'Error':
      return { phase: 'Failed', conditions: conds(false), containerStatuses: [base({ exitCode: 1, reason: 'Error', startedAt: started, finishedAt: finished }, false)], ...common };
    case 'OOMKilled':
      return { phase: 'Failed', conditions: conds(false), containerStatuses: [base({ exitCode: 137, reason: 'OOMKilled', startedAt: started, finishedAt: finished }, false)], ...common };
    case 'Running':
      return { phase: 'Running', conditions: conds(true), containerStatuses: [base(undefined, true)], ...common };
    case 'ImagePullBackOff':
      return { phase: 'Pending', conditions: conds(false).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, reason: 'ContainersNotReady', message: `containers with unready status: [${containerName}]` } : c)), containerStatuses: [base(undefined, false, { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` })], ...common };
    case 'CrashLoopBackOff':
      return {
        phase: 'Running',
        conditions: conds(false).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, reason: 'ContainersNotReady', message: `containers with unready status: [${containerName}]` } : c)),
        containerStatuses: [base(undefined, false, { reason: 'CrashLoopBackOff', message: `back-off 40s restarting failed container=${containerName}` }, { restartCount: 3, lastState: { terminated: { exitCode: 2, reason: 'Error', startedAt: started, finishedAt: finished } } })],
        ...common,
      };
    case 'ContainerCreating':
      return { phase: 'Pending', conditions: conds(false), containerStatuses: [base(undefined, false, { reason: 'ContainerCreating' })], qosClass: 'BestEffort', hostIP: '10.0.0.2', startTime: started };
    case 'Pending':
      return { phase: 'Pending', qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: started, reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.' }] };
  }
}

const FINISHED: ReadonlySet<PodState> = new Set(['Completed', 'Error', 'OOMKilled']);

/** seedPod creates a Job's pod with the labels and ownerReference the Job controller sets. */
export function seedPod(store: Store, job: KObject, name: string, state: PodState, startMs: number): KObject {
  const tmpl = job.spec.template;
  const c = tmpl.spec.containers[0] as KObject;
  return store.create('pods', {
    // The Job controller drops its tracking finalizer once it has counted a finished pod.
    metadata: {
      name,
      namespace: job.metadata.namespace,
      labels: { ...(tmpl.metadata?.labels ?? {}) },
      ownerReferences: [ownerRef(job)],
      ...(FINISHED.has(state) ? {} : { finalizers: [JOB_TRACKING_FINALIZER] }),
      creationTimestamp: formatTime(startMs),
    },
    spec: { ...tmpl.spec, nodeName: state === 'Pending' ? undefined : 'kind-worker', serviceAccountName: 'default', enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority', priority: 0, tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] },
    status: podStatus(state, c.name, c.image, startMs),
  }, { takeOwnership: true });
}

function defaultPods(state: JobState): PodState[] {
  switch (state) {
    case 'complete':
      return ['Completed'];
    case 'failed':
      return ['Error', 'Error', 'OOMKilled'];
    case 'running':
      return ['Running'];
    case 'suspended':
      return [];
  }
}

/** seedJob creates a Job with the selector/labels the API server generates, its pods and status. */
export function seedJob(store: Store, s: JobSeed, counter = { n: 0 }): { job: KObject; pods: KObject[] } {
  const uid = randomUUID();
  const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': s.name, 'controller-uid': uid, 'job-name': s.name };
  const podStates = s.pods ?? defaultPods(s.state);
  const image = s.image ?? 'busybox:1.36';
  const template = s.owner ? structuredClone(s.owner.spec.jobTemplate.spec.template) : { metadata: {}, spec: { restartPolicy: 'Never', containers: [container(s.name, image)], dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 } };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const meta: KObject = { name: s.name, namespace: s.namespace, uid, creationTimestamp: formatTime(s.startMs), labels };
  if (s.owner) {
    meta.ownerReferences = [ownerRef(s.owner)];
    meta.annotations = { 'batch.kubernetes.io/cronjob-scheduled-timestamp': formatTime(s.startMs) };
  }
  const job = store.create('jobs', {
    metadata: meta,
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: s.backoffLimit ?? s.owner?.spec.jobTemplate.spec.backoffLimit ?? 6,
      completionMode: 'NonIndexed',
      suspend: s.state === 'suspended',
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template,
    },
    status: jobStatus(s.state, s.startMs, podStates),
  }, { takeOwnership: true });
  const pods = podStates.map((p, i) => seedPod(store, job, `${s.name}-${podSuffix(counter.n++)}`, p, s.startMs + i * MIN));
  return { job, pods };
}

/** podSuffix gives distinct 5-letter suffixes (in generateName's alphabet) for distinct n < 27^5. */
function podSuffix(n: number): string {
  const alphabet = RANDOM_NAME_ALPHABET;
  // 7919 is coprime with 27^5, so this is a bijection on [0, 27^5).
  let x = (n * 7919 + 12345) % 14_348_907;
  let s = '';
  for (let i = 0; i < 5; i++) {
    s += alphabet[x % 27];
    x = Math.floor(x / 27);
  }
  return s;
}

const eventSeq = new WeakMap<Store, number>();

/** seedEvent records an event about an object, named `<object>.<hex nanoseconds>` as client-go's recorder names them. */
export function seedEvent(store: Store, about: KObject, type: 'Normal' | 'Warning', reason: string, message: string, atMs: number, component: string): KObject {
  const seq = (eventSeq.get(store) ?? 0) + 1;
  eventSeq.set(store, seq);
  return store.create('events', {
    metadata: { name: `${about.metadata.name}.${(BigInt(atMs) * 1_000_000n + BigInt(seq)).toString(16)}`, namespace: about.metadata.namespace, creationTimestamp: formatTime(atMs) },
    involvedObject: { kind: about.kind, namespace: about.metadata.namespace, name: about.metadata.name, uid: about.metadata.uid, apiVersion: about.apiVersion, resourceVersion: about.metadata.resourceVersion },
    reason,
    message,
    source: { component },
    firstTimestamp: formatTime(atMs),
    lastTimestamp: formatTime(atMs),
    count: 1,
    type,
    eventTime: null,
    reportingComponent: component,
    reportingInstance: '',
  });
}

/** DemoWorld lists what seedDemoWorld created, for the demo's log ticker and for tests. */
export interface DemoWorld {
  namespaces: string[];
  cronJobs: KObject[];
  jobs: KObject[];
  pods: KObject[];
  /** Pods whose container is running (the demo appends log lines to these). */
  runningPods: Array<{ namespace: string; pod: string; container: string }>;
}

/**
 * seedDemoWorld fills the store with a small world: namespaces `demo` and `batch-jobs`, three
 * CronJobs (one suspended), Jobs owned by them in complete/failed/running/suspended states, a
 * standalone Job, Pods Completed/Error/Running/OOMKilled/ImagePullBackOff/CrashLoopBackOff,
 * container logs, and the events the controllers record.
 */
export function seedDemoWorld(store: Store, logs: LogStore, nowMs: number): DemoWorld {
  const appendLog = (ns: string, pod: string, container: string, line: string): void => logs.append(ns, pod, container, line);
  const world: DemoWorld = { namespaces: ['demo', 'batch-jobs'], cronJobs: [], jobs: [], pods: [], runningPods: [] };
  for (const ns of world.namespaces) {
    if (!store.get('namespaces', undefined, ns)) {
      store.create('namespaces', { metadata: { name: ns }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    }
  }
  const counter = { n: 0 };
  const hour = 60 * MIN;
  const cleanup = seedCronJob(store, { namespace: 'demo', name: 'nightly-cleanup', schedule: '0 2 * * *', timeZone: 'Etc/UTC', lastScheduleMs: nowMs - 3 * hour });
  const report = seedCronJob(store, { namespace: 'demo', name: 'hourly-report', schedule: '0 * * * *', lastScheduleMs: nowMs - 5 * MIN });
  // Its Job's pod crash-loops with 3 restarts: with restartPolicy OnFailure, a backoffLimit of 6 keeps it running.
  const sync = seedCronJob(store, {
    namespace: 'batch-jobs',
    name: 'data-sync',
    schedule: '*/15 * * * *',
    suspend: true,
    lastScheduleMs: nowMs - 2 * hour,
    image: 'registry.example.com/data-sync:2.1',
    backoffLimit: 6,
  });
  world.cronJobs.push(cleanup, report, sync);
  const add = (seed: JobSeed): void => {
    const { job, pods } = seedJob(store, seed, counter);
    world.jobs.push(job);
    world.pods.push(...pods);
    const at = seed.startMs;
    if (seed.owner) {
      seedEvent(store, seed.owner, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`, at, 'cronjob-controller');
    }
    for (const p of pods) {
      seedEvent(store, job, 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`, at, 'job-controller');
      const c = p.spec.containers[0].name as string;
      const status = p.status.containerStatuses?.[0];
      if (status?.state?.terminated || status?.state?.running || status?.lastState?.terminated) {
        appendLog(p.metadata.namespace, p.metadata.name, c, `starting ${job.metadata.name}`);
        appendLog(p.metadata.namespace, p.metadata.name, c, `processing batch 1/3`);
      }
      if (status?.state?.terminated?.reason === 'Completed') {
        appendLog(p.metadata.namespace, p.metadata.name, c, 'done');
      } else if (status?.state?.terminated?.reason === 'Error') {
        appendLog(p.metadata.namespace, p.metadata.name, c, 'error: connection refused');
      } else if (status?.state?.terminated?.reason === 'OOMKilled') {
        appendLog(p.metadata.namespace, p.metadata.name, c, 'allocating buffers');
      } else if (status?.state?.running) {
        world.runningPods.push({ namespace: p.metadata.namespace, pod: p.metadata.name, container: c });
      } else if (status?.state?.waiting?.reason === 'ImagePullBackOff') {
        seedEvent(store, p, 'Warning', 'Failed', `Failed to pull image "${status.image}": not found`, at, 'kubelet');
        seedEvent(store, p, 'Normal', 'BackOff', `Back-off pulling image "${status.image}"`, at, 'kubelet');
      } else if (status?.state?.waiting?.reason === 'CrashLoopBackOff') {
        // The crashed instance's output is what `kubectl logs --previous` shows.
        appendLog(p.metadata.namespace, p.metadata.name, c, 'panic: cannot reach upstream');
        logs.restart(p.metadata.namespace, p.metadata.name, c);
        seedEvent(store, p, 'Warning', 'BackOff', 'Back-off restarting failed container', at, 'kubelet');
      }
      if (status?.state?.terminated) {
        appendLog(p.metadata.namespace, p.metadata.name, c, `exit ${status.state.terminated.exitCode}`);
      }
    }
    if (seed.state === 'complete') {
      seedEvent(store, job, 'Normal', 'Completed', 'Job completed', at + 2 * MIN, 'job-controller');
      if (seed.owner) {
        seedEvent(store, seed.owner, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: Complete`, at + 2 * MIN, 'cronjob-controller');
      }
    } else if (seed.state === 'failed') {
      seedEvent(store, job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', at + 2 * MIN, 'job-controller');
      if (seed.owner) {
        seedEvent(store, seed.owner, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: Failed`, at + 2 * MIN, 'cronjob-controller');
      }
    } else if (seed.state === 'suspended') {
      seedEvent(store, job, 'Normal', 'Suspended', 'Job suspended', at, 'job-controller');
    }
  };
  const minutesName = (owner: KObject, ms: number): string => `${owner.metadata.name}-${Math.floor(ms / MIN)}`;
  const t1 = nowMs - 27 * hour;
  const t2 = nowMs - 3 * hour;
  add({ namespace: 'demo', name: minutesName(cleanup, t1), state: 'complete', owner: cleanup, startMs: t1 });
  add({ namespace: 'demo', name: minutesName(cleanup, t2), state: 'failed', owner: cleanup, startMs: t2 });
  const r1 = nowMs - 65 * MIN;
  const r2 = nowMs - 5 * MIN;
  add({ namespace: 'demo', name: minutesName(report, r1), state: 'complete', owner: report, startMs: r1 });
  add({ namespace: 'demo', name: minutesName(report, r2), state: 'running', owner: report, startMs: r2, pods: ['Running'] });
  add({ namespace: 'batch-jobs', name: minutesName(sync, nowMs - 2 * hour), state: 'running', owner: sync, startMs: nowMs - 2 * hour, pods: ['CrashLoopBackOff'] });
  add({ namespace: 'batch-jobs', name: 'reindex-search', state: 'suspended', startMs: nowMs - 40 * MIN });
  add({ namespace: 'batch-jobs', name: 'image-resize', state: 'running', startMs: nowMs - 10 * MIN, pods: ['ImagePullBackOff'], image: 'registry.example.com/image-resize:missing' });
  add({ namespace: 'demo', name: 'db-migrate', state: 'complete', startMs: nowMs - 50 * MIN });
  // Keep the CronJobs' status.active pointing at their running Jobs, as the CronJob controller does.
  for (const cj of [report, sync]) {
    const active = world.jobs.filter((j) => j.metadata.ownerReferences?.[0]?.uid === cj.metadata.uid && !(j.status.conditions ?? []).some((c: KObject) => c.type === 'Complete' || c.type === 'Failed'));
    const updated = store.mutate('cronjobs', cj.metadata.namespace, cj.metadata.name, (o) => {
      o.status.active = active.map((j) => ({ kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion }));
    });
    world.cronJobs[world.cronJobs.indexOf(cj)] = updated;
  }
  return world;
}

/**
 * seedBulk creates `jobs` Jobs with `podsPerJob` Pods each, spread over `namespaces`
 * namespaces and `cronJobs` owning CronJobs, for the tree-view benchmark (5,000 Jobs and 20,000
 * Pods: seedBulk(store, { jobs: 5000, podsPerJob: 4 })).
 */
export function seedBulk(store: Store, opts: { jobs: number; podsPerJob: number; namespaces?: number; cronJobs?: number; nowMs?: number }): { jobs: number; pods: number } {
  const nowMs = opts.nowMs ?? store.now();
  const nsCount = opts.namespaces ?? 10;
  const cjCount = opts.cronJobs ?? 50;
  const owners: KObject[] = [];
  for (let i = 0; i < cjCount; i++) {
    owners.push(seedCronJob(store, { namespace: `bulk-${i % nsCount}`, name: `cron-${i}`, schedule: `${i % 60} * * * *`, lastScheduleMs: nowMs - MIN }));
  }
  const states: PodState[] = ['Completed', 'Completed', 'Error', 'Running'];
  let pods = 0;
  const counter = { n: 0 };
  for (let j = 0; j < opts.jobs; j++) {
    const owner = owners.length > 0 ? owners[j % owners.length] : undefined;
    const ns = owner ? owner.metadata.namespace : `bulk-${j % nsCount}`;
    const podStates = Array.from({ length: opts.podsPerJob }, (_, k) => states[k % states.length] as PodState);
    const state: JobState = podStates.includes('Running') ? 'running' : 'complete';
    seedJob(store, { namespace: ns, name: `job-${j}`, state, owner, startMs: nowMs - (opts.jobs - j) * MIN, pods: podStates }, counter);
    pods += podStates.length;
  }
  return { jobs: opts.jobs, pods };
}
