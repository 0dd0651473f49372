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
      const given = runDirOf(arg);
      if (given === undefined) ctx.log.info('cancel local run: the command came without a run (a redrawn row, or the palette)');
      const dir = given ?? (await pickRunningRun(model));
      const handle = dir === undefined ? undefined : model.handle(dir);
      if (handle === undefined) {
        ctx.log.info(`cancel local run: ${dir === undefined ? 'no run chosen' : `${dir} is not running in this window`}`);
        if (dir !== undefined) void vscode.window.showInformationMessage('That local run is not running any more.');
        return;
      }
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

/**
 * pickRunningRun: the run to cancel when the command came without one. VS Code passes no row
 * when the row was being redrawn at the click, so with one run running that is the one (the
 * Cancel button shows only on running runs); with several, the person picks.
 */
async function pickRunningRun(model: LocalRunsModel): Promise<string | undefined> {
  const running = model.running();
  if (running.length <= 1) return running[0]?.dir;
  const picked = await vscode.window.showQuickPick(
    running.map((r) => ({ label: r.label, description: r.dir, dir: r.dir })),
    { placeHolder: 'Cancel which local run?' },
  );
  return picked?.dir;
}

/** runDirOf reads the run folder from a command argument: the folder itself, a tree row, or the tree's element wrapping a row. */
function runDirOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const row = (arg as { node?: { id?: unknown }; id?: unknown } | undefined)?.node ?? arg;
  const id = (row as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id.startsWith('run:') ? id.slice('run:'.length) : undefined;
}
