// Journey: a person edits manifests — "Fix all" from Ctrl+., a CRON_TZ schedule's hover, the
// snippets of a new untitled YAML file — simulates a CronJob and a Job from the code lens and
// re-runs them with the panel's controls, then runs a Job locally from the Command Palette and
// cancels it from the tree (inline button, then right-click menu).
// Screenshots: test-results/screenshots/editor-actions/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Frame } from 'playwright-core';
import { Menus, dialogText, pressDialogButton } from './menus';
import { UI_TIMEOUT_MS, Workbench } from './workbench';

/** A Job whose container runs until it is stopped, so a run can be cancelled. */
const LONG_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: long-export
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: export
          image: busybox:1.36
          command: ["sh", "-c", "echo exporting; sleep 600"]
`;

describe('editor actions', { timeout: 600_000 }, () => {
  let wb: Workbench;
  let menus: Menus;

  before(async () => {
    wb = await Workbench.start({ name: 'editor-actions' });
    fs.writeFileSync(path.join(wb.workspace, 'long-export.yaml'), LONG_JOB);
    menus = new Menus(wb, 'editor-actions');
  });

  after(async () => {
    await wb?.stop();
  });

  /** The error count the status bar shows ("No Problems" is none). */
  const errorCount = async (): Promise<number> => {
    const label = (await wb.statusBarItem('status.problems').getAttribute('aria-label')) ?? '';
    const errors = /(\d+) errors?|Errors?: (\d+)/i.exec(label);
    if (errors) return Number(errors[1] ?? errors[2]);
    assert.match(label, /No Problems|warnings?|infos?/i, `status bar problems: ${label}`);
    return 0;
  };

  it("a CRON_TZ schedule's hover names one zone in its header and its table", async () => {
    await wb.openFromExplorer('common-mistakes.yaml');
    await wb.expectVisible(wb.squiggles().first(), 'the squiggles');
    await wb.activeEditor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+End');
    const text = await wb.hoverWithKeyboard('Europe/London', /Next \d+ runs/);
    assert.match(text, /\(Europe\/London time\)/);
    assert.match(text, /Europe\/London\s+UTC/);
    assert.doesNotMatch(text, /times below assume UTC/);
    await wb.screenshot('cron-tz-hover');
    await wb.page.keyboard.press('Escape');
  });

  it('Ctrl+. → "Fix all kube-jobs problems in file" fixes the four errors and adds no advice', async () => {
    assert.equal(await errorCount(), 4, 'restartPolicy, the unquoted schedule, the zone, CRON_TZ');
    await wb.activeEditor().locator('.view-line span', { hasText: 'CRON_TZ' }).first().click();
    await wb.page.keyboard.press('Control+.');
    const fixAll = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Fix all kube-jobs problems in file' }).first();
    await wb.expectVisible(fixAll, 'the Fix all entry');
    await wb.screenshot('fix-all-menu');
    await wb.chooseWithKeyboard(fixAll, 'the Fix all entry');
    await wb.page.waitForFunction(
      () =>
        !document
          .querySelector('.statusbar-item[id="status.problems"]')
          ?.getAttribute('aria-label')
          ?.match(/Errors?: [1-9]/),
      undefined,
      { timeout: UI_TIMEOUT_MS },
    );
    assert.equal(await errorCount(), 0);
    await wb.page.keyboard.press('Control+Home');
    const text = await wb.activeEditor().locator('.view-lines').innerText();
    assert.doesNotMatch(text, /ttlSecondsAfterFinished|HistoryLimit/);
    await wb.screenshot('fix-all-applied');
  });

  it('a new untitled YAML file offers the kube-jobs snippets: Insert Snippet, and as completions (once each)', async () => {
    await wb.page.keyboard.press('Control+N');
    await wb.expectVisible(wb.editorTab('Untitled-1'), 'the untitled editor');
    await wb.runCommand('Change Language Mode');
    await wb.answerQuickInput('YAML');
    await wb.expectVisible(wb.statusBarItem('status.editor.mode').filter({ hasText: 'YAML' }), 'YAML mode');
    await wb.runCommand('Snippets: Insert Snippet');
    const cron = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'kube-jobs: CronJob' }).first();
    await wb.expectVisible(cron, 'the CronJob snippet in Insert Snippet');
    await wb.screenshot('insert-snippet');
    await cron.click();
    await wb.expectVisible(wb.activeEditor().locator('.view-line', { hasText: 'kind: CronJob' }), 'the inserted CronJob');
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.press('Delete');
    await wb.page.keyboard.type('Cron');
    await wb.page.keyboard.press('Control+Space');
    const suggested = wb.page.locator('.suggest-widget .monaco-list-row', { hasText: 'kube-jobs: CronJob' });
    await wb.expectVisible(suggested.first(), 'the CronJob snippet as a completion');
    assert.equal(await suggested.count(), 1, 'offered once, not twice');
    await wb.page.keyboard.press('Escape');
  });

  const simulationFrame = async (title: RegExp): Promise<Frame> => {
    const frame = await wb.webviewFrame('#simulation-controls', 'the simulation controls');
    await frame.locator('h1', { hasText: title }).waitFor({ timeout: UI_TIMEOUT_MS });
    return frame;
  };

  /** Clicks the Simulate code lens at the top of a file and returns its panel. */
  const simulateFromLens = async (file: string, title: RegExp): Promise<Frame> => {
    await wb.openFromExplorer(file);
    await wb.activeEditor().locator('.view-lines').click();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.locator('.codelens-decoration a', { hasText: 'Simulate' }).first().click();
    return simulationFrame(title);
  };

  it('Simulate on a CronJob opens a week around its next clock change, in words, without jargon', async () => {
    const frame = await simulateFromLens('nightly-cleanup.yaml', /Simulate CronJob nightly-cleanup/);
    const controls = await frame.locator('#simulation-controls').innerText();
    assert.match(controls, /7 days around the next clock change in Europe\/Berlin/);
    assert.equal(await frame.locator('input[name="for"]').inputValue(), '7');
    assert.match(await frame.locator('#simulation-summary').innerText(), /^7 Jobs created/);
    const page = await frame.locator('.panel').innerText();
    assert.doesNotMatch(page, /document \d+ of/);
    assert.match(
      await frame.locator('#simulation-command').innerText(),
      /^kube-jobs simulate nightly-cleanup\.yaml --name nightly-cleanup --start \S+ --for 7d$/,
    );
    await wb.screenshot('simulation-cronjob');
  });

  it('the controls re-run it: pod outcomes I choose, a random model, a window from now', async () => {
    const frame = await simulationFrame(/nightly-cleanup/);
    await frame.locator('input[name="pods"][value="scripted"]').check();
    await frame.locator('select[name="row-0-outcome"]').selectOption('fail');
    await frame.locator('input[name="row-0-seconds"]').fill('20');
    await frame.locator('input[name="row-0-exit"]').fill('3');
    await frame.locator('#run-simulation').click();
    await frame.locator('#simulation-command', { hasText: '--pods fail@20s:3,succeed@30s' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await frame.locator('input[name="pods"][value="random"]').check();
    await frame.locator('input[name="failure-percent"]').fill('100');
    await frame.locator('button', { hasText: 'Now' }).click();
    await frame.locator('input[name="for"]').fill('2');
    await frame.locator('#run-simulation').click();
    await frame.locator('#simulation-command', { hasText: '--failure-rate 1' }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(
      await frame.locator('#simulation-command').innerText(),
      /--for 2d --seed 1 --failure-rate 1 --durations 10s-60s$/,
    );
    // Every pod fails: each Job that finished within the two days failed (the last may still be running at the end).
    assert.match(await frame.locator('#simulation-summary').innerText(), /^2 Jobs created, [12] failed$/);
    await wb.screenshot('simulation-controls');
  });

  it("a Job's simulation with the README's outcomes: two failures ignored by the pod failure policy, then success", async () => {
    const frame = await simulateFromLens('flaky-export.yaml', /Simulate Job flaky-export/);
    assert.match(await frame.locator('#simulation-controls').innerText(), /until the Job finishes/);
    await frame.locator('input[name="pods"][value="scripted"]').check();
    await frame.locator('select[name="row-0-outcome"]').selectOption('fail');
    await frame.locator('input[name="row-0-exit"]').fill('75');
    await frame.locator('button', { hasText: '+ Add row' }).click();
    await frame.locator('select[name="row-2-outcome"]').selectOption('succeed');
    await frame.locator('input[name="row-2-seconds"]').fill('40');
    await frame.locator('select[name="row-1-outcome"]').selectOption('fail');
    await frame.locator('input[name="row-1-seconds"]').fill('15');
    await frame.locator('input[name="row-1-exit"]').fill('75');
    await frame.locator('#run-simulation').click();
    await frame
      .locator('#simulation-command', { hasText: '--pods fail@20s:75,fail@15s:75,succeed@40s' })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(
      await frame.locator('#simulation-summary').innerText(),
      'Complete (CompletionsReached) — 3 pods created, 1 succeeded, 0 counted as failed',
    );
    await wb.screenshot('simulation-job');
  });

  it("Run Locally from the Command Palette, then the tree's inline Cancel stops it", async () => {
    await wb.openFromExplorer('long-export.yaml');
    await wb.activeEditor().locator('.view-lines').click();
    await menus.palette('Run Locally');
    assert.match(await dialogText(wb), /long-export/);
    await pressDialogButton(wb, 'Run');
    await wb.showKubeJobsView();
    await wb.expandTreeRow(wb.sideBarTreeRow('Local runs', 1));
    const run = wb.sideBarTreeRow(/long-export/, 2).first();
    await wb.expectVisible(run, 'the local run row');
    await menus.inline(run, 'Cancel Local Run');
    await wb.expectVisible(
      wb
        .sideBarTreeRow(/long-export/, 2)
        .filter({ hasText: /cancel|failed/i })
        .first(),
      'the run cancelled',
    );
    await wb.screenshot('local-run-cancelled');
  });

  it('a second run is cancelled from its right-click menu', async () => {
    await wb.editorTab('long-export.yaml').click();
    await menus.palette('Run Locally');
    await pressDialogButton(wb, 'Run');
    await wb.showKubeJobsView();
    const running = wb
      .sideBarTreeRow(/long-export/, 2)
      .filter({ hasNotText: /cancel|failed/i })
      .first();
    await wb.expectVisible(running, 'the second run');
    await menus.rightClick(running, 'Cancel Local Run');
    await running.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  });
});
