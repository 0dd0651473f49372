import type { CronJob, Event, Job, Pod } from './k8s';
import { controllerOf, jobNameOfPod } from './k8s';
import { jobPhase } from './jobStatus';
import { readPod } from './podHealth';

export type WatchedKind = 'CronJob' | 'Job' | 'Pod' | 'Event';
export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Node ids of the cluster tree below a context; the tree prefixes the context. */
export const nodeId = {
  namespace: (ns: string): string => `ns/${ns}`,
  cronJob: (ns: string, name: string): string => `cj/${ns}/${name}`,
  job: (ns: string, name: string): string => `job/${ns}/${name}`,
  pod: (ns: string, name: string): string => `pod/${ns}/${name}`,
  problem: (ns: string, resource: string): string => `problem/${ns}/${resource}`,
};

const KIND_OF_PREFIX = { cj: 'CronJob', job: 'Job', pod: 'Pod' } as const;

/**
 * objectOfNodeId reads the object a CronJob, Job or Pod node id names (the inverse of
 * `nodeId.cronJob/job/pod`); undefined for namespace, problem and other rows. Object names
 * cannot contain `/`, so the id splits unambiguously.
 */
export function objectOfNodeId(id: string): { kind: 'CronJob' | 'Job' | 'Pod'; namespace: string; name: string } | undefined {
  const [prefix = '', namespace = '', name = '', ...rest] = id.split('/');
  if (!Object.hasOwn(KIND_OF_PREFIX, prefix) || namespace === '' || name === '' || rest.length > 0) return undefined;
  return { kind: KIND_OF_PREFIX[prefix as keyof typeof KIND_OF_PREFIX], namespace, name };
}

/** What changed for listeners: tree node ids whose row or children changed, and the objects touched. */
export interface IndexChange {
  readonly nodeIds: ReadonlySet<string>;
  readonly objects: readonly { kind: WatchedKind; namespace: string; name: string }[];
}

/** A problem watching one resource in one namespace (RBAC refusal, unreachable server). */
export interface WatchProblem {
  readonly resource: string;
  readonly message: string;
  readonly forbidden: boolean;
}

class Bucket<T> {
  readonly byNs = new Map<string, Map<string, T>>();
  get(ns: string, name: string): T | undefined {
    return this.byNs.get(ns)?.get(name);
  }
  set(ns: string, name: string, value: T): void {
    let m = this.byNs.get(ns);
    if (!m) this.byNs.set(ns, (m = new Map()));
    m.set(name, value);
  }
  delete(ns: string, name: string): void {
    const m = this.byNs.get(ns);
    m?.delete(name);
    if (m && m.size === 0) this.byNs.delete(ns);
  }
  in(ns: string): Iterable<T> {
    return this.byNs.get(ns)?.values() ?? [];
  }
  get size(): number {
    let n = 0;
    for (const m of this.byNs.values()) n += m.size;
    return n;
  }
}

/** A finished Job (Complete or Failed): what a CronJob's health reads of its runs. */
function isFinished(job: Job): boolean {
  const phase = jobPhase(job);
  return phase === 'complete' || phase === 'failed';
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  set?.delete(value);
  if (set && set.size === 0) map.delete(key);
}

/**
 * ClusterIndex holds the watched objects of one context, indexed the way the tree reads them
 * (Jobs by owning CronJob, Pods by Job), and tells for each change which tree nodes must be
 * redrawn — so one pod update redraws one row, not the tree. Pure: no I/O, no VS Code.
 */
export class ClusterIndex {
  readonly cronJobs = new Bucket<CronJob>();
  readonly jobs = new Bucket<Job>();
  readonly pods = new Bucket<Pod>();
  readonly events = new Bucket<Event>();
  /** `ns/cronJobName` → names of the Jobs it controls. */
  private readonly jobsOfCronJob = new Map<string, Set<string>>();
  /** `ns/jobName` → names of its pods. */
  private readonly podsOfJob = new Map<string, Set<string>>();
  /** `ns/involvedKind/involvedName` → event names. */
  private readonly eventsOf = new Map<string, Set<string>>();
  /** Namespaces shown, in order. */
  private namespaceList: string[] = [];
  private readonly problems = new Map<string, Map<string, WatchProblem>>();

  /** setNamespaces fixes the namespaces shown (the chosen ones, or all the server lists). */
  setNamespaces(namespaces: readonly string[]): IndexChange {
    this.namespaceList = [...new Set(namespaces)].sort();
    return { nodeIds: new Set(['']), objects: [] };
  }

  /** namespaces lists the shown namespaces plus any holding objects (all-namespace watches). */
  namespaces(): string[] {
    const all = new Set(this.namespaceList);
    for (const b of [this.cronJobs, this.jobs]) for (const ns of b.byNs.keys()) all.add(ns);
    // '' holds the problems of cluster-wide watches: they show at the context level, never as a nameless namespace.
    for (const ns of this.problems.keys()) if (ns !== '') all.add(ns);
    return [...all].sort();
  }

  /** setProblem records (or clears, with undefined) a watch problem of one resource in a namespace. '' means all namespaces. */
  setProblem(ns: string, resource: string, problem: WatchProblem | undefined): IndexChange {
    const current = this.problems.get(ns)?.get(resource);
    if (!problem && !current) return { nodeIds: new Set(), objects: [] };
    if (current && problem && current.message === problem.message) return { nodeIds: new Set(), objects: [] };
    let m = this.problems.get(ns);
    if (problem) {
      if (!m) this.problems.set(ns, (m = new Map()));
      m.set(resource, problem);
    } else {
      m?.delete(resource);
      if (m && m.size === 0) this.problems.delete(ns);
    }
    const wasKnown = this.namespaceList.includes(ns) || ns === '';
    return { nodeIds: new Set([ns === '' || !wasKnown ? '' : nodeId.namespace(ns)]), objects: [] };
  }

  /** problemFor is the problem watching `resource` in `ns`, or at cluster scope when the watch covers all namespaces. */
  problemFor(ns: string, resource: string): WatchProblem | undefined {
    return this.problems.get(ns)?.get(resource) ?? this.problems.get('')?.get(resource);
  }

  problemsIn(ns: string): WatchProblem[] {
    return [...(this.problems.get(ns)?.values() ?? [])].sort((a, b) => a.resource.localeCompare(b.resource));
  }

  jobsOf(ns: string, cronJobName: string): Job[] {
    const names = this.jobsOfCronJob.get(`${ns}/${cronJobName}`);
    return names ? [...names].map((n) => this.jobs.get(ns, n)).filter((j): j is Job => j !== undefined) : [];
  }

  /** standaloneJobs are the Jobs no CronJob of this namespace controls. */
  standaloneJobs(ns: string): Job[] {
    return [...this.jobs.in(ns)].filter((j) => {
      const owner = controllerOf(j, 'CronJob');
      return !owner || !this.cronJobs.get(ns, owner.name);
    });
  }

  podsOf(ns: string, jobName: string): Pod[] {
    const names = this.podsOfJob.get(`${ns}/${jobName}`);
    return names ? [...names].map((n) => this.pods.get(ns, n)).filter((p): p is Pod => p !== undefined) : [];
  }

  eventsFor(ns: string, kind: string, name: string): Event[] {
    const names = this.eventsOf.get(`${ns}/${kind}/${name}`);
    return names ? [...names].map((n) => this.events.get(ns, n)).filter((e): e is Event => e !== undefined) : [];
  }

  /** apply records one watch change and returns the tree nodes to redraw. */
  apply(
    kind: WatchedKind,
    type: ChangeType,
    object: CronJob | Job | Pod | Event,
    previous?: CronJob | Job | Pod | Event,
  ): IndexChange {
    const ns = object.metadata?.namespace ?? '';
    const name = object.metadata?.name ?? '';
    const ids = new Set<string>();
    const known = this.namespaceList.includes(ns);
    switch (kind) {
      case 'CronJob': {
        const had = this.cronJobs.get(ns, name) !== undefined;
        if (type === 'DELETED') this.cronJobs.delete(ns, name);
        else this.cronJobs.set(ns, name, object as CronJob);
        const has = this.cronJobs.get(ns, name) !== undefined;
        // Appearing or disappearing moves its Jobs between the CronJob and the namespace level.
        ids.add(had !== has ? (known ? nodeId.namespace(ns) : '') : nodeId.cronJob(ns, name));
        break;
      }
      case 'Job': {
        const job = object as Job;
        const parentOf = (j: Job | undefined): string | undefined => {
          if (!j) return undefined;
          const owner = controllerOf(j, 'CronJob');
          return owner && this.cronJobs.get(ns, owner.name) ? nodeId.cronJob(ns, owner.name) : known ? nodeId.namespace(ns) : '';
        };
        const before = this.jobs.get(ns, name);
        const oldOwner = before ? controllerOf(before, 'CronJob') : undefined;
        if (oldOwner) removeFrom(this.jobsOfCronJob, `${ns}/${oldOwner.name}`, name);
        if (type === 'DELETED') {
          this.jobs.delete(ns, name);
          ids.add(parentOf(before ?? job) ?? '');
        } else {
          this.jobs.set(ns, name, job);
          const owner = controllerOf(job, 'CronJob');
          if (owner) addTo(this.jobsOfCronJob, `${ns}/${owner.name}`, name);
          const oldParent = parentOf(before);
          const newParent = parentOf(job) ?? '';
          if (!before || oldParent !== newParent) {
            ids.add(newParent);
            if (oldParent !== undefined) ids.add(oldParent);
          } else {
            ids.add(nodeId.job(ns, name));
            // A run that finishes changes its CronJob's health badge (cronJobHealthView.ts).
            if (newParent.startsWith('cj/') && isFinished(before) !== isFinished(job)) ids.add(newParent);
          }
        }
        break;
      }
      case 'Pod': {
        const pod = object as Pod;
        const before = this.pods.get(ns, name) ?? (previous as Pod | undefined);
        const oldJob = before ? jobNameOfPod(before) : undefined;
        if (oldJob) removeFrom(this.podsOfJob, `${ns}/${oldJob}`, name);
        if (type === 'DELETED') {
          this.pods.delete(ns, name);
          if (oldJob) ids.add(nodeId.job(ns, oldJob));
        } else {
          this.pods.set(ns, name, pod);
          const jobName = jobNameOfPod(pod);
          if (jobName) addTo(this.podsOfJob, `${ns}/${jobName}`, name);
          if (!this.pods.get(ns, name) || !before || oldJob !== jobName) {
            if (jobName) ids.add(nodeId.job(ns, jobName));
            if (oldJob && oldJob !== jobName) ids.add(nodeId.job(ns, oldJob));
          } else {
            ids.add(nodeId.pod(ns, name));
            // The Job row says which of its pods are in trouble: redraw it when this pod's health changes.
            if (jobName && readPod(before).health !== readPod(pod).health) ids.add(nodeId.job(ns, jobName));
          }
        }
        break;
      }
      case 'Event': {
        const event = object as Event;
        const before = this.events.get(ns, name);
        if (before) removeFrom(this.eventsOf, `${ns}/${before.involvedObject?.kind}/${before.involvedObject?.name}`, name);
        if (type === 'DELETED') this.events.delete(ns, name);
        else {
          this.events.set(ns, name, event);
          addTo(this.eventsOf, `${ns}/${event.involvedObject?.kind}/${event.involvedObject?.name}`, name);
        }
        // The CronJob controller's events (JobAlreadyActive, TooManyMissedTimes…) feed its health badge.
        const about = event.involvedObject?.name;
        if (event.involvedObject?.kind === 'CronJob' && about && this.cronJobs.get(ns, about)) ids.add(nodeId.cronJob(ns, about));
        break;
      }
    }
    return { nodeIds: ids, objects: [{ kind, namespace: ns, name }] };
  }

  /** clearNamespace drops every object of a namespace (when it stops being watched). */
  clear(): void {
    for (const b of [this.cronJobs, this.jobs, this.pods, this.events]) b.byNs.clear();
    this.jobsOfCronJob.clear();
    this.podsOfJob.clear();
    this.eventsOf.clear();
    this.problems.clear();
  }
}
