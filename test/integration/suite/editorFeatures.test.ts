// Each language feature a person meets in the editor, through the real VS Code API: the
// diagnostics on the common mistakes, the schedule hover with its next runs, completion,
// a quick fix that makes the error go away, the code lenses, and the simulation panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applyCodeAction,
  closeAllEditors,
  codeActionsFor,
  codeLensesFor,
  completionsAt,
  hoverAt,
  hoverText,
  openFixture,
  positionOf,
  setText,
  waitFor,
  waitForDiagnostics,
} from '../helpers';

const ours = (d: readonly vscode.Diagnostic[]) => d.filter((x) => x.source === 'kube-jobs');
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

/** The webview tabs whose view type ends with `viewType` (VS Code prefixes the extension's type). */
function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

describe('editor features in VS Code', () => {
  afterEach(closeAllEditors);

  it('common-mistakes.yaml: errors for the missing restartPolicy, the unquoted schedule and the bad timeZone', async () => {
    const { document } = await openFixture('common-mistakes.yaml');
    const want = [
      { code: 'restart-policy', line: positionOf(document, 'name: report').line },
      { code: 'schedule-yaml', line: positionOf(document, 'schedule: */5').line },
      { code: 'time-zone', line: positionOf(document, 'timeZone: europe/berlin').line },
    ];
    const diagnostics = await waitForDiagnostics(document.uri, (d) =>
      want.every((w) => ours(d).some((x) => codeOf(x) === w.code)),
    );
    for (const w of want) {
      const found = ours(diagnostics).find((x) => codeOf(x) === w.code);
      assert.ok(found, `no ${w.code} diagnostic`);
      assert.equal(found.severity, vscode.DiagnosticSeverity.Error, `${w.code} is not an error`);
    }
    const zone = ours(diagnostics).find((x) => codeOf(x) === 'time-zone')!;
    assert.equal(zone.range.start.line, want[2]!.line);
    assert.match(zone.message, /Europe\/Berlin/);
    const schedule = ours(diagnostics).find((x) => codeOf(x) === 'schedule-yaml')!;
    assert.equal(schedule.range.start.line, want[1]!.line);
  });

  it('hovering a schedule explains it and lists the next runs', async () => {
    const { document } = await openFixture('cronjob.yaml');
    const at = positionOf(document, '*/15 * * * *', 1);
    const text = await waitFor(async () => hoverText(await hoverAt(document.uri, at)).trim() || undefined, {
      what: 'a hover on the schedule',
      pollMs: 250,
    });
    assert.match(text, /Next \d+ runs/);
    assert.match(text, /15/);
  });

  it('completion offers only Never and OnFailure for a Job restartPolicy, and spec keys under spec', async () => {
    const { document } = await openFixture('job.yaml');
    await setText(
      document,
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: typed\nspec:\n  \n  template:\n    spec:\n      restartPolicy: \n      containers:\n        - name: main\n          image: busybox:1.36\n',
    );
    const valueAt = positionOf(document, 'restartPolicy: ', 'restartPolicy: '.length);
    const values = await waitFor(
      async () => {
        const labels = (await completionsAt(document.uri, valueAt)).map((i) =>
          typeof i.label === 'string' ? i.label : i.label.label,
        );
        return labels.includes('Never') ? labels : undefined;
      },
      { what: 'restartPolicy value completions', pollMs: 250 },
    );
    assert.ok(values.includes('OnFailure'), `got ${values.join(', ')}`);
    assert.ok(!values.includes('Always'), 'Always is offered in a Job template');

    const keyAt = new vscode.Position(5, 2);
    const keys = (await completionsAt(document.uri, keyAt)).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of ['backoffLimit', 'completions', 'ttlSecondsAfterFinished']) {
      assert.ok(keys.includes(key), `${key} missing from ${keys.slice(0, 30).join(', ')}`);
    }
    assert.ok(!keys.includes('template'), 'template is already present but offered again');
  });

  it('the quick fix "Quote the schedule" removes the schedule error', async () => {
    const { document } = await openFixture('common-mistakes.yaml');
    const line = positionOf(document, 'schedule: */5').line;
    const diagnostics = await waitForDiagnostics(document.uri, (d) => ours(d).some((x) => codeOf(x) === 'schedule-yaml'));
    const diag = ours(diagnostics).find((x) => codeOf(x) === 'schedule-yaml')!;
    const actions = await codeActionsFor(document.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const quote = actions.find((a) => a.title === 'Quote the schedule');
    assert.ok(quote, `no "Quote the schedule" among: ${actions.map((a) => a.title).join('; ')}`);
    await applyCodeAction(quote);
    assert.equal(document.lineAt(line).text.trim(), 'schedule: "*/5 * * * *"');
    await waitForDiagnostics(document.uri, (d) => !ours(d).some((x) => codeOf(x) === 'schedule-yaml'));
  });

  it('the quick fix "Set restartPolicy to OnFailure" removes the restartPolicy error', async () => {
    const { document } = await openFixture('mistakes.yaml');
    const line = positionOf(document, 'restartPolicy: Always').line;
    const diagnostics = await waitForDiagnostics(document.uri, (d) =>
      ours(d).some((x) => x.range.start.line === line && x.severity === vscode.DiagnosticSeverity.Error),
    );
    const diag = ours(diagnostics).find((x) => x.range.start.line === line && x.severity === vscode.DiagnosticSeverity.Error)!;
    const actions = await codeActionsFor(document.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Set restartPolicy to OnFailure');
    assert.ok(fix, `no restartPolicy fix among: ${actions.map((a) => a.title).join('; ')}`);
    await applyCodeAction(fix);
    assert.equal(document.lineAt(line).text.trim(), 'restartPolicy: OnFailure');
    await waitForDiagnostics(
      document.uri,
      (d) => !ours(d).some((x) => x.range.start.line === line && x.severity === vscode.DiagnosticSeverity.Error),
    );
  });

  it('code lenses Simulate · Run locally · Apply to cluster sit above a Job and a CronJob', async () => {
    for (const file of ['job.yaml', 'cronjob.yaml']) {
      const { document } = await openFixture(file);
      const lenses = await waitFor(
        async () => {
          const l = await codeLensesFor(document.uri);
          return l.some((x) => x.command?.command === 'kubeJobs.simulate') ? l : undefined;
        },
        { what: `code lenses of ${file}`, pollMs: 250 },
      );
      const commands = lenses.map((l) => l.command?.command);
      for (const id of ['kubeJobs.simulate', 'kubeJobs.runLocally', 'kubeJobs.applyToCluster']) {
        assert.ok(commands.includes(id), `${file}: no ${id} lens`);
      }
      const titles = lenses.map((l) => l.command?.title ?? '');
      assert.ok(
        titles.some((t) => t.includes('Simulate')) && titles.includes('Run locally') && titles.includes('Apply to cluster'),
        `${file}: titles ${titles.join(' · ')}`,
      );
      if (file === 'cronjob.yaml') {
        assert.ok(
          titles.some((t) => t.startsWith('Next run:')),
          `no next-run lens: ${titles.join(' · ')}`,
        );
      }
    }
  });

  it('the Simulate code lens opens the simulation panel with a timeline', async () => {
    const { document } = await openFixture('cronjob.yaml');
    const lens = await waitFor(
      async () => (await codeLensesFor(document.uri)).find((l) => l.command?.command === 'kubeJobs.simulate'),
      { what: 'the Simulate lens', pollMs: 250 },
    );
    const model = await vscode.commands.executeCommand<{ view: string; svgDataUrl?: string; error?: string } | undefined>(
      lens.command!.command,
      ...(lens.command!.arguments ?? []),
    );
    assert.ok(model, 'simulate returned nothing (an error message was shown)');
    assert.equal(model.error, undefined);
    assert.match(model.svgDataUrl ?? '', /^data:image\/svg\+xml/);
    const tab = await waitFor(() => webviewTabs('kubeJobs.simulation')[0], {
      what: 'a simulation webview tab',
      events: [vscode.window.tabGroups.onDidChangeTabs],
    });
    assert.match(tab.label, /Simulate/);
  });
});
