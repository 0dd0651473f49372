import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestApiServer } from '../apiserver/server';
import { seedJob } from '../apiserver/seed';
import type { KObject, Store } from '../apiserver/store';
import { loadKubeconfig } from '../../kube/kubeconfig';
import { createTransport } from '../../kube/transport';
import type { Transport } from '../../kube/transport';
import { ClusterIndex } from '../../client/src/views/model/clusterIndex';
import type { WatchedKind } from '../../client/src/views/model/clusterIndex';

/** tempDir makes a fresh directory under the OS temp dir. */
export function tempDir(prefix = 'kube-jobs-client-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** transportFor writes the server's kubeconfig and builds a Transport through the real kubeconfig loader. */
export async function transportFor(server: TestApiServer, opts: { namespace?: string; token?: string } = {}): Promise<Transport> {
  const file = path.join(tempDir(), 'config');
  server.writeKubeconfig(file, opts);
  const { kubeConfig } = await loadKubeconfig([file], {});
  return createTransport(kubeConfig, 10_000);
}

const PLURAL: Record<WatchedKind, string> = { CronJob: 'cronjobs', Job: 'jobs', Pod: 'pods', Event: 'events' };

/** serverIndex builds the index straight from the server's store: what the tree must converge to. */
export function serverIndex(server: TestApiServer, namespaces: readonly string[]): ClusterIndex {
  const index = new ClusterIndex();
  index.setNamespaces(namespaces);
  for (const kind of ['CronJob', 'Job', 'Pod', 'Event'] as const) {
    for (const ns of namespaces) {
      for (const o of server.store.list(PLURAL[kind], ns)) {
        index.apply(kind, 'ADDED', { apiVersion: kind === 'CronJob' || kind === 'Job' ? 'batch/v1' : 'v1', kind, ...o } as never);
      }
    }
  }
  return index;
}

/** waitFor polls a condition (each 10 ms) until it holds or the timeout passes, then says what it last saw. */
export async function waitFor(
  what: string,
  predicate: () => boolean,
  timeoutMs = 10_000,
  describe?: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${describe ? `: ${describe()}` : ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * churnOnce makes change number `i` of a churn against the test API server: a new Job `churn-i` in
 * `namespace` (failed every `failedEvery`th, else running, owned by `owner` when given), and now and
 * then its first pod succeeding (every `succeededEvery`th), the Job deleted, or the Job suspended.
 */
export function churnOnce(
  store: Store,
  i: number,
  c: { namespace: string; nowMs: number; owner?: KObject; failedEvery: number; succeededEvery: number },
): void {
  const ns = c.namespace;
  const { job, pods } = seedJob(store, {
    namespace: ns,
    name: `churn-${i}`,
    state: i % c.failedEvery === 0 ? 'failed' : 'running',
    startMs: c.nowMs - i * 1000,
    ...(c.owner ? { owner: c.owner } : {}),
  });
  if (i % c.succeededEvery === 1 && pods[0]) {
    store.mutate('pods', ns, pods[0].metadata.name, (p) => {
      p.status.phase = 'Succeeded';
    });
  }
  if (i % 5 === 2) store.delete('jobs', ns, job.metadata.name, { propagationPolicy: 'Background' });
  if (i % 7 === 3 && i % 5 !== 2) {
    store.mutate('jobs', ns, job.metadata.name, (j) => {
      j.spec.suspend = true;
    });
  }
}
