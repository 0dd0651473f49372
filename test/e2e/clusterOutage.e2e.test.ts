// Journey: a person browses the demo cluster in the Kube Jobs view (all namespaces, two
// contexts), opens a CronJob and one of its Jobs, and then the API server dies. The tree keeps
// what it showed, says it is stale (a banner row and the status bar), shows no nameless
// namespace and no "Element with id … is already registered" toast. The server comes back:
// the banner goes, a Job created meanwhile appears under the still-expanded CronJob. Then the
// person switches context from the status bar, and the new context's tree opens like the old.
// Screenshots: test-results/screenshots/cluster-outage/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as YAML from 'yaml';
import { seedDemoWorld } from '../apiserver/demoWorld';
import { seedJob } from '../apiserver/seed';
import type { KObject } from '../apiserver/store';
import { startTestApiServer, type TestApiServer } from '../apiserver/server';
import { UI_TIMEOUT_MS, Workbench } from './workbench';

/** A kubeconfig with two contexts on one cluster, `alpha` current: switching shows the same objects under another context. */
function twoContexts(server: TestApiServer): string {
  const docs = ['alpha', 'beta'].map((contextName) => YAML.parse(server.kubeconfigYaml({ contextName })) as KObject);
  const [a, b] = docs as [KObject, KObject];
  return YAML.stringify({
    ...a,
    clusters: [...a.clusters, ...b.clusters],
    users: [...a.users, ...b.users],
    contexts: [...a.contexts, ...b.contexts],
    'current-context': 'alpha',
  });
}

describe('the cluster view survives the cluster', { timeout: 400_000 }, () => {
  let wb: Workbench;
  let apiServer: TestApiServer;
  let kubeconfigDir: string | undefined;
  let cronJobJobs: string[] = [];

  before(async () => {
    apiServer = await startTestApiServer({});
    const world = seedDemoWorld(apiServer.store, apiServer.logs, Date.now());
    cronJobJobs = world.jobs.filter((j) => j.metadata.name.startsWith('nightly-cleanup-')).map((j) => j.metadata.name as string);
    kubeconfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-e2e-kubeconfig-'));
    const kubeconfig = path.join(kubeconfigDir, 'config');
    fs.writeFileSync(kubeconfig, twoContexts(apiServer), { mode: 0o600 });
    wb = await Workbench.start({ name: 'cluster-outage', env: { KUBECONFIG: kubeconfig } });
  });

  after(async () => {
    await wb?.stop();
    await apiServer?.close();
    if (kubeconfigDir) fs.rmSync(kubeconfigDir, { recursive: true, force: true });
  });

  const statusBar = (): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.statusbar-item', { hasText: /alpha|beta/ }).first();
  const toasts = (): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'already registered' });
  /** The rows one level below the contexts whose label is empty: a namespace without a name. */
  const namelessRows = async (): Promise<number> =>
    wb.page
      .locator('.part.sidebar .monaco-list-row[aria-level="2"]')
      .evaluateAll((rows) => rows.filter((r) => (r.querySelector('.label-name')?.textContent ?? '').trim() === '').length);
  const expanded = async (label: string | RegExp, level: number): Promise<string | null> =>
    wb.sideBarTreeRow(label, level).first().getAttribute('aria-expanded');

  it('the tree shows the demo cluster; the person opens a CronJob and one of its Jobs', async () => {
    await wb.page
      .locator('.activitybar')
      .getByRole('tab', { name: /Kube Jobs/ })
      .click();
    await wb.expandTreeRow(wb.sideBarTreeRow('alpha', 1));
    await wb.expandTreeRow(wb.sideBarTreeRow(/^demo/, 2));
    await wb.expandTreeRow(wb.sideBarTreeRow('nightly-cleanup', 3));
    await wb.expandTreeRow(wb.sideBarTreeRow(cronJobJobs[0] ?? /nightly-cleanup-/, 4));
    await wb.expectVisible(wb.sideBarTreeRow(/nightly-cleanup-/, 5).first(), 'a Pod row under the Job');
    await wb.expectVisible(statusBar(), 'the context in the status bar');
    assert.match(await statusBar().innerText(), /alpha · all namespaces/);
    await wb.screenshot('tree-expanded');
  });

  it('the API server dies: the tree keeps its rows and says they are stale; no nameless namespace, no duplicate id', async () => {
    await apiServer.kill();
    await wb.expectVisible(wb.sideBarTreeRow('API server unreachable', 2), 'the stale banner row');
    await wb.expectVisible(wb.page.locator('.statusbar-item', { hasText: 'stale' }), 'stale in the status bar');
    await wb.expectVisible(wb.sideBarTreeRow('nightly-cleanup', 3), 'the CronJob row as last seen');
    await wb.expectVisible(wb.sideBarTreeRow(/nightly-cleanup-/, 5).first(), 'the Pod row as last seen');
    assert.equal(await namelessRows(), 0, 'a namespace row without a name');
    assert.equal(await toasts().count(), 0, 'an "already registered" toast');
    await wb.screenshot('server-down-stale');
  });

  it('the server comes back: the banner goes, a Job created meanwhile shows under the CronJob, rows stay expanded', async () => {
    await apiServer.restart();
    const owner = apiServer.store.get('cronjobs', 'demo', 'nightly-cleanup') as KObject;
    seedJob(apiServer.store, {
      namespace: 'demo',
      name: 'nightly-cleanup-after-outage',
      state: 'running',
      owner,
      startMs: Date.now(),
    });
    await wb.expectVisible(wb.sideBarTreeRow('nightly-cleanup-after-outage', 4), 'the Job created after the restart');
    await wb.sideBarTreeRow('API server unreachable', 2).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await wb.page.locator('.statusbar-item', { hasText: 'stale' }).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    assert.equal(await expanded('nightly-cleanup', 3), 'true', 'the CronJob row stays expanded');
    assert.equal(await expanded(cronJobJobs[0] ?? /nightly-cleanup-/, 4), 'true', 'the Job row stays expanded');
    assert.equal(await toasts().count(), 0, 'an "already registered" toast');
    await wb.screenshot('server-back');
  });

  it('switching context from the status bar opens the new context like the old one', async () => {
    await statusBar().click();
    const pick = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'beta' }).first();
    await wb.expectVisible(pick, 'the context quick pick');
    await pick.click();
    await wb.expectVisible(
      wb.page.locator('.statusbar-item', { hasText: 'beta · all namespaces' }),
      'the new context in the status bar',
    );
    await wb.expectVisible(wb.sideBarTreeRow('nightly-cleanup', 3), 'the CronJob under the new context');
    await wb.page.waitForFunction(
      () =>
        document
          .querySelector('.part.sidebar .monaco-list-row[aria-level="1"][aria-expanded="true"]')
          ?.textContent?.includes('beta'),
      undefined,
      { timeout: UI_TIMEOUT_MS },
    );
    await wb.expectVisible(wb.sideBarTreeRow(/nightly-cleanup-/, 5).first(), 'the Pod row: CronJob and Job expanded as before');
    assert.equal(await expanded('nightly-cleanup', 3), 'true');
    assert.equal(await toasts().count(), 0, 'an "already registered" toast');
    await wb.screenshot('context-switched');
  });
});
