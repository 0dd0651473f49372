import { NEWEST_KUBERNETES_VERSION, compareKubernetesVersions } from '../schema/kubernetesVersion';
import type { KubernetesVersion } from '../schema/kubernetesVersion';

/**
 * The Kubernetes feature gates that change what the API server keeps, defaults or accepts in a
 * Job or CronJob (and what the controllers do), with their default in each supported version
 * (pkg/features/kube_features.go of that release). Every gate-dependent branch of a rule asks
 * `gates.enabled('Name')` instead of assuming, so following another version means handing the
 * rules another table.
 */
export type FeatureGate =
  | 'ClusterTrustBundleProjection'
  | 'ContainerRestartRules'
  | 'ContainerStopSignals'
  | 'DynamicResourceAllocation'
  | 'EnvFiles'
  | 'GenericWorkload'
  | 'HostnameOverride'
  | 'ImageVolume'
  | 'InPlacePodLevelResourcesVerticalScaling'
  | 'InPlacePodVerticalScaling'
  | 'JobBackoffLimitPerIndex'
  | 'JobManagedBy'
  | 'JobPodReplacementPolicy'
  | 'JobSuccessPolicy'
  | 'MatchLabelKeysInPodAffinity'
  | 'MatchLabelKeysInPodTopologySpread'
  | 'MatchLabelKeysInPodTopologySpreadSelectorMerge'
  | 'NodeInclusionPolicyInPodTopologySpread'
  | 'PodCertificateRequest'
  | 'PodDeletionCost'
  | 'PodLevelResources'
  | 'PodLifecycleSleepAction'
  | 'PodLifecycleSleepActionAllowZero'
  | 'ProcMountType'
  | 'RecursiveReadOnlyMounts'
  | 'RelaxedDNSSearchValidation'
  | 'RelaxedEnvironmentVariableValidation'
  | 'RestartAllContainersOnContainerExits'
  | 'SELinuxChangePolicy'
  | 'SELinuxMount'
  | 'SidecarContainers'
  | 'StrictIPCIDRValidation'
  | 'SupplementalGroupsPolicy'
  | 'TaintTolerationComparisonOperators'
  | 'UserNamespacesHostNetworkSupport'
  | 'UserNamespacesSupport';

/** A gate's maturity in a release; `absent` before the release that introduced it. */
export type GateStage = 'absent' | 'alpha' | 'beta' | 'GA' | 'deprecated';

export interface GateState {
  readonly on: boolean;
  readonly stage: GateStage;
}

/** One step of a gate's history: from this version on, the default and stage. */
type GateStep = readonly [since: KubernetesVersion, on: boolean, stage: GateStage];

/**
 * Each gate's default and stage per release, as printed by scripts/featureGateTable.mjs from each
 * release's own kube_features.go (a step is listed where the state changes). A GA gate that a
 * later release no longer lists stays on (it was locked on before its removal).
 */
const GATE_HISTORY: Readonly<Record<FeatureGate, readonly GateStep[]>> = {
  ClusterTrustBundleProjection: [
    ['1.32', false, 'alpha'],
    ['1.33', false, 'beta'],
  ],
  ContainerRestartRules: [
    ['1.32', false, 'absent'],
    ['1.34', false, 'alpha'],
    ['1.35', true, 'beta'],
  ],
  ContainerStopSignals: [
    ['1.32', false, 'absent'],
    ['1.33', false, 'alpha'],
  ],
  DynamicResourceAllocation: [
    ['1.32', false, 'beta'],
    ['1.34', true, 'GA'],
  ],
  EnvFiles: [
    ['1.32', false, 'absent'],
    ['1.34', false, 'alpha'],
    ['1.35', true, 'beta'],
  ],
  GenericWorkload: [
    ['1.32', false, 'absent'],
    ['1.35', false, 'alpha'],
  ],
  HostnameOverride: [
    ['1.32', false, 'absent'],
    ['1.34', false, 'alpha'],
    ['1.35', true, 'beta'],
  ],
  ImageVolume: [
    ['1.32', false, 'alpha'],
    ['1.33', false, 'beta'],
    ['1.35', true, 'beta'],
    ['1.36', true, 'GA'],
  ],
  InPlacePodLevelResourcesVerticalScaling: [
    ['1.32', false, 'absent'],
    ['1.35', false, 'alpha'],
    ['1.36', true, 'beta'],
  ],
  InPlacePodVerticalScaling: [
    ['1.32', false, 'alpha'],
    ['1.33', true, 'beta'],
    ['1.35', true, 'GA'],
  ],
  JobBackoffLimitPerIndex: [
    ['1.32', true, 'beta'],
    ['1.33', true, 'GA'],
  ],
  JobManagedBy: [
    ['1.32', true, 'beta'],
    ['1.35', true, 'GA'],
  ],
  JobPodReplacementPolicy: [
    ['1.32', true, 'beta'],
    ['1.34', true, 'GA'],
  ],
  JobSuccessPolicy: [
    ['1.32', true, 'beta'],
    ['1.33', true, 'GA'],
  ],
  MatchLabelKeysInPodAffinity: [
    ['1.32', true, 'beta'],
    ['1.33', true, 'GA'],
  ],
  MatchLabelKeysInPodTopologySpread: [['1.32', true, 'beta']],
  MatchLabelKeysInPodTopologySpreadSelectorMerge: [
    ['1.32', false, 'absent'],
    ['1.34', true, 'beta'],
  ],
  NodeInclusionPolicyInPodTopologySpread: [
    ['1.32', true, 'beta'],
    ['1.33', true, 'GA'],
  ],
  PodCertificateRequest: [
    ['1.32', false, 'absent'],
    ['1.34', false, 'alpha'],
    ['1.35', false, 'beta'],
  ],
  PodDeletionCost: [['1.32', true, 'beta']],
  PodLevelResources: [
    ['1.32', false, 'alpha'],
    ['1.34', true, 'beta'],
  ],
  PodLifecycleSleepAction: [
    ['1.32', true, 'beta'],
    ['1.34', true, 'GA'],
  ],
  PodLifecycleSleepActionAllowZero: [
    ['1.32', false, 'alpha'],
    ['1.33', true, 'beta'],
    ['1.34', true, 'GA'],
  ],
  ProcMountType: [
    ['1.32', false, 'beta'],
    ['1.33', true, 'beta'],
    ['1.36', true, 'GA'],
  ],
  RecursiveReadOnlyMounts: [
    ['1.32', true, 'beta'],
    ['1.33', true, 'GA'],
  ],
  RelaxedDNSSearchValidation: [
    ['1.32', false, 'alpha'],
    ['1.33', true, 'beta'],
    ['1.34', true, 'GA'],
  ],
  RelaxedEnvironmentVariableValidation: [
    ['1.32', true, 'beta'],
    ['1.34', true, 'GA'],
  ],
  RestartAllContainersOnContainerExits: [
    ['1.32', false, 'absent'],
    ['1.35', false, 'alpha'],
    ['1.36', true, 'beta'],
  ],
  SELinuxChangePolicy: [
    ['1.32', false, 'alpha'],
    ['1.33', true, 'beta'],
    ['1.36', true, 'GA'],
  ],
  SELinuxMount: [
    ['1.32', false, 'alpha'],
    ['1.33', false, 'beta'],
  ],
  SidecarContainers: [['1.32', true, 'beta']],
  StrictIPCIDRValidation: [
    ['1.32', false, 'absent'],
    ['1.33', false, 'alpha'],
    ['1.36', true, 'beta'],
  ],
  SupplementalGroupsPolicy: [
    ['1.32', false, 'alpha'],
    ['1.33', true, 'beta'],
    ['1.35', true, 'GA'],
  ],
  TaintTolerationComparisonOperators: [
    ['1.32', false, 'absent'],
    ['1.35', false, 'alpha'],
  ],
  UserNamespacesHostNetworkSupport: [
    ['1.32', false, 'absent'],
    ['1.35', false, 'alpha'],
  ],
  UserNamespacesSupport: [
    ['1.32', false, 'beta'],
    ['1.33', true, 'beta'],
    ['1.36', true, 'GA'],
  ],
};

/** The gates of one Kubernetes version, at their defaults. */
export interface FeatureGates {
  readonly version: KubernetesVersion;
  enabled(gate: FeatureGate): boolean;
  state(gate: FeatureGate): GateState;
}

/** gateState: a gate's default and stage in a version. */
export function gateState(gate: FeatureGate, version: KubernetesVersion): GateState {
  let state: GateState = { on: false, stage: 'absent' };
  for (const [since, on, stage] of GATE_HISTORY[gate]) {
    if (compareKubernetesVersions(since, version) <= 0) state = { on, stage };
  }
  return state;
}

const tables = new Map<KubernetesVersion, FeatureGates>();

/** featureGatesOf: the default gates of a version (one table per version, built once). */
export function featureGatesOf(version: KubernetesVersion): FeatureGates {
  let table = tables.get(version);
  if (!table) {
    const states = new Map<FeatureGate, GateState>();
    for (const gate of Object.keys(GATE_HISTORY) as FeatureGate[]) states.set(gate, gateState(gate, version));
    table = {
      version,
      enabled: (gate) => states.get(gate)!.on,
      state: (gate) => states.get(gate)!,
    };
    tables.set(version, table);
  }
  return table;
}

/** The gates of the version kube-jobs judges manifests as when nothing names one. */
export const DEFAULT_FEATURE_GATES: FeatureGates = featureGatesOf(NEWEST_KUBERNETES_VERSION);
