import type { ClusterController } from '../clusterController';
import { readConfig } from '../config';
import type { TreeOptions } from './model/treeRows';

/**
 * treeOptions is what the tree's rows are drawn with now: the time, the filter, the settings, and
 * what the connected user may do (the access answers known so far).
 */
export function treeOptions(cluster: ClusterController, filter: string): TreeOptions {
  const cfg = readConfig();
  const session = cluster.session;
  return {
    nowMs: Date.now(),
    filter,
    showStandaloneJobs: cfg.tree.showJobsWithoutCronJob,
    maxJobs: cfg.tree.maxJobsPerCronJob,
    ...(session
      ? {
          access: (namespace: string, verb: string, resource: string) =>
            session.access.lookup({
              namespace,
              verb,
              group: resource === 'jobs' || resource === 'cronjobs' ? 'batch' : '',
              resource,
            })?.allowed,
        }
      : {}),
  };
}
