/**
 * The resource types the test API server serves, described the way Kubernetes discovery
 * describes them (`APIResource` in k8s.io/apimachinery/pkg/apis/meta/v1/types.go).
 *
 * This is a fake API server for tests and the demo (no real cluster exists on the
 * developers' machines); it aims to be faithful to the Kubernetes REST API for the subset
 * kube-jobs and `kubectl` use, and every deliberate gap is named where it is made.
 */

/** ResourceInfo describes one served resource, as discovery lists it. */
export interface ResourceInfo {
  /** Plural resource name used in URLs, e.g. `jobs`. */
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  /** API group; `''` is the core (legacy) group. */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly verbs: readonly string[];
  /** Subresources served under `<plural>/<name>/<sub>`. */
  readonly subresources: readonly string[];
  /** Whether a change of `spec` bumps `metadata.generation` (true for Jobs and CronJobs). */
  readonly tracksGeneration: boolean;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

export const RESOURCES: readonly ResourceInfo[] = [
  {
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    group: '',
    version: 'v1',
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: ['status'],
    tracksGeneration: false,
  },
  {
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    verbs: ALL_VERBS,
    subresources: ['log', 'status'],
    tracksGeneration: false,
  },
  {
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['ev'],
    verbs: ALL_VERBS,
    subresources: [],
    tracksGeneration: false,
  },
  {
    plural: 'jobs',
    singular: 'job',
    kind: 'Job',
    group: 'batch',
    version: 'v1',
    namespaced: true,
    categories: ['all'],
    verbs: ALL_VERBS,
    subresources: ['status'],
    tracksGeneration: true,
  },
  {
    plural: 'cronjobs',
    singular: 'cronjob',
    kind: 'CronJob',
    group: 'batch',
    version: 'v1',
    namespaced: true,
    shortNames: ['cj'],
    categories: ['all'],
    verbs: ALL_VERBS,
    subresources: ['status'],
    tracksGeneration: true,
  },
  {
    plural: 'selfsubjectaccessreviews',
    singular: 'selfsubjectaccessreview',
    kind: 'SelfSubjectAccessReview',
    group: 'authorization.k8s.io',
    version: 'v1',
    namespaced: false,
    verbs: ['create'],
    subresources: [],
    tracksGeneration: false,
  },
];

/** apiVersionOf returns `group/version`, or just `version` for the core group. */
export function apiVersionOf(r: ResourceInfo): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

/** qualifiedResource returns `jobs.batch` / `pods`, as used in Status messages. */
export function qualifiedResource(r: ResourceInfo): string {
  return r.group === '' ? r.plural : `${r.plural}.${r.group}`;
}

/** qualifiedKind returns `Job.batch` / `Pod`, as used in Invalid messages. */
export function qualifiedKind(r: ResourceInfo): string {
  return r.group === '' ? r.kind : `${r.kind}.${r.group}`;
}

/** findResource looks a resource up by group and plural name. */
export function findResource(group: string, plural: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.plural === plural);
}

/** resourceByName looks a resource up by plural name only (names are unique here). */
export function resourceByName(plural: string): ResourceInfo {
  const r = RESOURCES.find((x) => x.plural === plural);
  if (!r) {
    throw new Error(`unknown resource ${plural}`);
  }
  return r;
}

/** resourceByKind finds the served resource for an apiVersion/kind pair. */
export function resourceByKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind === kind && apiVersionOf(r) === apiVersion);
}
