import * as vscode from 'vscode';
import type { ClusterController } from '../clusterController';
import type { SnapshotNode } from './model/treeModel';
import type { TreeOptions, TreeRow } from './model/treeRows';
import { childrenOf, rowOf, snapshot } from './model/treeModel';
import { ClusterIndex } from './model/clusterIndex';
import type { LocalRunNode } from './localRunsRegistry';
import { localRunsProvider, onLocalRunsProviderChanged } from './localRunsRegistry';
import type { Notice } from './model/notices';
import { notices } from './model/notices';
import { RowClock } from './rowClock';
import { treeOptions } from './treeOptions';
import { LOCAL_ICONS, themeIcon } from './treeIcons';
import { LocalRunRows } from './localRunRows';

/** Tree elements. Instances are cached by key so a change can be fired for the very element the tree holds. */
export type ClusterNode =
  | { readonly type: 'context'; readonly key: string; readonly name: string }
  | { readonly type: 'row'; readonly key: string; readonly id: string }
  | { readonly type: 'localRoot'; readonly key: string }
  | { readonly type: 'local'; readonly key: string; node: LocalRunNode }
  | {
      readonly type: 'message';
      readonly key: string;
      readonly text: string;
      readonly description?: string;
      readonly tooltip?: string;
      readonly icon: string;
      readonly command?: vscode.Command;
    };

/**
 * ClusterTreeProvider shows Contexts → Namespaces → CronJobs → Jobs → Pods (plus Jobs without
 * a CronJob) and a "Local runs" root. Rows come from the pure tree model; a watch event fires
 * onDidChangeTreeData for the changed rows only.
 */
export class ClusterTreeProvider implements vscode.TreeDataProvider<ClusterNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ClusterNode | ClusterNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly nodes = new Map<string, ClusterNode>();
  private readonly lastRows = new Map<string, TreeRow>();
  private readonly disposables: vscode.Disposable[] = [];
  private filterText = '';
  private localUnsubscribe: { dispose(): void } | undefined;
  /**
   * Ids of the rows the user expanded (`cj/demo/nightly`, the same in every context), so a
   * row that comes back — after an outage, a refresh, or in the next context — opens again.
   */
  private readonly expanded = new Set<string>();
  /** What the active context row and its notices said when last drawn. */
  private shownContext = '';
  /** What the root listed when last drawn (rootSignature). */
  private shownRoot = '';
  /** Redraws rows whose text goes stale with time (next run passed, a running duration). */
  private readonly clock = new RowClock<ClusterNode>((nodes) => this.emitter.fire(nodes));
  private readonly localRows = new LocalRunRows();

  constructor(private readonly cluster: ClusterController) {
    this.disposables.push(
      cluster.onDidChangeState(() => this.redrawContext()),
      // When the context row or its notices read differently (an outage, watches back, RBAC found
      // out), redraw from the root, which also reaches a context row VS Code has not resolved yet.
      // Only then: a redraw under a person's click can swallow the click.
      cluster.onDidChangeHealth(() => {
        if (this.contextSignature() !== this.shownContext) this.redrawContext();
      }),
      cluster.onDidChangeNodes((ids) => this.fireIds(ids)),
      cluster.onDidResolveAccess(({ q }) => this.fireIds(new Set([q.namespace === '' ? '' : `ns/${q.namespace}`]))),
    );
    const hook = (): void => {
      this.localUnsubscribe?.dispose();
      const provider = localRunsProvider();
      this.localUnsubscribe = provider?.onDidChange((node) => {
        if (!node && provider) {
          void this.localRows.redraw(provider).then((rows) => this.fireLocalRows(rows));
          return;
        }
        const target = node ? this.nodes.get(`local:${node.id}`) : this.nodes.get('localRoot');
        if (target && target.type === 'local' && node) target.node = node;
        this.emitter.fire(target ?? undefined);
      });
      this.emitter.fire(this.nodes.get('localRoot') ?? undefined);
    };
    hook();
    this.disposables.push(onLocalRunsProviderChanged(hook));
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    void vscode.commands.executeCommand('setContext', 'kubeJobs.filtered', this.filterText !== '');
    this.refreshAll();
  }

  refreshAll(): void {
    this.emitter.fire(undefined);
  }

  /**
   * redrawContext redraws the active context row and what is under it, or everything when the
   * root itself reads differently (contexts added or gone, another active context). A root redraw
   * makes VS Code forget every row's handle until the root is listed again: a menu command a person
   * picks on the `staging` row meanwhile would reach its command without the row.
   */
  private redrawContext(): void {
    const active = this.nodes.get(activeContextKey(this.cluster.contextName));
    if (!active || this.rootSignature() !== this.shownRoot) this.refreshAll();
    else this.emitter.fire(active);
  }

  /** rootSignature sums up what the root lists: the contexts, the active one, or why there is none. */
  private rootSignature(): string {
    const contexts = this.cluster.contexts();
    return JSON.stringify([contexts, this.cluster.contextName, contexts.length === 0 ? (this.cluster.error ?? '') : '']);
  }

  /** trackExpansion follows what the user opens and closes in the view. */
  trackExpansion(view: vscode.TreeView<unknown>): vscode.Disposable {
    const key = (element: unknown): string | undefined => {
      const node = element as ClusterNode | undefined;
      return node?.type === 'row' ? node.id : undefined;
    };
    return vscode.Disposable.from(
      view.onDidExpandElement((e) => {
        const k = key(e.element);
        if (k) this.expanded.add(k);
      }),
      view.onDidCollapseElement((e) => {
        const k = key(e.element);
        if (k) this.expanded.delete(k);
      }),
    );
  }

  options(): TreeOptions {
    return treeOptions(this.cluster, this.filterText);
  }

  private node<T extends ClusterNode>(node: T): T {
    const existing = this.nodes.get(node.key);
    if (existing && existing.type === node.type) {
      if (existing.type === 'local' && node.type === 'local') existing.node = node.node;
      return existing as T;
    }
    this.nodes.set(node.key, node);
    return node;
  }

  private fireIds(ids: ReadonlySet<string>): void {
    const changed: ClusterNode[] = [];
    for (const id of ids) {
      const node = id === '' ? this.nodes.get(activeContextKey(this.cluster.contextName)) : this.nodes.get(this.rowKey(id));
      if (node) changed.push(node);
    }
    if (changed.length > 0) this.emitter.fire(changed);
  }

  getTreeItem(node: ClusterNode): vscode.TreeItem {
    switch (node.type) {
      case 'context': {
        const active = node.name === this.cluster.contextName;
        const item = new vscode.TreeItem(
          node.name,
          active ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
        );
        item.id = node.key;
        item.iconPath = new vscode.ThemeIcon(active ? 'vm-active' : 'vm-outline');
        if (active) this.shownContext = this.contextSignature();
        const stale = this.cluster.health?.stale ? ' · stale' : '';
        const state = this.cluster.phase === 'error' ? ' · error' : stale;
        item.description = active ? `${this.cluster.namespacesLabel()}${state}` : undefined;
        const session = this.cluster.session;
        const server = session ? ` · ${session.transport.server}\n${this.cluster.namespacesDetail()}` : '';
        item.tooltip = active ? `Current context${server}` : 'Click to switch to this context';
        item.contextValue = active ? 'context;active' : 'context;';
        if (!active) item.command = { command: 'kubeJobs.selectContext', title: 'Switch context', arguments: [node.name] };
        return item;
      }
      case 'row': {
        const row = rowOf(this.cluster.session?.index ?? emptyIndex(), node.id, this.options()) ?? this.lastRows.get(node.id);
        if (!row) return new vscode.TreeItem('(gone)');
        this.lastRows.set(node.id, row);
        this.clock.note(node, row.refreshAtMs);
        return this.rowItem(row, node.key);
      }
      case 'localRoot': {
        const item = new vscode.TreeItem('Local runs', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.key;
        item.iconPath = new vscode.ThemeIcon('vm-connect');
        item.contextValue = 'localRuns;';
        item.tooltip = 'Jobs and CronJobs run on this machine with "Run Locally"';
        return item;
      }
      case 'local': {
        const n = node.node;
        const item = new vscode.TreeItem(
          n.label,
          n.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = node.key;
        if (n.description !== undefined) item.description = n.description;
        if (n.tooltip !== undefined) item.tooltip = n.tooltip;
        item.iconPath = themeIcon(LOCAL_ICONS[n.icon ?? 'info']);
        item.contextValue = `localRun;${n.contextValue ?? ''}`;
        if (n.command) {
          item.command = { command: n.command.command, title: n.command.title, arguments: [...(n.command.arguments ?? [])] };
        }
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.key;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        if (node.description) item.description = node.description;
        if (node.tooltip) item.tooltip = node.tooltip;
        if (node.command) item.command = node.command;
        item.contextValue = 'message;';
        return item;
      }
    }
  }

  private rowItem(row: TreeRow, key: string): vscode.TreeItem {
    const open = row.kind === 'namespace' || this.expanded.has(row.id);
    const { Expanded, Collapsed, None } = vscode.TreeItemCollapsibleState;
    const state = row.collapsible ? (open ? Expanded : Collapsed) : None;
    const item = new vscode.TreeItem(row.label, state);
    item.id = key;
    if (row.description !== undefined) item.description = row.description;
    if (row.tooltip !== undefined) item.tooltip = row.tooltip;
    item.iconPath = themeIcon(row.icon);
    item.contextValue = row.contextValue;
    if (row.ref && (row.kind === 'cronJob' || row.kind === 'job')) {
      item.command = { command: 'kubeJobs.showPanel', title: 'Show details', arguments: [row.ref] };
    }
    if (row.ref && row.kind === 'pod') item.command = { command: 'kubeJobs.showLogs', title: 'Show logs', arguments: [row.ref] };
    if (row.kind === 'problem') {
      // A refusal is fixed by watching other namespaces; other problems are explained in the log.
      item.command = row.icon === 'forbidden' ? SELECT_NAMESPACES : SHOW_LOG;
    }
    return item;
  }

  async getChildren(node?: ClusterNode): Promise<ClusterNode[]> {
    if (!node) {
      await this.cluster.ensureStarted();
      // The active context's key (and so its id) differs from its inactive one: VS Code then
      // draws it with the Expanded state it is given, instead of the state it had as a leaf.
      const contextKey = (name: string): string => (name === this.cluster.contextName ? activeContextKey(name) : `ctx:${name}`);
      const contexts = this.cluster.contexts().map((name) => this.node({ type: 'context', key: contextKey(name), name }));
      const top: ClusterNode[] =
        contexts.length > 0
          ? contexts
          : [
              this.message('noctx', this.cluster.error ?? 'No kubeconfig context', 'warning', {
                command: 'kubeJobs.selectContext',
                title: 'Select context',
              }),
            ];
      this.shownRoot = this.rootSignature();
      return [...top, this.node({ type: 'localRoot', key: 'localRoot' })];
    }
    switch (node.type) {
      case 'context': {
        if (node.name !== this.cluster.contextName) return [];
        if (this.cluster.phase === 'error') {
          return [this.message('err', this.cluster.error ?? 'error', 'error', { command: 'kubeJobs.refresh', title: 'Retry' })];
        }
        const session = this.cluster.session;
        return [...notices(session?.health, session?.scope).map((n) => this.notice(n)), ...this.rows('')];
      }
      case 'row':
        // VS Code asks for a row's children only once it is expanded: a surer sign than
        // onDidExpandElement, which is lost when the row is redrawn at the moment it opens.
        if (node.key === this.rowKey(node.id)) this.expanded.add(node.id);
        return this.rows(node.id);
      case 'localRoot':
      case 'local': {
        const provider = localRunsProvider();
        if (!provider) {
          return node.type === 'localRoot'
            ? [this.message('local-none', 'Run a Job or CronJob locally from its code lens', 'info')]
            : [];
        }
        const children = await provider.getChildren(node.type === 'local' ? node.node : undefined);
        if (node.type === 'localRoot') this.localRows.listed(children);
        if (children.length === 0 && node.type === 'localRoot') return [this.message('local-empty', 'No local runs yet', 'info')];
        return children.map((c) => this.node({ type: 'local', key: `local:${c.id}`, node: c }));
      }
      case 'message':
        return [];
    }
  }

  private rows(id: string): ClusterNode[] {
    const index = this.cluster.session?.index;
    if (!index) return [];
    // VS Code refuses two rows with one id ("Element with id … is already registered"): never hand it one twice.
    const seen = new Set<string>();
    return childrenOf(index, id, this.options()).flatMap((row) => {
      if (seen.has(row.id)) return [];
      seen.add(row.id);
      this.lastRows.set(row.id, row);
      return [this.node({ type: 'row', key: this.rowKey(row.id), id: row.id })];
    });
  }

  /** contextSignature sums up what the active context row and its notices say. */
  private contextSignature(): string {
    const session = this.cluster.session;
    return JSON.stringify([this.cluster.namespacesLabel(), session?.health.stale, notices(session?.health, session?.scope)]);
  }

  /**
   * rowKey is a row's node key and tree id: `<context>::row:<id>`. Each context has its own
   * elements, so a row drawn in the old context never changes its id or state in the new one.
   */
  private rowKey(id: string): string {
    return `${this.cluster.contextName}::row:${id}`;
  }

  /** message makes a text row; its node is replaced each time, so a changed text shows. */
  private message(
    id: string,
    text: string,
    icon: string,
    command?: vscode.Command,
    more: { tooltip?: string; description?: string } = {},
  ): ClusterNode {
    const node: ClusterNode = { type: 'message', key: `msg:${id}`, text, icon, ...(command ? { command } : {}), ...more };
    this.nodes.set(node.key, node);
    return node;
  }

  private notice(n: Notice): ClusterNode {
    const command = n.command === 'kubeJobs.selectNamespaces' ? SELECT_NAMESPACES : n.command ? SHOW_LOG : undefined;
    const more = { tooltip: n.tooltip, ...(n.description ? { description: n.description } : {}) };
    return this.message(`notice-${n.id}`, n.label, n.icon === 'stale' ? 'debug-disconnect' : 'lock', command, more);
  }

  /** treeSnapshot is the model the tree shows, as plain data (tests, `kubeJobs._getTreeSnapshot`). */
  treeSnapshot(): { context: string; phase: string; namespaces: string[]; tree: SnapshotNode[] } {
    const index = this.cluster.session?.index;
    return {
      context: this.cluster.contextName,
      phase: this.cluster.phase,
      namespaces: index?.namespaces() ?? [],
      tree: index ? snapshot(index, this.options()) : [],
    };
  }

  /** fireLocalRows redraws the given run rows in place, or the "Local runs" root when the runs listed changed. */
  private fireLocalRows(rows: readonly LocalRunNode[] | 'root'): void {
    const root = this.nodes.get('localRoot');
    if (rows === 'root' || !root) {
      this.emitter.fire(root ?? undefined);
      return;
    }
    const changed: ClusterNode[] = [];
    for (const row of rows) {
      const cached = this.nodes.get(`local:${row.id}`);
      if (cached?.type === 'local') {
        cached.node = row;
        changed.push(cached);
      }
    }
    if (changed.length > 0) this.emitter.fire(changed);
  }

  dispose(): void {
    this.clock.dispose();
    this.localUnsubscribe?.dispose();
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
  }
}

const SELECT_NAMESPACES: vscode.Command = { command: 'kubeJobs.selectNamespaces', title: 'Select Namespaces…' };
const SHOW_LOG: vscode.Command = { command: 'kubeJobs.showOutput', title: 'Show log' };

/** activeContextKey is the node key of the context the view is connected to. */
function activeContextKey(name: string): string {
  return `ctx:${name}:active`;
}

let empty: ClusterIndex | undefined;
function emptyIndex(): ClusterIndex {
  empty ??= new ClusterIndex();
  return empty;
}
