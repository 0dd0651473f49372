import type { Transport } from './transport';
import { requestJson } from './transport';
import { Informer } from './informer';
import type { InformerState, KubeObject } from './informer';
import type { ResourceRef } from './resources';
import { CRONJOBS, EVENTS, JOBS, NAMESPACES, PODS, collectionPath, query } from './resources';
import { AccessReviewer } from './access';
import type { AccessDecision, AccessQuery } from './access';
import { ClusterIndex } from '../views/model/clusterIndex';
import type { IndexChange, WatchedKind } from '../views/model/clusterIndex';
import { errorMessage } from './apiError';

/** Which namespaces a session watches: a list, or all (falling back to the ones RBAC lets us list). */
export type NamespaceSelection = { readonly all: true; readonly fallback?: string } | { readonly all: false; readonly names: readonly string[] };

export interface SessionOptions {
  readonly transport: Transport;
  readonly namespaces: NamespaceSelection;
  readonly onChange: (change: IndexChange) => void;
  readonly onAccess?: (q: AccessQuery, d: AccessDecision) => void;
  readonly log?: (message: string) => void;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  readonly pageSize?: number;
  /** Watch Events too (the panels need them; benchmarks may skip them). */
  readonly watchEvents?: boolean;
}

const WATCHED: readonly [WatchedKind, ResourceRef][] = [
  ['CronJob', CRONJOBS],
  ['Job', JOBS],
  ['Pod', PODS],
  ['Event', EVENTS],
];

/**
 * ClusterSession watches CronJobs, Jobs, Pods and Events of the chosen namespaces of one
 * context and keeps a ClusterIndex current. With "all namespaces" it watches cluster-wide when
 * RBAC allows listing there, otherwise each namespace the user may list, and shows a clear
 * problem node for what it cannot see.
 */
export class ClusterSession {
  readonly index = new ClusterIndex();
  readonly access: AccessReviewer;
  private readonly informers: Informer[] = [];
  private stopped = false;

  constructor(private readonly options: SessionOptions) {
    this.access = new AccessReviewer(options.transport, options.onAccess);
  }

  get transport(): Transport {
    return this.options.transport;
  }

  /** start decides the namespaces and starts one informer per resource and namespace. */
  async start(): Promise<void> {
    const namespaces = await this.resolveNamespaces();
    if (this.stopped) return;
    this.emit(this.index.setNamespaces(namespaces.filter((n): n is string => n !== undefined)));
    for (const ns of namespaces) {
      for (const [kind, resource] of WATCHED) {
        if (kind === 'Event' && this.options.watchEvents === false) continue;
        this.startInformer(kind, resource, ns);
      }
    }
  }

  /** whenSynced resolves once every informer has listed once. */
  async whenSynced(): Promise<void> {
    await Promise.all(this.informers.map((i) => i.whenSynced()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.informers.map((i) => i.stop()));
  }

  /** Undefined in the result means "all namespaces at once". */
  private async resolveNamespaces(): Promise<(string | undefined)[]> {
    const sel = this.options.namespaces;
    if (!sel.all) return [...sel.names];
    const clusterWide = await this.access.check({ namespace: '', verb: 'list', group: 'batch', resource: 'jobs' });
    const podsWide = await this.access.check({ namespace: '', verb: 'list', group: '', resource: 'pods' });
    if (clusterWide.allowed && podsWide.allowed) return [undefined];
    this.options.log?.(`all namespaces: ${clusterWide.allowed ? podsWide.reason : clusterWide.reason}; watching each namespace instead`);
    try {
      const list = await requestJson<{ items?: KubeObject[] }>(this.options.transport, 'GET', collectionPath(NAMESPACES) + query({ limit: 5000 }));
      return (list.items ?? []).map((n) => n.metadata.name);
    } catch (error) {
      if (sel.fallback !== undefined) {
        this.options.log?.(`cannot list namespaces (${errorMessage(error)}); watching the context's namespace ${sel.fallback}`);
        return [sel.fallback];
      }
      this.emit(this.index.setProblem('', 'namespaces', { resource: 'namespaces', message: errorMessage(error), forbidden: true }));
      return [];
    }
  }

  private startInformer(kind: WatchedKind, resource: ResourceRef, ns: string | undefined): void {
    const problemNs = ns ?? '';
    const informer = new Informer({
      transport: this.options.transport,
      resource,
      ...(ns !== undefined ? { namespace: ns } : {}),
      ...(this.options.pageSize ? { pageSize: this.options.pageSize } : {}),
      ...(this.options.backoffInitialMs ? { backoffInitialMs: this.options.backoffInitialMs } : {}),
      ...(this.options.backoffMaxMs ? { backoffMaxMs: this.options.backoffMaxMs } : {}),
      onChange: (type, object, previous) => this.emit(this.index.apply(kind, type, object as never, previous as never)),
      onState: (state: InformerState) => {
        if (state.phase === 'error') {
          this.options.log?.(`${resource.plural} in ${ns ?? 'all namespaces'}: ${state.message} (retry in ${state.retryInMs} ms)`);
          this.emit(this.index.setProblem(problemNs, resource.plural, { resource: resource.plural, message: state.message, forbidden: state.forbidden }));
        } else if (state.phase === 'watching') {
          this.emit(this.index.setProblem(problemNs, resource.plural, undefined));
        }
      },
    });
    this.informers.push(informer);
    informer.start();
  }

  private emit(change: IndexChange): void {
    if (change.nodeIds.size > 0 || change.objects.length > 0) this.options.onChange(change);
  }
}
