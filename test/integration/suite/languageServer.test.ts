// Smoke test of the whole chain in a real VS Code: extension → language client → bundled
// language server → engine → squiggles and hovers. Detailed feature tests (each rule, each
// quick fix, lenses, completion) belong in their own files next to this one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ServerStatsResult } from '../../../src-engine';
import {
  closeAllEditors,
  hoverAt,
  hoverText,
  openFixture,
  positionOf,
  waitFor,
  waitForActivation,
  waitForDiagnostics,
} from '../helpers';

/** What the extension's activate() returns, as far as this test reads it. */
interface ExtensionApi {
  readonly ctx: { readonly languageClient?: LanguageClient; readonly extension: vscode.ExtensionContext };
}

describe('language server in VS Code', () => {
  afterEach(closeAllEditors);

  it('flags restartPolicy: Always in a CronJob template as an error on that line', async () => {
    const { document } = await openFixture('mistakes.yaml');
    const line = positionOf(document, 'restartPolicy: Always').line;
    const diagnostics = await waitForDiagnostics(document.uri, (d) =>
      d.some((x) => x.source === 'kube-jobs' && x.range.start.line === line),
    );
    const onLine = diagnostics.filter((d) => d.source === 'kube-jobs' && d.range.start.line === line);
    assert.ok(
      onLine.some((d) => d.severity === vscode.DiagnosticSeverity.Error),
      `expected an error on line ${line + 1}, got: ${onLine.map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${d.message}`).join('; ')}`,
    );
  });

  it('shows a hover for the schedule field', async () => {
    const { document } = await openFixture('cronjob.yaml');
    const at = positionOf(document, 'schedule:', 2);
    // The server may still be starting: hovers come back empty until it answers.
    const text = await waitFor(async () => hoverText(await hoverAt(document.uri, at)).trim() || undefined, {
      what: 'a hover on schedule',
      pollMs: 250,
    });
    assert.ok(text.length > 0);
  });

  it("keeps the server's V8 code cache in the extension's storage and starts with it after a restart", async () => {
    const { document } = await openFixture('mistakes.yaml');
    const { ctx } = await waitForActivation<ExtensionApi>();
    await waitForDiagnostics(document.uri, (d) => d.some((x) => x.source === 'kube-jobs'));
    const client = await waitFor(() => (ctx.languageClient?.isRunning() ? ctx.languageClient : undefined), {
      what: 'the language client to run',
    });
    const stats = (): Promise<ServerStatsResult> => client.sendRequest<ServerStatsResult>('kubeJobs/serverStats');
    assert.notEqual((await stats()).codeCache, 'off', 'the server was not started through dist/startServer.js');
    // Stopping sends shutdown and exit, as closing the window does; the server writes its cache then.
    await client.restart();
    await waitFor(() => client.isRunning(), { what: 'the language client to run again' });
    assert.equal((await stats()).codeCache, 'used');
    const dir = path.join(ctx.extension.globalStorageUri.fsPath, 'code-cache');
    assert.equal(fs.readdirSync(dir).filter((name) => name.endsWith('.v8cache')).length, 1);
    await waitForDiagnostics(document.uri, (d) => d.some((x) => x.source === 'kube-jobs'));
  });
});
