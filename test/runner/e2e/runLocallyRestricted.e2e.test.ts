// Journey: in Restricted Mode (an untrusted folder) Run locally starts nothing and says why.
// Screenshots: test-results/screenshots/run-locally-restricted/.
// Run: npm run build && node --test out/test/runner/e2e/runLocallyRestricted.e2e.test.js
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Workbench } from '../../e2e/workbench';

describe('Run locally in Restricted Mode', { timeout: 240_000 }, () => {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.start({ name: 'run-locally-restricted', trust: true });
  });

  after(async () => {
    await wb?.stop();
  });

  it('an untrusted workspace does not offer Run Locally (checking and simulating stay)', async () => {
    // The folder is new to VS Code: it asks whether to trust it; the person says no.
    const noTrust = wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: "No, I don't trust the authors" });
    await noTrust.waitFor({ timeout: 60_000 });
    await noTrust.click();
    await wb.openFromExplorer('hello-job.yaml');
    await wb.page.keyboard.press('F1');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>Kube Jobs: ');
    const rows = wb.page.locator('.quick-input-widget .monaco-list-row');
    // Another kube-jobs command is listed, so the list is complete when read.
    await wb.expectVisible(rows.filter({ hasText: 'Kube Jobs: Simulate' }).first(), 'Kube Jobs: Simulate in the Command Palette');
    const titles = await rows.allInnerTexts();
    assert.ok(!titles.some((t) => t.includes('Run Locally')), `Run Locally is offered: ${titles.join(' | ')}`);
    await wb.screenshot('restricted-mode-palette');
    await wb.page.keyboard.press('Escape');
    assert.ok(!fs.existsSync(path.join(wb.workspace, '.kube-jobs')), 'nothing ran');
  });
});
