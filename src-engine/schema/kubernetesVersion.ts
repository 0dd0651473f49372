import { SCHEMA_KUBERNETES_VERSIONS } from '../generated/schema';
import type { ConnectedCluster } from '../protocol';

/**
 * A Kubernetes minor version kube-jobs can judge a manifest as ("1.32" … "1.36"): the API
 * server's schema, defaults, feature gates and validation, and the controllers, of that release.
 * The list comes from the schema generator (scripts/schemaVersions.mjs SUPPORTED_VERSIONS), so a
 * version without a schema cannot be named.
 */
export type KubernetesVersion = (typeof SCHEMA_KUBERNETES_VERSIONS)[number];

/** The supported versions, oldest first. */
export const KUBERNETES_VERSIONS: readonly KubernetesVersion[] = SCHEMA_KUBERNETES_VERSIONS;
export const OLDEST_KUBERNETES_VERSION: KubernetesVersion = SCHEMA_KUBERNETES_VERSIONS[0];
/** What a manifest is judged as when nothing says otherwise (no cluster, no setting). */
export const NEWEST_KUBERNETES_VERSION: KubernetesVersion = SCHEMA_KUBERNETES_VERSIONS[SCHEMA_KUBERNETES_VERSIONS.length - 1]!;

/** isKubernetesVersion: one of the supported minor versions, written `1.NN`. */
export function isKubernetesVersion(value: unknown): value is KubernetesVersion {
  return typeof value === 'string' && (KUBERNETES_VERSIONS as readonly string[]).includes(value);
}

/** compareKubernetesVersions orders "1.32" < "1.33" < "1.100" (negative, zero or positive). */
export function compareKubernetesVersions(a: string, b: string): number {
  if (a === b) return 0;
  const am = majorAndMinor(a);
  const bm = majorAndMinor(b);
  return am[0] - bm[0] || am[1] - bm[1];
}

/**
 * A version's numbers, read once per text: rules ask "at least 1.35?" several times for every
 * document, and splitting the text each time was a visible part of a big file's first open.
 */
const versionNumbers = new Map<string, readonly [number, number]>();

function majorAndMinor(version: string): readonly [number, number] {
  let numbers = versionNumbers.get(version);
  if (numbers === undefined) {
    const [major = 0, minor = 0] = version.split('.').map(Number);
    numbers = [major, minor];
    // Versions come from a short list and the odd user setting; a bound keeps odd input from growing it.
    if (versionNumbers.size < 64) versionNumbers.set(version, numbers);
  }
  return numbers;
}

/** atLeast: `version` is `minimum` or newer. */
export function atLeast(version: KubernetesVersion, minimum: KubernetesVersion): boolean {
  return compareKubernetesVersions(version, minimum) >= 0;
}

/** The version a cluster reports, mapped onto the supported range. */
export interface ResolvedKubernetesVersion {
  readonly version: KubernetesVersion;
  /** The minor version as the cluster wrote it (`1.33`), when it could be read. */
  readonly reported?: string;
  /** Set when the reported version is outside the supported range: why another one judges. */
  readonly note?: string;
}

const MINOR = /^v?(\d+)\.(\d+)(?:\D.*)?$/;

/**
 * resolveKubernetesVersion reads a version the way people and clusters write it — `1.33`,
 * `v1.33.4`, `v1.33.4-eks-1a2b3c`, or `/version`'s major and minor (`1` and `33+`, as GKE and
 * EKS report it) — and maps it onto a supported version: one older than the oldest is judged as
 * the oldest, a newer one as the newest, each with a note saying so. Undefined when the text is
 * not a version at all.
 */
export function resolveKubernetesVersion(text: string, minor?: string): ResolvedKubernetesVersion | undefined {
  const written = minor === undefined ? text.trim() : `${text.trim()}.${minor.trim().replace(/\D+$/, '')}`;
  const match = MINOR.exec(written);
  if (!match) return undefined;
  const reported = `${Number(match[1])}.${Number(match[2])}`;
  if (isKubernetesVersion(reported)) return { version: reported, reported };
  const supported = `${OLDEST_KUBERNETES_VERSION}–${NEWEST_KUBERNETES_VERSION}`;
  const older = compareKubernetesVersions(reported, OLDEST_KUBERNETES_VERSION) < 0;
  const version = older ? OLDEST_KUBERNETES_VERSION : NEWEST_KUBERNETES_VERSION;
  return {
    version,
    reported,
    note: `Kubernetes ${reported} is ${older ? 'older' : 'newer'} than the versions kube-jobs follows (${supported}): judged as ${version}`,
  };
}

/**
 * What the simulator and the local runtime say about the controllers they run: the Job and
 * CronJob controllers of every supported version do the same in everything a simulation shows
 * (the README lists their differences), so one controller serves them all; only the check
 * before a run follows the version.
 */
export function controllersNote(version: KubernetesVersion): string {
  return (
    `Checked as Kubernetes ${version}; the Job and CronJob controllers of ${OLDEST_KUBERNETES_VERSION}–` +
    `${NEWEST_KUBERNETES_VERSION} do the same in everything a simulation shows, so they run as in ${version}.`
  );
}

/** Which Kubernetes version judges the files, and why that one (for hover). */
export interface JudgedVersion {
  readonly version: KubernetesVersion;
  /** How hover names it: `your cluster (1.33)` or `Kubernetes 1.33`. */
  readonly where: string;
  /** One sentence: where the version comes from. */
  readonly why: string;
}

/**
 * judgedVersion: the setting when it names a version; with `auto`, the connected cluster's
 * version (mapped onto 1.32–1.36), else the newest supported version.
 */
export function judgedVersion(setting: string, cluster: ConnectedCluster | null): JudgedVersion {
  if (isKubernetesVersion(setting)) {
    return { version: setting, where: `Kubernetes ${setting}`, why: `Kubernetes ${setting}, as kubeJobs.kubernetesVersion says` };
  }
  const reported = cluster ? resolveKubernetesVersion(cluster.gitVersion) : undefined;
  if (cluster && reported) {
    const note = reported.note ? ` (${reported.note})` : '';
    return {
      version: reported.version,
      where: `your cluster (${reported.reported ?? reported.version})`,
      why: `Kubernetes ${reported.version}: the version of cluster context ${cluster.context} (${cluster.gitVersion})${note}`,
    };
  }
  return {
    version: NEWEST_KUBERNETES_VERSION,
    where: `Kubernetes ${NEWEST_KUBERNETES_VERSION}`,
    why: `Kubernetes ${NEWEST_KUBERNETES_VERSION}, the newest version kube-jobs follows (no cluster connected)`,
  };
}
