/**
 * The fuzz load on the language server, shared by test/server/lspFuzz.test.ts (every request is
 * answered, the server lives) and bench/lspFuzz.mjs (how long the answers take): generated
 * documents opened and edited in four editors at once, each followed by the requests VS Code
 * sends about a document, at random positions.
 */
import { DescribeScheduleRequest, SimulateDocumentRequest } from '../../src-engine';
import { prng, sample } from './fuzzCorpus';
import { openDocument } from './lspClient';
import type { LspSession } from './lspClient';

/** Sends one request and settles when it is answered; `kind` names the input it is about. */
export type Ask = (method: string, params: unknown, kind: string) => Promise<void>;

/** The pull-diagnostics request, and either one other feature at random or (`all`) every one. */
export function requestsFor(uri: string, text: string, random: () => number, all: boolean): [string, unknown][] {
  const lines = text.split('\n');
  const line = Math.floor(random() * (lines.length + 2));
  const position = { line, character: Math.floor(random() * ((lines[line]?.length ?? 0) + 3)) };
  const textDocument = { uri };
  const range = { start: position, end: { line: line + Math.floor(random() * 5), character: 0 } };
  const wholeFile = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
  // Drawn before the list, in the order it uses them, so a seed gives the same requests as ever.
  const documentIndex = Math.floor(random() * 3);
  const zone = random() < 0.5 ? 'Europe/Berlin' : text.slice(5, 20);
  const menu: [string, unknown][] = [
    ['textDocument/hover', { textDocument, position }],
    ['textDocument/completion', { textDocument, position }],
    ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
    ['textDocument/codeLens', { textDocument }],
    ['textDocument/inlayHint', { textDocument, range: wholeFile }],
    ['textDocument/documentSymbol', { textDocument }],
    [SimulateDocumentRequest.method, { uri, documentIndex, durationMs: 3600_000 }],
    [DescribeScheduleRequest.method, { schedule: text.slice(0, 30), timeZone: zone, count: 5 }],
  ];
  const chosen: [string, unknown][] = [['textDocument/diagnostic', { textDocument }]];
  if (all) chosen.push(...menu);
  else chosen.push(menu[Math.floor(random() * menu.length)] as [string, unknown]);
  return chosen;
}

function change(session: LspSession, uri: string, version: number, contentChange: object): Promise<void> {
  const params = { textDocument: { uri, version }, contentChanges: [contentChange] };
  return session.connection.sendNotification('textDocument/didChange', params);
}

/**
 * driveFuzz opens one document per editor (four editors, so round trips overlap as in VS Code),
 * replaces or edits it `documents / 4` times with generated text, and asks after each change.
 * Returns how many documents of each kind were generated; `onText` sees each generated text.
 */
export async function driveFuzz(
  session: LspSession,
  documents: number,
  ask: Ask,
  onText?: (text: string) => void,
): Promise<Map<string, number>> {
  const kinds = new Map<string, number>();
  const lanes = [0, 1, 2, 3].map(async (lane) => {
    const random = prng(20261130 + lane);
    const uri = `file:///fuzz/lane${lane}.yaml`;
    for (let version = 1; version <= documents / 4; version++) {
      const { kind, text } = sample(random);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      onText?.(text);
      if (version === 1) await openDocument(session, uri, text);
      else if (random() < 0.3) {
        // An incremental edit at a random place (possibly past the end: the text document clamps it).
        const line = Math.floor(random() * 40);
        const start = { line, character: Math.floor(random() * 30) };
        const range = { start, end: { line: line + Math.floor(random() * 3), character: 0 } };
        await change(session, uri, version, { range, text: text.slice(0, 200) });
      } else {
        await change(session, uri, version, { text });
      }
      await Promise.all(requestsFor(uri, text, random, version % 25 === 0).map(([method, params]) => ask(method, params, kind)));
    }
  });
  await Promise.all(lanes);
  return kinds;
}
