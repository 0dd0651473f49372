/**
 * Language server entry point: the only file that imports the transport. It wires each LSP
 * request to a pure provider in features/ (one line each), guarded so no request can crash
 * the server. `node dist/server.js --stdio` or `--node-ipc` (the extension uses IPC).
 */
import {
  CodeActionKind,
  createConnection,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  RequestType,
  RequestType0,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { Diagnostic, DocumentDiagnosticReport, InitializeResult } from 'vscode-languageserver/node';
import {
  CODE_CACHE_STATE_KEY,
  DescribeScheduleRequest,
  KUBE_JOBS_SETTINGS_SECTION,
  ServerStatsRequest,
  SimulateDocumentRequest,
} from '../../src-engine';
import type {
  CodeCacheState,
  DescribeScheduleParams,
  DescribeScheduleResult,
  ServerStatsResult,
  SimulateDocumentParams,
  SimulateDocumentResult,
} from '../../src-engine';
import { DocumentStore } from './documents';
import { PieceText } from './pieceText';
import type { ParsedDocument } from './documents';
import { mergeSettings, settingsFromInitialization } from './settings';
import type { Settings } from './settings';
import { provideCodeActions, FIX_ALL_KIND } from './features/codeActions';
import { provideCodeLenses } from './features/codeLens';
import { provideCompletion } from './features/completion';
import { diagnosticParts } from './features/diagnostics';
import { provideDocumentSymbols } from './features/documentSymbols';
import { provideHover } from './features/hover';
import { provideInlayHints } from './features/inlayHints';
import { provideScheduleDescription, provideSimulation } from './features/simulate';
import { limitInlining } from './inliningBudget';

limitInlining();

const connection = createConnection(ProposedFeatures.all);
// Open files are kept in pieces (pieceText.ts): a keystroke in a big file touches only its document.
const textDocuments = new TextDocuments<PieceText>({
  create: (uri, languageId, version, text) => new PieceText(uri, languageId, version, text),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
});
const store = new DocumentStore();
const lastDiagnosticsMs: Record<string, number> = {};
/** The last diagnostics sent per uri, to answer "unchanged" when an edit changed none. */
const lastReports = new Map<string, { resultId: string; parts: readonly Diagnostic[][]; version: number; generation: number }>();
let reportCount = 0;
let settings: Settings = settingsFromInitialization(undefined);
let settingsGeneration = 0;
let canPullConfiguration = false;
let canRefresh = { diagnostics: false, inlayHints: false, codeLens: false };

/** withDocument runs a provider on the parsed document, or answers `fallback` (unknown uri, provider error). */
function withDocument<T>(uri: string, fallback: T, provide: (doc: ParsedDocument) => T): T {
  const source = textDocuments.get(uri);
  if (!source) return fallback;
  return guard(fallback, () => provide(store.get(source)));
}

function guard<T>(fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    connection.console.error(`kube-jobs: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

connection.onInitialize((params): InitializeResult => {
  settings = settingsFromInitialization(params.initializationOptions);
  const capabilities = params.capabilities;
  canPullConfiguration = capabilities.workspace?.configuration === true;
  canRefresh = {
    diagnostics: capabilities.workspace?.diagnostics?.refreshSupport === true,
    inlayHints: capabilities.workspace?.inlayHint?.refreshSupport === true,
    codeLens: capabilities.workspace?.codeLens?.refreshSupport === true,
  };
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      diagnosticProvider: { identifier: 'kube-jobs', interFileDependencies: false, workspaceDiagnostics: false },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':', ' ', '-', '"'], resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: true,
      documentSymbolProvider: true,
    },
    serverInfo: { name: 'kube-jobs', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) void refreshSettings(undefined);
});

connection.onDidChangeConfiguration((change) => {
  void refreshSettings((change.settings as Record<string, unknown> | null | undefined)?.[KUBE_JOBS_SETTINGS_SECTION]);
});

/** Settings come from workspace/configuration when the client supports it, else from the notification. */
async function refreshSettings(pushed: unknown): Promise<void> {
  try {
    // The pulled section holds the user's settings; a pushed one may add client facts (redHatYamlInstalled).
    const pulled: unknown = canPullConfiguration
      ? await connection.workspace.getConfiguration(KUBE_JOBS_SETTINGS_SECTION)
      : undefined;
    settings = mergeSettings(mergeSettings(settings, pulled), pushed);
    settingsGeneration++;
    if (canRefresh.diagnostics) connection.languages.diagnostics.refresh();
    if (canRefresh.inlayHints) connection.languages.inlayHint.refresh();
    if (canRefresh.codeLens) void connection.sendRequest('workspace/codeLens/refresh');
  } catch (error) {
    connection.console.error(`kube-jobs: could not read settings: ${String(error)}`);
  }
}

textDocuments.onDidClose((event) => {
  store.delete(event.document.uri);
  lastReports.delete(event.document.uri);
});

// ---- the wiring table -----------------------------------------------------------------------
connection.languages.diagnostics.on((p): DocumentDiagnosticReport => {
  const uri = p.textDocument.uri;
  const source = textDocuments.get(uri);
  const last = lastReports.get(uri);
  if (
    last &&
    source?.version === last.version &&
    settingsGeneration === last.generation &&
    p.previousResultId === last.resultId
  ) {
    return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
  }
  const started = performance.now();
  const parts = withDocument(uri, [], (doc) => diagnosticParts(doc, settings));
  lastDiagnosticsMs[uri] = performance.now() - started;
  // The result id names the diagnostics, not the text: an edit that changes no diagnostic
  // (most keystrokes) answers "unchanged", and the editor keeps what it shows.
  const resultId = last && sameDiagnostics(last.parts, parts) ? last.resultId : String(++reportCount);
  lastReports.set(uri, { resultId, parts, version: source?.version ?? -1, generation: settingsGeneration });
  if (p.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  const items: Diagnostic[] = [];
  for (const part of parts) items.push(...part);
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
});
/** sameDiagnostics compares two reports part by part; an untouched document's part is the same array. */
function sameDiagnostics(before: readonly Diagnostic[][], after: readonly Diagnostic[][]): boolean {
  if (before.length !== after.length) return JSON.stringify(before.flat()) === JSON.stringify(after.flat());
  return after.every((part, i) => part === before[i] || JSON.stringify(part) === JSON.stringify(before[i]));
}
connection.onHover((p) => withDocument(p.textDocument.uri, null, (doc) => provideHover(doc, p.position, settings, Date.now())));
connection.onCompletion((p) => withDocument(p.textDocument.uri, null, (doc) => provideCompletion(doc, p.position, settings)));
connection.onCodeAction((p) =>
  withDocument(p.textDocument.uri, [], (doc) => provideCodeActions(doc, p.range, settings, p.context.only)),
);
connection.onCodeLens((p) => withDocument(p.textDocument.uri, [], (doc) => provideCodeLenses(doc, settings, Date.now())));
connection.languages.inlayHint.on((p) =>
  withDocument(p.textDocument.uri, [], (doc) => provideInlayHints(doc, p.range, settings)),
);
connection.onDocumentSymbol((p) => withDocument(p.textDocument.uri, [], (doc) => provideDocumentSymbols(doc)));
connection.onRequest(
  new RequestType<SimulateDocumentParams, SimulateDocumentResult, void>(SimulateDocumentRequest.method),
  // Asynchronous: the simulation runs in slices, so the server answers other requests meanwhile.
  (p, token) =>
    withDocument<Promise<SimulateDocumentResult>>(
      p.uri,
      Promise.resolve({ uri: p.uri, documentIndex: p.documentIndex, error: `${p.uri} is not open` }),
      (doc) => provideSimulation(doc, p, Date.now(), token),
    ),
);
connection.onRequest(new RequestType<DescribeScheduleParams, DescribeScheduleResult, void>(DescribeScheduleRequest.method), (p) =>
  guard(
    { valid: false, error: 'internal error', timeZone: 'UTC', localTimeZone: settings.localTimeZone, nextRuns: [], warnings: [] },
    () => provideScheduleDescription(p, settings, Date.now()),
  ),
);
connection.onRequest(new RequestType0<ServerStatsResult, void>(ServerStatsRequest.method), (): ServerStatsResult => {
  const memory = process.memoryUsage();
  return {
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    openDocuments: store.size,
    lastDiagnosticsMs: { ...lastDiagnosticsMs },
    codeCache: ((globalThis as Record<symbol, unknown>)[CODE_CACHE_STATE_KEY] as CodeCacheState | undefined) ?? 'off',
  };
});

// A stray exception must not take the server (and every open editor's features) down.
process.on('uncaughtException', (error) => connection.console.error(`kube-jobs: uncaught ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`kube-jobs: unhandled rejection ${String(reason)}`));

textDocuments.listen(connection);
connection.listen();
