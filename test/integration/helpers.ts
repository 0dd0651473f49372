// Helpers for in-host integration tests (they run inside a real VS Code extension host).
// Everything waits for an event or a condition with a timeout; nothing sleeps a fixed time.
//
// Typical test:
//   const { document } = await openFixture('mistakes.yaml');
//   const diags = await waitForDiagnostics(document.uri, (d) => d.some((x) => x.source === 'kube-jobs'));
//   const hover = await hoverAt(document.uri, positionOf(document, '0 0 * * * *'));
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Repository root (compiled helpers live in out/test/integration/). */
export const repoRoot = path.resolve(__dirname, '../../..');

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  version: string;
};

/** The extension's id, `<publisher>.<name>` from package.json. */
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
export const EXTENSION_VERSION = manifest.version;

/** Default time to wait for something the extension does (language server start-up included). */
export const DEFAULT_TIMEOUT_MS = 20_000;

/** The kube-jobs extension as VS Code sees it; fails the test when it is not installed. */
export function kubeJobsExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

/** The first workspace folder (a fresh copy of test/fixtures/workspace/ in the runners). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code opened no workspace folder');
  return folder.uri.fsPath;
}

/** URI of a file in the workspace (path relative to the workspace root). */
export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), relativePath));
}

/** Opens a workspace file in an editor, as a user clicking it would. */
export async function openFixture(relativePath: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor };
}

/** Opens an untitled YAML document with the given text (not saved anywhere). */
export async function openYaml(text: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor };
}

/** Replaces the whole text of an open document (unsaved edit, like typing). */
export async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'edit was not applied');
}

/**
 * Closes every editor, dropping unsaved changes first (a "save?" dialog would hang the
 * test), so each test starts from a clean workbench.
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Position of the `occurrence`-th match of `needle` in the document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0, occurrence = 1): vscode.Position {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = document.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${i + 1}) not found in ${document.uri.fsPath}`);
  }
  return document.positionAt(at + offset);
}

/**
 * Resolves with the first truthy value `probe` returns; checks right away, then after each
 * `events` firing, and also every `pollMs` for state that has no event (e.g. isActive).
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeoutMs = DEFAULT_TIMEOUT_MS, what = 'condition', events = [] as vscode.Event<unknown>[], pollMs = 50 } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const disposables: vscode.Disposable[] = [];
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      for (const d of disposables) d.dispose();
      fn();
    };
    const check = async () => {
      try {
        const value = await probe();
        if (value) finish(() => resolve(value));
      } catch (err) {
        finish(() => reject(err));
      }
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))),
      timeoutMs,
    );
    const poll = setInterval(() => void check(), pollMs);
    for (const event of events) disposables.push(event(() => void check()));
    void check();
  });
}

/** Resolves with the first event that satisfies `predicate`. */
export function waitForEvent<T>(
  event: vscode.Event<T>,
  predicate: (e: T) => boolean = () => true,
  { timeoutMs = DEFAULT_TIMEOUT_MS, what = 'event' } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const sub = event((e) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

/**
 * The diagnostics of `uri` once they satisfy `predicate` (default: at least one).
 * Pass `(d) => d.length === 0` to wait for a file to become clean.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  { timeoutMs = DEFAULT_TIMEOUT_MS } = {},
): Promise<readonly vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return predicate(diagnostics) ? diagnostics : undefined;
    },
    {
      timeoutMs,
      what: `diagnostics of ${path.basename(uri.fsPath)}`,
      events: [vscode.languages.onDidChangeDiagnostics],
      pollMs: 250,
    },
  );
}

/** Waits until the kube-jobs extension is active and returns its exports. */
export async function waitForActivation<T = unknown>({ timeoutMs = DEFAULT_TIMEOUT_MS } = {}): Promise<T> {
  const ext = kubeJobsExtension();
  await waitFor(() => ext.isActive, { timeoutMs, what: `${EXTENSION_ID} to activate` });
  return ext.exports as T;
}

/** Hovers VS Code would show at `position` (all providers, ours included). */
export async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
}

/** The plain text of hovers, joined, for `includes` assertions. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Completion items at `position`. */
export async function completionsAt(
  uri: vscode.Uri,
  position: vscode.Position,
  triggerCharacter?: string,
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
    triggerCharacter,
  );
  return list?.items ?? [];
}

/** Code actions (quick fixes etc.) for a range. */
export async function codeActionsFor(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

/** Code lenses of a document, resolved. */
export async function codeLensesFor(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

/** Applies a code action the way clicking it does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" was not applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** True when the command is registered (e.g. contributed and its extension active). */
export async function hasCommand(id: string): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(id);
}
