import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import * as path from 'node:path';
import { RUNS_DIR, killAllRuns, stopAllRuns } from '../../../runner';
import { registerLocalRunsProvider } from '../views/localRunsRegistry';
import { LocalRunPanel } from './LocalRunPanel';
import { runLocally } from './runLocally';
import { LocalRunsModel } from './runsProvider';

/**
 * registerLocalRun plugs the run-locally feature into the extension: the commands, the
 * "Local runs" rows of the tree, and the shutdown hook that leaves no process behind.
 */
export function registerLocalRun(ctx: Ctx): void {
  const model = new LocalRunsModel(() => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath));
  ctx.push(
    model,
    vscode.commands.registerCommand('kubeJobs.runLocally', runLocally(ctx, model)),
    vscode.commands.registerCommand('kubeJobs.cancelLocalRun', async (arg?: unknown) => {
      const dir = runDirOf(arg);
      const handle = dir === undefined ? undefined : model.handle(dir);
      if (handle === undefined) return;
      await handle.cancel('Cancelled from VS Code');
      model.changed();
    }),
    vscode.commands.registerCommand('kubeJobs.showLocalRun', (dir?: unknown) => {
      if (typeof dir !== 'string') return;
      try {
        LocalRunPanel.show(ctx, dir, model.handle(dir));
      } catch (error) {
        void vscode.window.showErrorMessage(`Local run: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
    // Closing the window: stop gracefully, and SIGKILL whatever is left when the host exits.
    { dispose: () => void stopAllRuns().finally(killAllRuns) },
  );
  const registration = registerLocalRunsProvider(model);
  ctx.push({ dispose: () => registration.dispose() });
  // Runs of `kube-jobs run` in a terminal appear and change under Local runs too.
  const records = vscode.workspace.createFileSystemWatcher(`**/${RUNS_DIR.split(path.sep).join('/')}/*/run.json`);
  const redraw = (): void => model.changed();
  ctx.push(records, records.onDidCreate(redraw), records.onDidChange(redraw), records.onDidDelete(redraw));
}

/** runDirOf reads the run folder from a command argument: the folder itself, a tree row, or the tree's element wrapping a row. */
function runDirOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const row = (arg as { node?: { id?: unknown }; id?: unknown } | undefined)?.node ?? arg;
  const id = (row as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id.startsWith('run:') ? id.slice('run:'.length) : undefined;
}
