/**
 * Types of @kubernetes/client-node (an ES module) for our CommonJS code. Only types come from
 * here; the library itself is loaded on first use by `loadClientNode` so activation stays fast.
 */
import type * as ClientNodeModule from '@kubernetes/client-node' with { 'resolution-mode': 'import' };

/** The part of the library we load: its kubeconfig reader and authenticator. */
export type ClientNode = { readonly KubeConfig: typeof ClientNodeModule.KubeConfig };
export type KubeConfig = ClientNodeModule.KubeConfig;
export type KubeCluster = ClientNodeModule.Cluster;
export type KubeUser = ClientNodeModule.User;
export type KubeContext = ClientNodeModule.Context;

let clientNode: Promise<ClientNode> | undefined;

/**
 * loadClientNode imports the library's KubeConfig once. Only `dist/config.js` is loaded (the
 * kubeconfig reader with its exec, OIDC, token and certificate auth): the generated API
 * clients, 90 % of the package, are not needed because kube/transport.ts speaks REST
 * itself. esbuild.mjs bundles this module on its own (dist/kubernetes-client.js).
 */
export function loadClientNode(): Promise<ClientNode> {
  clientNode ??= import('@kubernetes/client-node/dist/config.js').then((m) =>
    // Bundled, this is a CommonJS file loaded with import(): its exports may sit under `default`.
    'KubeConfig' in m ? m : (m as unknown as { default: ClientNode }).default,
  );
  return clientNode;
}
