// Journey: a person opens the Kube Jobs view on the demo cluster and sees at a glance which
// CronJob stopped doing its work: the nightly backup's row says unhealthy (its last three runs
// failed), the long-suspended sync's row warns that resuming it now would hit TooManyMissedTimes.
// Hovering the row lists the findings; clicking it opens the CronJob panel, whose Health section
// says what is wrong, with the evidence and what to do.
// Screenshots: test-results/screenshots/cronjob-health/ (the README's cronjob-health-*.png).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedDemoCluster } from '../apiserver/demoCluster';
import { startTestApiServer, type TestApiServer } from '../apiserver/server';
import { UI_TIMEOUT_MS, Workbench } from './workbench';

describe('CronJob health', { timeout: 400_000 }, () => {
  let wb: Workbench;
  let apiServer: TestApiServer;
  let kubeconfigDir: string;
  const row = (label: string | RegExp, level: number) => wb.sideBarTreeRow(label, level);

  before(async () => {
    apiServer = await startTestApiServer({});
    seedDemoCluster(apiServer.store, apiServer.logs, Date.now());
    kubeconfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-e2e-health-'));
    const kubeconfig = path.join(kubeconfigDir, 'config');
    apiServer.writeKubeconfig(kubeconfig, { namespace: 'demo' });
    wb = await Workbench.start({ name: 'cronjob-health', env: { KUBECONFIG: kubeconfig } });
  });

  after(async () => {
    await wb?.stop();
    await apiServer?.close();
    if (kubeconfigDir) fs.rmSync(kubeconfigDir, { recursive: true, force: true });
  });

  it('the tree marks the nightly backup unhealthy and the suspended sync with a warning', async () => {
    await wb.showKubeJobsView();
    await wb.expandTreeRow(row('kube-jobs-test', 1));
    await wb.expandTreeRow(row(/^batch-jobs/, 2));
    await wb.widenSideBar(620);
    const backup = row('nightly-backup', 3);
    await wb.expectVisible(backup.filter({ hasText: '✗ unhealthy' }), 'the nightly-backup row with its ✗ unhealthy badge');
    await wb.expectVisible(row('report-sync', 3).filter({ hasText: '⚠ 1 warning' }), 'the report-sync row with ⚠ 1 warning');
    await wb.expectVisible(row('data-sync', 3), 'the data-sync row');
    assert.doesNotMatch(await row('data-sync', 3).innerText(), /unhealthy|warning/, 'a healthy row stays quiet');
    await wb.screenshot('health-badges-in-tree');
  });

  it('hovering the unhealthy row lists its findings', async () => {
    await row('nightly-backup', 3).hover();
    const tooltip = wb.page
      .locator('.monaco-hover:not(.hidden), .custom-hover, .workbench-hover')
      .filter({ hasText: 'Health: unhealthy' });
    await wb.expectVisible(tooltip.first(), 'the row tooltip with the health findings');
    assert.match(await tooltip.first().innerText(), /✗ Last 3 runs failed/);
    await wb.screenshot('health-tooltip');
    await wb.page.mouse.move(5, 5);
  });

  it('clicking the row opens the CronJob panel with its Health section', async () => {
    await row('nightly-backup', 3).click();
    const frame = await wb.webviewFrame('#health', 'the Health section of the nightly-backup panel');
    const health = frame.locator('#health');
    await health.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.match(await frame.locator('h1').first().innerText(), /CronJob\s+nightly-backup/);
    const text = await health.innerText();
    assert.match(text, /Unhealthy: 2 problems/);
    assert.match(text, /Last 3 runs failed/);
    assert.match(text, /reason: BackoffLimitExceeded/);
    assert.match(text, /What to do: Open the failed Job/);
    assert.match(text, /last success\s+\d{4}-\d\d-\d\d \d\d:\d\d Europe\/Berlin \(3d \d+h ago\)/);
    await wb.screenshot('health-section-in-panel');
  });

  it("the suspended sync's panel predicts what resuming it now would do", async () => {
    await row('report-sync', 3).click();
    const frame = await wb.webviewFrame('h1 >> text=/CronJob\\s+report-sync/', 'the report-sync panel');
    const text = await frame.locator('#health').innerText();
    assert.match(text, /Needs a look: 1 problem/);
    assert.match(text, /Resuming now hits TooManyMissedTimes/);
    assert.match(text, /startingDeadlineSeconds/);
    await wb.screenshot('health-suspended-prediction');
  });
});
