import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { ClusterController } from './clusterController';
import { ClusterTreeProvider } from './views/clusterTree';
import { createStatusBar } from './statusBar';
import { startLanguageClient } from './languageClient';
import { registerCommands } from './commands/registry';
import { LIVE_SCHEME, LiveYamlProvider } from './commands/objectCommands';

let current: Ctx | undefined;

/**
 * Activates the extension: wiring only. The language client starts after activation returns;
 * the Kubernetes client library loads when the cluster view (or a cluster command) first needs it.
 */
export function activate(context: vscode.ExtensionContext): { ctx: Ctx } {
  const ctx = new Ctx(context);
  current = ctx;
  context.subscriptions.push(ctx);
  ctx.cluster = new ClusterController(ctx);
  const tree = new ClusterTreeProvider(ctx.cluster);
  ctx.push(
    ctx.cluster,
    tree,
    vscode.window.createTreeView('kubeJobs.clusterView', { treeDataProvider: tree, showCollapseAll: true }),
    createStatusBar(ctx),
    vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, new LiveYamlProvider(ctx)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubeJobs.cluster') && ctx.cluster.phase !== 'idle') void ctx.cluster.restart();
      else if (e.affectsConfiguration('kubeJobs.tree')) tree.refreshAll();
    }),
  );
  registerCommands(ctx, tree);
  registerLocalRuns(ctx);
  void startLanguageClient(ctx).catch((error: unknown) => ctx.log.error(`language server: ${error instanceof Error ? error.message : String(error)}`));
  return { ctx };
}

/** registerLocalRuns plugs in the run-locally feature (client/src/localRun), when it is built in. */
function registerLocalRuns(ctx: Ctx): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const localRun = require('./localRun') as { registerLocalRun?: (ctx: Ctx) => void };
    localRun.registerLocalRun?.(ctx);
  } catch (error) {
    ctx.log.info(`run locally is not available: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  const client = current?.languageClient;
  current = undefined;
  await client?.stop();
}
