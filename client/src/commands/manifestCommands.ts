import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { CommandFactory } from './types';
import { parseManifestFile } from '../../../src-engine';
import type { ManifestDocument, WorkloadCommandArguments } from '../../../src-engine';
import { applyObject } from '../cluster/actions';
import type { ApplyOutcome } from '../cluster/actions';
import { ApiError } from '../../../kube/apiError';
import { contextNamespace } from '../../../kube/kubeconfig';
import { problemsFromStatus } from '../views/model/applyDiagnostics';
import { readConfig } from '../config';
import { actionErrorSentence } from '../views/model/errorText';
import { CronJobPanel } from '../webviews/CronJobPanel';
import { JobPanel } from '../webviews/JobPanel';
import { UserMessage } from './support';

let collection: vscode.DiagnosticCollection | undefined;

function diagnostics(ctx: Ctx): vscode.DiagnosticCollection {
  if (!collection) {
    collection = vscode.languages.createDiagnosticCollection('kube-jobs-cluster');
    ctx.push(
      collection,
      vscode.workspace.onDidChangeTextDocument((e) => collection?.delete(e.document.uri)),
    );
  }
  return collection;
}

const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range =>
  new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** The result of a dry run or apply of a file, for the caller (and tests). */
export interface ApplyReport {
  readonly dryRun: boolean;
  readonly outcomes: readonly { ok: boolean; kind: string; name: string; documentIndex: number; error?: string }[];
  readonly applied: boolean;
}

async function documentFor(arg: unknown): Promise<vscode.TextDocument> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  if (typeof arg === 'string') return vscode.workspace.openTextDocument(vscode.Uri.parse(arg));
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new UserMessage('Open a manifest first.');
  return editor.document;
}

/**
 * run sends every (or one) document of a manifest to the cluster: always a server-side dry run
 * first, whose errors land on the right lines as diagnostics; then, when applying, the real
 * server-side apply after confirmation.
 */
async function run(
  ctx: Ctx,
  doc: vscode.TextDocument,
  onlyIndex: number | undefined,
  apply: boolean,
  confirm: boolean,
): Promise<ApplyReport> {
  const session = await ctx.cluster.requireSession();
  const kc = ctx.cluster.kubeconfig?.kubeConfig;
  const defaultNs = kc ? contextNamespace(kc, ctx.cluster.contextName) : 'default';
  const file = parseManifestFile(doc.getText());
  const docs = file.documents.filter(
    (d) => (onlyIndex === undefined || d.index === onlyIndex) && d.value && typeof d.value === 'object',
  );
  if (docs.length === 0) {
    throw new UserMessage(
      onlyIndex === undefined
        ? 'This file has no Kubernetes objects.'
        : 'The object is not in this file any more (the file changed); use the code lens again.',
    );
  }
  const syntax = docs.filter((d) => d.syntaxErrors.length > 0 || d.isTemplate);
  if (syntax.length > 0) {
    throw new UserMessage('Fix the YAML errors (or template code) before sending the manifest to the cluster.');
  }
  const coll = diagnostics(ctx);
  coll.delete(doc.uri);

  const send = async (dryRun: boolean): Promise<ApplyOutcome[]> => {
    const out: ApplyOutcome[] = [];
    for (const d of docs) {
      out.push(await applyObject(session.transport, d.index, d.value as Record<string, unknown>, defaultNs, dryRun));
    }
    return out;
  };
  const show = (outcomes: ApplyOutcome[], dryRun: boolean): void => {
    const list: vscode.Diagnostic[] = [];
    for (const o of outcomes) {
      if (o.ok) continue;
      const d = docs.find((x) => x.index === o.documentIndex) as ManifestDocument;
      const status = o.error instanceof ApiError ? o.error.status : { message: o.error.message };
      for (const p of problemsFromStatus(d, status, o.error.message)) {
        const diag = new vscode.Diagnostic(toRange(p.range), p.message, vscode.DiagnosticSeverity.Error);
        diag.source = dryRun ? `${ctx.cluster.contextName} (server dry run)` : ctx.cluster.contextName;
        diag.code = p.code;
        list.push(diag);
      }
    }
    coll.set(doc.uri, list);
  };
  const report = (outcomes: ApplyOutcome[], dryRun: boolean, applied: boolean): ApplyReport => ({
    dryRun,
    applied,
    outcomes: outcomes.map((o) => ({
      ok: o.ok,
      kind: o.kind,
      name: o.name,
      documentIndex: o.documentIndex,
      ...(o.ok ? {} : { error: o.error.message }),
    })),
  });

  const dry = await send(true);
  show(dry, true);
  const failed = dry.filter((o) => !o.ok);
  if (failed.length > 0) {
    void vscode.window.showErrorMessage(
      `Server dry run on ${ctx.cluster.contextName}: ${failed.length} of ${dry.length} object${dry.length === 1 ? '' : 's'} ` +
        `rejected. See the Problems view.`,
    );
    return report(dry, true, false);
  }
  if (!apply) {
    void vscode.window.showInformationMessage(
      `Server dry run on context ${ctx.cluster.contextName}: the API server accepts ${objectsByNamespace(dry)}.`,
    );
    return report(dry, true, false);
  }
  const targets = objectsByNamespace(dry);
  if (confirm && readConfig().actions.confirmApply) {
    const answer = await vscode.window.showWarningMessage(
      `Apply ${targets} on context ${ctx.cluster.contextName}?`,
      { modal: true, detail: 'The server-side dry run passed: the API server accepts every object as it is.' },
      'Apply',
    );
    if (answer !== 'Apply') return report(dry, true, false);
  }
  const real = await send(false);
  show(real, false);
  const realFailed = real.filter((o) => !o.ok);
  if (realFailed.length > 0) {
    void vscode.window.showErrorMessage(
      `Apply on context ${ctx.cluster.contextName}: ` +
        realFailed.map((o) => `${o.kind}/${o.name}: ${o.ok ? '' : o.error.message}`).join('; '),
    );
  } else offerToShow(ctx, `Applied ${objectsByNamespace(real)} on context ${ctx.cluster.contextName}.`, real);
  ctx.log.info(
    `apply ${doc.uri.toString()}: ` +
      real.map((o) => `${o.kind}/${o.name} ${o.ok ? 'ok' : `failed: ${o.error.message}`}`).join('; '),
  );
  return report(real, false, realFailed.length === 0);
}

/** objectsByNamespace names the objects and where they go: `CronJob/a and Job/b in namespace demo`. */
function objectsByNamespace(outcomes: readonly ApplyOutcome[]): string {
  const byNs = new Map<string, string[]>();
  for (const o of outcomes) {
    const ns = o.ok ? (o.namespace ?? '') : '';
    byNs.set(ns, [...(byNs.get(ns) ?? []), `${o.kind}/${o.name}`]);
  }
  const list = (names: string[]): string =>
    names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return [...byNs].map(([ns, names]) => (ns ? `${list(names)} in namespace ${ns}` : list(names))).join('; ');
}

/** offerToShow says what was applied, with a Show button that opens the first Job or CronJob's live panel. */
function offerToShow(ctx: Ctx, text: string, applied: readonly ApplyOutcome[]): void {
  const first = applied.find(
    (o): o is Extract<ApplyOutcome, { ok: true }> =>
      o.ok && (o.kind === 'CronJob' || o.kind === 'Job') && o.namespace !== undefined,
  );
  if (!first) {
    void vscode.window.showInformationMessage(text);
    return;
  }
  void vscode.window.showInformationMessage(text, 'Show').then((answer) => {
    if (answer !== 'Show') return;
    const ref = { kind: first.kind as 'CronJob' | 'Job', namespace: first.namespace ?? '', name: first.name };
    if (ref.kind === 'CronJob') CronJobPanel.panels.show(ctx, ref);
    else JobPanel.panels.show(ctx, ref);
  });
}

/** guarded runs a dry run or apply; a failure becomes one sentence with a Retry button. */
function guarded(ctx: Ctx, doing: string, body: () => Promise<ApplyReport>): Promise<ApplyReport | undefined> {
  return body().catch((error: unknown) => {
    const text =
      error instanceof UserMessage
        ? error.message
        : actionErrorSentence(
            {
              doing,
              context: ctx.cluster.contextName,
              ...(ctx.cluster.session ? { server: ctx.cluster.session.transport.server } : {}),
            },
            error,
          );
    ctx.log.error(text);
    void vscode.window.showErrorMessage(text, 'Retry').then((answer) => {
      if (answer === 'Retry') void guarded(ctx, doing, body);
    });
    return undefined;
  });
}

/** applyManifest applies every object of the file (dry run first). Pass `{ confirm: false }` as 2nd argument to skip the question (tests). */
export const applyManifest: CommandFactory = (ctx) => (arg?: unknown, options?: unknown) =>
  guarded(ctx, 'apply the manifest', async () =>
    run(
      ctx,
      await documentFor(arg),
      undefined,
      true,
      !(options && typeof options === 'object' && (options as { confirm?: unknown }).confirm === false),
    ),
  );

/** validateOnCluster sends the file to the API server as a dry run only. */
export const validateOnCluster: CommandFactory = (ctx) => (arg?: unknown) =>
  guarded(ctx, 'validate the manifest (server dry run)', async () => run(ctx, await documentFor(arg), undefined, false, false));

/** applyToCluster is the code lens command: apply one document ({uri, documentIndex, name, kind}). */
export const applyToCluster: CommandFactory = (ctx) => (arg?: unknown, options?: unknown) =>
  guarded(ctx, 'apply the object', async () => {
    const a = arg as Partial<WorkloadCommandArguments> | undefined;
    if (!a || typeof a.uri !== 'string' || typeof a.documentIndex !== 'number') {
      throw new UserMessage('Apply This Object runs from the code lens above a Job or CronJob.');
    }
    return run(
      ctx,
      await documentFor(a.uri),
      a.documentIndex,
      true,
      !(options && typeof options === 'object' && (options as { confirm?: unknown }).confirm === false),
    );
  });
