// Journey: a person clicks Simulate above workloads of a size the simulator must not choke on.
// A Job with a billion completions is refused at once with the reason; a CronJob whose every
// run starts 5,000 pods is simulated while the person goes on working in another file (a hover
// answers meanwhile) until the simulation reaches its bound and says where it stopped; a Job
// with a million pods is simulated to its end and its panel says what the result leaves out.
// Screenshots: test-results/screenshots/simulate-large/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Workbench } from './workbench';

const job = (name: string, completions: number, parallelism: number): string =>
  [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  completions: ${completions}`,
    `  parallelism: ${parallelism}`,
    '  ttlSecondsAfterFinished: 600',
    '  template:',
    '    spec:',
    '      restartPolicy: Never',
    '      containers:',
    '        - name: work',
    '          image: busybox:1.36',
    '          command: ["sh", "-c", "true"]',
    '          resources:',
    '            requests: {cpu: 100m, memory: 64Mi}',
    '',
  ].join('\n');

/** A CronJob whose every run starts 5,000 pods: a day of it is more than a simulation may spend. */
const HEAVY_CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: heavy
spec:
  schedule: "* * * * *"
  timeZone: Etc/UTC
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 1
  failedJobsHistoryLimit: 1
  jobTemplate:
    spec:
      completions: 5000
      parallelism: 5000
      ttlSecondsAfterFinished: 600
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: work
              image: busybox:1.36
              command: ["sh", "-c", "true"]
              resources:
                requests: {cpu: 100m, memory: 64Mi}
`;

describe('simulate large Jobs', { timeout: 400_000 }, () => {
  let wb: Workbench;
  let folder: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-e2e-large-'));
    fs.writeFileSync(path.join(folder, 'billion.yaml'), job('billion', 1_000_000_000, 1_000_000));
    fs.writeFileSync(path.join(folder, 'million.yaml'), job('million', 1_000_000, 1_000_000));
    fs.writeFileSync(path.join(folder, 'heavy-cron.yaml'), HEAVY_CRONJOB);
    fs.copyFileSync(
      path.join(__dirname, '..', '..', '..', 'examples', 'nightly-cleanup.yaml'),
      path.join(folder, 'nightly-cleanup.yaml'),
    );
    wb = await Workbench.start({ name: 'simulate-large', workspace: folder });
  });

  after(async () => {
    await wb?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  /** clickSimulate opens `file` and clicks the Simulate code lens above its Job. */
  async function clickSimulate(file: string): Promise<void> {
    await wb.openFromExplorer(file);
    // The lens above this file's workload, not one in an editor beside it.
    const lens = wb.activeEditor().locator('.codelens-decoration a', { hasText: 'Simulate' }).first();
    await wb.expectVisible(lens, `the Simulate code lens in ${file}`);
    await lens.click();
  }

  it('Simulate on a Job with a billion completions says at once why it is not simulated', async () => {
    await clickSimulate('billion.yaml');
    const frame = await wb.webviewFrame('p.error', 'the refusal in the simulation panel');
    assert.match(
      await frame.locator('p.error').innerText(),
      /too large to simulate to its end: it would create at least 1,000,000,000 pods/,
    );
    assert.equal(await frame.locator('img.timeline-img').count(), 0);
    await wb.screenshot('billion-refused');
  });

  it('Simulate on a CronJob of 5,000-pod runs: a hover in another file answers meanwhile; then where it stopped', async () => {
    // nightly-cleanup.yaml on the right, the CronJob to simulate on the left (where its panel will open).
    await wb.openFromExplorer('nightly-cleanup.yaml');
    await wb.runCommand('View: Split Editor Right');
    const right = wb.page.locator('.editor-group-container').nth(1);
    await wb.expectVisible(
      right.locator('.codelens-decoration', { hasText: 'Next run' }).first(),
      'the code lenses of nightly-cleanup.yaml on the right',
    );
    await wb.page.keyboard.press('Control+1');
    await clickSimulate('heavy-cron.yaml');
    await wb.page.mouse.move(0, 0);
    await right.locator('.view-line span', { hasText: '0 3 * * *' }).first().hover();
    const widget = wb.page
      .locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents')
      .first();
    await wb.expectVisible(widget, 'the schedule hover on the right');
    assert.match(await widget.innerText(), /03:00/);
    await wb.screenshot('hover-while-simulating');
    const frame = await wb.webviewFrame('p.error', 'where the simulation stopped');
    assert.match(await frame.locator('h1').first().innerText(), /Simulate CronJob heavy/);
    assert.match(
      await frame.locator('p.error').innerText(),
      /The simulation stopped at .*simulating further, pod by pod, would take more than a few seconds/,
    );
    await wb.screenshot('heavy-cron-stopped');
  });

  it('Simulate on a Job with a million pods shows its timeline and what the result leaves out', async () => {
    await clickSimulate('million.yaml');
    const frame = await wb.webviewFrame('h1:text("Simulate Job million")', 'the million-pod simulation panel');
    await wb.expectVisible(frame.locator('img.timeline-img'), 'the million-pod timeline');
    assert.match(await frame.locator('body').innerText(), /Only the first 2,000 of 1,000,000 pods are kept in detail/);
    await wb.screenshot('million-simulated');
  });
});
