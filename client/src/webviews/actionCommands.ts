import type { ActionId } from './contract';

/** The command each panel button runs, with the panel's object as argument. */
export const ACTION_COMMANDS: Readonly<Record<ActionId, string>> = {
  trigger: 'kubeJobs.triggerCronJob',
  suspend: 'kubeJobs.suspend',
  resume: 'kubeJobs.resume',
  delete: 'kubeJobs.deleteJob',
  openYaml: 'kubeJobs.openLiveYaml',
  copyKubectl: 'kubeJobs.copyKubectl',
  refresh: 'kubeJobs.refresh',
};
