import type { Ctx } from '../ctx';
import type { CommandId } from '../commandIds';
import type { ClusterTreeProvider } from '../views/clusterTree';
import { clearFilter, filter, refresh, selectContext, selectNamespaces, treeSnapshot } from './clusterCommands';
import { deleteJob, resume, suspend, triggerCronJob } from './objectCommands';
import { copyKubectl, openLiveYaml, showLogs, showPanel } from './viewCommands';
import { applyManifest, applyToCluster, validateOnCluster } from './manifestCommands';
import { simulate } from './simulate';
import { selectKubernetesVersion } from '../kubernetesVersion';

/** commandTable builds every command's handler from one table (`kubeJobs.<verb><Noun>`); the shell registers them. */
export function commandTable(ctx: Ctx, tree: ClusterTreeProvider): Record<CommandId, (...args: unknown[]) => unknown> {
  return {
    'kubeJobs.refresh': refresh(ctx),
    'kubeJobs.filter': filter(ctx, tree),
    'kubeJobs.clearFilter': clearFilter(ctx, tree),
    'kubeJobs.selectContext': selectContext(ctx),
    'kubeJobs.selectNamespaces': selectNamespaces(ctx),
    'kubeJobs.selectKubernetesVersion': selectKubernetesVersion(ctx),
    'kubeJobs.showPanel': showPanel(ctx),
    'kubeJobs.showLogs': showLogs(ctx),
    'kubeJobs.triggerCronJob': triggerCronJob(ctx),
    'kubeJobs.suspend': suspend(ctx),
    'kubeJobs.resume': resume(ctx),
    'kubeJobs.deleteJob': deleteJob(ctx),
    'kubeJobs.copyKubectl': copyKubectl(ctx),
    'kubeJobs.openLiveYaml': openLiveYaml(ctx),
    'kubeJobs.applyManifest': applyManifest(ctx),
    'kubeJobs.validateOnCluster': validateOnCluster(ctx),
    'kubeJobs.applyToCluster': applyToCluster(ctx),
    'kubeJobs.simulate': simulate(ctx),
    'kubeJobs.showOutput': () => ctx.log.show(true),
    // Test-only: the tree model as data, once the first lists are in.
    'kubeJobs._getTreeSnapshot': treeSnapshot(ctx, tree),
  };
}
