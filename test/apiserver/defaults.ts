/**
 * The defaulting and create-time preparation the real API server applies to the served kinds,
 * reduced to the fields kube-jobs and kubectl look at
 * (pkg/apis/batch/v1/defaults.go `SetDefaults_Job`/`SetDefaults_CronJob`,
 * pkg/apis/core/v1/defaults.go `SetDefaults_PodSpec`/`SetDefaults_Container`,
 * pkg/registry/batch/job/strategy.go `PrepareForCreate` + `generateSelector`).
 * Full validation is not built in: plug the engine's validator in through the server's
 * `validate` hook. Only object names, Job restart policies and the fields a Job may not change on
 * update are checked here.
 */
import type { StatusCause } from './status';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** defaultContainer mirrors SetDefaults_Container for the fields kubectl prints. */
function defaultContainer(c: Obj): void {
  c.terminationMessagePath ??= '/dev/termination-message';
  c.terminationMessagePolicy ??= 'File';
  if (c.imagePullPolicy === undefined && typeof c.image === 'string') {
    const tagged = /:[^/]+$/.test(c.image.split('@')[0] ?? '') && !c.image.endsWith(':latest');
    c.imagePullPolicy = tagged || c.image.includes('@') ? 'IfNotPresent' : 'Always';
  }
  c.resources ??= {};
}

/** defaultPodSpec mirrors SetDefaults_PodSpec. */
export function defaultPodSpec(spec: Obj | undefined): void {
  if (!spec) {
    return;
  }
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])] as Obj[]) {
    defaultContainer(c);
  }
}

/** defaultJobSpec mirrors SetDefaults_Job for the spec part. */
function defaultJobSpec(spec: Obj): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= undefined;
}

/**
 * prepareForCreate fills what the registry strategies set on create: empty status, the
 * generated Job selector and pod template labels, and the defaults above.
 */
export function prepareForCreate(plural: string, obj: Obj): void {
  const spec = (obj.spec ??= {}) as Obj;
  switch (plural) {
    case 'jobs': {
      obj.status = {};
      defaultJobSpec(spec);
      if (spec.manualSelector === undefined) {
        delete spec.manualSelector;
      }
      const template = (spec.template ??= {}) as Obj;
      const tmeta = (template.metadata ??= {}) as Obj;
      if (spec.manualSelector !== true) {
        const uid = obj.metadata.uid as string;
        const name = obj.metadata.name as string;
        tmeta.labels = {
          ...(tmeta.labels ?? {}),
          'batch.kubernetes.io/controller-uid': uid,
          'batch.kubernetes.io/job-name': name,
          'controller-uid': uid,
          'job-name': name,
        };
        spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      }
      defaultPodSpec(template.spec);
      break;
    }
    case 'cronjobs':
      obj.status = {};
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      defaultPodSpec(spec.jobTemplate?.spec?.template?.spec);
      break;
    case 'pods':
      defaultPodSpec(spec);
      obj.status = { phase: 'Pending', qosClass: 'BestEffort' };
      break;
    case 'namespaces':
      obj.status = { phase: 'Active' };
      delete obj.spec;
      obj.spec = { finalizers: ['kubernetes'] };
      break;
    default:
      if (Object.keys(spec).length === 0) {
        delete obj.spec;
      }
  }
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** validateBasics checks object names (apimachinery validation) and Job restart policies. */
export function validateBasics(plural: string, obj: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    causes.push({
      reason: 'FieldValueRequired',
      message: 'Required value: name or generateName is required',
      field: 'metadata.name',
    });
  } else if (
    plural === 'namespaces' ? !DNS1123_LABEL.test(name) || name.length > 63 : !DNS1123_SUBDOMAIN.test(name) || name.length > 253
  ) {
    const what =
      plural === 'namespaces'
        ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${what}`, field: 'metadata.name' });
  }
  const checkRestart = (spec: Obj | undefined, field: string): void => {
    const rp = spec?.restartPolicy;
    if (rp !== undefined && rp !== 'OnFailure' && rp !== 'Never') {
      causes.push({
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: "${String(rp)}": supported values: "OnFailure", "Never"`,
        field,
      });
    }
  };
  if (plural === 'jobs') {
    checkRestart(obj.spec?.template?.spec, 'spec.template.spec.restartPolicy');
  } else if (plural === 'cronjobs') {
    checkRestart(obj.spec?.jobTemplate?.spec?.template?.spec, 'spec.jobTemplate.spec.template.spec.restartPolicy');
  }
  return causes;
}

/**
 * validateJobUpdate is the part of ValidateJobUpdate (pkg/apis/batch/validation/validation.go)
 * this server checks on every update, whoever makes it: a Job's selector and completionMode
 * are immutable, and so is its pod template unless the Job is suspended before and after.
 */
export function validateJobUpdate(plural: string, obj: Obj, old: Obj): StatusCause[] {
  if (plural !== 'jobs') {
    return [];
  }
  const causes: StatusCause[] = [];
  if (JSON.stringify(obj.spec?.selector) !== JSON.stringify(old.spec?.selector)) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(obj.spec?.selector ?? null)}: field is immutable`,
      field: 'spec.selector',
    });
  }
  const suspended = old.spec?.suspend === true && obj.spec?.suspend === true;
  if (!suspended && JSON.stringify(obj.spec?.template) !== JSON.stringify(old.spec?.template)) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(obj.spec?.template ?? null)}: field is immutable`,
      field: 'spec.template',
    });
  }
  if (JSON.stringify(obj.spec?.completionMode) !== JSON.stringify(old.spec?.completionMode)) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(obj.spec?.completionMode ?? null)}: field is immutable`,
      field: 'spec.completionMode',
    });
  }
  return causes;
}
