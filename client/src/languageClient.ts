import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
// protocol.ts itself, not the engine's index: that would put the whole engine in the activation bundle.
import { LANGUAGE_SERVER_EXEC_ARGV } from '../../src-engine/protocol';
import type { KubeJobsInitializationOptions } from '../../src-engine';
import type { Ctx } from './ctx';

/** The Red Hat YAML extension: when present, the server leaves generic YAML errors to it. */
const RED_HAT_YAML = 'redhat.vscode-yaml';

/** initializationOptions sent to the server (shape declared in src-engine/protocol.ts). */
export function initializationOptions(ctx?: Ctx): KubeJobsInitializationOptions {
  const c = vscode.workspace.getConfiguration('kubeJobs');
  const redHatYamlInstalled = vscode.extensions.getExtension(RED_HAT_YAML) !== undefined;
  return {
    settings: {
      rules: c.get('rules') ?? {},
      inlayHints: { schedule: c.get<boolean>('inlayHints.schedule') !== false },
      codeLens: { enabled: c.get<boolean>('codeLens.enabled') !== false },
      fixAll: { includeAdvice: c.get<boolean>('fixAll.includeAdvice') === true },
      redHatYamlInstalled,
      kubernetesVersion: c.get<string>('kubernetesVersion') ?? 'auto',
      // A cluster the view connected to before the server started (kubernetesVersion.ts tells it later ones).
      ...(ctx?.connectedCluster ? { connectedCluster: ctx.connectedCluster } : {}),
    },
    redHatYamlInstalled,
    localTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

/**
 * startLanguageClient starts the language server over IPC: dist/startServer.js, which runs
 * dist/server.js with V8's code cache (a debug run starts dist/server.js itself, with an inspector port).
 * The client library is loaded here, after activation has returned, so opening a YAML file
 * does not wait for it.
 */
export async function startLanguageClient(ctx: Ctx): Promise<LanguageClient> {
  const imported = await import('vscode-languageclient/node');
  // Bundled, this is a CommonJS file loaded with import(): its exports may sit under `default`.
  const lc = 'LanguageClient' in imported ? imported : (imported as unknown as { default: typeof imported }).default;
  const serverOptions: ServerOptions = {
    // Heap sizes for a server holding syntax trees (LANGUAGE_SERVER_EXEC_ARGV says why), and
    // V8's code cache in the extension's storage (server/src/startWithCodeCache.ts says why).
    run: {
      module: ctx.asAbsolutePath('dist/startServer.js'),
      transport: lc.TransportKind.ipc,
      args: [`--code-cache-dir=${path.join(ctx.extension.globalStorageUri.fsPath, 'code-cache')}`],
      options: { execArgv: [...LANGUAGE_SERVER_EXEC_ARGV] },
    },
    debug: {
      module: ctx.asAbsolutePath('dist/server.js'),
      transport: lc.TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6019', ...LANGUAGE_SERVER_EXEC_ARGV] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'kubeJobs' },
    initializationOptions: initializationOptions(ctx),
    outputChannel: ctx.log,
  };
  const client = new lc.LanguageClient('kubeJobs', 'Kube Jobs Language Server', serverOptions, clientOptions);
  ctx.languageClient = client;
  ctx.push({ dispose: () => void client.stop() });
  // Installing or removing the Red Hat extension changes who reports YAML syntax errors.
  ctx.push(
    vscode.extensions.onDidChange(() => {
      void client.sendNotification('workspace/didChangeConfiguration', {
        settings: { kubeJobs: { redHatYamlInstalled: vscode.extensions.getExtension(RED_HAT_YAML) !== undefined } },
      });
    }),
  );
  await client.start();
  // The cluster view may have connected while the server started.
  if (ctx.connectedCluster) {
    const settings = { kubeJobs: { connectedCluster: ctx.connectedCluster } };
    await client.sendNotification('workspace/didChangeConfiguration', { settings });
  }
  return client;
}
