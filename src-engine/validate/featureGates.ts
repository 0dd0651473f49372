/**
 * The Kubernetes feature gates that change create-time validation of a pod template, with
 * their defaults in v1.35 (pkg/features/kube_features.go). Every gate-dependent branch of a
 * rule asks `gates.enabled('Name')` instead of assuming, so following another version (issue
 * #17) means handing the rules another table.
 */
export type FeatureGate =
  | 'ClusterTrustBundleProjection'
  | 'ContainerRestartRules'
  | 'ContainerStopSignals'
  | 'EnvFiles'
  | 'GenericWorkload'
  | 'HostnameOverride'
  | 'ImageVolume'
  | 'InPlacePodLevelResourcesVerticalScaling'
  | 'InPlacePodVerticalScaling'
  | 'MatchLabelKeysInPodTopologySpread'
  | 'MatchLabelKeysInPodTopologySpreadSelectorMerge'
  | 'PodCertificateRequest'
  | 'PodDeletionCost'
  | 'PodLevelResources'
  | 'PodLifecycleSleepActionAllowZero'
  | 'RelaxedDNSSearchValidation'
  | 'RelaxedEnvironmentVariableValidation'
  | 'RestartAllContainersOnContainerExits'
  | 'SELinuxMount'
  | 'TaintTolerationComparisonOperators'
  | 'UserNamespacesHostNetworkSupport';

export interface FeatureGates {
  readonly version: string;
  enabled(gate: FeatureGate): boolean;
}

/** Defaults of v1.35.0 (beta gates on unless noted; alpha gates off). */
const V1_35: Readonly<Record<FeatureGate, boolean>> = {
  ClusterTrustBundleProjection: false, // beta since 1.33, off by default
  ContainerRestartRules: true, // beta in 1.35
  ContainerStopSignals: false, // alpha
  EnvFiles: true, // beta in 1.35
  GenericWorkload: false, // alpha in 1.35
  HostnameOverride: true, // beta in 1.35
  ImageVolume: true, // beta in 1.35
  InPlacePodLevelResourcesVerticalScaling: false, // alpha
  InPlacePodVerticalScaling: true, // GA in 1.35
  MatchLabelKeysInPodTopologySpread: true,
  MatchLabelKeysInPodTopologySpreadSelectorMerge: true, // beta since 1.34
  PodCertificateRequest: false, // beta in 1.35, off by default
  PodDeletionCost: true,
  PodLevelResources: true, // beta since 1.34
  PodLifecycleSleepActionAllowZero: true, // GA in 1.34
  RelaxedDNSSearchValidation: true, // GA in 1.34
  RelaxedEnvironmentVariableValidation: true, // GA in 1.34
  RestartAllContainersOnContainerExits: false, // alpha in 1.35
  SELinuxMount: false, // beta, off by default
  TaintTolerationComparisonOperators: false, // alpha in 1.35
  UserNamespacesHostNetworkSupport: false, // alpha in 1.35
};

function table(version: string, values: Readonly<Record<FeatureGate, boolean>>): FeatureGates {
  return { version, enabled: (gate) => values[gate] };
}

/** The gates of the Kubernetes version kube-jobs judges manifests as. */
export const DEFAULT_FEATURE_GATES: FeatureGates = table('1.35', V1_35);
