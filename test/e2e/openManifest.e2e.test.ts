// Journey: a person opens the examples folder in VS Code, opens manifests from the Explorer,
// sees what Kubernetes would reject underlined and hovers a field for help.
// Screenshots: test-results/screenshots/open-manifest/.
// Later steps (quick fix, simulate, tree view) go after these, each as one `it` with a screenshot.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Workbench } from './workbench';

describe('open a manifest', { timeout: 400_000 }, () => {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.start({ name: 'open-manifest' });
  });

  after(async () => {
    await wb?.stop();
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
  });

  it('hovering timeZone in nightly-cleanup.yaml explains the field', async () => {
    await wb.openFromExplorer('nightly-cleanup.yaml');
    const text = await wb.hover('timeZone');
    assert.ok(text.trim().length > 0, 'the hover is empty');
    await wb.screenshot('timezone-hover');
  });
});
