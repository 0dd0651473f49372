import * as vscode from 'vscode';
import type { ClusterController } from './clusterController';
import { readConfig } from './config';

/**
 * createStatusBar shows `context · namespaces watched` of the cluster view, and says when the
 * view shows objects as last seen because the API server stopped answering; clicking switches
 * context.
 */
export function createStatusBar(cluster: ClusterController): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('kubeJobs.context', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Kube Jobs context';
  item.command = 'kubeJobs.selectContext';
  const update = (): void => {
    if (!readConfig().statusBar.enabled || cluster.phase === 'idle') {
      item.hide();
      return;
    }
    const health = cluster.health;
    const stale = health?.stale === true;
    const icon =
      cluster.phase === 'error' || cluster.phase === 'noKubeconfig'
        ? '$(warning)'
        : cluster.phase === 'loading'
          ? '$(loading~spin)'
          : stale
            ? '$(debug-disconnect)'
            : '$(server-environment)';
    const where = cluster.contextName ? ` · ${cluster.namespacesLabel()}` : '';
    item.text = `${icon} ${cluster.contextName || 'no context'}${where}${stale ? ' · stale' : ''}`;
    item.backgroundColor = stale ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const staleText = health?.unreachable
      ? `The API server does not answer (${health.unreachable.message}): ` +
        'the view shows the objects as last seen and reconnects on its own.'
      : stale
        ? `Reconnecting: ${(health?.watches ?? 0) - (health?.reconnecting ?? 0)} of ${health?.watches ?? 0} watches are back.`
        : undefined;
    item.tooltip = cluster.error
      ? `Kube Jobs: ${cluster.error}`
      : [`Kube Jobs: context ${cluster.contextName}`, cluster.namespacesDetail(), staleText, 'Click to switch context.']
          .filter(Boolean)
          .join('\n');
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    cluster.onDidChangeState(update),
    cluster.onDidChangeHealth(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('kubeJobs.statusBar') && update()),
  );
}
