// What the schema generator knows about Kubernetes versions: which Kubernetes release each
// source package was generated from, and how the batch/v1 Job and CronJob type closure changed
// from one minor version to the next (read from the published OpenAPI v3 documents of each
// release, api/openapi-spec/v3/api__v1_openapi.json and apis__batch__v1_openapi.json).
//
// The generator reads one source package and walks these changes backwards to each supported
// version (SUPPORTED_VERSIONS), so one package gives the schema of every version kube-jobs can
// judge a manifest as. Descriptions below are this project's words.

/** The Kubernetes minor versions kube-jobs follows, oldest first; the last is the default. */
export const SUPPORTED_VERSIONS = ['1.32', '1.33', '1.34', '1.35', '1.36'];

/** Kubernetes minor version each supported source package was generated from. */
export const SOURCE_KUBERNETES_VERSION = {
  'kubernetes-models@5.1.0': '1.36',
};

/**
 * Changes to the Job/CronJob closure introduced by a minor version, relative to the one before:
 * `added` fields appeared in that version (so older versions lack them); `removed` fields were
 * dropped in that version (so older versions have them, with the type rows given here);
 * `madeRequired` fields became required in the OpenAPI in that version, `madeOptional` fields stopped
 * being required in it.
 * Types: the encoding of src-engine/schema/types.ts.
 */
export const VERSION_CHANGES = [
  {
    version: '1.33',
    why: 'Lifecycle.stopSignal (KEP-4960, alpha, gate ContainerStopSignals)',
    added: { Lifecycle: ['stopSignal'] },
  },
  {
    version: '1.34',
    why:
      'PodSpec.hostnameOverride (KEP-4762, alpha, gate HostnameOverride), restartPolicyRules of containers (KEP-5307, alpha, ' +
      'gate ContainerRestartRules), env valueFrom.fileKeyRef (KEP-3721, alpha, gate EnvFiles), podCertificate projected ' +
      'volumes (KEP-4317, alpha, gate PodCertificateRequest)',
    added: {
      PodSpec: ['hostnameOverride'],
      Container: ['restartPolicyRules'],
      EphemeralContainer: ['restartPolicyRules'],
      EnvVarSource: ['fileKeyRef'],
      VolumeProjection: ['podCertificate'],
    },
  },
  {
    version: '1.35',
    why:
      'PodSpec.workloadRef (KEP-4671, alpha, gate GenericWorkload), PodCertificateProjection.userAnnotations; the OpenAPI ' +
      'no longer marks onPodConditions[].status required (the server defaults it to True, in CronJobs too since 1.34: ' +
      'kubernetes/kubernetes#131525)',
    added: {
      PodSpec: ['workloadRef'],
      PodCertificateProjection: ['userAnnotations'],
    },
    madeOptional: ['PodFailurePolicyOnPodConditionsPattern.status'],
  },
  {
    version: '1.36',
    why:
      'PodSpec.workloadRef (alpha in 1.35, gate GenericWorkload) was replaced by PodSpec.schedulingGroup; the OpenAPI marks ' +
      'CronJob.spec required',
    madeRequired: ['CronJob.spec'],
    added: {
      PodSpec: ['schedulingGroup'],
    },
    removed: {
      PodSpec: {
        workloadRef: [
          '#WorkloadReference',
          'The Workload object and pod group this pod belongs to, for workload-aware scheduling (alpha, gate GenericWorkload, ' +
            'off by default: the API server drops the field).',
        ],
      },
      WorkloadReference: {
        $doc: 'Names the Workload object and the pod group inside it that a pod belongs to.',
        name: ['string', "Name of the Workload in the pod's namespace; a DNS subdomain.", 1],
        podGroup: ['string', 'Name of the pod group within the Workload; a DNS label.', 1],
        podGroupReplicaKey: ['string', 'Replica key of the pod group this pod belongs to; a DNS label when set.'],
      },
    },
  },
];

/** compareVersions orders "1.35" < "1.36" < "1.100". */
export function compareVersions(a, b) {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** Fields every supported version has (checked for each, so a source that lost one fails the build). */
const ALWAYS = [
  'PodResourceClaim.resourceClaimTemplateName',
  'PodSpec.resources',
  'Container.resizePolicy',
  'Volume.image',
  'PodSecurityContext.seLinuxChangePolicy',
  'PodSecurityContext.supplementalGroupsPolicy',
  'ResourceClaim.request',
  'JobSpec.managedBy',
  'JobSpec.successPolicy',
  'JobSpec.podReplacementPolicy',
];

/** Added in 1.33 and 1.34 and still there in 1.36. */
const SINCE_1_33 = ['Lifecycle.stopSignal'];
const SINCE_1_34 = [
  'PodSpec.hostnameOverride',
  'EnvVarSource.fileKeyRef',
  'Container.restartPolicyRules',
  'VolumeProjection.podCertificate',
];

/**
 * Fields a version must have, whatever the source: the ones users hit first when a schema lags
 * (a false "unknown field" costs more than a miss). The generator refuses to write a schema that
 * lacks one of them, so the build fails when the source falls behind. Written out per version
 * from each release's OpenAPI, not derived from VERSION_CHANGES, so a wrong change entry fails too.
 */
export const REQUIRED_FIELDS = {
  1.32: [...ALWAYS],
  1.33: [...ALWAYS, ...SINCE_1_33],
  1.34: [...ALWAYS, ...SINCE_1_33, ...SINCE_1_34],
  1.35: [...ALWAYS, ...SINCE_1_33, ...SINCE_1_34, 'PodSpec.workloadRef', 'PodCertificateProjection.userAnnotations'],
  1.36: [...ALWAYS, ...SINCE_1_33, ...SINCE_1_34, 'PodCertificateProjection.userAnnotations', 'PodSpec.schedulingGroup'],
};

/** Fields a version must not have (added after it, or removed before it), so a too-new source cannot leak them. */
export const FORBIDDEN_FIELDS = {
  1.32: ['Lifecycle.stopSignal', 'PodSpec.hostnameOverride', 'EnvVarSource.fileKeyRef', 'PodSpec.schedulingGroup'],
  1.33: ['PodSpec.hostnameOverride', 'Container.restartPolicyRules', 'VolumeProjection.podCertificate'],
  1.34: ['PodSpec.workloadRef', 'PodCertificateProjection.userAnnotations', 'PodSpec.schedulingGroup'],
  1.35: ['PodSpec.schedulingGroup'],
  1.36: ['PodSpec.workloadRef'],
};
