import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import type { CommandId } from './commandIds';
import { ClusterController } from './clusterController';
import { ClusterTreeProvider } from './views/clusterTree';
import { createStatusBar } from './statusBar';
import { trackKubernetesVersion } from './kubernetesVersion';
import { commandTable } from './commands/registry';
import { LIVE_SCHEME, LiveYamlProvider } from './commands/viewCommands';
import { registerLocalRun } from './localRun';
import { JobPanel } from './webviews/JobPanel';
import { CronJobPanel } from './webviews/CronJobPanel';
import type { PersistedState } from './webviews/contract';

/** What the activation shell gets from the main module. */
export interface Main {
  readonly tree: ClusterTreeProvider;
  readonly commands: Record<CommandId, (...args: unknown[]) => unknown>;
  /** restorePanel re-creates a Job or CronJob panel after a window reload, from the state its page saved. */
  restorePanel(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
}

/**
 * createMain builds everything behind the shell: the cluster controller, the tree, the
 * status bar, the live-YAML documents, the commands and the run-locally feature. Loaded right
 * after activation (or at the first command or tree request), so activation itself stays small.
 */
export function createMain(ctx: Ctx): Main {
  ctx.cluster = new ClusterController(ctx.log);
  const tree = new ClusterTreeProvider(ctx.cluster);
  ctx.push(
    ctx.cluster,
    tree,
    createStatusBar(ctx.cluster),
    trackKubernetesVersion(ctx),
    vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, new LiveYamlProvider(ctx)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubeJobs.cluster') && ctx.cluster.phase !== 'idle') void ctx.cluster.restart();
      else if (e.affectsConfiguration('kubeJobs.tree')) tree.refreshAll();
    }),
  );
  try {
    registerLocalRun(ctx);
  } catch (error) {
    ctx.log.error(`run locally: ${error instanceof Error ? error.message : String(error)}`);
  }
  const restorePanel = async (panel: vscode.WebviewPanel, state: unknown): Promise<void> => {
    const ref = (state as PersistedState | undefined)?.ref;
    await ctx.cluster.ensureStarted();
    if (!ref || !ctx.cluster.session || typeof ref.namespace !== 'string' || typeof ref.name !== 'string') {
      panel.dispose();
      return;
    }
    if (ref.view === 'job') JobPanel.panels.restore(ctx, { kind: 'Job', namespace: ref.namespace, name: ref.name }, panel);
    else CronJobPanel.panels.restore(ctx, { kind: 'CronJob', namespace: ref.namespace, name: ref.name }, panel);
  };
  return { tree, commands: commandTable(ctx, tree), restorePanel };
}
