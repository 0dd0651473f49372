/**
 * What `kube-jobs health` reads from the cluster: CronJobs, Jobs and the CronJobs' events of one
 * namespace or all, through the same kubeconfig loading and transport as the cluster view
 * (kube/: kubectl's merge rules, exec/OIDC/token/certificate auth).
 */
import { contextNamespace, loadKubeconfig } from '../kube/kubeconfig';
import type { ResourceRef } from '../kube/resources';
import { CRONJOBS, EVENTS, JOBS, collectionPath, query } from '../kube/resources';
import { createTransport, requestJson } from '../kube/transport';
import type { Transport } from '../kube/transport';

/** The objects listed, as the API server returned them. */
export interface ApiListLike {
  readonly cronJobs: readonly unknown[];
  readonly jobs: readonly unknown[];
  readonly events: readonly unknown[];
}

export interface ReadOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly allNamespaces: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const PAGE = 500;

/** listAll follows `continue` tokens until the list of one namespace (or all) is complete. */
async function listAll(
  transport: Transport,
  resource: ResourceRef,
  namespace: string | undefined,
  fieldSelector?: string,
): Promise<unknown[]> {
  const items: unknown[] = [];
  let next: string | undefined;
  do {
    const page = await requestJson<{ items?: unknown[]; metadata?: { continue?: string } }>(
      transport,
      'GET',
      collectionPath(resource, namespace) + query({ fieldSelector, limit: PAGE, continue: next }),
    );
    items.push(...(page.items ?? []));
    next = page.metadata?.continue || undefined;
  } while (next !== undefined);
  return items;
}

/** readCluster loads the kubeconfig, picks the context and namespace as kubectl would, and lists. */
export async function readCluster(options: ReadOptions): Promise<ApiListLike> {
  const loaded = await loadKubeconfig(options.kubeconfig !== undefined ? [options.kubeconfig] : [], options.env);
  const kc = loaded.kubeConfig;
  if (loaded.files.length === 0) {
    throw new Error(
      `no kubeconfig found${loaded.problems.length > 0 ? `: ${loaded.problems.join('; ')}` : ' ($KUBECONFIG or ~/.kube/config)'}`,
    );
  }
  if (options.context !== undefined) {
    if (!kc.getContextObject(options.context)) {
      throw new Error(
        `context "${options.context}" is not in the kubeconfig (${
          kc
            .getContexts()
            .map((c) => c.name)
            .join(', ') || 'none'
        })`,
      );
    }
    kc.setCurrentContext(options.context);
  }
  const transport = createTransport(kc);
  const namespace = options.allNamespaces ? undefined : (options.namespace ?? contextNamespace(kc, kc.getCurrentContext()));
  const [cronJobs, jobs, events] = await Promise.all([
    listAll(transport, CRONJOBS, namespace),
    listAll(transport, JOBS, namespace),
    listAll(transport, EVENTS, namespace, 'involvedObject.kind=CronJob'),
  ]);
  return { cronJobs, jobs, events };
}
