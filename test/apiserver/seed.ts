/**
 * Seeders of single objects for the test API server: a CronJob as a user creates it, the Jobs
 * and Pods its controllers make in each state users meet, and the controllers' events with their
 * real reason strings.
 */
import { randomUUID } from 'node:crypto';
import { RANDOM_NAME_ALPHABET } from '../../src-engine';
import type { KObject, Store } from './store';
import { formatTime } from './timefmt';
import { JOB_TRACKING_FINALIZER } from './gracefulDeletion';
import { jobStatus, MIN, podStatus } from './seedStatus';
import type { JobState, PodState } from './seedStatus';

export { MIN } from './seedStatus';
export type { JobState, PodState } from './seedStatus';

/** ownerRef builds a controller ownerReference, as the CronJob and Job controllers set it. */
export function ownerRef(owner: KObject): KObject {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

function container(name: string, image: string): KObject {
  return {
    name,
    image,
    command: ['sh', '-c', 'echo working'],
    resources: {},
    terminationMessagePath: '/dev/termination-message',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
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
  return store.create('cronjobs', {
    metadata: { name: s.name, namespace: s.namespace, creationTimestamp: formatTime(createdMs) },
    spec,
    status,
  });
}

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

const FINISHED: ReadonlySet<PodState> = new Set(['Completed', 'Error', 'OOMKilled']);

/** seedPod creates a Job's pod with the labels and ownerReference the Job controller sets. */
export function seedPod(store: Store, job: KObject, name: string, state: PodState, startMs: number): KObject {
  const tmpl = job.spec.template;
  const c = tmpl.spec.containers[0] as KObject;
  return store.create(
    'pods',
    {
      // The Job controller drops its tracking finalizer once it has counted a finished pod.
      metadata: {
        name,
        namespace: job.metadata.namespace,
        labels: { ...(tmpl.metadata?.labels ?? {}) },
        ownerReferences: [ownerRef(job)],
        ...(FINISHED.has(state) ? {} : { finalizers: [JOB_TRACKING_FINALIZER] }),
        creationTimestamp: formatTime(startMs),
      },
      spec: {
        ...tmpl.spec,
        nodeName: state === 'Pending' ? undefined : 'kind-worker',
        serviceAccountName: 'default',
        enableServiceLinks: true,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      },
      status: podStatus(state, c.name, c.image, startMs),
    },
    { takeOwnership: true },
  );
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
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': s.name,
    'controller-uid': uid,
    'job-name': s.name,
  };
  const podStates = s.pods ?? defaultPods(s.state);
  const image = s.image ?? 'busybox:1.36';
  const template = s.owner
    ? structuredClone(s.owner.spec.jobTemplate.spec.template)
    : {
        metadata: {},
        spec: {
          restartPolicy: 'Never',
          containers: [container(s.name, image)],
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const meta: KObject = { name: s.name, namespace: s.namespace, uid, creationTimestamp: formatTime(s.startMs), labels };
  if (s.owner) {
    meta.ownerReferences = [ownerRef(s.owner)];
    meta.annotations = { 'batch.kubernetes.io/cronjob-scheduled-timestamp': formatTime(s.startMs) };
  }
  const job = store.create(
    'jobs',
    {
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
    },
    { takeOwnership: true },
  );
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
export function seedEvent(
  store: Store,
  about: KObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  atMs: number,
  component: string,
): KObject {
  const seq = (eventSeq.get(store) ?? 0) + 1;
  eventSeq.set(store, seq);
  return store.create('events', {
    metadata: {
      name: `${about.metadata.name}.${(BigInt(atMs) * 1_000_000n + BigInt(seq)).toString(16)}`,
      namespace: about.metadata.namespace,
      creationTimestamp: formatTime(atMs),
    },
    involvedObject: {
      kind: about.kind,
      namespace: about.metadata.namespace,
      name: about.metadata.name,
      uid: about.metadata.uid,
      apiVersion: about.apiVersion,
      resourceVersion: about.metadata.resourceVersion,
    },
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
