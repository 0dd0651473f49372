import type { Transport } from '../../../kube/transport';
import { requestJson } from '../../../kube/transport';
import { CRONJOBS, JOBS, PODS, collectionPath, objectPath, query, resourceForManifest } from '../../../kube/resources';
import type { CronJob, Job } from '../views/model/k8s';
import { jobFromCronJob, manualJobName } from '../views/model/manualJob';
import type { ApiError } from '../../../kube/apiError';

export const FIELD_MANAGER = 'kube-jobs';

/** triggerCronJob creates a Job from the CronJob's jobTemplate now (kubectl create job --from=cronjob/…). */
export async function triggerCronJob(
  transport: Transport,
  namespace: string,
  name: string,
  random: () => number = Math.random,
): Promise<Job> {
  const cj = await requestJson<CronJob>(transport, 'GET', objectPath(CRONJOBS, namespace, name));
  const job = jobFromCronJob(cj, manualJobName(name, random));
  return requestJson<Job>(transport, 'POST', collectionPath(JOBS, namespace) + query({ fieldManager: FIELD_MANAGER }), job);
}

/** setSuspended sets `spec.suspend` of a CronJob or Job with a merge patch. */
export async function setSuspended(
  transport: Transport,
  kind: 'CronJob' | 'Job',
  namespace: string,
  name: string,
  suspend: boolean,
): Promise<void> {
  await requestJson(
    transport,
    'PATCH',
    objectPath(kind === 'CronJob' ? CRONJOBS : JOBS, namespace, name) + query({ fieldManager: FIELD_MANAGER }),
    { spec: { suspend } },
    { contentType: 'application/merge-patch+json' },
  );
}

/** deleteJob deletes a Job with a propagation policy (Background is kubectl's default; Orphan keeps the pods). */
export async function deleteJob(
  transport: Transport,
  namespace: string,
  name: string,
  propagationPolicy: 'Background' | 'Foreground' | 'Orphan',
): Promise<void> {
  await requestJson(transport, 'DELETE', objectPath(JOBS, namespace, name), {
    apiVersion: 'v1',
    kind: 'DeleteOptions',
    propagationPolicy,
  });
}

/** getObject reads the live object. */
export function getObject<T>(transport: Transport, kind: 'CronJob' | 'Job' | 'Pod', namespace: string, name: string): Promise<T> {
  return requestJson<T>(
    transport,
    'GET',
    objectPath(kind === 'CronJob' ? CRONJOBS : kind === 'Job' ? JOBS : PODS, namespace, name),
  );
}

/** The outcome of applying one manifest document. */
export type ApplyOutcome =
  | {
      readonly ok: true;
      readonly documentIndex: number;
      readonly kind: string;
      readonly name: string;
      readonly namespace?: string;
      readonly object: unknown;
    }
  | {
      readonly ok: false;
      readonly documentIndex: number;
      readonly kind: string;
      readonly name: string;
      readonly error: ApiError | Error;
    };

/**
 * applyObject server-side-applies one manifest object (as `kubectl apply --server-side`), with
 * `dryRun=All` when only validating: the API server runs admission and validation and answers
 * with the object it would store, or a Status whose causes name the offending fields.
 */
export async function applyObject(
  transport: Transport,
  documentIndex: number,
  object: Record<string, unknown>,
  defaultNamespace: string,
  dryRun: boolean,
): Promise<ApplyOutcome> {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
  const name = metadata.name ?? '';
  const resource = resourceForManifest(apiVersion, kind);
  if (!resource) {
    return {
      ok: false,
      documentIndex,
      kind,
      name,
      error: new Error(
        `kube-jobs cannot apply ${kind || 'objects without kind'} (${apiVersion || 'no apiVersion'}); use kubectl apply`,
      ),
    };
  }
  if (!name) {
    return {
      ok: false,
      documentIndex,
      kind,
      name,
      error: new Error('metadata.name is required to apply (generateName needs kubectl create)'),
    };
  }
  const namespace = resource.namespaced ? (metadata.namespace ?? defaultNamespace) : undefined;
  const body = resource.namespaced ? { ...object, metadata: { ...metadata, namespace } } : object;
  try {
    const result = await requestJson<unknown>(
      transport,
      'PATCH',
      objectPath(resource, namespace, name) +
        query({ fieldManager: FIELD_MANAGER, force: true, dryRun: dryRun ? 'All' : undefined }),
      body,
      { contentType: 'application/apply-patch+yaml' },
    );
    return { ok: true, documentIndex, kind, name, ...(namespace !== undefined ? { namespace } : {}), object: result };
  } catch (error) {
    return { ok: false, documentIndex, kind, name, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
