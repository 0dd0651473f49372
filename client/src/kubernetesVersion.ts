import * as vscode from 'vscode';
import { KUBERNETES_VERSIONS, judgedVersion } from '../../src-engine';
import type { ConnectedCluster, JudgedVersion } from '../../src-engine';
import type { Ctx } from './ctx';
import { requestJson } from '../../kube/transport';
import { errorMessage } from '../../kube/apiError';

/** The setting that names the version; `auto` follows the connected cluster. */
const SETTING = 'kubernetesVersion';
/** The status bar item's id (e2e journeys find it by `#kubeJobs.kubernetesVersion`). */
export const KUBERNETES_VERSION_STATUS_ID = 'kubeJobs.kubernetesVersion';

/** The `kubeJobs.kubernetesVersion` setting as written (`auto` when unset or not a version kube-jobs follows). */
export function kubernetesVersionSetting(): string {
  const value = vscode.workspace.getConfiguration('kubeJobs').get<string>(SETTING);
  return value !== undefined && (KUBERNETES_VERSIONS as readonly string[]).includes(value) ? value : 'auto';
}

/**
 * trackKubernetesVersion keeps the language server and the status bar on the version that
 * judges manifests: when the cluster view connects to a context it reads that cluster's
 * /version and tells the server (settings `connectedCluster`), and the status bar shows, for a
 * YAML file, `K8s 1.33` with where the version comes from; clicking it picks another one.
 */
export function trackKubernetesVersion(ctx: Ctx): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(KUBERNETES_VERSION_STATUS_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = 'Kube Jobs Kubernetes version';
  item.command = 'kubeJobs.selectKubernetesVersion';
  let asked = '';
  const show = (): void => {
    const judged = judgedVersion(kubernetesVersionSetting(), ctx.connectedCluster);
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId !== 'yaml') {
      item.hide();
      return;
    }
    item.text = `$(versions) K8s ${judged.version}`;
    item.tooltip = `kube-jobs checks Jobs and CronJobs as ${judged.why}. Click to choose another version.`;
    item.show();
  };
  const connected = async (): Promise<void> => {
    const cluster = ctx.cluster;
    const transport = cluster.phase === 'connected' ? cluster.transport : undefined;
    const key = transport ? `${cluster.contextName}@${transport.server}` : '';
    if (key === asked) return;
    asked = key;
    let next: ConnectedCluster | null = null;
    if (transport) {
      try {
        const version = await requestJson<{ gitVersion?: unknown }>(transport, 'GET', '/version');
        if (typeof version.gitVersion === 'string') next = { context: cluster.contextName, gitVersion: version.gitVersion };
        ctx.log.info(`cluster ${cluster.contextName}: Kubernetes ${String(version.gitVersion)}`);
      } catch (error) {
        ctx.log.warn(
          `cluster ${cluster.contextName}: cannot read /version (${errorMessage(error)}); ` +
            'manifests are checked as the setting says',
        );
      }
    }
    if (asked !== key) return; // the context changed while /version was on its way
    ctx.connectedCluster = next;
    await sendConnectedCluster(ctx);
    show();
  };
  show();
  return vscode.Disposable.from(
    item,
    ctx.cluster.onDidChangeState(() => void connected()),
    vscode.window.onDidChangeActiveTextEditor(show),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`kubeJobs.${SETTING}`) && show()),
  );
}

/** sendConnectedCluster tells a running language server which cluster (and version) the view is connected to. */
export async function sendConnectedCluster(ctx: Ctx): Promise<void> {
  const client = ctx.languageClient;
  if (!client?.isRunning()) return; // the client sends ctx.connectedCluster when it starts
  const settings = { kubeJobs: { connectedCluster: ctx.connectedCluster } };
  await client.sendNotification('workspace/didChangeConfiguration', { settings });
}

/** selectKubernetesVersion: a quick pick of `auto` and each supported version, written to the setting. */
export function selectKubernetesVersion(ctx: Ctx): () => Promise<void> {
  return async () => {
    const current = kubernetesVersionSetting();
    const auto: JudgedVersion = judgedVersion('auto', ctx.connectedCluster);
    const picks: (vscode.QuickPickItem & { value: string })[] = [
      { value: 'auto', label: 'auto', description: `now ${auto.version}`, detail: auto.why },
      ...KUBERNETES_VERSIONS.map((v) => ({ value: v, label: v, description: `Kubernetes ${v}` })),
    ].map((p) => (p.value === current ? { ...p, picked: true, label: `$(check) ${p.label}` } : p));
    const chosen = await vscode.window.showQuickPick(picks, {
      title: 'Check manifests as which Kubernetes version?',
      placeHolder: `kubeJobs.kubernetesVersion is ${current}`,
    });
    if (!chosen) return;
    const target = vscode.workspace.workspaceFolders?.length
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
    await vscode.workspace
      .getConfiguration('kubeJobs')
      .update(SETTING, chosen.value === 'auto' ? undefined : chosen.value, target);
  };
}
