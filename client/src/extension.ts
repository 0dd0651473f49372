import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { COMMAND_IDS } from './commandIds';
import { startLanguageClient } from './languageClient';
import type { Main, createMain } from './main';

let current: Ctx | undefined;

/**
 * Activates the extension. This file is the activation shell and stays small: it registers the
 * commands and the cluster view with stubs that load the main module (dist/main.js) on first
 * use, and starts loading it, and the language client (dist/languageclient.js), right after
 * activate() returns. @kubernetes/client-node loads only when the cluster view opens.
 */
export function activate(context: vscode.ExtensionContext): { ctx: Ctx; main: () => Promise<Main> } {
  const ctx = new Ctx(context);
  current = ctx;
  context.subscriptions.push(ctx);
  let loaded: Main | undefined;
  let loading: Promise<Main> | undefined;
  const main = (): Promise<Main> => {
    loading ??= Promise.resolve().then(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const m = require('./main') as { createMain: typeof createMain };
      loaded = m.createMain(ctx);
      ctx.push(loaded.tree.onDidChangeTreeData((e) => treeChanged.fire(e)));
      // main() first runs after activate() returned, so `view` (below) exists by then.
      ctx.push(loaded.tree.trackExpansion(view));
      return loaded;
    });
    return loading;
  };
  const treeChanged = new vscode.EventEmitter<unknown>();
  const tree: vscode.TreeDataProvider<unknown> = {
    onDidChangeTreeData: treeChanged.event,
    getChildren: async (element) => (await main()).tree.getChildren(element as never),
    // Elements come from getChildren, so main is loaded by then.
    getTreeItem: (element) => (loaded as Main).tree.getTreeItem(element as never),
  };
  const view = vscode.window.createTreeView('kubeJobs.clusterView', { treeDataProvider: tree, showCollapseAll: true });
  ctx.push(treeChanged, view);
  // Panels open before a reload come back showing the same object (their page saved it with setState).
  for (const viewType of ['kubeJobs.job', 'kubeJobs.cronJob']) {
    ctx.push(
      vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: async (panel, state) => (await main()).restorePanel(panel, state),
      }),
    );
  }
  for (const id of COMMAND_IDS) {
    ctx.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => (await main()).commands[id](...args)));
  }
  setImmediate(() => {
    void main().catch((error: unknown) =>
      ctx.log.error(`kube-jobs: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
    void startLanguageClient(ctx).catch((error: unknown) =>
      ctx.log.error(`language server: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  return { ctx, main };
}

export async function deactivate(): Promise<void> {
  const client = current?.languageClient;
  current = undefined;
  await client?.stop();
}
