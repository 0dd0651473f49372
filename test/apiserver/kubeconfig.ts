/** A kubeconfig that points kubectl and @kubernetes/client-node at the test API server. */
import * as YAML from 'yaml';
import type { KObject } from './store';

/** KubeconfigOptions configures writeKubeconfig. */
export interface KubeconfigOptions {
  namespace?: string;
  /** Bearer token written for the user (must be one of `users` when those are set). */
  token?: string;
  /** User to impersonate (`as:`); kubectl sends it as the Impersonate-User header. */
  as?: string;
  /** Context, cluster and user name in the file (default `kube-jobs-test`). */
  contextName?: string;
}

/**
 * kubeconfigFor is a kubeconfig for the server at `url`. It sets `insecure-skip-tls-verify`,
 * without which @kubernetes/client-node refuses a plain-HTTP server.
 */
export function kubeconfigFor(url: string, k: KubeconfigOptions = {}): string {
  const name = k.contextName ?? 'kube-jobs-test';
  const user: KObject = k.token ? { token: k.token } : {};
  if (k.as) {
    user.as = k.as;
  }
  const context: KObject = { cluster: name, user: name };
  if (k.namespace) {
    context.namespace = k.namespace;
  }
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name, user }],
    contexts: [{ name, context }],
    'current-context': name,
    preferences: {},
  });
}
