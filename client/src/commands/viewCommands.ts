/**
 * The commands that show a cluster object without changing it: its panel, its logs, its live
 * YAML, and the kubectl commands that do what the view does.
 */
import * as vscode from 'vscode';
import * as YAML from 'yaml';
import type { Ctx } from '../ctx';
import type { CommandFactory } from './types';
import type { ObjectRef } from '../webviews/objectRef';
import { getObject } from '../cluster/actions';
import { errorMessage } from '../../../kube/apiError';
import { kubectlCommands } from '../views/model/kubectl';
import { jobNameOfPod } from '../views/model/k8s';
import { readConfig } from '../config';
import { JobPanel } from '../webviews/JobPanel';
import { CronJobPanel } from '../webviews/CronJobPanel';
import { Cancelled, UserMessage, runOnObject } from './support';

export const LIVE_SCHEME = 'kubejobs-live';

/** copyKubectl copies an equivalent kubectl command (picked from a list, or named by `which`) to the clipboard. */
export const copyKubectl: CommandFactory = (ctx) => async (arg?: unknown, which?: unknown) => {
  let copied: string | undefined;
  await runOnObject(ctx, arg, { kinds: ['CronJob', 'Job', 'Pod'], doing: 'copy a kubectl command for' }, async (ref) => {
    const commands = kubectlCommands(
      { ...ref, context: ctx.cluster.contextName },
      { propagationPolicy: readConfig().actions.deletePropagationPolicy },
    );
    const chosen =
      typeof which === 'string'
        ? commands.find((c) => c.label === which)
        : await vscode.window
            .showQuickPick(
              commands.map((c) => ({ label: c.label, detail: c.command, c })),
              { placeHolder: `Copy which kubectl command for ${ref.kind} ${ref.name}?` },
            )
            .then((p) => p?.c);
    if (!chosen) throw new Cancelled();
    await vscode.env.clipboard.writeText(chosen.command);
    void vscode.window.setStatusBarMessage(`Copied: ${chosen.command}`, 10_000);
    copied = chosen.command;
  });
  return copied;
};

/** liveUri names the read-only live YAML document of an object. */
export function liveUri(context: string, ref: ObjectRef): vscode.Uri {
  return vscode.Uri.from({
    scheme: LIVE_SCHEME,
    path: `/${ref.namespace}/${ref.kind}/${ref.name}.yaml`,
    query: new URLSearchParams({ context }).toString(),
  });
}

/** LiveYamlProvider serves `kubejobs-live:` documents: the object as the API server has it now, without managedFields. */
export class LiveYamlProvider implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  constructor(private readonly ctx: Ctx) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [, namespace = '', kind = '', file = ''] = uri.path.split('/');
    const name = file.replace(/\.yaml$/, '');
    try {
      const session = await this.ctx.cluster.requireSession();
      const object = await getObject<{ metadata?: Record<string, unknown> }>(
        session.transport,
        kind as ObjectRef['kind'],
        namespace,
        name,
      );
      if (object.metadata) delete object.metadata.managedFields;
      const context = this.ctx.cluster.contextName;
      const header = `# Live ${kind} ${namespace}/${name} from context ${context} (read-only; reopen to refresh)`;
      return `${header}\n${YAML.stringify(object)}`;
    } catch (error) {
      return `# Could not read ${kind} ${namespace}/${name}: ${errorMessage(error)}\n`;
    }
  }

  refresh(uri: vscode.Uri): void {
    this.emitter.fire(uri);
  }
}

/** openLiveYaml opens the object's live YAML read-only. */
export const openLiveYaml: CommandFactory = (ctx) => (arg?: unknown) => {
  return runOnObject(ctx, arg, { kinds: ['CronJob', 'Job', 'Pod'], doing: 'open the live YAML of' }, async (ref) => {
    const doc = await vscode.workspace.openTextDocument(liveUri(ctx.cluster.contextName, ref));
    await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
    await vscode.window.showTextDocument(doc, { preview: true });
  });
};

/** showPanel opens the live panel of a Job or CronJob. */
export const showPanel: CommandFactory = (ctx) => (arg?: unknown) => {
  return runOnObject(ctx, arg, { kinds: ['CronJob', 'Job'], doing: 'show', unknownObject: 'the details' }, async (ref) => {
    await ctx.cluster.requireSession();
    if (ref.kind === 'CronJob') CronJobPanel.panels.show(ctx, ref);
    else JobPanel.panels.show(ctx, ref);
  });
};

/** showLogs opens the logs of a Job (its panel) or of a Pod's Job. */
export const showLogs: CommandFactory = (ctx) => (arg?: unknown) => {
  return runOnObject(ctx, arg, { kinds: ['Job', 'Pod'], doing: 'show the logs of' }, async (ref) => {
    const session = await ctx.cluster.requireSession();
    if (ref.kind === 'Job') {
      JobPanel.panels.show(ctx, ref);
      return;
    }
    const pod = session.index.pods.get(ref.namespace, ref.name);
    const job = pod ? jobNameOfPod(pod) : undefined;
    if (!job) throw new UserMessage(`Pod ${ref.namespace}/${ref.name} belongs to no Job, and the logs open in a Job's panel.`);
    JobPanel.panels.show(ctx, { kind: 'Job', namespace: ref.namespace, name: job });
  });
};
