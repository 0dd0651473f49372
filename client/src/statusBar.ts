import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { readConfig } from './config';

/** createStatusBar shows `context · namespaces` of the cluster view; clicking switches context. */
export function createStatusBar(ctx: Ctx): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('kubeJobs.context', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Kube Jobs context';
  item.command = 'kubeJobs.selectContext';
  const update = (): void => {
    const c = ctx.cluster;
    if (!readConfig().statusBar.enabled || c.phase === 'idle') {
      item.hide();
      return;
    }
    const icon = c.phase === 'error' || c.phase === 'noKubeconfig' ? '$(warning)' : c.phase === 'loading' ? '$(loading~spin)' : '$(server-environment)';
    item.text = `${icon} ${c.contextName || 'no context'}${c.contextName ? ` · ${c.namespacesLabel()}` : ''}`;
    item.tooltip = c.error ? `Kube Jobs: ${c.error}` : `Kube Jobs: context ${c.contextName}, ${c.namespacesLabel()} — click to switch context`;
    item.show();
  };
  update();
  return vscode.Disposable.from(item, c(ctx).onDidChangeState(update), vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('kubeJobs.statusBar') && update()));
}

const c = (ctx: Ctx): Ctx['cluster'] => ctx.cluster;
