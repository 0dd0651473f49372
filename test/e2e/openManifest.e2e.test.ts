// Journey: a person opens the examples folder in VS Code, opens manifests from the Explorer,
// sees what Kubernetes would reject underlined, hovers a field and a schedule for help, applies
// a quick fix with Ctrl+., simulates a CronJob from its code lens, then browses a cluster (the
// test API server with the demo world, through KUBECONFIG) in the Kube Jobs view down to a
// Pod and opens its logs.
// Screenshots: test-results/screenshots/open-manifest/ (the README's docs/screenshots/ come from here).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedDemoWorld } from '../apiserver/demoWorld';
import { startTestApiServer, type TestApiServer } from '../apiserver/server';
import { UI_TIMEOUT_MS, Workbench } from './workbench';

describe('open a manifest', { timeout: 400_000 }, () => {
  let wb: Workbench;
  let apiServer: TestApiServer | undefined;
  let kubeconfigDir: string | undefined;

  before(async () => {
    apiServer = await startTestApiServer({});
    seedDemoWorld(apiServer.store, apiServer.logs, Date.now());
    kubeconfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-e2e-kubeconfig-'));
    const kubeconfig = path.join(kubeconfigDir, 'config');
    apiServer.writeKubeconfig(kubeconfig, { namespace: 'demo' });
    wb = await Workbench.start({ name: 'open-manifest', env: { KUBECONFIG: kubeconfig } });
  });

  after(async () => {
    await wb?.stop();
    await apiServer?.close();
    if (kubeconfigDir) fs.rmSync(kubeconfigDir, { recursive: true, force: true });
  });

  it('the workbench loads with the examples in the Explorer', async () => {
    await wb.showExplorer();
    await wb.expectVisible(wb.explorerItem('hello-job.yaml'), 'hello-job.yaml in the Explorer');
    await wb.expectVisible(wb.explorerItem('nightly-cleanup.yaml'), 'nightly-cleanup.yaml in the Explorer');
    await wb.screenshot('workbench-with-examples');
  });

  it('clicking hello-job.yaml opens it in a YAML editor', async () => {
    await wb.openFromExplorer('hello-job.yaml');
    assert.match(await wb.editorText(), /kind: Job/);
    await wb.expectVisible(wb.statusBarItem('status.editor.mode').filter({ hasText: 'YAML' }), 'YAML language in the status bar');
    await wb.screenshot('hello-job-open');
  });

  it('common-mistakes.yaml shows squiggles where Kubernetes would reject it', async () => {
    await wb.openFromExplorer('common-mistakes.yaml');
    await wb.expectVisible(wb.squiggles().first(), 'a squiggle in common-mistakes.yaml');
    await wb.screenshot('common-mistakes-squiggles');
    const text = await wb.hover('europe/berlin');
    assert.match(text, /unknown time zone europe\/berlin/);
    await wb.screenshot('diagnostic-hover');
  });

  it('hovering timeZone in nightly-cleanup.yaml explains the field', async () => {
    await wb.openFromExplorer('nightly-cleanup.yaml');
    const text = await wb.hover('timeZone');
    assert.ok(text.trim().length > 0, 'the hover is empty');
    await wb.screenshot('timezone-hover');
  });

  it('hovering the schedule lists its next runs', async () => {
    await wb.page.keyboard.press('Escape');
    // The timeZone hover scrolled the editor: back to the top so the schedule line shows too.
    await wb.activeEditor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+Home');
    const text = await wb.hover('0 3 * * *');
    assert.match(text, /Next \d+ runs/);
    assert.match(text, /Europe\/Berlin/);
    await wb.screenshot('schedule-hover');
  });

  it('Ctrl+. on the bad timeZone offers "Use Europe/Berlin", and choosing it fixes the line', async () => {
    await wb.page.keyboard.press('Escape');
    await wb.openFromExplorer('common-mistakes.yaml');
    await wb.expectVisible(wb.squiggles().first(), 'a squiggle in common-mistakes.yaml');
    await wb.activeEditor().locator('.view-line span', { hasText: 'europe/berlin' }).first().click();
    await wb.page.keyboard.press('Control+.');
    const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Use Europe/Berlin' }).first();
    await wb.expectVisible(fix, 'the "Use Europe/Berlin" quick fix');
    await wb.screenshot('quick-fix-menu');
    // The first fix is focused: Enter picks it, as a keyboard user would.
    await wb.page.keyboard.press('Enter');
    await wb.expectVisible(
      wb.activeEditor().locator('.view-line', { hasText: /timeZone:\s"?Europe\/Berlin/ }),
      'the fixed timeZone line',
    );
    assert.doesNotMatch(await wb.editorText(), /europe\/berlin/);
    await wb.screenshot('quick-fix-applied');
  });

  it('the Simulate code lens opens a panel with the timeline', async () => {
    await wb.openFromExplorer('nightly-cleanup.yaml');
    // The editor kept its scroll position from the hovers: back to the top, where the lens is.
    await wb.activeEditor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+Home');
    const lens = wb.page.locator('.codelens-decoration a', { hasText: 'Simulate' }).first();
    await wb.expectVisible(lens, 'the Simulate code lens');
    await lens.click();
    const frame = await wb.webviewFrame('img.timeline-img', 'the simulation timeline');
    assert.match(await frame.locator('h1').first().innerText(), /Simulate CronJob nightly-cleanup/);
    await wb.screenshot('simulation-timeline');
  });

  it('the Kube Jobs view shows context → namespace → CronJob → Job → Pod from the kubeconfig', async () => {
    await wb.page
      .locator('.activitybar')
      .getByRole('tab', { name: /Kube Jobs/ })
      .click();
    await wb.expectVisible(wb.sideBarTreeRow('kube-jobs-test', 1), 'the context row');
    await wb.expandTreeRow(wb.sideBarTreeRow('kube-jobs-test', 1));
    await wb.expandTreeRow(wb.sideBarTreeRow(/^demo/, 2));
    await wb.expandTreeRow(wb.sideBarTreeRow('nightly-cleanup', 3));
    const job = wb.sideBarTreeRow(/nightly-cleanup-/, 4).first();
    await wb.expandTreeRow(job);
    await wb.expectVisible(wb.sideBarTreeRow(/nightly-cleanup-/, 5).first(), 'a Pod row under the Job');
    await wb.screenshot('cluster-tree');
  });

  it('clicking the Pod opens its Job panel with the logs', async () => {
    await wb
      .sideBarTreeRow(/nightly-cleanup-/, 5)
      .first()
      .click();
    const frame = await wb.webviewFrame('#logs', 'the Job panel logs');
    await frame.locator('.log-body').filter({ hasText: /\S/ }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.match(await frame.locator('h1').first().innerText(), /Job\s+nightly-cleanup-/);
    await wb.screenshot('job-panel');
    await frame.locator('#logs').scrollIntoViewIfNeeded();
    await wb.screenshot('job-panel-logs');
  });
});
