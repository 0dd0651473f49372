import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ClusterTreeProvider } from '../views/clusterTree';
import type { CommandFactory } from './types';
import { isDns1123Label } from '../../../src-engine/validate/nameRules';

/** refresh reloads the kubeconfig and relists everything. */
export const refresh: CommandFactory = (ctx) => async () => {
  await ctx.cluster.restart();
};

/** The context a tree row names (`{ type: 'context', name }`, what the context row's menu passes), or a plain name. */
function contextOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const row = arg as { type?: unknown; name?: unknown } | undefined;
  return row?.type === 'context' && typeof row.name === 'string' ? row.name : undefined;
}

async function switchContext(name: string): Promise<void> {
  await vscode.workspace.getConfiguration('kubeJobs').update('cluster.context', name, vscode.ConfigurationTarget.Global);
}

/**
 * selectContext switches the kubeconfig context: to the row's context when run on another
 * context's row (or given a name), else the person picks one.
 */
export const selectContext: CommandFactory = (ctx) => async (arg?: unknown) => {
  await ctx.cluster.ensureStarted();
  const onRow = contextOf(arg);
  let name = onRow !== undefined && onRow !== ctx.cluster.contextName ? onRow : undefined;
  if (!name) {
    const contexts = ctx.cluster.contexts();
    if (contexts.length === 0) {
      void vscode.window.showWarningMessage(
        'No kubeconfig context found. kube-jobs reads $KUBECONFIG or ~/.kube/config, like kubectl.',
      );
      return;
    }
    name = await vscode.window
      .showQuickPick(
        contexts.map((c) => ({ label: c, description: c === ctx.cluster.contextName ? 'current' : undefined })),
        { placeHolder: 'Kubeconfig context for the cluster view' },
      )
      .then((p) => p?.label);
  }
  if (!name || name === ctx.cluster.contextName) return;
  await switchContext(name);
};

/**
 * selectNamespaces picks the watched namespaces (the context's, some, or all). Run on another
 * context's row, it switches to that context first, so the choice applies where it was made.
 */
export const selectNamespaces: CommandFactory = (ctx) => async (arg?: unknown) => {
  let names: string[] | undefined = Array.isArray(arg) && arg.every((a) => typeof a === 'string') ? (arg as string[]) : undefined;
  const onRow = contextOf(arg);
  await ctx.cluster.ensureStarted();
  if (onRow !== undefined && onRow !== ctx.cluster.contextName) await switchContext(onRow);
  if (!names) {
    const context = onRow ?? ctx.cluster.contextName;
    const input = await vscode.window.showInputBox({
      title: `Namespaces to watch on context ${context}`,
      // Looking up a namespace name elsewhere must not throw away what was typed.
      ignoreFocusOut: true,
      prompt: "Separated by commas. Empty: all the namespaces you may list, else the context's namespace. *: all namespaces.",
      value: vscode.workspace.getConfiguration('kubeJobs').get<string[]>('cluster.namespaces', []).join(', '),
      validateInput: (v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .every((s) => s === '*' || isDns1123Label(s).length === 0)
          ? undefined
          : 'Namespace names are DNS labels (lower case letters, digits, -), or *',
    });
    if (input === undefined) return;
    names = input
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  await vscode.workspace.getConfiguration('kubeJobs').update('cluster.namespaces', names, vscode.ConfigurationTarget.Global);
};

/** filter narrows the tree to CronJobs and Jobs whose names contain a text. */
export function filter(_ctx: Ctx, tree: ClusterTreeProvider): (...args: unknown[]) => Promise<void> {
  return async (arg?: unknown) => {
    const text =
      typeof arg === 'string'
        ? arg
        : await vscode.window.showInputBox({
            prompt: 'Show CronJobs and Jobs whose name contains',
            value: tree.filter,
            ignoreFocusOut: true,
          });
    if (text !== undefined) tree.setFilter(text);
  };
}

export function clearFilter(_ctx: Ctx, tree: ClusterTreeProvider): () => void {
  return () => tree.setFilter('');
}

/**
 * treeSnapshot (test-only, `kubeJobs._getTreeSnapshot`) returns the tree model as plain data,
 * waiting first for the initial lists so integration tests need no sleeps.
 */
export function treeSnapshot(ctx: Ctx, tree: ClusterTreeProvider): () => Promise<unknown> {
  return async () => {
    await ctx.cluster.ensureStarted();
    await ctx.cluster.session?.whenSynced();
    return tree.treeSnapshot();
  };
}
