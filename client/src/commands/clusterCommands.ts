import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ClusterTreeProvider } from '../views/clusterTree';
import type { CommandFactory } from './types';

/** refresh reloads the kubeconfig and relists everything. */
export const refresh: CommandFactory = (ctx) => async () => {
  await ctx.cluster.restart();
};

/** selectContext switches the kubeconfig context (argument, or a quick pick). */
export const selectContext: CommandFactory = (ctx) => async (arg?: unknown) => {
  await ctx.cluster.ensureStarted();
  let name = typeof arg === 'string' ? arg : undefined;
  if (!name) {
    const contexts = ctx.cluster.contexts();
    if (contexts.length === 0) {
      void vscode.window.showWarningMessage('No kubeconfig context found. kube-jobs reads $KUBECONFIG or ~/.kube/config, like kubectl.');
      return;
    }
    name = await vscode.window.showQuickPick(
      contexts.map((c) => ({ label: c, description: c === ctx.cluster.contextName ? 'current' : undefined })),
      { placeHolder: 'Kubeconfig context for the cluster view' },
    ).then((p) => p?.label);
  }
  if (!name) return;
  await vscode.workspace.getConfiguration('kubeJobs').update('cluster.context', name, vscode.ConfigurationTarget.Global);
};

/** selectNamespaces picks the watched namespaces (the context's, some, or all). */
export const selectNamespaces: CommandFactory = (ctx) => async (arg?: unknown) => {
  let names: string[] | undefined = Array.isArray(arg) && arg.every((a) => typeof a === 'string') ? (arg as string[]) : undefined;
  if (!names) {
    const input = await vscode.window.showInputBox({
      prompt: 'Namespaces to watch, separated by commas. Empty: the context\'s namespace. *: all namespaces.',
      value: vscode.workspace.getConfiguration('kubeJobs').get<string[]>('cluster.namespaces', []).join(', '),
      validateInput: (v) => (v.split(',').map((s) => s.trim()).filter(Boolean).every((s) => s === '*' || /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s)) ? undefined : 'Namespace names are DNS labels (lower case letters, digits, -), or *'),
    });
    if (input === undefined) return;
    names = input.split(',').map((s) => s.trim()).filter(Boolean);
  }
  await vscode.workspace.getConfiguration('kubeJobs').update('cluster.namespaces', names, vscode.ConfigurationTarget.Global);
  void ctx;
};

/** filter narrows the tree to CronJobs and Jobs whose names contain a text. */
export function filter(_ctx: Ctx, tree: ClusterTreeProvider): (...args: unknown[]) => Promise<void> {
  return async (arg?: unknown) => {
    const text = typeof arg === 'string' ? arg : await vscode.window.showInputBox({ prompt: 'Show CronJobs and Jobs whose name contains', value: tree.filter });
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
