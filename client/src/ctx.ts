import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ConnectedCluster } from '../../src-engine';
import type { ClusterController } from './clusterController';

/**
 * Ctx owns what the extension creates: the log channel, the language client, the cluster
 * controller, and every disposable (rust-analyzer's `Ctx`). Features receive it instead of
 * reaching for globals, and deactivation disposes it in one call.
 */
export class Ctx implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  private readonly disposables: vscode.Disposable[] = [];
  languageClient: LanguageClient | undefined;
  private clusterController: ClusterController | undefined;
  /** The cluster the view is connected to and its /version (kubernetesVersion.ts), for the language server. */
  connectedCluster: ConnectedCluster | null = null;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Kube Jobs', { log: true });
    this.push(this.log);
  }

  /**
   * cluster is the cluster controller. The main module creates it when it loads (the
   * activation shell does not carry the cluster code), before any feature can ask for it.
   */
  get cluster(): ClusterController {
    if (!this.clusterController) throw new Error('kube-jobs: the cluster view is not loaded yet');
    return this.clusterController;
  }

  set cluster(controller: ClusterController) {
    this.clusterController = controller;
  }

  /** push registers disposables to release on deactivation. */
  push(...items: vscode.Disposable[]): void {
    this.disposables.push(...items);
  }

  /** asAbsolutePath resolves a path inside the extension. */
  asAbsolutePath(relative: string): string {
    return this.extension.asAbsolutePath(relative);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (error) {
        console.error(error);
      }
    }
  }
}
