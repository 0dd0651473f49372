// Journey: a person clicks "Run locally" above hello-job.yaml, reads the exact command in the
// confirmation dialog, runs it, watches the logs and timeline in the panel, finds the run
// under "Local runs", then starts a long Job and cancels it from the panel: nothing is left.
// Screenshots: test-results/screenshots/run-locally/.
// Run: npm run build && node --test out/test/runner/e2e/runLocally.e2e.test.js
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Frame, Locator } from 'playwright-core';
import { UI_TIMEOUT_MS, Workbench } from '../../e2e/workbench';
import { podProcesses } from '../helpers';

describe('run a Job locally from VS Code', { timeout: 300_000 }, () => {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.start({ name: 'run-locally' });
    fs.writeFileSync(
      path.join(wb.workspace, 'sleepy.yaml'),
      `apiVersion: batch/v1
kind: Job
metadata:
  name: sleepy
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox:1.36
          command: ["sh", "-c", "echo sleeping; sleep 120 & sleep 120; echo never"]
`,
    );
  });

  after(async () => {
    await wb?.stop();
  });

  const lens = (): Locator => wb.page.locator('.codelens-decoration a', { hasText: 'Run locally' }).first();
  const dialog = (): Locator => wb.page.locator('.monaco-dialog-box');

  /** The frame of the local-run panel of a Job (webviews are nested iframes). */
  async function panelFrame(jobName: string): Promise<Frame> {
    const deadline = Date.now() + UI_TIMEOUT_MS;
    for (;;) {
      for (const frame of wb.page.frames()) {
        const title = await frame
          .locator('#title')
          .textContent({ timeout: 100 })
          .catch(() => null);
        if (title === `Job ${jobName}`) return frame;
      }
      if (Date.now() > deadline) throw new Error('the local run panel did not open');
      await wb.page.waitForTimeout(200);
    }
  }

  it('the code lens asks first, showing the exact command and runtime', async () => {
    await wb.openFromExplorer('hello-job.yaml');
    await wb.expectVisible(lens(), 'the Run locally code lens');
    await lens().click();
    await wb.expectVisible(dialog(), 'the confirmation dialog');
    const text = await dialog().innerText();
    assert.match(text, /Run Job hello-job on this machine\?/);
    assert.match(text, /\$ sh -c 'echo starting && sleep 5 && echo done'/);
    assert.match(text, /process runtime/);
    await wb.screenshot('confirm-dialog');
  });

  it('Run: the panel streams the pod-prefixed logs and the timeline until the Job completes', async () => {
    await dialog().locator('.monaco-button', { hasText: /^Run$/ }).click();
    const frame = await panelFrame('hello-job');
    await frame.locator('#logs', { hasText: 'starting' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await frame.locator('#status', { hasText: /^Complete/ }).waitFor({ timeout: 60_000 });
    const logs = await frame.locator('#logs').innerText();
    assert.match(logs, /\[hello-job-[a-z0-9]{5}\] starting\n\[hello-job-[a-z0-9]{5}\] done/);
    const events = await frame.locator('#events').innerText();
    assert.match(events, /SuccessfulCreate Job\/hello-job: Created pod: hello-job-/);
    assert.match(events, /Completed Job\/hello-job: Job completed/);
    await wb.screenshot('panel-complete');
  });

  it('the run is listed under Local runs, and its record folder exists', async () => {
    await wb.openLocalRuns();
    await wb.expectVisible(
      wb.page.locator('.monaco-list-row', { hasText: /Job hello-job.*Complete/ }).first(),
      'the hello-job run row',
    );
    const runs = fs.readdirSync(path.join(wb.workspace, '.kube-jobs', 'runs'));
    assert.equal(runs.filter((r) => r.endsWith('-hello-job')).length, 1);
    await wb.screenshot('local-runs-tree');
  });

  it('Cancel in the panel stops every process of a running Job', async () => {
    await wb.openFromExplorer('sleepy.yaml');
    await wb.expectVisible(lens(), 'the Run locally code lens');
    await lens().click();
    await dialog().locator('.monaco-button', { hasText: /^Run$/ }).click();
    const frame = await panelFrame('sleepy');
    await frame.locator('#logs', { hasText: 'sleeping' }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.ok(podProcesses('sleepy').length >= 2, 'the shell and its sleeps run');
    await frame.locator('#cancel').click();
    await frame.locator('#status', { hasText: /^Cancelled/ }).waitFor({ timeout: 60_000 });
    assert.deepEqual(podProcesses('sleepy'), []);
    await wb.screenshot('cancelled');
  });
});
