// Journey: a person whose credentials may not list anything cluster-wide, nor in `default`
// (the namespace their context falls back to), nor events in `demo`, opens the Kube Jobs view.
// The tree offers Select Namespaces…, saying it has no access to `default`, and the status
// bar says no namespace is readable instead of claiming `default`. A click on the row, `demo`
// typed in, and the tree and status bar show demo. A Job's panel then says events are
// forbidden instead of "No events".
// Screenshots: test-results/screenshots/cluster-rbac/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedDemoWorld } from '../apiserver/demoWorld';
import { startTestApiServer, type TestApiServer } from '../apiserver/server';
import { UI_TIMEOUT_MS, Workbench } from './workbench';

describe('the cluster view is honest about RBAC', { timeout: 400_000 }, () => {
  let wb: Workbench;
  let apiServer: TestApiServer;
  let kubeconfigDir: string | undefined;

  before(async () => {
    apiServer = await startTestApiServer({
      deny: [
        // Nothing at cluster scope ('' is the cluster scope), no namespace list, nothing in default, no events in demo.
        ...['list', 'watch'].flatMap((verb) =>
          ['cronjobs', 'jobs', 'pods', 'events'].map((resource) => ({ verb, resource, namespace: '' })),
        ),
        { verb: 'list', resource: 'namespaces' },
        { namespace: 'default' },
        { verb: 'list', resource: 'events', namespace: 'demo' },
        { verb: 'watch', resource: 'events', namespace: 'demo' },
      ],
    });
    seedDemoWorld(apiServer.store, apiServer.logs, Date.now());
    kubeconfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-e2e-kubeconfig-'));
    const kubeconfig = path.join(kubeconfigDir, 'config');
    apiServer.writeKubeconfig(kubeconfig, { contextName: 'restricted' });
    wb = await Workbench.start({ name: 'cluster-rbac', env: { KUBECONFIG: kubeconfig } });
  });

  after(async () => {
    await wb?.stop();
    await apiServer?.close();
    if (kubeconfigDir) fs.rmSync(kubeconfigDir, { recursive: true, force: true });
  });

  const statusBar = (text: string): ReturnType<Workbench['page']['locator']> =>
    wb.page.locator('.statusbar-item', { hasText: `restricted · ${text}` });

  it('without list rights on default, the tree offers Select Namespaces…; the status bar says none is readable', async () => {
    await wb.page
      .locator('.activitybar')
      .getByRole('tab', { name: /Kube Jobs/ })
      .click();
    await wb.expectVisible(wb.sideBarTreeRow('restricted', 1), 'the context row');
    await wb.expectVisible(
      wb.sideBarTreeRow(/Select Namespaces….*no access to namespace default/, 2),
      'the row pointing to Select Namespaces…',
    );
    await wb.expectVisible(statusBar('no namespace readable'), 'the status bar naming what is watched');
    await wb.screenshot('no-access-to-default');
  });

  it('clicking the row and choosing demo shows demo in the tree and the status bar', async () => {
    await wb.sideBarTreeRow(/Select Namespaces….*no access to namespace default/, 2).click();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.fill('demo');
    await wb.screenshot('select-namespaces');
    await wb.page.keyboard.press('Enter');
    await wb.expectVisible(statusBar('demo'), 'demo in the status bar');
    await wb.expandTreeRow(wb.sideBarTreeRow(/^demo/, 2));
    await wb.expectVisible(wb.sideBarTreeRow('nightly-cleanup', 3), 'a CronJob of demo');
    assert.equal(await wb.sideBarTreeRow('no access to namespace', 2).count(), 0);
    await wb.screenshot('demo-watched');
  });

  it('a Job panel says the events are forbidden, not that there are none', async () => {
    await wb.expandTreeRow(wb.sideBarTreeRow('nightly-cleanup', 3));
    // The person looks at the Job's pods first (the watches just started), then opens the Job.
    const job = wb.sideBarTreeRow(/nightly-cleanup-/, 4).first();
    await wb.expandTreeRow(job);
    await wb.expectVisible(wb.sideBarTreeRow(/nightly-cleanup-/, 5).first(), 'the pods of the Job');
    await job.click();
    const frame = await wb.webviewFrame('.events-note', 'the events note in the Job panel');
    assert.match(await frame.locator('.events-note').innerText(), /Events are forbidden: .*namespace demo \(RBAC\)/);
    assert.equal(await frame.locator('p', { hasText: /^No events \(/ }).count(), 0, 'the panel also says "No events"');
    // One step (the panel redraws as the Job's watches fill in): scroll the note into view for the picture.
    await frame.locator('.events-note').evaluate((el) => el.scrollIntoView());
    await wb.screenshot('events-forbidden');
  });
});
