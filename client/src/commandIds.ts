/**
 * The commands the activation shell registers at once; their implementations live in the
 * lazily loaded main module (main.ts). `kubeJobs.runLocally` and the other local-run commands
 * are registered by client/src/localRun when main loads.
 */
export const COMMAND_IDS = [
  'kubeJobs.refresh',
  'kubeJobs.filter',
  'kubeJobs.clearFilter',
  'kubeJobs.selectContext',
  'kubeJobs.selectNamespaces',
  'kubeJobs.selectKubernetesVersion',
  'kubeJobs.showPanel',
  'kubeJobs.showLogs',
  'kubeJobs.triggerCronJob',
  'kubeJobs.suspend',
  'kubeJobs.resume',
  'kubeJobs.deleteJob',
  'kubeJobs.copyKubectl',
  'kubeJobs.openLiveYaml',
  'kubeJobs.applyManifest',
  'kubeJobs.validateOnCluster',
  'kubeJobs.applyToCluster',
  'kubeJobs.simulate',
  'kubeJobs.showOutput',
  'kubeJobs._getTreeSnapshot',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
