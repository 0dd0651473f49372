import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../ctx';
import type { FromWebview, ToWebview } from './contract';
import { isFromWebview } from './contract';
import { makeNonce, panelHtml } from './html';

/**
 * BasePanel is the shared part of every kube-jobs webview: a CSP'd shell page loading
 * dist/webview.js, resources limited to dist/ and media/, a typed message channel, and a
 * disposables list. Subclasses post models and handle messages.
 */
export abstract class BasePanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  protected readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private queued: ToWebview[] = [];
  private disposed = false;

  protected constructor(
    protected readonly ctx: Ctx,
    viewType: string,
    title: string,
    existing?: vscode.WebviewPanel,
  ) {
    const roots = [vscode.Uri.file(ctx.asAbsolutePath('dist')), vscode.Uri.file(ctx.asAbsolutePath('media'))];
    this.panel =
      existing ??
      vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: roots,
      });
    this.panel.webview.options = { enableScripts: true, localResourceRoots: roots };
    this.panel.title = title;
    const webview = this.panel.webview;
    webview.html = panelHtml({
      nonce: makeNonce((n) => randomBytes(n)),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.file(ctx.asAbsolutePath('dist/webview.js'))).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.file(ctx.asAbsolutePath('media/panel.css'))).toString(),
      title,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => {
        if (!isFromWebview(m)) {
          ctx.log.warn(`webview: ignored malformed message ${JSON.stringify(m)?.slice(0, 200)}`);
          return;
        }
        if (m.type === 'ready') {
          this.ready = true;
          for (const q of this.queued.splice(0)) void webview.postMessage(q);
        }
        void Promise.resolve(this.onMessage(m)).catch((error: unknown) => {
          const text = error instanceof Error ? error.message : String(error);
          ctx.log.error(`panel: ${text}`);
          void vscode.window.showErrorMessage(text);
        });
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  /** post sends a message once the page has said it is ready (earlier ones are queued). */
  protected post(message: ToWebview): void {
    if (this.disposed) return;
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queued.push(message);
  }

  protected abstract onMessage(message: FromWebview): void | Promise<void>;

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
