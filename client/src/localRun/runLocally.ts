import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { WorkloadCommandArguments } from '../../../src-engine';
import { judgedVersion, parseManifestFile } from '../../../src-engine';
import { RunInputError, formatPreview, lintErrorsOf, prepareLocalRun, setPromptedValue } from '../../../runner';
import { kubernetesVersionSetting } from '../kubernetesVersion';
import type { LocalRunHandle, RuntimeKind } from '../../../runner';
import { LocalRunPanel } from './LocalRunPanel';
import type { LocalRunsModel } from './runsProvider';

/** The setting that picks the runtime of Run Locally. */
const RUNTIME_SETTING = 'kubeJobs.localRun.runtime';

/** The `kubeJobs.localRun.*` settings. */
export interface LocalRunSettings {
  readonly runtime: RuntimeKind;
  readonly timeScale: number;
  readonly envFiles: readonly string[];
}

export function readLocalRunSettings(): LocalRunSettings {
  const c = vscode.workspace.getConfiguration('kubeJobs.localRun');
  const runtime = c.get<string>('runtime');
  const timeScale = c.get<number>('timeScale');
  const envFiles = c.get<unknown>('envFiles');
  return {
    runtime: runtime === 'docker' || runtime === 'podman' ? runtime : 'process',
    timeScale: typeof timeScale === 'number' && Number.isFinite(timeScale) && timeScale > 0 ? timeScale : 1,
    envFiles: Array.isArray(envFiles) ? envFiles.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [],
  };
}

/** argumentsFromEditor finds the document under the cursor when the command comes from the palette. */
function argumentsFromEditor(): WorkloadCommandArguments | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) return undefined;
  const line = editor.selection.active.line;
  const docs = parseManifestFile(editor.document.getText()).documents;
  const here =
    [...docs].reverse().find((d) => d.chunk.startLine <= line && d.workload !== undefined) ??
    docs.find((d) => d.workload !== undefined);
  if (here?.workload === undefined) return undefined;
  return { uri: editor.document.uri.toString(), documentIndex: here.index, name: here.name ?? '', kind: here.workload };
}

/**
 * runLocally: `kubeJobs.runLocally` (command palette and code lens, arguments
 * {uri, documentIndex, name, kind}). Trusted workspaces only. Shows the exact commands,
 * environment (secrets masked) and runtime in a modal and runs only on "Run"; then progress,
 * the run under "Local runs", and a panel with live logs and the timeline.
 */
export function runLocally(ctx: Ctx, model: LocalRunsModel): (arg?: unknown) => Promise<LocalRunHandle | undefined> {
  return async (arg?: unknown) => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(
        'Run locally starts processes on this machine, so it is disabled in Restricted Mode. Trust the workspace to use it.',
      );
      return undefined;
    }
    const given = arg as Partial<WorkloadCommandArguments> | undefined;
    const args =
      given !== undefined && typeof given.uri === 'string' && typeof given.documentIndex === 'number'
        ? (given as WorkloadCommandArguments)
        : argumentsFromEditor();
    if (args === undefined) {
      void vscode.window.showErrorMessage('Run locally: open a Job or CronJob manifest first.');
      return undefined;
    }
    const uri = vscode.Uri.parse(args.uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const workspace = folder?.uri.fsPath ?? path.dirname(uri.fsPath);
    const settings = readLocalRunSettings();
    let cron: 'now' | 'schedule' | undefined;
    if (args.kind === 'CronJob') {
      const pick = await vscode.window.showQuickPick(
        [
          {
            label: 'Trigger now',
            description: 'one Job from the jobTemplate, as kubectl create job --from=cronjob/…',
            mode: 'now' as const,
          },
          {
            label: 'Run on its schedule',
            description: `the CronJob controller on a real clock${settings.timeScale === 1 ? '' : ` ×${settings.timeScale}`}, until cancelled`,
            mode: 'schedule' as const,
          },
        ],
        { title: `Run CronJob ${args.name} locally` },
      );
      if (pick === undefined) return undefined;
      cron = pick.mode;
    }
    let prepared;
    try {
      prepared = await prepareLocalRun({
        text: document.getText(),
        file: uri.fsPath,
        documentIndex: args.documentIndex,
        ...(args.name === '' ? {} : { name: args.name }),
        runtime: settings.runtime,
        timeScale: settings.timeScale,
        envFiles: settings.envFiles,
        ...(cron === undefined ? {} : { cron }),
        workspace,
        // Here the runtime is a setting, not a flag: messages say where to change it.
        runtimeChoice: `set ${RUNTIME_SETTING} to docker or podman (Settings)`,
        // The manifest is checked as the version the editor checks it as (kubeJobs.kubernetesVersion).
        lint: (file, doc) => lintErrorsOf(file, doc, judgedVersion(kubernetesVersionSetting(), ctx.connectedCluster).version),
      });
    } catch (error) {
      if (!(error instanceof RunInputError)) throw error;
      void vscode.window.showErrorMessage(`Run locally: ${error.message}`, { modal: true, detail: error.details.join('\n') });
      return undefined;
    }
    for (const ref of prepared.missing) {
      const value = await vscode.window.showInputBox({
        title: `Value for ${ref.kind} ${ref.name}${ref.key === undefined ? '' : `/${ref.key}`}`,
        prompt: `Used by container ${ref.container}${ref.envName === undefined ? '' : ` as ${ref.envName}`}; kept in memory for this run only.${ref.key === undefined ? ' Format: KEY=value;KEY2=value2' : ''}`,
        password: ref.kind === 'secret',
        ignoreFocusOut: true,
      });
      if (value === undefined) return undefined;
      setPromptedValue(prepared.values, ref, value);
    }
    const extras = [
      settings.timeScale === 1 ? '' : `time scale ${settings.timeScale}`,
      cron === 'now' ? 'one Job now' : cron === 'schedule' ? 'on its schedule until cancelled' : '',
    ].filter((s) => s !== '');
    const choice = await vscode.window.showWarningMessage(
      `Run ${prepared.kind} ${prepared.name} on this machine?`,
      { modal: true, detail: formatPreview(prepared.preview, extras) },
      'Run',
    );
    if (choice !== 'Run') return undefined;

    const handle = prepared.start({
      onLog: (l) =>
        LocalRunPanel.forRun(handle.recordDir)?.log(
          (prepared.preview.podSpec?.containers.length ?? 1) > 1 ? `${l.pod}/${l.container}` : l.pod,
          l.line,
        ),
      onEvent: (e) => LocalRunPanel.forRun(handle.recordDir)?.event(e),
      onChange: () => {
        model.changed();
        LocalRunPanel.forRun(handle.recordDir)?.status();
      },
    });
    model.add(handle);
    ctx.log.info(
      `local run of ${prepared.kind} ${prepared.name} started (${prepared.backend.kind}); record: ${handle.recordDir}`,
    );
    const panel = LocalRunPanel.show(ctx, handle.recordDir, handle);
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${prepared.kind} ${prepared.name} (local)`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => void handle.cancel('Cancelled from VS Code'));
        const tick = setInterval(() => {
          const pods = handle.summary.pods;
          progress.report({
            message: `${pods.filter((p) => p.phase === 'Running').length} running, ${pods.filter((p) => p.phase === 'Succeeded').length} succeeded, ${pods.filter((p) => p.phase === 'Failed').length} failed`,
          });
        }, 250);
        const result = await handle.finished;
        clearInterval(tick);
        model.changed();
        panel.status();
        const text = `${prepared.kind} ${prepared.name} (local): ${result.result}${result.reason === undefined ? '' : ` — ${result.reason}`}`;
        if (result.result === 'Failed') {
          void vscode.window.showErrorMessage(`${text}${result.message === undefined ? '' : `: ${result.message}`}`);
        } else void vscode.window.showInformationMessage(text);
      },
    );
    void handle.ttlDeleted.then(() => model.changed());
    return handle;
  };
}
