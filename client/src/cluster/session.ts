import type { Transport } from '../../../kube/transport';
import { requestJson } from '../../../kube/transport';
import { Informer } from './informer';
import type { InformerState } from './informer';
import type { KubeObject } from './objectCache';
import type { ResourceRef } from '../../../kube/resources';
import { CRONJOBS, EVENTS, JOBS, NAMESPACES, PODS, collectionPath, query } from '../../../kube/resources';
import { AccessReviewer } from './access';
import type { AccessDecision, AccessQuery } from './access';
import { ClusterIndex } from '../views/model/clusterIndex';
import type { IndexChange, WatchedKind } from '../views/model/clusterIndex';
import { errorMessage } from '../../../kube/apiError';
import { Reachability } from './reachability';
import { malformation } from './objectShape';
import { WatchHealth } from './watchHealth';
import type { SessionHealth, WatchScope } from './watchHealth';

export type { SessionHealth, WatchScope } from './watchHealth';

/** Which namespaces a session watches: a list, or all (falling back to the ones RBAC lets us list). */
export type NamespaceSelection =
  { readonly all: true; readonly fallback?: string } | { readonly all: false; readonly names: readonly string[] };

export interface SessionOptions {
  readonly transport: Transport;
  readonly namespaces: NamespaceSelection;
  readonly onChange: (change: IndexChange) => void;
  /** Called when the session's health (reachability, watches back) or watch scope changes. */
  readonly onHealth?: (health: SessionHealth) => void;
  readonly onAccess?: (q: AccessQuery, d: AccessDecision) => void;
  readonly log?: (message: string) => void;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  readonly pageSize?: number;
  /** Deadline of each list page. */
  readonly listTimeoutMs?: number;
  /** A watch silent for this long (no event, no bookmark) is broken. */
  readonly watchInactivityMs?: number;
  /** How often to probe a server that stopped answering. */
  readonly probeIntervalMs?: number;
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
 * problem node for what it cannot see. When the server stops answering, the index keeps the
 * objects as last seen and the session's health says so; the watches come back together as
 * soon as the server answers again (Reachability).
 */
export class ClusterSession {
  readonly index = new ClusterIndex();
  readonly access: AccessReviewer;
  private readonly informers: Informer[] = [];
  private readonly reachability: Reachability;
  private readonly watchHealth: WatchHealth;
  private stopped = false;

  constructor(private readonly options: SessionOptions) {
    this.access = new AccessReviewer(options.transport, options.onAccess);
    this.watchHealth = new WatchHealth(() => this.options.onHealth?.(this.health));
    this.reachability = new Reachability(options.transport, {
      ...(options.probeIntervalMs !== undefined ? { probeIntervalMs: options.probeIntervalMs } : {}),
      onChange: (state) => {
        this.options.log?.(
          state.reachable
            ? `${options.transport.server} answers again`
            : `${options.transport.server} does not answer: ${state.message}`,
        );
        this.options.onHealth?.(this.health);
      },
    });
  }

  get transport(): Transport {
    return this.options.transport;
  }

  /** health tells whether the view shows the server's current state or the objects as last seen. */
  get health(): SessionHealth {
    const state = this.reachability.state;
    return this.watchHealth.summary(state.reachable ? undefined : { sinceMs: state.sinceMs, message: state.message });
  }

  /** scope tells which namespaces are actually watched, and which of them RBAC hides. */
  get scope(): WatchScope {
    return this.watchHealth.scope;
  }

  /** start decides the namespaces and starts one informer per resource and namespace. */
  async start(): Promise<void> {
    const namespaces = await this.resolveNamespaces();
    if (this.stopped) return;
    this.watchHealth.setNamespaces(namespaces);
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
    this.reachability.stop();
    await Promise.all(this.informers.map((i) => i.stop()));
  }

  /** Undefined in the result means "all namespaces at once". */
  private async resolveNamespaces(): Promise<(string | undefined)[]> {
    const sel = this.options.namespaces;
    if (!sel.all) return [...sel.names];
    const clusterWide = await this.access.check({ namespace: '', verb: 'list', group: 'batch', resource: 'jobs' });
    const podsWide = await this.access.check({ namespace: '', verb: 'list', group: '', resource: 'pods' });
    if (clusterWide.allowed && podsWide.allowed) return [undefined];
    this.options.log?.(
      `all namespaces: ${clusterWide.allowed ? podsWide.reason : clusterWide.reason}; watching each namespace instead`,
    );
    try {
      const list = await requestJson<{ items?: KubeObject[] }>(
        this.options.transport,
        'GET',
        collectionPath(NAMESPACES) + query({ limit: 5000 }),
      );
      return (list.items ?? []).map((n) => n.metadata.name);
    } catch (error) {
      if (sel.fallback !== undefined) {
        this.options.log?.(`cannot list namespaces (${errorMessage(error)}); watching the context's namespace ${sel.fallback}`);
        return [sel.fallback];
      }
      this.emit(
        this.index.setProblem('', 'namespaces', { resource: 'namespaces', message: errorMessage(error), forbidden: true }),
      );
      return [];
    }
  }

  private startInformer(kind: WatchedKind, resource: ResourceRef, ns: string | undefined): void {
    const problemNs = ns ?? '';
    const where = ns ?? 'all namespaces';
    const o = this.options;
    const informer = new Informer({
      transport: o.transport,
      resource,
      ...(ns !== undefined ? { namespace: ns } : {}),
      ...(o.pageSize ? { pageSize: o.pageSize } : {}),
      ...(o.backoffInitialMs ? { backoffInitialMs: o.backoffInitialMs } : {}),
      ...(o.backoffMaxMs ? { backoffMaxMs: o.backoffMaxMs } : {}),
      ...(o.listTimeoutMs ? { listTimeoutMs: o.listTimeoutMs } : {}),
      ...(o.watchInactivityMs ? { watchInactivityMs: o.watchInactivityMs } : {}),
      malformation: (object) => malformation(kind, object),
      onMalformed: (what, problem) =>
        o.log?.(`skipped a malformed ${kind} ${what} from ${resource.plural} in ${where}: ${problem} (said once per object)`),
      onAnswer: (answered, message) => this.reachability.answered(answered, message),
      wait: (ms, signal, afterNoAnswer) => this.reachability.wait(ms, signal, afterNoAnswer),
      onChange: (type, object, previous) => this.emit(this.index.apply(kind, type, object as never, previous as never)),
      onState: (state: InformerState) => {
        this.watchHealth.update(informer, state);
        if (state.phase === 'error') {
          o.log?.(`${resource.plural} in ${where}: ${state.message} (retry in ${state.retryInMs} ms)`);
          // A refusal or a server error belongs to this watch; no answer at all is the whole server's (health).
          const problem = state.answered
            ? { resource: resource.plural, message: state.message, forbidden: state.forbidden }
            : undefined;
          this.emit(this.index.setProblem(problemNs, resource.plural, problem));
        } else if (state.phase === 'relisting') {
          o.log?.(`${resource.plural} in ${where}: 410 Gone, listing again in ${state.retryInMs} ms`);
        } else if (state.phase === 'watching') {
          this.emit(this.index.setProblem(problemNs, resource.plural, undefined));
        }
      },
    });
    this.watchHealth.add(informer, kind, ns);
    this.informers.push(informer);
    informer.start();
  }

  private emit(change: IndexChange): void {
    if (change.nodeIds.size > 0 || change.objects.length > 0) this.options.onChange(change);
  }
}
