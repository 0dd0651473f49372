/**
 * Never crash, never hang: 10,000 generated documents (random bytes, truncated and mutated
 * manifests, Helm templates, deep nesting, alias bombs) and a 10 MB file go through the real
 * server over stdio; every request must answer, without a JSON-RPC error, within 1 s (a
 * correctness bound on hangs, measured per request, not a performance figure).
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DescribeScheduleRequest, SimulateDocumentRequest } from '../../src-engine';
import { prng, sample, tenMegabytes } from './fuzzCorpus';
import { openDocument, startServer } from './lspClient';
import type { LspSession } from './lspClient';

const DOCUMENTS = 10_000;
const ANSWER_WITHIN_MS = 1000;

describe('fuzz: every request answers within 1 s', () => {
  let session: LspSession;
  const slowest: { ms: number; method: string; kind: string }[] = [];

  before(async () => {
    session = await startServer({ initializationOptions: { localTimeZone: 'Europe/Paris' } });
  });

  after(async () => {
    await session.close();
  });

  async function timed(method: string, params: unknown, kind: string): Promise<void> {
    const started = performance.now();
    try {
      await session.connection.sendRequest(method, params);
    } catch (error) {
      assert.fail(`${method} on a ${kind} document failed: ${String(error)}`);
    }
    const ms = performance.now() - started;
    if (ms > ANSWER_WITHIN_MS) slowest.push({ ms, method, kind });
  }

  function requests(uri: string, text: string, random: () => number, all: boolean): [string, unknown][] {
    const lines = text.split('\n');
    const line = Math.floor(random() * (lines.length + 2));
    const position = { line, character: Math.floor(random() * ((lines[line]?.length ?? 0) + 3)) };
    const textDocument = { uri };
    const range = { start: position, end: { line: line + Math.floor(random() * 5), character: 0 } };
    const menu: [string, unknown][] = [
      ['textDocument/hover', { textDocument, position }],
      ['textDocument/completion', { textDocument, position }],
      ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
      ['textDocument/codeLens', { textDocument }],
      ['textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } }],
      ['textDocument/documentSymbol', { textDocument }],
      [SimulateDocumentRequest.method, { uri, documentIndex: Math.floor(random() * 3), durationMs: 3600_000 }],
      [DescribeScheduleRequest.method, { schedule: text.slice(0, 30), timeZone: random() < 0.5 ? 'Europe/Berlin' : text.slice(5, 20), count: 5 }],
    ];
    const chosen: [string, unknown][] = [['textDocument/diagnostic', { textDocument }]];
    if (all) chosen.push(...menu);
    else chosen.push(menu[Math.floor(random() * menu.length)] as [string, unknown]);
    return chosen;
  }

  it('survives a 10 MB file', async () => {
    const uri = 'file:///fuzz/huge.yaml';
    const text = tenMegabytes();
    await openDocument(session, uri, text);
    for (const [method, params] of requests(uri, text, prng(1), true)) await timed(method, params, '10 MB');
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual(slowest, []);
  });

  it(`survives ${DOCUMENTS} generated documents`, async () => {
    const kinds = new Map<string, number>();
    // Four editors at once (one document each), so round trips overlap as they do in VS Code.
    const lanes = [0, 1, 2, 3].map(async (lane) => {
      const random = prng(20261130 + lane);
      const uri = `file:///fuzz/lane${lane}.yaml`;
      for (let version = 1; version <= DOCUMENTS / 4; version++) {
        const { kind, text } = sample(random);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        if (version === 1) await openDocument(session, uri, text);
        else if (random() < 0.3) {
          // An incremental edit at a random place (possibly past the end: the text document clamps it).
          const line = Math.floor(random() * 40);
          await session.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: { line, character: Math.floor(random() * 30) }, end: { line: line + Math.floor(random() * 3), character: 0 } }, text: text.slice(0, 200) }],
          });
        } else {
          await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        }
        await Promise.all(requests(uri, text, random, version % 25 === 0).map(([method, params]) => timed(method, params, kind)));
      }
    });
    await Promise.all(lanes);
    assert.deepEqual(slowest, [], `slow answers: ${JSON.stringify(slowest.slice(0, 10))}`);
    assert.equal(session.process.exitCode, null, 'the server is still running');
    assert.ok([...kinds.keys()].length >= 6, `every kind of input was generated: ${[...kinds.keys()].join(', ')}`);
  });
});
