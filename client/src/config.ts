import * as vscode from 'vscode';

/** The `kubeJobs` settings the client reads, typed and defaulted in one place. */
export interface ClientConfig {
  readonly cluster: {
    readonly context: string;
    readonly kubeconfig: readonly string[];
    readonly namespaces: readonly string[];
    readonly maxBackoffSeconds: number;
    readonly requestTimeoutSeconds: number;
  };
  readonly tree: { readonly showJobsWithoutCronJob: boolean; readonly maxJobsPerCronJob: number };
  readonly logs: { readonly tailLines: number; readonly timestamps: boolean };
  readonly actions: {
    readonly deletePropagationPolicy: 'Background' | 'Foreground' | 'Orphan';
    readonly confirmApply: boolean;
    readonly confirmTrigger: boolean;
  };
  readonly statusBar: { readonly enabled: boolean };
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim())
    : [];
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** readConfig reads the settings; wrong types fall back to defaults so a bad settings.json never breaks the view. */
export function readConfig(): ClientConfig {
  const c = vscode.workspace.getConfiguration('kubeJobs');
  const policy = c.get<string>('actions.deletePropagationPolicy');
  return {
    cluster: {
      context: c.get<string>('cluster.context') ?? '',
      kubeconfig: strings(c.get('cluster.kubeconfig')),
      namespaces: strings(c.get('cluster.namespaces')),
      maxBackoffSeconds: positive(c.get('cluster.maxBackoffSeconds'), 30),
      requestTimeoutSeconds: positive(c.get('cluster.requestTimeoutSeconds'), 30),
    },
    tree: {
      showJobsWithoutCronJob: c.get<boolean>('tree.showJobsWithoutCronJob') !== false,
      maxJobsPerCronJob: positive(c.get('tree.maxJobsPerCronJob'), 100),
    },
    logs: { tailLines: positive(c.get('logs.tailLines'), 1000), timestamps: c.get<boolean>('logs.timestamps') === true },
    actions: {
      deletePropagationPolicy: policy === 'Foreground' || policy === 'Orphan' ? policy : 'Background',
      confirmApply: c.get<boolean>('actions.confirmApply') !== false,
      confirmTrigger: c.get<boolean>('actions.confirmTrigger') !== false,
    },
    statusBar: { enabled: c.get<boolean>('statusBar.enabled') !== false },
  };
}
