/**
 * The hostile inputs of issue #13 through the real server over stdio, as VS Code sends them:
 * every request on each one gets an answer (a result or a JSON-RPC error), the diagnostics say
 * what is wrong instead of "no problems", and the server is still there for the next document.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { SimulateDocumentRequest } from '../../src-engine';
import {
  aliasedLimitsJob,
  billionLaughsJob,
  compactNestingJob,
  escapeSequenceCronJob,
  manyContainersJob,
} from '../helpers/hostileInputs';
import { openDocument, startServer } from './lspClient';
import type { LspSession } from './lspClient';

const PLAIN_JOB =
  'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: after\nspec:\n  template:\n    spec:\n' +
  '      containers:\n        - {name: c, image: "busybox:1.36"}\n';

/** Each input and what its diagnostics must say. */
const INPUTS: ReadonlyArray<{ name: string; text: () => string; expect: RegExp }> = [
  {
    name: '999 aliases of a 5,000-key map',
    text: () => aliasedLimitsJob(),
    expect: /yaml-syntax: yaml: document contains excessive aliasing/,
  },
  { name: 'billion laughs', text: billionLaughsJob, expect: /yaml-syntax: yaml: document contains excessive aliasing/ },
  {
    name: 'compact - - - nesting, 1.1 MB',
    text: () => compactNestingJob(),
    expect: /file-skipped: not checked: nested more than 400 levels/,
  },
  {
    name: 'a Job with 100,000 containers',
    text: () => manyContainersJob(),
    expect: /findings-limit: \d+ more findings in this document are not shown/,
  },
  { name: 'ESC and BEL in a schedule', text: escapeSequenceCronJob, expect: /schedule-syntax: spec\.schedule: Invalid value/ },
];

describe('language server on hostile input (issue #13)', () => {
  let session: LspSession;

  before(async () => {
    session = await startServer();
  });

  after(async () => {
    await session.close();
  });

  /** Sends a request; an error answer is an answer too (the server said so and lived). */
  async function answer(method: string, params: unknown): Promise<unknown> {
    try {
      return await session.connection.sendRequest(method, params);
    } catch (error) {
      return { error: String(error) };
    }
  }

  for (const input of INPUTS) {
    it(`answers every request on ${input.name}, then serves the next document`, async () => {
      const uri = `file:///hostile/${input.name.replace(/\W+/g, '-')}.yaml`;
      await openDocument(session, uri, input.text());
      const textDocument = { uri };
      const position = { line: 10, character: 12 };
      const report = (await answer('textDocument/diagnostic', { textDocument })) as { items?: Diagnostic[] };
      const said = (report.items ?? []).map((d) => `${String(d.code)}: ${d.message}`).join('\n');
      assert.match(said, input.expect);
      assert.ok((report.items ?? []).length <= 1001, `at most 1,000 findings and a summary, not ${report.items?.length}`);
      for (const [method, params] of [
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/completion', { textDocument, position }],
        [
          'textDocument/codeAction',
          { textDocument, range: { start: position, end: position }, context: { diagnostics: report.items?.slice(0, 5) ?? [] } },
        ],
        ['textDocument/codeLens', { textDocument }],
        ['textDocument/documentSymbol', { textDocument }],
        [
          'textDocument/inlayHint',
          { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } } },
        ],
        [SimulateDocumentRequest.method, { uri, documentIndex: 0, durationMs: 600_000 }],
      ] as const) {
        assert.notEqual(await answer(method, params), undefined, method);
      }
      await session.connection.sendNotification('textDocument/didClose', { textDocument });

      const next = 'file:///hostile/after.yaml';
      await openDocument(session, next, PLAIN_JOB);
      const after = (await answer('textDocument/diagnostic', { textDocument: { uri: next } })) as { items?: Diagnostic[] };
      assert.ok(
        after.items?.some((d) => d.code === 'restart-policy'),
        'the next document is checked as usual',
      );
      await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: next } });
      assert.equal(session.process.exitCode, null, 'the server is still running');
    });
  }
});
