import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { CommandFactory } from './types';
import { parseManifestFile } from '../../../src-engine';
import type { ManifestDocument, WorkloadCommandArguments } from '../../../src-engine';
import { applyObject } from '../cluster/actions';
import type { ApplyOutcome } from '../cluster/actions';
import { ApiError, errorMessage } from '../cluster/apiError';
import { contextNamespace } from '../cluster/kubeconfig';
import { problemsFromStatus } from '../views/model/applyDiagnostics';
import { readConfig } from '../config';

let collection: vscode.DiagnosticCollection | undefined;

function diagnostics(ctx: Ctx): vscode.DiagnosticCollection {
  if (!collection) {
    collection = vscode.languages.createDiagnosticCollection('kube-jobs-cluster');
    ctx.push(collection, vscode.workspace.onDidChangeTextDocument((e) => collection?.delete(e.document.uri)));
  }
  return collection;
}

const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

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
  if (!editor) throw new Error('Open a manifest first.');
  return editor.document;
}

/**
 * run sends every (or one) document of a manifest to the cluster: always a server-side dry run
 * first, whose errors land on the right lines as diagnostics; then, when applying, the real
 * server-side apply after confirmation.
 */
async function run(ctx: Ctx, doc: vscode.TextDocument, onlyIndex: number | undefined, apply: boolean, confirm: boolean): Promise<ApplyReport> {
  const session = await ctx.cluster.requireSession();
  const kc = ctx.cluster.kubeconfig?.kubeConfig;
  const defaultNs = kc ? contextNamespace(kc, ctx.cluster.contextName) : 'default';
  const file = parseManifestFile(doc.getText());
  const docs = file.documents.filter((d) => (onlyIndex === undefined || d.index === onlyIndex) && d.value && typeof d.value === 'object');
  if (docs.length === 0) throw new Error(onlyIndex === undefined ? 'This file has no Kubernetes objects.' : `Document ${onlyIndex} is not in this file any more.`);
  const syntax = docs.filter((d) => d.syntaxErrors.length > 0 || d.isTemplate);
  if (syntax.length > 0) throw new Error('Fix the YAML errors (or template code) before sending the manifest to the cluster.');
  const coll = diagnostics(ctx);
  coll.delete(doc.uri);

  const send = async (dryRun: boolean): Promise<ApplyOutcome[]> => {
    const out: ApplyOutcome[] = [];
    for (const d of docs) out.push(await applyObject(session.transport, d.index, d.value as Record<string, unknown>, defaultNs, dryRun));
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
    outcomes: outcomes.map((o) => ({ ok: o.ok, kind: o.kind, name: o.name, documentIndex: o.documentIndex, ...(o.ok ? {} : { error: o.error.message }) })),
  });

  const dry = await send(true);
  show(dry, true);
  const failed = dry.filter((o) => !o.ok);
  if (failed.length > 0) {
    void vscode.window.showErrorMessage(`Server dry run on ${ctx.cluster.contextName}: ${failed.length} of ${dry.length} object${dry.length === 1 ? '' : 's'} rejected. See the Problems view.`);
    return report(dry, true, false);
  }
  if (!apply) {
    void vscode.window.showInformationMessage(`Server dry run on ${ctx.cluster.contextName}: ${dry.length} object${dry.length === 1 ? '' : 's'} valid (${dry.map((o) => `${o.kind}/${o.name}`).join(', ')}).`);
    return report(dry, true, false);
  }
  if (confirm && readConfig().actions.confirmApply) {
    const answer = await vscode.window.showWarningMessage(`Apply ${dry.map((o) => `${o.kind}/${o.name}`).join(', ')} to context ${ctx.cluster.contextName}? The server dry run passed.`, { modal: true }, 'Apply');
    if (answer !== 'Apply') return report(dry, true, false);
  }
  const real = await send(false);
  show(real, false);
  const realFailed = real.filter((o) => !o.ok);
  if (realFailed.length > 0) void vscode.window.showErrorMessage(`Apply: ${realFailed.map((o) => `${o.kind}/${o.name}: ${o.ok ? '' : o.error.message}`).join('; ')}`);
  else void vscode.window.showInformationMessage(`Applied to ${ctx.cluster.contextName}: ${real.map((o) => `${o.kind}/${o.name}`).join(', ')}.`);
  ctx.log.info(`apply ${doc.uri.toString()}: ${real.map((o) => `${o.kind}/${o.name} ${o.ok ? 'ok' : `failed: ${o.error.message}`}`).join('; ')}`);
  return report(real, false, realFailed.length === 0);
}

function guarded(ctx: Ctx, what: string, body: () => Promise<ApplyReport>): Promise<ApplyReport | undefined> {
  return body().catch((error: unknown) => {
    const text = `${what}: ${errorMessage(error)}`;
    ctx.log.error(text);
    void vscode.window.showErrorMessage(text);
    return undefined;
  });
}

/** applyManifest applies every object of the file (dry run first). Pass `{ confirm: false }` as 2nd argument to skip the question (tests). */
export const applyManifest: CommandFactory = (ctx) => (arg?: unknown, options?: unknown) =>
  guarded(ctx, 'Apply manifest', async () => run(ctx, await documentFor(arg), undefined, true, !(options && typeof options === 'object' && (options as { confirm?: unknown }).confirm === false)));

/** validateOnCluster sends the file to the API server as a dry run only. */
export const validateOnCluster: CommandFactory = (ctx) => (arg?: unknown) => guarded(ctx, 'Validate on cluster', async () => run(ctx, await documentFor(arg), undefined, false, false));

/** applyToCluster is the code lens command: apply one document ({uri, documentIndex, name, kind}). */
export const applyToCluster: CommandFactory = (ctx) => (arg?: unknown, options?: unknown) =>
  guarded(ctx, 'Apply to cluster', async () => {
    const a = arg as Partial<WorkloadCommandArguments> | undefined;
    if (!a || typeof a.uri !== 'string' || typeof a.documentIndex !== 'number') throw new Error('kubeJobs.applyToCluster expects { uri, documentIndex, name, kind }');
    return run(ctx, await documentFor(a.uri), a.documentIndex, true, !(options && typeof options === 'object' && (options as { confirm?: unknown }).confirm === false));
  });
