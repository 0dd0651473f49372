/**
 * A large simulation never blocks the language server: while the Simulate code lens's request
 * for a Job with a million pods runs, requests about another file are answered (issue: the
 * server was busy for minutes and other files' requests timed out).
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-languageserver/node';
import type { DocumentDiagnosticReport, Hover, MarkupContent } from 'vscode-languageserver/node';
import type { SimulateDocumentResult } from '../../src-engine';
import { SimulateDocumentRequest } from '../../src-engine';
import { CRONJOB, JOB } from './caret';
import { openDocument, startServer } from './lspClient';
import type { LspSession } from './lspClient';

const BIG_URI = 'file:///work/big-job.yaml';
const OTHER_URI = 'file:///work/nightly.yaml';
/** A lint-clean Job whose simulation creates a million pods (in slices, a few seconds). */
const BIG = JOB.replace(/spec:\n/, 'spec:\n  completions: 1000000\n  parallelism: 1000000\n');
/** One the simulator refuses at once. */
const HUGE = JOB.replace(/spec:\n/, 'spec:\n  completions: 1000000000\n  parallelism: 1000000\n');
const SCHEDULE_LINE = CRONJOB.split('\n').findIndex((line) => line.includes('schedule:'));

describe('language server: simulations run beside other requests', () => {
  let session: LspSession;

  before(async () => {
    session = await startServer({ configuration: { kubeJobs: { rules: {} } } });
    await openDocument(session, BIG_URI, `${BIG}---\n${HUGE}`);
    await openDocument(session, OTHER_URI, CRONJOB);
  });

  after(async () => {
    await session.close();
  });

  it('answers hover and diagnostics on another file while a million-pod simulation runs', async () => {
    let simulationDone = false;
    const simulation = session.connection
      .sendRequest<SimulateDocumentResult>(SimulateDocumentRequest.method, { uri: BIG_URI, documentIndex: 0, svg: true })
      .then((result) => {
        simulationDone = true;
        return result;
      });
    const hover: Hover = await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: OTHER_URI },
      position: { line: SCHEDULE_LINE, character: 14 },
    });
    assert.match((hover.contents as MarkupContent).value, /03:00/);
    assert.equal(simulationDone, false, 'the hover was answered before the simulation ended');
    const report: DocumentDiagnosticReport = await session.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: OTHER_URI },
    });
    assert.equal(report.kind, 'full');
    assert.equal(simulationDone, false, 'the diagnostics were answered before the simulation ended');
    const result = await simulation;
    assert.equal(result.kind, 'Job');
    // Either it finished or it stopped at its work budget and said so; never silence.
    const json = result.result as { podsCreated: number; stopped: { message: string } | null; status: { succeeded: number } };
    if (json.stopped === null) {
      assert.equal(result.error, undefined);
      assert.equal(json.status.succeeded, 1_000_000);
    } else {
      assert.equal(result.error, json.stopped.message);
    }
  });

  it('refuses a Job too large to simulate at once, with the reason', async () => {
    const result: SimulateDocumentResult = await session.connection.sendRequest(SimulateDocumentRequest.method, {
      uri: BIG_URI,
      documentIndex: 1,
    });
    assert.match(result.error ?? '', /too large to simulate to its end: it would create at least 1,000,000,000 pods/);
  });

  it('a cancelled simulation stops, and the server goes on answering', async () => {
    const source = new CancellationTokenSource();
    const simulation = session.connection.sendRequest<SimulateDocumentResult>(
      SimulateDocumentRequest.method,
      { uri: BIG_URI, documentIndex: 0, svg: false },
      source.token,
    );
    source.cancel();
    assert.equal((await simulation).error, 'simulation cancelled');
    const hover: Hover = await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: OTHER_URI },
      position: { line: SCHEDULE_LINE, character: 14 },
    });
    assert.match((hover.contents as MarkupContent).value, /03:00/);
  });
});
