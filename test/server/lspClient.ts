/**
 * A minimal LSP client for tests and benches: builds dist/server.js (server entry only, so
 * other bundles being edited cannot break it), starts `node dist/server.js --stdio`, and
 * speaks JSON-RPC to it as VS Code would.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { ProtocolConnection } from 'vscode-languageserver/node';
import { REPO_ROOT } from '../helpers/paths';

export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist', 'server.js');
/** The launcher the extension starts: dist/server.js with V8's code cache. */
export const LAUNCHER_BUNDLE = path.join(REPO_ROOT, 'dist', 'startServer.js');

let built = false;

/** buildServer bundles server/src/server.ts to dist/server.js (and its launcher) once per test process. */
export function buildServer(): void {
  if (built) return;
  for (const [entry, outfile] of [
    ['server/src/server.ts', SERVER_BUNDLE],
    ['server/src/startWithCodeCache.ts', LAUNCHER_BUNDLE],
  ] as const) {
    // Test files run in parallel processes: build aside and rename, so none starts a half-written bundle.
    const staging = `${outfile}.${process.pid}.tmp.js`;
    buildSync({
      entryPoints: [path.join(REPO_ROOT, entry)],
      outfile: staging,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: false,
      logLevel: 'warning',
    });
    fs.renameSync(staging, outfile);
  }
  built = true;
}

export interface LspSession {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** What the server asked the client for with workspace/configuration. */
  configuration: Record<string, unknown>;
  readonly stderr: string[];
  close(): Promise<void>;
}

export interface StartOptions {
  readonly initializationOptions?: unknown;
  readonly configuration?: Record<string, unknown>;
  /** Start it as the extension does: the launcher, with V8's code cache in this directory. */
  readonly codeCacheDir?: string;
  /** Run this file as the server instead of dist/server.js (the launcher runs the server.js beside it). */
  readonly launcher?: string;
}

/** startServer spawns the bundled server over stdio and completes initialize/initialized. */
export async function startServer(options: StartOptions = {}): Promise<LspSession> {
  buildServer();
  const args =
    options.codeCacheDir === undefined
      ? [SERVER_BUNDLE, '--stdio']
      : [options.launcher ?? LAUNCHER_BUNDLE, '--stdio', `--code-cache-dir=${options.codeCacheDir}`];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const reader = new StreamMessageReader(child.stdout!);
  // No partial-message timer: when a server dies in the middle of a message (killed, as the
  // fault tests do), vscode-jsonrpc re-arms that timer for good, even after dispose, and the test
  // process never exits.
  reader.partialMessageTimeout = 0;
  const connection = createProtocolConnection(reader, new StreamMessageWriter(child.stdin!));
  const session: LspSession = {
    connection,
    process: child,
    configuration: options.configuration ?? {},
    stderr,
    close: async () => {
      try {
        await withTimeout(connection.sendRequest('shutdown'), 2000);
        await connection.sendNotification('exit');
      } catch {
        // The server is gone or stuck; kill it below.
      }
      connection.dispose();
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 2000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section ? (session.configuration[item.section] ?? null) : session.configuration)),
  );
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', (message: { message: string }) => {
    stderr.push(message.message);
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: {
        configuration: true,
        diagnostics: { refreshSupport: true },
        inlayHint: { refreshSupport: true },
        codeLens: { refreshSupport: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        diagnostic: { dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        inlayHint: {},
        codeLens: {},
      },
    },
    initializationOptions: options.initializationOptions ?? {},
    workspaceFolders: null,
  });
  await connection.sendNotification('initialized', {});
  return session;
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** openDocument sends didOpen for a YAML document. */
export async function openDocument(session: LspSession, uri: string, text: string, version = 1): Promise<void> {
  await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
}
