// What the schema generator knows about Kubernetes versions: which Kubernetes release each
// source package was generated from, and how the batch/v1 Job and CronJob type closure changed
// from one minor version to the next (read from the published OpenAPI v3 documents of each
// release, api/openapi-spec/v3/api__v1_openapi.json and apis__batch__v1_openapi.json).
//
// The generator reads one source package and walks these changes backwards to the version it is
// asked for, so one package can give the schema of every supported version (issue #17 will ask
// for 1.32–1.36; today the build asks for 1.35). Descriptions below are this project's words.

/** Kubernetes minor version each supported source package was generated from. */
export const SOURCE_KUBERNETES_VERSION = {
  'kubernetes-models@5.1.0': '1.36',
};

/**
 * Changes to the Job/CronJob closure introduced by a minor version, relative to the one before:
 * `added` fields appeared in that version (so older versions lack them); `removed` fields were
 * dropped in that version (so older versions have them, with the type rows given here);
 * `madeRequired` fields became required in the OpenAPI in that version.
 * Types: the encoding of src-engine/schema/types.ts.
 */
export const VERSION_CHANGES = [
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

/**
 * Fields a version must have, whatever the source: the ones users hit first when a schema lags
 * (a false "unknown field" costs more than a miss). The generator refuses to write a schema that
 * lacks one of them, so the build fails when the source falls behind.
 */
export const REQUIRED_FIELDS = {
  1.35: [
    'PodResourceClaim.resourceClaimTemplateName',
    'PodSpec.hostnameOverride',
    'PodSpec.resources',
    'PodSpec.workloadRef',
    'EnvVarSource.fileKeyRef',
    'Container.restartPolicyRules',
    'Container.resizePolicy',
    'Lifecycle.stopSignal',
    'VolumeProjection.podCertificate',
    'PodCertificateProjection.userAnnotations',
    'Volume.image',
    'PodSecurityContext.seLinuxChangePolicy',
    'PodSecurityContext.supplementalGroupsPolicy',
    'ResourceClaim.request',
    'JobSpec.managedBy',
    'JobSpec.successPolicy',
    'JobSpec.podReplacementPolicy',
  ],
};

/** Fields a version must not have (added after it), so a too-new source cannot leak them. */
export const FORBIDDEN_FIELDS = {
  1.35: ['PodSpec.schedulingGroup'],
};
