// Journey: Run locally meets real faults, as a person sees them in VS Code — a secret used in
// args and inside another env value stays masked in the confirmation dialog and the panel (which
// show a pod-template label read through a fieldRef as the run gives it); a
// container without command is refused with the VS Code setting to change; a main process that
// leaves a setsid child completes and leaves nothing; a pod that prints 300,000 lines keeps the
// panel bounded and says what it skipped; a `kube-jobs run` in a terminal that is killed shows
// as Interrupted under Local runs, not Running.
// Screenshots: test-results/screenshots/run-locally-faults/.
// Run: npm run build && node test/e2e/run.mjs runLocallyFaults
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Frame, Locator } from 'playwright-core';
import { UI_TIMEOUT_MS, Workbench } from '../../e2e/workbench';
import { REPO_ROOT } from '../../helpers/paths';
import { leaveGroup, podProcesses } from '../helpers';

const SECRET = 'hunter2 & p@ss/42';

function job(name: string, container: string): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox:1.36
${container
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => `          ${l}`)
  .join('\n')}
`;
}

const sh = (script: string): string => `command: ["sh", "-c", ${JSON.stringify(script)}]`;

describe('run locally against real faults, in VS Code', { timeout: 420_000 }, () => {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.start({ name: 'run-locally-faults', settings: { 'kubeJobs.localRun.envFiles': ['secrets.env'] } });
    const files: Record<string, string> = {
      'secrets.env': `secret/api/token=${SECRET}\n`,
      'secret-job.yaml': job(
        'secret-job',
        `env:
  - name: TOKEN
    valueFrom:
      secretKeyRef: { name: api, key: token }
  - name: DSN
    value: "postgres://app:$(TOKEN)@db/app"
  - name: TEAM
    valueFrom:
      fieldRef: { fieldPath: "metadata.labels['team']" }
${sh('echo "login with $1"; echo "dsn $DSN"; echo "team $TEAM"')}
args: ["sh", "--token=$(TOKEN)"]`,
      ).replace('  template:\n    spec:', '  template:\n    metadata:\n      labels: { team: batch }\n    spec:'),
      'no-command.yaml': job('no-command', 'args: ["echo", "hello"]'),
      'escaping.yaml': job('escaping', sh(`${leaveGroup('exec sleep 300')} echo main done`)),
      'chatty.yaml': job('chatty', sh('seq 1 300000')),
      'cli-sleep.yaml': job('cli-sleep', sh('echo up; sleep 300')),
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(wb.workspace, name), text);
  });

  after(async () => {
    await wb?.stop();
  });

  // A step that failed may leave its dialog open; each step starts without one.
  beforeEach(async () => {
    if (await dialog().isVisible()) await wb.page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  });

  const lens = (): Locator => wb.page.locator('.codelens-decoration a', { hasText: 'Run locally' }).first();
  const dialog = (): Locator => wb.page.locator('.monaco-dialog-box');
  const panel = (jobName: string): Promise<Frame> =>
    wb.webviewFrame(`#title:text-is("Job ${jobName}")`, `the panel of ${jobName}`);

  /** Opens a manifest, clicks its Run locally lens and waits for the dialog. */
  async function runLocally(file: string): Promise<string> {
    await wb.openFromExplorer(file);
    try {
      await wb.expectVisible(lens(), 'the Run locally code lens');
    } catch (error) {
      // Rare in full runs and not reproduced alone: say what the editor showed instead.
      const lenses = await wb.page.locator('.codelens-decoration').allInnerTexts();
      const tabs = await wb.page.locator('.tab.active').allInnerTexts();
      const status = await wb.page
        .locator('.statusbar')
        .innerText()
        .catch(() => '');
      throw new Error(
        `${(error as Error).message}; code lenses shown: ${JSON.stringify(lenses)}, active tabs: ${JSON.stringify(tabs)}, status bar: ${JSON.stringify(status)}`,
        { cause: error },
      );
    }
    await lens().click();
    await wb.expectVisible(dialog(), 'the dialog');
    return dialog().innerText();
  }

  it('a secret in args and inside another env value is masked in the confirmation dialog and the panel', async () => {
    const text = await runLocally('secret-job.yaml');
    assert.match(text, /--token=\*\*\*\*/);
    assert.match(text, /DSN=postgres:\/\/app:\*\*\*\*@db\/app/);
    assert.ok(!text.includes('hunter2'), 'no part of the secret in the dialog');
    // The value the run will give (the pod template's label), not an empty one.
    assert.match(text, /TEAM=batch/);
    await wb.screenshot('secret-confirm-dialog');
    await dialog().locator('.monaco-button', { hasText: /^Run$/ }).click();
    const frame = await panel('secret-job');
    await frame.locator('#status', { hasText: /^Complete/ }).waitFor({ timeout: 60_000 });
    await frame.locator('#logs', { hasText: /\] team batch/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    const logs = await frame.locator('#logs').innerText();
    assert.match(logs, /\] login with --token=\*\*\*\*/);
    assert.match(logs, /\] dsn postgres:\/\/app:\*\*\*\*@db\/app/);
    assert.ok(!`${logs}${await frame.locator('#events').innerText()}`.includes('hunter2'), 'no part of the secret in the panel');
    await wb.screenshot('secret-panel');
  });

  it('a container without command is refused, naming the VS Code setting to change (not a CLI flag)', async () => {
    const text = await runLocally('no-command.yaml');
    assert.match(text, /container main has no command/);
    assert.match(text, /set kubeJobs\.localRun\.runtime to docker or podman/);
    assert.doesNotMatch(text, /--runtime/);
    await wb.screenshot('no-command-refusal');
    await wb.page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  });

  it('a main process that leaves a setsid child behind: the pod completes with it, and the child is gone', async () => {
    await runLocally('escaping.yaml');
    await dialog().locator('.monaco-button', { hasText: /^Run$/ }).click();
    const frame = await panel('escaping');
    await frame.locator('#status', { hasText: /^Complete/ }).waitFor({ timeout: 60_000 });
    await frame.locator('#logs', { hasText: /\] main done/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(podProcesses('escaping'), [], 'the escaped sleep 300 is gone');
    await wb.screenshot('escaping-complete');
  });

  it('a pod that prints 300,000 lines: the panel keeps the newest and says how many it did not show', async () => {
    await runLocally('chatty.yaml');
    await dialog().locator('.monaco-button', { hasText: /^Run$/ }).click();
    const frame = await panel('chatty');
    await frame.locator('#status', { hasText: /^Complete/ }).waitFor({ timeout: 120_000 });
    await frame.locator('#logs', { hasText: /\] 300000$/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    await wb.expectVisible(frame.locator('#skipped'), 'the note of lines not shown');
    const note = /^… ([\d,]+) earlier lines not shown here \(the run record keeps every line\)$/.exec(
      await frame.locator('#skipped').innerText(),
    );
    assert.ok(note !== null, 'the note says how many lines are not shown');
    const shown = await frame.locator('#logs > div').count();
    assert.ok(shown <= 5000, 'the page holds at most 5,000 lines');
    assert.equal(
      Number((note[1] ?? '').replace(/,/g, '')) + shown,
      300_000,
      'the lines shown and the lines counted as not shown are every line',
    );
    const record = fs.readdirSync(path.join(wb.workspace, '.kube-jobs', 'runs')).find((d) => d.endsWith('-chatty')) as string;
    const pod = fs.readdirSync(path.join(wb.workspace, '.kube-jobs', 'runs', record, 'pods'))[0] as string;
    const log = fs.readFileSync(path.join(wb.workspace, '.kube-jobs', 'runs', record, 'pods', pod, 'main.log'), 'utf8');
    assert.equal(log.split('\n').length - 1, 300_000, 'the record has every line');
    await wb.screenshot('chatty-panel');
  });

  it('a kube-jobs run in a terminal shows under Local runs as Running, and as Interrupted once it is killed', async () => {
    const cli = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'run', 'cli-sleep.yaml', '--yes'], {
      cwd: wb.workspace,
      stdio: 'ignore',
    });
    await wb.openLocalRuns();
    const row = wb.page.locator('.monaco-list-row', { hasText: /Job cli-sleep/ }).first();
    await wb.expectVisible(row.filter({ hasText: /Running/ }), 'the terminal run, Running');
    await wb.screenshot('terminal-run-running');
    cli.kill('SIGKILL');
    await wb.expectVisible(
      wb.page.locator('.monaco-list-row', { hasText: /Job cli-sleep.*Interrupted/ }).first(),
      'the killed run, Interrupted',
    );
    assert.doesNotMatch(await row.innerText(), /Running/);
    await wb.screenshot('terminal-run-interrupted');
  });
});
