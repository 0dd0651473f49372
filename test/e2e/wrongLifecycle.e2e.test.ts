// Journey: a person opens manifests whose workload kind does not fit the work — a migration run
// by a Deployment, a daily backup written as a sleep loop, a web server wrapped in a Job — sees
// each one underlined with the reason, and converts it with Ctrl+. to a Job, a CronJob and a
// Deployment; the warning goes away.
// Screenshots: test-results/screenshots/wrong-lifecycle/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/paths';
import { UI_TIMEOUT_MS, Workbench } from './workbench';

describe('the wrong lifecycle', { timeout: 400_000 }, () => {
  let wb: Workbench;
  let folder: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-e2e-lifecycle-'));
    fs.copyFileSync(
      path.join(REPO_ROOT, 'examples', 'migration-deployment.yaml'),
      path.join(folder, 'migration-deployment.yaml'),
    );
    for (const name of ['deployment-backup-loop.yaml', 'job-gunicorn.yaml']) {
      fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'advice', name), path.join(folder, name));
    }
    wb = await Workbench.start({ name: 'wrong-lifecycle', workspace: folder });
  });

  after(async () => {
    await wb?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  /** Puts the cursor on `token`, opens the quick fixes with Ctrl+. and picks the one titled `fix`. */
  async function quickFix(token: string, fix: RegExp, shot: string): Promise<void> {
    await wb.activeEditor().locator('.view-line span', { hasText: token }).first().click();
    const row = wb.page.locator('.action-widget .monaco-list-row', { hasText: fix }).first();
    const none = wb.page.getByText('No code actions available');
    // The editor may ask for code actions before the server has answered for this position; a
    // person who sees "No code actions available" presses Ctrl+. again.
    for (let attempt = 0; attempt < 3; attempt++) {
      await wb.page.keyboard.press('Control+.');
      await row.or(none).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      if (await row.isVisible()) break;
      await none.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    }
    await wb.expectVisible(row, `the quick fix ${fix}`);
    await wb.screenshot(shot);
    // As a keyboard user: move down the list to the fix, then Enter.
    const focused = wb.page.locator('.action-widget .monaco-list-row.focused', { hasText: fix });
    for (let i = 0; i < 6 && !(await focused.isVisible()); i++) await wb.page.keyboard.press('ArrowDown');
    await wb.expectVisible(focused, `the quick fix ${fix} focused`);
    await wb.page.keyboard.press('Enter');
    await row.waitFor({ state: 'detached' });
    // The diagnostic's hover may still float over the old text.
    await wb.page.keyboard.press('Escape');
  }

  it('a migration run by a Deployment is underlined, and the hover says why', async () => {
    await wb.openFromExplorer('migration-deployment.yaml');
    await wb.expectVisible(wb.activeEditor().locator('.squiggly-warning').first(), 'a warning squiggle');
    const text = await wb.hover('manage.py');
    assert.match(text, /python manage\.py migrate/);
    assert.match(text, /exit code 0 counts as a failure too/);
    assert.match(text, /again and again/);
    await wb.screenshot('migration-deployment-warning');
  });

  it('Convert to Job rewrites it as a Job, and the warning goes away', async () => {
    await wb.page.keyboard.press('Escape');
    await quickFix('manage.py', /Convert to Job/, 'convert-to-job-menu');
    await wb.expectVisible(wb.activeEditor().locator('.view-line', { hasText: /^kind:\sJob$/ }), 'kind: Job');
    const text = await wb.editorText();
    assert.match(text, /restartPolicy: Never/);
    assert.match(text, /ttlSecondsAfterFinished: 86400/);
    assert.doesNotMatch(text, /replicas|selector/);
    await wb.activeEditor().locator('.squiggly-warning').first().waitFor({ state: 'detached' });
    await wb.screenshot('converted-to-job');
  });

  it('Convert to CronJob turns a daily sleep loop into a CronJob at midnight', async () => {
    await wb.openFromExplorer('deployment-backup-loop.yaml');
    await wb.expectVisible(wb.activeEditor().locator('.squiggly-info').first(), 'an info squiggle on the loop');
    await quickFix('pg_dump', /Convert to CronJob/, 'convert-to-cronjob-menu');
    await wb.expectVisible(wb.activeEditor().locator('.view-line', { hasText: /^kind:\sCronJob$/ }), 'kind: CronJob');
    const text = await wb.editorText();
    assert.match(text, /schedule: "0 0 \* \* \*"/);
    assert.doesNotMatch(text, /while true|sleep 86400/);
    await wb.screenshot('converted-to-cronjob');
  });

  it('Convert to Deployment turns a web server wrapped in a Job into a Deployment', async () => {
    await wb.openFromExplorer('job-gunicorn.yaml');
    await wb.expectVisible(wb.activeEditor().locator('.squiggly-warning').first(), 'a warning on gunicorn');
    await quickFix('api.wsgi', /Convert to Deployment/, 'convert-to-deployment-menu');
    await wb.expectVisible(wb.activeEditor().locator('.view-line', { hasText: /^kind:\sDeployment$/ }), 'kind: Deployment');
    assert.match(await wb.editorText(), /matchLabels:/);
    await wb.activeEditor().locator('.squiggly-warning').first().waitFor({ state: 'detached' });
    await wb.screenshot('converted-to-deployment');
  });
});
