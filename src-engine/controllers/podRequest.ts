import type { IndexFailureRecord } from './jobMemory';
import { MAX_GENERATE_NAME_PREFIX } from './generateName';
import {
  JOB_COMPLETION_INDEX_ANNOTATION,
  JOB_INDEX_FAILURE_COUNT_ANNOTATION,
  JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION,
} from './types';
import type { JobObject, PodTemplateRequest } from './types';

/**
 * podRequest builds the createPod request for a pod of `job`: the job-name labels, and for an
 * Indexed Job the completion index (annotation, label, hostname `<job>-<index>`,
 * JOB_COMPLETION_INDEX) and, with backoffLimitPerIndex, the failure counts carried over from
 * the index's last failed pod. Mirrors job_controller.go `manageJob` (pod template part) and
 * indexed_job_utils.go `addCompletionIndexAnnotation`, `addCompletionIndexLabel`,
 * `addCompletionIndexEnvVariables`, `podGenerateNameWithIndex`, `addIndexFailureCountAnnotation`.
 */
export function podRequest(job: JobObject, index: number | null, failures: IndexFailureRecord | null): PodTemplateRequest {
  const labels: Record<string, string> = { 'batch.kubernetes.io/job-name': job.name, 'job-name': job.name };
  const annotations: Record<string, string> = {};
  if (index === null) {
    return {
      generateName: `${job.name}-`,
      index: null,
      hostname: null,
      labels,
      annotations,
      env: [],
      indexFailureCount: 0,
      indexIgnoredFailureCount: 0,
    };
  }
  labels[JOB_COMPLETION_INDEX_ANNOTATION] = String(index);
  annotations[JOB_COMPLETION_INDEX_ANNOTATION] = String(index);
  const failureCount = failures?.failureCount ?? 0;
  const ignored = failures?.ignoredFailureCount ?? 0;
  if (job.spec.backoffLimitPerIndex !== null) {
    annotations[JOB_INDEX_FAILURE_COUNT_ANNOTATION] = String(failureCount);
    if (ignored > 0) annotations[JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION] = String(ignored);
  }
  const suffix = `-${index}-`;
  const prefix =
    job.name.length + suffix.length > MAX_GENERATE_NAME_PREFIX
      ? job.name.slice(0, MAX_GENERATE_NAME_PREFIX - suffix.length)
      : job.name;
  return {
    generateName: prefix + suffix,
    index,
    hostname: `${job.name}-${index}`,
    labels,
    annotations,
    env: [{ name: 'JOB_COMPLETION_INDEX', valueFrom: `metadata.labels['${JOB_COMPLETION_INDEX_ANNOTATION}']` }],
    indexFailureCount: failureCount,
    indexIgnoredFailureCount: ignored,
  };
}
