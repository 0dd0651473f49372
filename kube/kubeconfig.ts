import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import type { KubeCluster, KubeConfig, KubeContext, KubeUser } from './clientNode';
import { loadClientNode } from './clientNode';

/** Something with a name, as kubeconfig clusters, users and contexts are. */
interface Named {
  readonly name: string;
}

/** The parts of one kubeconfig file that merging looks at. */
export interface KubeconfigParts<C extends Named, U extends Named, X extends Named> {
  readonly clusters: readonly C[];
  readonly users: readonly U[];
  readonly contexts: readonly X[];
  readonly currentContext?: string;
}

/**
 * kubeconfigPaths lists the files kubectl would read: the `override` list when given (our
 * setting), else `$KUBECONFIG` split on the platform's path delimiter (empty entries
 * dropped, duplicates kept once), else `~/.kube/config`.
 * Mirrors client-go tools/clientcmd/loader.go `NewDefaultClientConfigLoadingRules`.
 */
export function kubeconfigPaths(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  override: readonly string[] = [],
): string[] {
  const raw = override.length > 0 ? override : (env.KUBECONFIG ?? '').split(path.delimiter);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const entry of raw) {
    const file = entry.trim();
    if (file === '' || seen.has(file)) continue;
    seen.add(file);
    out.push(file);
  }
  return out.length > 0 ? out : [path.join(home, '.kube', 'config')];
}

/**
 * mergeKubeconfigs merges files the way kubectl does: for clusters, users and contexts the
 * first file to define a name wins and later definitions are ignored; the first non-empty
 * `current-context` wins. (The client library's own merge throws on duplicates and lets the
 * last file pick the context, which is not what kubectl users expect.)
 * Mirrors client-go tools/clientcmd/loader.go `ClientConfigLoadingRules.Load`.
 */
export function mergeKubeconfigs<C extends Named, U extends Named, X extends Named>(
  files: readonly KubeconfigParts<C, U, X>[],
): KubeconfigParts<C, U, X> {
  const firstWins = <T extends Named>(lists: readonly (readonly T[])[]): T[] => {
    const byName = new Map<string, T>();
    for (const list of lists) for (const item of list) if (!byName.has(item.name)) byName.set(item.name, item);
    return [...byName.values()];
  };
  const currentContext = files.map((f) => f.currentContext).find((c) => c !== undefined && c !== '');
  return {
    clusters: firstWins(files.map((f) => f.clusters)),
    users: firstWins(files.map((f) => f.users)),
    contexts: firstWins(files.map((f) => f.contexts)),
    ...(currentContext !== undefined ? { currentContext } : {}),
  };
}

/** A loaded kubeconfig plus what went wrong reading it (unreadable files are skipped, as kubectl skips missing ones). */
export interface LoadedKubeconfig {
  readonly kubeConfig: KubeConfig;
  readonly files: readonly string[];
  readonly problems: readonly string[];
}

/**
 * loadKubeconfig reads and merges the kubeconfig files kubectl would read. Each file is parsed
 * by the client library (so relative certificate paths resolve against that file, and exec /
 * OIDC / token auth work as the library implements them); merging follows kubectl's rules.
 */
export async function loadKubeconfig(
  override: readonly string[] = [],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<LoadedKubeconfig> {
  const k8s = await loadClientNode();
  const files = kubeconfigPaths(env, os.homedir(), override);
  const problems: string[] = [];
  const parts: KubeconfigParts<KubeCluster, KubeUser, KubeContext>[] = [];
  const read: string[] = [];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    try {
      const kc = new k8s.KubeConfig();
      kc.loadFromFile(file, { onInvalidEntry: 'filter' });
      parts.push({ clusters: kc.clusters, users: kc.users, contexts: kc.contexts, currentContext: kc.currentContext });
      read.push(file);
    } catch (error) {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const merged = mergeKubeconfigs(parts);
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [...merged.clusters],
    users: [...merged.users],
    contexts: [...merged.contexts],
    currentContext: merged.currentContext ?? '',
  });
  return { kubeConfig, files: read, problems };
}

/** contextNamespace is the namespace a context points at, or `default` (kubectl's fallback). */
export function contextNamespace(kc: KubeConfig, contextName: string): string {
  return kc.getContextObject(contextName)?.namespace || 'default';
}
