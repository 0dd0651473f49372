/**
 * Never crash, never hang: 10,000 generated documents (random bytes, truncated and mutated
 * manifests, Helm templates, deep nesting, alias bombs) and a 10 MB file go through the real
 * server over stdio. Every request must be answered, none with a JSON-RPC error, the server must
 * still run, and afterwards it must still check a manifest as before: what a user would notice.
 * How long the answers take is a figure, measured by bench/lspFuzz.mjs with the same load.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { CRONJOB } from './caret';
import { tenMegabytes, prng } from './fuzzCorpus';
import { driveFuzz, requestsFor } from './fuzzRun';
import { openDocument, startServer } from './lspClient';
import type { LspSession } from './lspClient';

const DOCUMENTS = 10_000;
/**
 * Not a speed requirement: only so that a server that stops answering fails this test instead
 * of stalling `npm test` forever. The run takes about 15 s; this is 40 times that.
 */
const HANG_GUARD = { timeout: 10 * 60_000 };

describe('fuzz: every request is answered and the server survives', () => {
  let session: LspSession;
  let sent = 0;
  let answered = 0;
  const failed: string[] = [];

  before(async () => {
    session = await startServer({ initializationOptions: { localTimeZone: 'Europe/Paris' } });
  });

  after(async () => {
    await session.close();
  });

  async function ask(method: string, params: unknown, kind: string): Promise<void> {
    sent++;
    try {
      await session.connection.sendRequest(method, params);
      answered++;
    } catch (error) {
      failed.push(`${method} on a ${kind} document: ${String(error)}`);
    }
  }

  const diagnostics = (uri: string): Promise<DocumentDiagnosticReport> =>
    session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });

  it('survives a 10 MB file and says why it was not checked', HANG_GUARD, async () => {
    const uri = 'file:///fuzz/huge.yaml';
    const text = tenMegabytes();
    await openDocument(session, uri, text);
    for (const [method, params] of requestsFor(uri, text, prng(1), true)) await ask(method, params, '10 MB');
    const report = await diagnostics(uri);
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual(failed, []);
    const codes = report.kind === 'full' ? report.items.map((d) => d.code) : [];
    assert.ok(codes.includes('file-skipped'), `the editor shows why a 10 MB file is not checked: ${JSON.stringify(codes)}`);
  });

  it(`answers every request about ${DOCUMENTS} generated documents`, HANG_GUARD, async () => {
    const kinds = await driveFuzz(session, DOCUMENTS, ask);
    assert.deepEqual(failed.slice(0, 10), [], `${failed.length} requests failed`);
    assert.equal(answered, sent, 'every request was answered');
    assert.ok(sent >= DOCUMENTS * 2, `${sent} requests sent`);
    assert.ok(kinds.size >= 6, `every kind of input was generated: ${[...kinds.keys()].join(', ')}`);
  });

  it('is still running, and still checks a manifest as before', HANG_GUARD, async () => {
    assert.equal(session.process.exitCode, null, 'the server has not exited');
    assert.equal(session.process.signalCode, null, 'the server was not killed');
    const uri = 'file:///fuzz/after.yaml';
    await openDocument(session, uri, CRONJOB.replace('"0 3 * * *"', '*/5 * * * *'));
    const report = await diagnostics(uri);
    const codes = report.kind === 'full' ? report.items.map((d) => d.code) : [];
    assert.ok(codes.includes('schedule-yaml'), `the unquoted schedule is still reported: ${JSON.stringify(codes)}`);
  });
});
