/**
 * Facts about fields that the generated schema cannot know: server defaults, lower/upper limits,
 * the Kubernetes version that made a batch field generally usable, and allowed values where
 * validation accepts fewer than the OpenAPI enum (or the field has none). Keyed by
 * `<TypeName>.<field>`; an `enum` here replaces the schema's. Values are from the API server's
 * validation and defaults (pkg/apis/batch/validation, pkg/apis/core/validation,
 * pkg/apis/{batch,core}/v1/defaults.go) and the feature-gate table (GA version unless noted).
 */
export interface FieldFacts {
  readonly enum?: readonly string[];
  readonly default?: string | number | boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  /** Kubernetes minor version that added (or made GA) the field, e.g. "1.33". */
  readonly addedIn?: string;
  /** kubernetes.io page explaining the field. */
  readonly docsUrl?: string;
}

const JOB = 'https://kubernetes.io/docs/concepts/workloads/controllers/job/';
const CRON = 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/';
/** Largest int32: the Go type of most batch counts; larger numbers fail to decode. */
const INT32_MAX = 2147483647;

export const FIELD_FACTS: { readonly [typeAndField: string]: FieldFacts } = {
  'JobSpec.parallelism': { minimum: 0, maximum: INT32_MAX, default: 1, docsUrl: `${JOB}#controlling-parallelism` },
  'JobSpec.completions': { minimum: 0, maximum: INT32_MAX, default: 1, docsUrl: `${JOB}#parallel-jobs` },
  'JobSpec.activeDeadlineSeconds': { minimum: 0, docsUrl: `${JOB}#job-termination-and-cleanup` },
  'JobSpec.backoffLimit': { minimum: 0, maximum: INT32_MAX, default: 6, docsUrl: `${JOB}#pod-backoff-failure-policy` },
  'JobSpec.ttlSecondsAfterFinished': {
    minimum: 0,
    maximum: INT32_MAX,
    addedIn: '1.23',
    docsUrl: `${JOB}#ttl-mechanism-for-finished-jobs`,
  },
  'JobSpec.completionMode': { default: 'NonIndexed', addedIn: '1.24', docsUrl: `${JOB}#completion-mode` },
  'JobSpec.suspend': { default: false, addedIn: '1.24', docsUrl: `${JOB}#suspending-a-job` },
  'JobSpec.podFailurePolicy': { addedIn: '1.31', docsUrl: `${JOB}#pod-failure-policy` },
  'JobSpec.backoffLimitPerIndex': { minimum: 0, maximum: INT32_MAX, addedIn: '1.33', docsUrl: `${JOB}#backoff-limit-per-index` },
  'JobSpec.maxFailedIndexes': { minimum: 0, maximum: INT32_MAX, addedIn: '1.33', docsUrl: `${JOB}#backoff-limit-per-index` },
  'JobSpec.successPolicy': { addedIn: '1.33', docsUrl: `${JOB}#success-policy` },
  'JobSpec.podReplacementPolicy': {
    default: 'TerminatingOrFailed',
    addedIn: '1.34',
    docsUrl: `${JOB}#delayed-creation-of-replacement-pods`,
  },
  'JobSpec.managedBy': { addedIn: '1.35', docsUrl: `${JOB}#delegation-of-managing-a-job-object-to-external-controller` },
  'JobSpec.manualSelector': { default: false, docsUrl: `${JOB}#specifying-your-own-pod-selector` },
  'JobSpec.selector': { docsUrl: `${JOB}#specifying-your-own-pod-selector` },
  'JobSpec.template': { docsUrl: `${JOB}#pod-template` },
  'PodFailurePolicyRule.action': { docsUrl: `${JOB}#pod-failure-policy` },
  'PodFailurePolicyOnExitCodesRequirement.operator': { docsUrl: `${JOB}#pod-failure-policy` },
  'PodFailurePolicyOnPodConditionsPattern.status': {
    enum: ['True', 'False', 'Unknown'],
    default: 'True',
    docsUrl: `${JOB}#pod-failure-policy`,
  },
  'PodFailurePolicyOnPodConditionsPattern.type': {
    enum: ['DisruptionTarget', 'ConfigIssue'],
    docsUrl: `${JOB}#pod-failure-policy`,
  },
  'SuccessPolicyRule.succeededCount': { minimum: 0, maximum: INT32_MAX, docsUrl: `${JOB}#success-policy` },
  'SuccessPolicyRule.succeededIndexes': { docsUrl: `${JOB}#success-policy` },
  'CronJobSpec.schedule': { docsUrl: `${CRON}#schedule-syntax` },
  'CronJobSpec.timeZone': { addedIn: '1.27', docsUrl: `${CRON}#time-zones` },
  'CronJobSpec.concurrencyPolicy': { default: 'Allow', docsUrl: `${CRON}#concurrency-policy` },
  'CronJobSpec.startingDeadlineSeconds': { minimum: 0, docsUrl: `${CRON}#starting-deadline` },
  'CronJobSpec.successfulJobsHistoryLimit': {
    minimum: 0,
    maximum: INT32_MAX,
    default: 3,
    docsUrl: `${CRON}#jobs-history-limits`,
  },
  'CronJobSpec.failedJobsHistoryLimit': { minimum: 0, maximum: INT32_MAX, default: 1, docsUrl: `${CRON}#jobs-history-limits` },
  'CronJobSpec.suspend': { default: false, docsUrl: `${CRON}#schedule-suspension` },
  'CronJobSpec.jobTemplate': { docsUrl: `${CRON}#job-template` },
  /** What a Job's pod template accepts (validateJobSpec); the pod's own enum also has Always. */
  'PodSpec.restartPolicy': { enum: ['OnFailure', 'Never'], default: 'Always', docsUrl: `${JOB}#pod-template` },
  'Container.imagePullPolicy': { docsUrl: 'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy' },
  /** validateContainerRestartPolicy with ContainerRestartRules on (beta in 1.35); no enum in the OpenAPI. */
  'Container.restartPolicy': {
    enum: ['Always', 'Never', 'OnFailure'],
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/',
  },
  'Container.terminationMessagePolicy': { default: 'File' },
  'Container.resources': { docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
  'ContainerPort.protocol': { default: 'TCP' },
  'PodSpec.dnsPolicy': { default: 'ClusterFirst' },
  'PodSpec.terminationGracePeriodSeconds': { minimum: 0, default: 30 },
  'PodSpec.activeDeadlineSeconds': { minimum: 1 },
  'PodSpec.schedulerName': { default: 'default-scheduler' },
  /** Lt and Gt need the TaintTolerationComparisonOperators gate, off in 1.35 (ValidateTolerations). */
  'Toleration.operator': { enum: ['Equal', 'Exists'], default: 'Equal' },
  /** ValidateLabelSelectorRequirement's operators; the OpenAPI has no enum here. */
  'LabelSelectorRequirement.operator': { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
};
