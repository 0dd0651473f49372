import * as vscode from 'vscode';
import { readConfig } from './config';
import type { LoadedKubeconfig } from '../../kube/kubeconfig';
import { contextNamespace, loadKubeconfig } from '../../kube/kubeconfig';
import type { Transport } from '../../kube/transport';
import { createTransport } from '../../kube/transport';
import { ClusterSession } from './cluster/session';
import type { NamespaceSelection, SessionHealth } from './cluster/session';
import type { AccessDecision, AccessQuery } from './cluster/access';
import { errorMessage } from '../../kube/apiError';
import type { WatchedKind } from './views/model/clusterIndex';
import { describeScope } from './views/model/notices';

/** Where the controller is. */
export type ClusterPhase = 'idle' | 'loading' | 'connected' | 'noKubeconfig' | 'error';

/** Objects that changed, for panels that show one of them. */
export interface ObjectsChanged {
  readonly objects: readonly { kind: WatchedKind; namespace: string; name: string }[];
}

/**
 * The namespace selection from the setting: ['*'] → all; [] → all when RBAC allows, else the
 * context's namespace; otherwise the names given.
 */
export function selectionFromSetting(names: readonly string[], contextNs: string): NamespaceSelection {
  if (names.includes('*')) return { all: true };
  return names.length > 0 ? { all: false, names } : { all: true, fallback: contextNs };
}

/**
 * ClusterController connects the cluster view to one kubeconfig context: it loads the
 * kubeconfig (and the client library) the first time the view or a command needs it, runs a
 * ClusterSession for the chosen namespaces, and forwards its changes, batched per tick, to the
 * tree and the panels.
 */
export class ClusterController implements vscode.Disposable {
  phase: ClusterPhase = 'idle';
  error: string | undefined;
  kubeconfig: LoadedKubeconfig | undefined;
  session: ClusterSession | undefined;
  contextName = '';
  private starting: Promise<void> | undefined;
  private pendingIds = new Set<string>();
  private pendingObjects: { kind: WatchedKind; namespace: string; name: string }[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;

  private readonly stateEmitter = new vscode.EventEmitter<void>();
  /** Fires when the context, kubeconfig or connection phase changes (redraw everything). */
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly nodesEmitter = new vscode.EventEmitter<ReadonlySet<string>>();
  /** Fires with the index node ids to redraw (batched). */
  readonly onDidChangeNodes = this.nodesEmitter.event;
  private readonly objectsEmitter = new vscode.EventEmitter<ObjectsChanged>();
  readonly onDidChangeObjects = this.objectsEmitter.event;
  private readonly accessEmitter = new vscode.EventEmitter<{ q: AccessQuery; d: AccessDecision }>();
  readonly onDidResolveAccess = this.accessEmitter.event;
  private readonly healthEmitter = new vscode.EventEmitter<void>();
  /** Fires when the server stops or starts answering, watches come back, or the watched namespaces change. */
  readonly onDidChangeHealth = this.healthEmitter.event;

  /** `log` is the extension's output channel (the controller needs nothing else from the Ctx that owns it). */
  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** ensureStarted loads the kubeconfig and connects, once; later calls wait for the same start. */
  ensureStarted(): Promise<void> {
    this.starting ??= this.start();
    return this.starting;
  }

  /** restart drops the session and reconnects with the current settings (refresh, context switch). */
  async restart(): Promise<void> {
    await this.stopSession();
    this.starting = this.start();
    await this.starting;
  }

  get transport(): Transport | undefined {
    return this.session?.transport;
  }

  /** requireSession returns the live session or throws a message for the user. */
  async requireSession(): Promise<ClusterSession> {
    await this.ensureStarted();
    if (!this.session) throw new Error(this.error ?? 'no cluster connection (select a kubeconfig context)');
    return this.session;
  }

  /** contexts lists the kubeconfig's context names. */
  contexts(): string[] {
    return this.kubeconfig?.kubeConfig.getContexts().map((c) => c.name) ?? [];
  }

  /** health tells whether the tree shows the server's current state or the objects as last seen. */
  get health(): SessionHealth | undefined {
    return this.session?.health;
  }

  /** namespacesLabel names the namespaces actually watched (what RBAC let the session watch), for the status bar. */
  namespacesLabel(): string {
    return this.session ? describeScope(this.session.scope).label : '';
  }

  /** namespacesDetail lists the watched namespaces in full, and the ones RBAC hides. */
  namespacesDetail(): string {
    return this.session ? describeScope(this.session.scope).detail : '';
  }

  private async start(): Promise<void> {
    this.setPhase('loading');
    const cfg = readConfig();
    try {
      const started = Date.now();
      this.kubeconfig = await loadKubeconfig(cfg.cluster.kubeconfig);
      for (const p of this.kubeconfig.problems) this.log.warn(`kubeconfig: ${p}`);
      const files = this.kubeconfig.files.join(', ') || 'no file';
      this.log.info(`kubeconfig: ${files} (${Date.now() - started} ms, client library included)`);
      const kc = this.kubeconfig.kubeConfig;
      const names = kc.getContexts().map((c) => c.name);
      if (names.length === 0) {
        this.error = 'No kubeconfig context found (KUBECONFIG or ~/.kube/config).';
        void vscode.commands.executeCommand('setContext', 'kubeJobs.noKubeconfig', true);
        this.setPhase('noKubeconfig');
        return;
      }
      void vscode.commands.executeCommand('setContext', 'kubeJobs.noKubeconfig', false);
      const wanted = cfg.cluster.context || kc.getCurrentContext();
      this.contextName = names.includes(wanted) ? wanted : (names[0] ?? '');
      if (wanted && wanted !== this.contextName) {
        this.log.warn(`context "${wanted}" is not in the kubeconfig; using "${this.contextName}"`);
      }
      kc.setCurrentContext(this.contextName);
      const transport = createTransport(kc, cfg.cluster.requestTimeoutSeconds * 1000);
      const selection = selectionFromSetting(cfg.cluster.namespaces, contextNamespace(kc, this.contextName));
      this.session = new ClusterSession({
        transport,
        namespaces: selection,
        backoffMaxMs: cfg.cluster.maxBackoffSeconds * 1000,
        onChange: (change) => this.queue(change.nodeIds, change.objects),
        onHealth: () => this.queueHealth(),
        onAccess: (q, d) => this.accessEmitter.fire({ q, d }),
        log: (m) => this.log.info(m),
      });
      const where = selection.all ? 'all namespaces' : selection.names.join(', ');
      this.log.info(`connecting to ${transport.server} (context ${this.contextName}, ${where})`);
      this.error = undefined;
      this.setPhase('connected');
      await this.session.start();
    } catch (error) {
      this.error = errorMessage(error);
      this.log.error(`cluster: ${this.error}`);
      this.setPhase('error');
    }
  }

  private setPhase(phase: ClusterPhase): void {
    this.phase = phase;
    this.stateEmitter.fire();
  }

  private queue(ids: ReadonlySet<string>, objects: readonly { kind: WatchedKind; namespace: string; name: string }[]): void {
    for (const id of ids) this.pendingIds.add(id);
    this.pendingObjects.push(...objects);
    // Batch a burst of watch events (a relist reports thousands) into one redraw: for the figure
    // "cluster view: first full tree, 5,000 Jobs / 20,000 Pods" (bench/cluster.mjs).
    this.flushTimer ??= setTimeout(() => this.flush(), 15);
  }

  /** queueHealth batches a burst of health changes (every watch coming back) into one event. */
  private queueHealth(): void {
    this.healthTimer ??= setTimeout(() => {
      this.healthTimer = undefined;
      this.healthEmitter.fire();
    }, 15);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const ids = this.pendingIds;
    const objects = this.pendingObjects;
    this.pendingIds = new Set();
    this.pendingObjects = [];
    if (ids.size > 0) this.nodesEmitter.fire(ids);
    if (objects.length > 0) this.objectsEmitter.fire({ objects });
  }

  private async stopSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.stop();
  }

  dispose(): void {
    void this.stopSession();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.healthTimer) clearTimeout(this.healthTimer);
    this.stateEmitter.dispose();
    this.nodesEmitter.dispose();
    this.objectsEmitter.dispose();
    this.accessEmitter.dispose();
    this.healthEmitter.dispose();
  }
}
