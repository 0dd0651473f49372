import type { FeatureGate } from './featureGates';

/**
 * A pod-template field the API server removes (or resets) on create while its feature gate is
 * off: dropDisabledFields and the drop… functions it calls (pkg/api/pod/util.go), run by the
 * Job and CronJob strategies' PrepareForCreate through DropDisabledTemplateFields. The manifest
 * is accepted, but the field is gone from the stored object: whoever relies on it loses the
 * behaviour without an error. Keyed by the field's API type (`PodSpec.hostnameOverride`).
 */
export interface GatedField {
  readonly types: readonly string[];
  readonly field: string;
  readonly gate: FeatureGate;
  /** The value the server writes instead of removing the field (dropDisabledProcMountField). */
  readonly replaceWith?: string;
  /** Init containers keep the field when it has this value (dropContainerRestartRules keeps Always). */
  readonly initContainersKeep?: string;
}

const CONTAINERS = ['Container', 'EphemeralContainer'] as const;

/** Fields with their gate, in dropDisabledFields' order; the README lists them per version. */
export const GATED_FIELDS: readonly GatedField[] = [
  { types: ['PodSpec'], field: 'hostUsers', gate: 'UserNamespacesSupport' },
  { types: ['PodSecurityContext'], field: 'supplementalGroupsPolicy', gate: 'SupplementalGroupsPolicy' },
  { types: ['PodSpec'], field: 'resources', gate: 'PodLevelResources' },
  { types: ['SecurityContext'], field: 'procMount', gate: 'ProcMountType', replaceWith: 'Default' },
  { types: ['TopologySpreadConstraint'], field: 'nodeAffinityPolicy', gate: 'NodeInclusionPolicyInPodTopologySpread' },
  { types: ['TopologySpreadConstraint'], field: 'nodeTaintsPolicy', gate: 'NodeInclusionPolicyInPodTopologySpread' },
  { types: ['TopologySpreadConstraint'], field: 'matchLabelKeys', gate: 'MatchLabelKeysInPodTopologySpread' },
  { types: ['PodAffinityTerm'], field: 'matchLabelKeys', gate: 'MatchLabelKeysInPodAffinity' },
  { types: ['PodAffinityTerm'], field: 'mismatchLabelKeys', gate: 'MatchLabelKeysInPodAffinity' },
  { types: ['PodSpec'], field: 'resourceClaims', gate: 'DynamicResourceAllocation' },
  { types: ['ResourceRequirements'], field: 'claims', gate: 'DynamicResourceAllocation' },
  { types: ['VolumeProjection'], field: 'clusterTrustBundle', gate: 'ClusterTrustBundleProjection' },
  { types: ['VolumeProjection'], field: 'podCertificate', gate: 'PodCertificateRequest' },
  { types: ['PodSpec'], field: 'workloadRef', gate: 'GenericWorkload' },
  { types: ['PodSpec'], field: 'schedulingGroup', gate: 'GenericWorkload' },
  { types: CONTAINERS, field: 'resizePolicy', gate: 'InPlacePodVerticalScaling' },
  { types: CONTAINERS, field: 'restartPolicy', gate: 'ContainerRestartRules', initContainersKeep: 'Always' },
  { types: CONTAINERS, field: 'restartPolicyRules', gate: 'ContainerRestartRules' },
  { types: ['VolumeMount'], field: 'recursiveReadOnly', gate: 'RecursiveReadOnlyMounts' },
  { types: ['PodSpec'], field: 'hostnameOverride', gate: 'HostnameOverride' },
  { types: ['EnvVarSource'], field: 'fileKeyRef', gate: 'EnvFiles' },
  // dropImageVolumes also removes the volume itself and every mount of it.
  { types: ['Volume'], field: 'image', gate: 'ImageVolume' },
  { types: ['PodSecurityContext'], field: 'seLinuxChangePolicy', gate: 'SELinuxChangePolicy' },
  // dropContainerStopSignals also removes a lifecycle left empty.
  { types: ['Lifecycle'], field: 'stopSignal', gate: 'ContainerStopSignals' },
];

const byType = new Map<string, GatedField[]>();
/** The same by type and field: the drop walk asks for every field of the pod spec it visits. */
const byTypeAndField = new Map<string, Map<string, GatedField>>();
for (const entry of GATED_FIELDS) {
  for (const type of entry.types) {
    const list = byType.get(type) ?? [];
    list.push(entry);
    byType.set(type, list);
    const fields = byTypeAndField.get(type) ?? new Map<string, GatedField>();
    if (!fields.has(entry.field)) fields.set(entry.field, entry);
    byTypeAndField.set(type, fields);
  }
}

/** gatedFieldsOf: the gated fields of one API type (empty for most). */
export function gatedFieldsOf(typeName: string): readonly GatedField[] {
  return byType.get(typeName) ?? [];
}

/** gatedField: the gate that guards `typeName.field`, if any (hover, and the drop walk). */
export function gatedField(typeName: string, field: string): GatedField | undefined {
  return byTypeAndField.get(typeName)?.get(field);
}
