import * as vscode from 'vscode';
import * as YAML from 'yaml';
import type { Ctx } from '../ctx';
import type { CommandFactory } from './types';
import type { ObjectRef } from '../webviews/objectRef';
import { toObjectRef } from '../webviews/objectRef';
import { deleteJob as deleteJobApi, getObject, setSuspended, triggerCronJob as triggerApi } from '../cluster/actions';
import { errorMessage } from '../cluster/apiError';
import { kubectlCommands } from '../views/model/kubectl';
import { readConfig } from '../config';
import { JobPanel } from '../webviews/JobPanel';
import { CronJobPanel } from '../webviews/CronJobPanel';

export const LIVE_SCHEME = 'kubejobs-live';

/** requireRef reads the command argument, or asks the user to pick from the tree. */
function requireRef(arg: unknown, kinds: ObjectRef['kind'][]): ObjectRef {
  const ref = toObjectRef(arg);
  if (!ref || !kinds.includes(ref.kind)) throw new Error(`Run this command on a ${kinds.join(' or ')} in the Kube Jobs view.`);
  return ref;
}

/** ensureAllowed asks RBAC first so a refusal is explained instead of surfacing as an HTTP error. */
async function ensureAllowed(ctx: Ctx, ref: ObjectRef, verb: string, resource: string): Promise<void> {
  const session = await ctx.cluster.requireSession();
  const d = await session.access.check({ namespace: ref.namespace, verb, group: resource === 'pods' ? '' : 'batch', resource });
  if (!d.allowed) throw new Error(d.reason);
}

function wrap(ctx: Ctx, what: string, run: () => Promise<void>): Promise<void> {
  return run().catch((error: unknown) => {
    const text = `${what}: ${errorMessage(error)}`;
    ctx.log.error(text);
    void vscode.window.showErrorMessage(text);
  });
}

/** triggerCronJob starts a Job from the CronJob now and opens its live panel. Returns the Job name. */
export const triggerCronJob: CommandFactory = (ctx) => async (arg?: unknown) => {
  let created: string | undefined;
  await wrap(ctx, 'Trigger CronJob', async () => {
    const ref = requireRef(arg, ['CronJob']);
    await ensureAllowed(ctx, ref, 'create', 'jobs');
    const session = await ctx.cluster.requireSession();
    const job = await triggerApi(session.transport, ref.namespace, ref.name);
    created = job.metadata?.name;
    ctx.log.info(`triggered ${ref.namespace}/${ref.name}: created Job ${created}`);
    if (created) JobPanel.show(ctx, { kind: 'Job', namespace: ref.namespace, name: created });
  });
  return created;
};

function suspendCommand(suspend: boolean): CommandFactory {
  return (ctx) => (arg?: unknown) =>
    wrap(ctx, suspend ? 'Suspend' : 'Resume', async () => {
      const ref = requireRef(arg, ['CronJob', 'Job']);
      await ensureAllowed(ctx, ref, 'patch', ref.kind === 'CronJob' ? 'cronjobs' : 'jobs');
      const session = await ctx.cluster.requireSession();
      await setSuspended(session.transport, ref.kind as 'CronJob' | 'Job', ref.namespace, ref.name, suspend);
      ctx.log.info(`${suspend ? 'suspended' : 'resumed'} ${ref.kind} ${ref.namespace}/${ref.name}`);
    });
}

export const suspend = suspendCommand(true);
export const resume = suspendCommand(false);

/** deleteJob deletes a Job after confirmation, with the configured propagation policy. */
export const deleteJob: CommandFactory = (ctx) => (arg?: unknown, options?: unknown) =>
  wrap(ctx, 'Delete Job', async () => {
    const ref = requireRef(arg, ['Job']);
    await ensureAllowed(ctx, ref, 'delete', 'jobs');
    const policy = readConfig().actions.deletePropagationPolicy;
    const skipConfirm = typeof options === 'object' && options !== null && (options as { confirm?: unknown }).confirm === false;
    if (!skipConfirm) {
      const podsNote = policy === 'Orphan' ? 'Its pods are kept (propagation policy Orphan).' : `Its pods are deleted too (propagation policy ${policy}).`;
      const answer = await vscode.window.showWarningMessage(`Delete Job ${ref.namespace}/${ref.name}? ${podsNote}`, { modal: true }, 'Delete');
      if (answer !== 'Delete') return;
    }
    const session = await ctx.cluster.requireSession();
    await deleteJobApi(session.transport, ref.namespace, ref.name, policy);
    ctx.log.info(`deleted Job ${ref.namespace}/${ref.name} (${policy})`);
  });

/** copyKubectl copies an equivalent kubectl command (picked from a list) to the clipboard. */
export const copyKubectl: CommandFactory = (ctx) => async (arg?: unknown, which?: unknown) => {
  const ref = requireRef(arg, ['CronJob', 'Job', 'Pod']);
  const commands = kubectlCommands({ ...ref, context: ctx.cluster.contextName }, { propagationPolicy: readConfig().actions.deletePropagationPolicy });
  const chosen = typeof which === 'string' ? commands.find((c) => c.label === which) : await vscode.window.showQuickPick(commands.map((c) => ({ label: c.label, detail: c.command, c })), { placeHolder: 'Copy which kubectl command?' }).then((p) => p?.c);
  if (!chosen) return undefined;
  await vscode.env.clipboard.writeText(chosen.command);
  void vscode.window.setStatusBarMessage(`Copied: ${chosen.command}`, 4000);
  return chosen.command;
};

/** liveUri names the read-only live YAML document of an object. */
export function liveUri(context: string, ref: ObjectRef): vscode.Uri {
  return vscode.Uri.from({ scheme: LIVE_SCHEME, path: `/${ref.namespace}/${ref.kind}/${ref.name}.yaml`, query: new URLSearchParams({ context }).toString() });
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
      const object = await getObject<{ metadata?: Record<string, unknown> }>(session.transport, kind as ObjectRef['kind'], namespace, name);
      if (object.metadata) delete object.metadata.managedFields;
      return `# Live ${kind} ${namespace}/${name} from context ${this.ctx.cluster.contextName} (read-only; reopen to refresh)\n${YAML.stringify(object)}`;
    } catch (error) {
      return `# Could not read ${kind} ${namespace}/${name}: ${errorMessage(error)}\n`;
    }
  }

  refresh(uri: vscode.Uri): void {
    this.emitter.fire(uri);
  }
}

/** openLiveYaml opens the object's live YAML read-only. */
export const openLiveYaml: CommandFactory = (ctx) => (arg?: unknown) =>
  wrap(ctx, 'Open live YAML', async () => {
    const ref = requireRef(arg, ['CronJob', 'Job', 'Pod']);
    const doc = await vscode.workspace.openTextDocument(liveUri(ctx.cluster.contextName, ref));
    await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
    await vscode.window.showTextDocument(doc, { preview: true });
  });

/** showPanel opens the live panel of a Job or CronJob. */
export const showPanel: CommandFactory = (ctx) => (arg?: unknown) =>
  wrap(ctx, 'Show details', async () => {
    const ref = requireRef(arg, ['CronJob', 'Job']);
    await ctx.cluster.requireSession();
    if (ref.kind === 'CronJob') CronJobPanel.show(ctx, ref);
    else JobPanel.show(ctx, ref);
  });

/** showLogs opens the logs of a Job (its panel) or of a Pod's Job. */
export const showLogs: CommandFactory = (ctx) => (arg?: unknown) =>
  wrap(ctx, 'Show logs', async () => {
    const ref = requireRef(arg, ['Job', 'Pod']);
    const session = await ctx.cluster.requireSession();
    if (ref.kind === 'Job') {
      JobPanel.show(ctx, ref);
      return;
    }
    const pod = session.index.pods.get(ref.namespace, ref.name);
    const job = pod?.metadata?.labels?.['batch.kubernetes.io/job-name'] ?? pod?.metadata?.labels?.['job-name'] ?? pod?.metadata?.ownerReferences?.find((o) => o.kind === 'Job')?.name;
    if (!job) throw new Error(`pod ${ref.name} belongs to no Job`);
    JobPanel.show(ctx, { kind: 'Job', namespace: ref.namespace, name: job });
  });
