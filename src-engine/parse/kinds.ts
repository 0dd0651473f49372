/**
 * Which documents kube-jobs checks, decided in one place: batch/v1 Jobs and CronJobs, and the
 * documents that were meant to be one but that kubectl or the API server turns away because
 * of a typo in `apiVersion` or `kind`. Those are checked as the kind they were meant to be,
 * with the refusal as their first finding; every other kind is left alone.
 */

/** The kinds kube-jobs checks. */
export type WorkloadKind = 'Job' | 'CronJob';

/** What kubectl or the API server says about a mistyped apiVersion or kind. */
export interface TypeMetaProblem {
  readonly field: 'apiVersion' | 'kind';
  readonly message: string;
  /** The value that fixes it (written into `field`, or added when the field is missing). */
  readonly fix: string;
}

export interface DocumentKind {
  /** The kind to check the document as. */
  readonly workload?: WorkloadKind;
  readonly problems: readonly TypeMetaProblem[];
}

const NOT_OURS: DocumentKind = { problems: [] };
const API_VERSION = 'batch/v1';

/**
 * classifyDocument reads `apiVersion` and `kind` as kubectl does. A missing apiVersion or
 * kind is reported by kubectl's client-side check ("error validating data: apiVersion not
 * set"); a kind in the wrong case or a built-in group or version that does not serve it by
 * discovery ("no matches for kind") or, for an all-lowercase kind that discovery maps, by the
 * API server's decoder ("no kind "job" is registered for version "batch/v1"").
 */
export function classifyDocument(apiVersion: unknown, kind: unknown, spec: unknown): DocumentKind {
  const kindText = typeof kind === 'string' && kind !== '' ? kind : undefined;
  const versionText = typeof apiVersion === 'string' && apiVersion !== '' ? apiVersion : undefined;
  const intended =
    kindText !== undefined
      ? intendedKind(kindText)
      : versionText !== undefined && groupOf(versionText).toLowerCase() === 'batch'
        ? shapeKind(spec)
        : undefined;
  if (!intended) return NOT_OURS;
  if (versionText !== undefined && groupOf(versionText).includes('.')) return NOT_OURS; // a CRD group's own Job kind
  const problems: TypeMetaProblem[] = [];
  if (apiVersion === undefined || apiVersion === null || apiVersion === '') {
    problems.push({
      field: 'apiVersion',
      fix: API_VERSION,
      message:
        'apiVersion: Required value: kubectl refuses the document ("error validating data: apiVersion not set"); ' +
        `${intended} is in ${API_VERSION}`,
    });
  } else if (versionText !== undefined && versionText !== API_VERSION) {
    problems.push({
      field: 'apiVersion',
      fix: API_VERSION,
      message: wrongVersionMessage(versionText, kindText ?? intended, intended),
    });
  }
  if (kind === undefined || kind === null || kind === '') {
    problems.push({
      field: 'kind',
      fix: intended,
      message:
        'kind: Required value: kubectl refuses the document ("error validating data: kind not set"); ' +
        `this looks like a ${intended}`,
    });
  } else if (kindText !== undefined && kindText !== intended && problems.length === 0) {
    const detail =
      kindText === intended.toLowerCase()
        ? `no kind ${JSON.stringify(kindText)} is registered for version "${API_VERSION}"`
        : `no matches for kind ${JSON.stringify(kindText)} in version "${API_VERSION}"`;
    problems.push({
      field: 'kind',
      fix: intended,
      message: `kind: Invalid value: ${JSON.stringify(kindText)}: ${detail} (kinds are case-sensitive: ${intended})`,
    });
  }
  return { workload: intended, problems };
}

function wrongVersionMessage(apiVersion: string, kind: string, intended: WorkloadKind): string {
  if (intended === 'CronJob' && apiVersion === 'batch/v1beta1') {
    const removed = 'CronJob in batch/v1beta1 was removed in Kubernetes 1.25';
    return `apiVersion: Invalid value: "batch/v1beta1": ${removed}, use ${API_VERSION}`;
  }
  const version = JSON.stringify(apiVersion);
  const noMatches = `no matches for kind ${JSON.stringify(kind)} in version ${version}`;
  return `apiVersion: Invalid value: ${version}: ${noMatches}; ${intended} is in ${API_VERSION}`;
}

/** Job or CronJob for the kind as written (`Job`, `job`, `JOBS`, `Cron-Job`, …), else undefined. */
function intendedKind(kind: string): WorkloadKind | undefined {
  if (kind === 'Job' || kind === 'CronJob') return kind;
  const normal = kind.toLowerCase().replace(/[-_ ]/g, '').replace(/s$/, '');
  if (normal === 'job') return 'Job';
  if (normal === 'cronjob') return 'CronJob';
  return undefined;
}

/** A batch document without a kind: a CronJob when its spec has a schedule or job template. */
function shapeKind(spec: unknown): WorkloadKind {
  const object = typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {};
  return 'schedule' in object || 'jobTemplate' in object ? 'CronJob' : 'Job';
}

/** The API group of an apiVersion (`batch/v1` → batch, `v1` → the core group ''). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
