// Smoke test of the whole chain in a real VS Code: extension → language client → bundled
// language server → engine → squiggles and hovers. Detailed feature tests (each rule, each
// quick fix, lenses, completion) belong in their own files next to this one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, hoverAt, hoverText, openFixture, positionOf, waitFor, waitForDiagnostics } from '../helpers';

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
});
