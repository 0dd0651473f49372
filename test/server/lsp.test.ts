/**
 * The built server (dist/server.js) over stdio, driven the way VS Code drives it: every
 * feature through the real protocol.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  DocumentDiagnosticReport,
  DocumentSymbol,
  Hover,
  InlayHint,
  MarkupContent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DescribeScheduleResult, ServerStatsResult, SimulateDocumentResult } from '../../src-engine';
import { DescribeScheduleRequest, ServerStatsRequest, SimulateDocumentRequest } from '../../src-engine';
import { CRONJOB, JOB } from './caret';
import { openDocument, startServer } from './lspClient';
import type { LspSession } from './lspClient';

const URI = 'file:///work/jobs.yaml';
const UNQUOTED = CRONJOB.replace('"0 3 * * *"', '*/5 * * * *');
const TEXT = `${JOB}---\n${UNQUOTED}`;
const CRON_START = JOB.split('\n').length - 1; // the CronJob's `---` line
const SCHEDULE_LINE = CRON_START + 1 + 5;

describe('language server over stdio', () => {
  let session: LspSession;

  before(async () => {
    session = await startServer({
      initializationOptions: { localTimeZone: 'Asia/Tokyo' },
      configuration: { kubeJobs: { rules: {} } },
    });
    await openDocument(session, URI, TEXT);
  });

  after(async () => {
    await session.close();
  });

  const diagnostics = async (uri = URI): Promise<DocumentDiagnosticReport> =>
    session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });

  it('pulls diagnostics with rule ids and docs links', async () => {
    const report = await diagnostics();
    assert.equal(report.kind, 'full');
    const items = report.kind === 'full' ? report.items : [];
    const schedule = items.find((d) => d.code === 'schedule-yaml');
    assert.ok(schedule, JSON.stringify(items.map((d) => d.code)));
    assert.equal(schedule.range.start.line, SCHEDULE_LINE);
    assert.match(schedule.codeDescription?.href ?? '', /^https:\/\/kubernetes\.io\/docs\//);
    assert.ok(items.every((d) => typeof d.code === 'string' && d.source === 'kube-jobs'));
  });

  it('answers "unchanged" for the same version', async () => {
    const first = await diagnostics();
    const again: DocumentDiagnosticReport = await session.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: URI },
      previousResultId: first.resultId,
    });
    assert.equal(again.kind, 'unchanged');
  });

  it('answers "unchanged" after an edit that changes no diagnostic', async () => {
    const first = await diagnostics();
    const line = JOB.split('\n').findIndex((l) => l.includes('image: busybox:1.36'));
    const column = JOB.split('\n')[line]!.indexOf('1.36') + 3;
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 50 },
      contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '7' }],
    });
    const again: DocumentDiagnosticReport = await session.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: URI },
      previousResultId: first.resultId,
    });
    assert.equal(again.kind, 'unchanged');
    assert.equal(again.resultId, first.resultId);
  });

  it('hovers a schedule with words and runs in three zones', async () => {
    const hover: Hover = await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: SCHEDULE_LINE, character: 14 },
    });
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /Every 5 minutes/i);
    assert.match(text, /Europe\/Berlin \| UTC \| Asia\/Tokyo \(you\)/);
  });

  it('completes enum values', async () => {
    const line = JOB.split('\n').findIndex((l) => l.includes('restartPolicy'));
    const list: CompletionList = await session.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line, character: '      restartPolicy: '.length },
    });
    assert.deepEqual(list.items.map((item) => item.label).sort(), ['Never', 'OnFailure']);
  });

  it('offers the engine fix and fix-all as code actions', async () => {
    const range = { start: { line: SCHEDULE_LINE, character: 14 }, end: { line: SCHEDULE_LINE, character: 14 } };
    const actions: CodeAction[] = await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range,
      context: { diagnostics: [] },
    });
    const quote = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
    assert.ok(quote, JSON.stringify(actions.map((a) => a.title)));
    const fixed = TextDocument.applyEdits(TextDocument.create(URI, 'yaml', 1, TEXT), quote.edit?.changes?.[URI] ?? []);
    assert.ok(fixed.includes('schedule: "*/5 * * * *"'));
    assert.ok(actions.some((a) => a.title === 'Fix all kube-jobs problems in file'));
  });

  it('puts code lenses above each workload', async () => {
    const lenses: CodeLens[] = await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } });
    const commands = lenses.map((lens) => lens.command?.command);
    assert.equal(commands.filter((c) => c === 'kubeJobs.simulate').length, 2);
    assert.equal(commands.filter((c) => c === 'kubeJobs.applyToCluster').length, 2);
    assert.equal(lenses.find((l) => l.command?.command === 'kubeJobs.runLocally')?.range.start.line, 0);
  });

  it('shows the schedule in words as an inlay hint', async () => {
    const hints: InlayHint[] = await session.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
    });
    assert.equal(hints.length, 1);
    assert.equal(hints[0]?.position.line, SCHEDULE_LINE);
  });

  it('lists document symbols', async () => {
    const symbols: DocumentSymbol[] = await session.connection.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri: URI },
    });
    assert.deepEqual(
      symbols.map((s) => s.detail),
      ['Job', 'CronJob'],
    );
  });

  it('answers the custom requests declared in protocol.ts', async () => {
    const described: DescribeScheduleResult = await session.connection.sendRequest(DescribeScheduleRequest.method, {
      schedule: '30 2 * * *',
      timeZone: 'America/New_York',
      afterMs: Date.UTC(2026, 2, 7),
      count: 3,
    });
    assert.equal(described.localTimeZone, 'Asia/Tokyo');
    assert.deepEqual(
      described.nextRuns.map((r) => r.inZone),
      ['2026-03-07T02:30:00-05:00', '2026-03-09T02:30:00-04:00', '2026-03-10T02:30:00-04:00'],
    );
    const simulated: SimulateDocumentResult = await session.connection.sendRequest(SimulateDocumentRequest.method, {
      uri: URI,
      documentIndex: 0,
      startMs: Date.UTC(2026, 2, 2),
    });
    assert.equal(simulated.kind, 'Job');
    assert.ok(simulated.result, simulated.error);
    assert.match(simulated.svg ?? '', /^<svg/);
    const stats: ServerStatsResult = await session.connection.sendRequest(ServerStatsRequest.method);
    assert.ok(stats.rssBytes > 0);
    assert.equal(stats.openDocuments, 1);
  });

  it('applies incremental edits and re-checks', async () => {
    const edit = {
      range: { start: { line: SCHEDULE_LINE, character: 12 }, end: { line: SCHEDULE_LINE, character: 23 } },
      text: '"*/5 * * * *"',
    };
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 51 },
      contentChanges: [edit],
    });
    const report = await diagnostics();
    const items = report.kind === 'full' ? report.items : [];
    assert.equal(items.filter((d) => d.code === 'schedule-yaml').length, 0);
  });

  it('re-reads settings when they change and drops a rule turned off', async () => {
    const before = await diagnostics();
    const codes = before.kind === 'full' ? before.items.map((d) => String(d.code)) : [];
    const victim = codes.find((code) => code !== 'schedule-yaml');
    assert.ok(victim, 'some finding to turn off');
    session.configuration = { kubeJobs: { rules: { [victim]: 'off' } } };
    const refreshed = new Promise<void>((resolve) =>
      session.connection.onRequest('workspace/diagnostic/refresh', () => {
        resolve();
        return null;
      }),
    );
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await refreshed;
    const after = await diagnostics();
    assert.ok(after.kind === 'full' && !after.items.some((d) => d.code === victim));
  });

  it('leaves files without Jobs alone and survives unknown documents', async () => {
    await openDocument(session, 'file:///work/config.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: [1,\n');
    const report = await diagnostics('file:///work/config.yaml');
    assert.deepEqual(report.kind === 'full' ? report.items : null, []);
    const hover = await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///nowhere.yaml' },
      position: { line: 0, character: 0 },
    });
    assert.equal(hover, null);
  });
});
