import { newJobStatus } from './jobStatus';
import type { JobObject, JobSpec, PodFailurePolicyRule, SuccessPolicyRule } from './types';

/** Result of reading a manifest into controller input: the object, or why it cannot run. */
export type ReadResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly string[] };

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * jobSpecFromManifest reads a batch/v1 JobSpec (a Job's `spec` or a CronJob's
 * `jobTemplate.spec`) and applies the API server defaults (SetDefaults_Job): parallelism and
 * completions 1/1 when both are unset, backoffLimit 6 (MaxInt32 with backoffLimitPerIndex),
 * podReplacementPolicy Failed with a podFailurePolicy, TerminatingOrFailed otherwise.
 * Only the checks the controller depends on are made (restartPolicy, non-negative numbers,
 * completionMode); full validation lives in src-engine/validate. `path` prefixes messages.
 */
export function jobSpecFromManifest(spec: unknown, path: string): ReadResult<JobSpec> {
  const errors: string[] = [];
  if (!isObj(spec)) return { ok: false, errors: [`${path}: Required value`] };
  const int = (field: string): number | null => {
    const v = spec[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2147483647) {
      errors.push(`${path}.${field}: Invalid value: ${JSON.stringify(v)}: must be a non-negative integer`);
      return null;
    }
    return v;
  };
  let parallelism = int('parallelism');
  let completions = int('completions');
  if (parallelism === null && completions === null) {
    parallelism = 1;
    completions = 1;
  } else if (parallelism === null) {
    parallelism = 1;
  }
  const backoffLimitPerIndex = int('backoffLimitPerIndex');
  const backoffLimit = int('backoffLimit') ?? (backoffLimitPerIndex !== null ? 2147483647 : 6);
  const maxFailedIndexes = int('maxFailedIndexes');
  const activeDeadlineSeconds = int('activeDeadlineSeconds');
  const ttlSecondsAfterFinished = int('ttlSecondsAfterFinished');
  const mode = spec['completionMode'] ?? 'NonIndexed';
  if (mode !== 'NonIndexed' && mode !== 'Indexed') {
    errors.push(`${path}.completionMode: Unsupported value: ${JSON.stringify(mode)}: supported values: "NonIndexed", "Indexed"`);
  }
  if (mode === 'Indexed' && completions === null) {
    errors.push(`${path}.completions: Required value: when completion mode is Indexed`);
  }
  const suspend = spec['suspend'] === true;

  const template = isObj(spec['template']) ? spec['template'] : undefined;
  const podSpec = template !== undefined && isObj(template['spec']) ? template['spec'] : undefined;
  const restartPolicy = podSpec?.['restartPolicy'];
  if (restartPolicy !== 'Never' && restartPolicy !== 'OnFailure') {
    errors.push(`${path}.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`);
  }
  const containers = Array.isArray(podSpec?.['containers']) ? (podSpec['containers'] as unknown[]) : [];
  const containerNames = containers.map((c, i) => (isObj(c) && typeof c['name'] === 'string' ? c['name'] : `container-${i}`));
  if (containerNames.length === 0) errors.push(`${path}.template.spec.containers: Required value`);

  const podFailurePolicy = readPodFailurePolicy(spec['podFailurePolicy'], `${path}.podFailurePolicy`, errors);
  if (podFailurePolicy !== null && restartPolicy !== 'Never') {
    errors.push(
      `${path}.template.spec.restartPolicy: Invalid value: ${JSON.stringify(restartPolicy ?? '')}: only "Never" is supported when podFailurePolicy is specified`,
    );
  }
  const successPolicy = readSuccessPolicy(spec['successPolicy']);
  const rpp = spec['podReplacementPolicy'];
  const podReplacementPolicy =
    rpp === 'Failed' || rpp === 'TerminatingOrFailed' ? rpp : podFailurePolicy !== null ? 'Failed' : 'TerminatingOrFailed';
  const managedBy = typeof spec['managedBy'] === 'string' ? spec['managedBy'] : null;
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      parallelism,
      completions,
      completionMode: mode as 'NonIndexed' | 'Indexed',
      backoffLimit,
      backoffLimitPerIndex: mode === 'Indexed' ? backoffLimitPerIndex : null,
      maxFailedIndexes: mode === 'Indexed' ? maxFailedIndexes : null,
      activeDeadlineSeconds,
      ttlSecondsAfterFinished,
      suspend,
      podFailurePolicy,
      successPolicy,
      podReplacementPolicy,
      managedBy,
      restartPolicy: restartPolicy as 'Never' | 'OnFailure',
      containerNames,
    },
  };
}

function readPodFailurePolicy(v: unknown, path: string, errors: string[]): PodFailurePolicyRule[] | null {
  if (!isObj(v) || !Array.isArray(v['rules'])) return null;
  const rules: PodFailurePolicyRule[] = [];
  for (const [i, r] of (v['rules'] as unknown[]).entries()) {
    if (!isObj(r)) continue;
    const action = r['action'];
    if (action !== 'FailJob' && action !== 'FailIndex' && action !== 'Ignore' && action !== 'Count') {
      errors.push(
        `${path}.rules[${i}].action: Unsupported value: ${JSON.stringify(action ?? '')}: supported values: "Count", "FailIndex", "FailJob", "Ignore"`,
      );
      continue;
    }
    const onExit = r['onExitCodes'];
    if (isObj(onExit)) {
      const values = Array.isArray(onExit['values'])
        ? (onExit['values'] as unknown[]).filter((x): x is number => typeof x === 'number')
        : [];
      rules.push({
        action,
        onExitCodes: {
          ...(typeof onExit['containerName'] === 'string' ? { containerName: onExit['containerName'] } : {}),
          operator: onExit['operator'] === 'NotIn' ? 'NotIn' : 'In',
          values,
        },
      });
      continue;
    }
    const onConditions = Array.isArray(r['onPodConditions']) ? (r['onPodConditions'] as unknown[]) : [];
    rules.push({
      action,
      onPodConditions: onConditions.filter(isObj).map((c) => ({
        type: String(c['type'] ?? ''),
        status: typeof c['status'] === 'string' && c['status'] !== '' ? c['status'] : 'True',
      })),
    });
  }
  return rules;
}

function readSuccessPolicy(v: unknown): SuccessPolicyRule[] | null {
  if (!isObj(v) || !Array.isArray(v['rules'])) return null;
  return (v['rules'] as unknown[]).filter(isObj).map((r) => ({
    ...(typeof r['succeededIndexes'] === 'string' ? { succeededIndexes: r['succeededIndexes'] } : {}),
    ...(typeof r['succeededCount'] === 'number' ? { succeededCount: r['succeededCount'] } : {}),
  }));
}

/**
 * jobFromManifest turns a parsed Job document into a freshly created JobObject (creation
 * time `creationTimestamp`, empty status). Namespace defaults to "default".
 */
export function jobFromManifest(doc: unknown, creationTimestamp: number): ReadResult<JobObject> {
  if (!isObj(doc)) return { ok: false, errors: [NOT_A_MAPPING] };
  const { metadata, name, namespace, errors } = readObjectMeta(doc);
  const spec = jobSpecFromManifest(doc['spec'], 'spec');
  if (!spec.ok) errors.push(...spec.errors);
  if (!spec.ok || errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...createdMeta(name, namespace, creationTimestamp),
      annotations: stringMap(metadata['annotations']),
      spec: spec.value,
      status: newJobStatus(
        spec.value.completionMode === 'Indexed',
        spec.value.completionMode === 'Indexed' && spec.value.backoffLimitPerIndex !== null,
      ),
    },
  };
}

export const NOT_A_MAPPING = 'the document is not a mapping';

/**
 * readObjectMeta reads what the simulation needs of metadata: the name (required, with the
 * API server's error), the namespace ("default" when unset) and the map itself. `errors`
 * is the list the caller goes on filling.
 */
export function readObjectMeta(doc: Record<string, unknown>): {
  metadata: Record<string, unknown>;
  name: string;
  namespace: string;
  errors: string[];
} {
  const metadata = isObj(doc['metadata']) ? doc['metadata'] : {};
  const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
  const errors: string[] = [];
  if (name === '') errors.push('metadata.name: Required value: name or generateName is required');
  return { metadata, name, namespace: typeof metadata['namespace'] === 'string' ? metadata['namespace'] : 'default', errors };
}

/** createdMeta: the identity fields of an object the API server has just created. */
export function createdMeta(name: string, namespace: string, creationTimestamp: number): CreatedMeta {
  return { name, namespace, creationTimestamp, deletionTimestamp: null };
}

interface CreatedMeta {
  name: string;
  namespace: string;
  creationTimestamp: number;
  deletionTimestamp: null;
}

/** stringMap keeps the string-valued entries of a labels/annotations map. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

export { isObj };
