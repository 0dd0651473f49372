// Journey: a person works with the demo cluster (the test API server) in the Kube Jobs view the
// way people do — right-click menus, inline buttons, the view's title bar, dialogs — and checks
// with the real kubectl that each action did what it says on the row it was taken on. Then
// reads pods in trouble (CrashLoopBackOff, an image that cannot be pulled, an unschedulable
// pod, a pod being deleted), watches the tree's clock, and meets a failure worded as a sentence.
// Screenshots: test-results/screenshots/cluster-actions/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedDemoWorld } from '../apiserver/demoWorld';
import { seedCronJob, seedJob } from '../apiserver/seed';
import { startTestApiServer, type TestApiServer } from '../apiserver/server';
import type { KubectlEnv } from '../apiserver/testClient';
import { makeKubectlEnv, runKubectl } from '../apiserver/testClient';
import { Menus, dialogText, pressDialogButton, toast } from './menus';
import { UI_TIMEOUT_MS, Workbench } from './workbench';

describe('cluster actions', { timeout: 600_000 }, () => {
  let wb: Workbench;
  let menus: Menus;
  let apiServer: TestApiServer;
  let kubeconfigDir: string;
  let k: KubectlEnv;

  const kubectl = async (...args: string[]): Promise<string> => {
    const r = await runKubectl(k, args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const row = (label: string | RegExp, level: number) => wb.sideBarTreeRow(label, level);
  const rowText = async (label: string | RegExp, level: number): Promise<string> =>
    (await row(label, level).first().innerText()).replace(/\s+/g, ' ');

  before(async () => {
    apiServer = await startTestApiServer({});
    const now = Date.now();
    seedDemoWorld(apiServer.store, apiServer.logs, now);
    // What the demo world does not have: a Forbid CronJob every minute, a pod the scheduler
    // cannot place, and a Job the controller has not written a status for yet.
    seedCronJob(apiServer.store, {
      namespace: 'demo',
      name: 'every-minute',
      schedule: '* * * * *',
      lastScheduleMs: now - 60_000,
    });
    const { pods } = seedJob(apiServer.store, {
      namespace: 'batch-jobs',
      name: 'train-model',
      state: 'running',
      startMs: now - 120_000,
      pods: ['Pending'],
    });
    apiServer.store.mutate('pods', 'batch-jobs', pods[0]?.metadata.name, (p) => {
      p.status.conditions[0].message =
        '0/3 nodes are available: 3 Insufficient memory. ' +
        'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    });
    apiServer.store.create('jobs', {
      metadata: { name: 'queued-export', namespace: 'demo' },
      spec: {
        completions: 1,
        parallelism: 1,
        backoffLimit: 6,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'export', image: 'busybox:1.36' }] } },
      },
      status: {},
    });
    kubeconfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-e2e-kubeconfig-'));
    // Two files, as $KUBECONFIG often lists: the demo context, and a second one to switch to.
    const kubeconfig = path.join(kubeconfigDir, 'config');
    const second = path.join(kubeconfigDir, 'staging');
    apiServer.writeKubeconfig(kubeconfig, { namespace: 'demo' });
    apiServer.writeKubeconfig(second, { namespace: 'batch-jobs', contextName: 'staging' });
    k = makeKubectlEnv((p) => apiServer.writeKubeconfig(p, { namespace: 'demo' }));
    wb = await Workbench.start({ name: 'cluster-actions', env: { KUBECONFIG: `${kubeconfig}${path.delimiter}${second}` } });
    menus = new Menus(wb, 'cluster-actions');
  });

  after(async () => {
    await wb?.stop();
    await apiServer?.close();
    if (kubeconfigDir) fs.rmSync(kubeconfigDir, { recursive: true, force: true });
    if (k) fs.rmSync(k.dir, { recursive: true, force: true });
  });

  it('the Kube Jobs view opens on the demo cluster', async () => {
    await wb.showKubeJobsView();
    await wb.expandTreeRow(row('kube-jobs-test', 1));
    await wb.expandTreeRow(row(/^demo/, 2));
    await wb.expectVisible(row('nightly-cleanup', 3), 'the nightly-cleanup CronJob row');
    await wb.widenSideBar(560);
    assert.match(await rowText(/^demo/, 2), /^demo ?3 CronJobs · \d+ Jobs$/);
    await wb.screenshot('tree');
  });

  it('right-click → Suspend on a CronJob suspends that CronJob (kubectl prints true)', async () => {
    await menus.rightClick(row('nightly-cleanup', 3), 'Suspend');
    await wb.expectVisible(row('nightly-cleanup', 3).filter({ hasText: 'suspended' }), 'the CronJob row saying suspended');
    assert.equal(await kubectl('get', 'cronjob', 'nightly-cleanup', '-o', 'jsonpath={.spec.suspend}'), 'true');
    await wb.screenshot('suspended-from-menu');
  });

  it('right-click → Resume resumes it (kubectl prints false)', async () => {
    await menus.rightClick(row('nightly-cleanup', 3), 'Resume');
    await wb.expectVisible(row('nightly-cleanup', 3).filter({ hasText: /next \d{4}-/ }), 'the CronJob row with its next run');
    assert.equal(await kubectl('get', 'cronjob', 'nightly-cleanup', '-o', 'jsonpath={.spec.suspend}'), 'false');
  });

  it('the inline ▷ Trigger asks first, says why the controller logs UnexpectedJob, and starts a Job', async () => {
    await menus.inline(row('hourly-report', 3), 'Trigger CronJob Now');
    const question = await dialogText(wb);
    assert.match(question, /Trigger CronJob demo\/hourly-report now on context kube-jobs-test\?/);
    assert.match(question, /UnexpectedJob/);
    await wb.screenshot('trigger-question');
    await pressDialogButton(wb, 'Trigger');
    const frame = await wb.webviewFrame('h1', "the new Job's panel");
    await frame.locator('h1', { hasText: /hourly-report-manual-/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    const jobs = await kubectl(
      'get',
      'jobs',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}{" "}{.metadata.ownerReferences[0].name}{"\\n"}{end}',
    );
    assert.match(jobs, /^hourly-report-manual-\w{5} hourly-report$/m);
  });

  it('right-click → Trigger CronJob Now, answered "Cancel", creates nothing', async () => {
    const before = await kubectl('get', 'jobs', '-o', 'name');
    await menus.rightClick(row('every-minute', 3), 'Trigger CronJob Now');
    assert.match(await dialogText(wb), /Trigger CronJob demo\/every-minute now/);
    await pressDialogButton(wb, 'Cancel');
    assert.equal(await kubectl('get', 'jobs', '-o', 'name'), before);
  });

  it("right-click → Show Details opens a Job's panel; the inline Show Details button a CronJob's", async () => {
    await wb.expandTreeRow(row('hourly-report', 3));
    await menus.rightClick(row(/^hourly-report-\d+/, 4).first(), 'Show Details');
    const job = await wb.webviewFrame('h1 >> text=/Job\\s+hourly-report-\\d+/', 'the hourly-report Job panel');
    assert.match(await job.locator('.headline').first().innerText(), /^Running · 0\/1 succeeded/);
    await menus.inline(row('nightly-cleanup', 3), 'Show Details');
    const cron = await wb.webviewFrame('h1 >> text=/CronJob\\s+nightly-cleanup/', 'the nightly-cleanup CronJob panel');
    await cron.locator('h2', { hasText: 'Calendar' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await wb.screenshot('cronjob-panel');
  });

  it("right-click → Show Logs on a Job and on a Pod opens that Job's logs", async () => {
    await wb.expandTreeRow(row('nightly-cleanup', 3));
    await menus.rightClick(row(/^nightly-cleanup-\d+/, 4).first(), 'Show Logs');
    const frame = await wb.webviewFrame('#logs', 'a Job panel with logs');
    await frame.locator('h1', { hasText: /nightly-cleanup-\d+/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    await wb.expandTreeRow(row(/^hourly-report-\d+/, 4).first());
    await menus.rightClick(row(/^hourly-report-\d+-\w{5}/, 5).first(), 'Show Logs');
    const pods = await wb.webviewFrame('h1 >> text=/Job\\s+hourly-report-\\d+/', "the pod's Job panel");
    await pods
      .locator('.log-body')
      .filter({ hasText: /starting hourly-report/ })
      .waitFor({ timeout: UI_TIMEOUT_MS });
  });

  it('right-click → Open Live YAML on a Pod shows that pod as the API server has it', async () => {
    const pod = row(/^hourly-report-\d+-\w{5}/, 5).first();
    const name = (await pod.getAttribute('aria-label'))?.match(/Pod demo\/(\S+)/)?.[1] ?? '';
    await menus.rightClick(pod, 'Open Live YAML');
    await wb.expectVisible(wb.editorTab(`${name}.yaml`), 'the live YAML tab');
    assert.match(await wb.editorText(), new RegExp(`# Live Pod demo/${name} from context kube-jobs-test`));
  });

  it('right-click → Copy Equivalent kubectl Command offers kubectl logs --previous and copies the one picked', async () => {
    await menus.rightClick(row(/^hourly-report-\d+-\w{5}/, 5).first(), 'Copy Equivalent kubectl Command');
    await wb.pickQuickItem('Logs of the previous container');
    await wb.expectVisible(
      wb.page.locator('.statusbar-item', {
        hasText: /Copied: kubectl --context kube-jobs-test -n demo logs hourly-report-\d+-\w{5} --all-containers --previous/,
      }),
      'the copied command in the status bar',
    );
  });

  it('pods in trouble read as people read them, and their Jobs are flagged', async () => {
    await wb.expandTreeRow(row(/^batch-jobs/, 2));
    await wb.expandTreeRow(row('data-sync', 3));
    const looping = row(/^data-sync-\d+/, 4).first();
    assert.match((await looping.innerText()).replace(/\s+/g, ' '), /Running · 0\/1 · 1 pod CrashLoopBackOff/);
    assert.equal(await looping.locator('.codicon-warning').count(), 1, 'the Job is flagged');
    await wb.expandTreeRow(looping);
    const pod = row(/^data-sync-\d+-\w{5}/, 5).first();
    assert.match((await pod.innerText()).replace(/\s+/g, ' '), /CrashLoopBackOff · 3 restarts · last exit 2 \(Error\)/);
    assert.equal(await pod.locator('.codicon-error').count(), 1, 'the pod looks failing');
    await wb.expandTreeRow(row('train-model', 3));
    await wb.expectVisible(
      row(/^train-model-\w{5}/, 4).filter({ hasText: 'Unschedulable: 0/3 nodes are available: 3 Insufficient memory' }),
      "the scheduler's reason on the pod row",
    );
    assert.match(await rowText('image-resize', 3), /Running · 0\/1 · 1 pod ImagePullBackOff/);
    assert.match(await rowText('queued-export', 3), /queued-export ?Running · 0\/1$/);
    await wb.screenshot('pods-in-trouble');
    await pod.click();
    const panel = await wb.webviewFrame('#why-failed', 'the failure card');
    const card = await panel.locator('#why-failed').innerText();
    assert.match(card, /^Why it is failing: CrashLoopBackOff/);
    assert.match(card, /last exit code 2 \(CrashLoopBackOff\) · 3 restarts/);
    assert.match(card, /Waiting message: back-off 40s restarting failed container/);
    assert.doesNotMatch(card, /Termination message|does not count as failed/);
    await wb.screenshot('job-failing');
    await menus.rightClick(row('image-resize', 3), 'Show Details');
    const stuck = await wb.webviewFrame('h1 >> text=/image-resize/', 'the image-resize panel');
    await stuck.locator('#why-failed', { hasText: /Why it is stuck: ImagePullBackOff/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await stuck.locator('#why-failed').innerText(), /has not failed, and will not by itself/);
  });

  it('a pod deleted with a grace period shows Terminating until the kubelet is done', async () => {
    const pod = row(/^hourly-report-\d+-\w{5}/, 5).first();
    const name = (await pod.getAttribute('aria-label'))?.match(/Pod demo\/(\S+)/)?.[1] ?? '';
    await kubectl('delete', 'pod', name, '--grace-period=120', '--wait=false');
    await wb.expectVisible(row(name, 5).filter({ hasText: 'Terminating · grace period 120s' }), 'the Terminating pod row');
    assert.equal(await row(name, 5).locator('.codicon-circle-slash').count(), 1);
    await wb.screenshot('pod-terminating');
  });

  it('right-click → Suspend and Resume on a running Job act on that Job', async () => {
    await menus.rightClick(row('image-resize', 3), 'Suspend');
    // No Job controller here to add the Suspended condition (kubectl's STATUS); spec.suspend shows as the pause icon.
    await wb.expectVisible(row('image-resize', 3).locator('.codicon-debug-pause'), 'the Job row paused');
    assert.equal(await kubectl('get', 'job', 'image-resize', '-n', 'batch-jobs', '-o', 'jsonpath={.spec.suspend}'), 'true');
    await menus.rightClick(row('image-resize', 3), 'Resume');
    await wb.expectVisible(
      row('image-resize', 3).locator('.codicon-warning'),
      'the Job row flagged again (its pod cannot pull its image)',
    );
    assert.equal(await kubectl('get', 'job', 'image-resize', '-n', 'batch-jobs', '-o', 'jsonpath={.spec.suspend}'), 'false');
  });

  it('right-click → Delete Job… asks, then deletes that Job', async () => {
    await menus.rightClick(row('db-migrate', 3), 'Delete Job…');
    assert.match(
      await dialogText(wb),
      /Delete Job demo\/db-migrate on context kube-jobs-test\?[\s\S]*propagation policy Background/,
    );
    await pressDialogButton(wb, 'Delete');
    await row('db-migrate', 3).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    const r = await runKubectl(k, ['get', 'job', 'db-migrate']);
    assert.match(r.stderr, /NotFound/);
  });

  it('the tree has a clock: a running duration and "next" move on as the minutes pass, with no cluster change', async () => {
    const job = row(/^hourly-report-\d+/, 4).first();
    const duration = (await job.innerText()).replace(/\s+/g, ' ').match(/· ((?:\d+[dhm] ?)+)$/)?.[1];
    assert.ok(duration, 'a running duration');
    const next = (await rowText('every-minute', 3)).match(/next (\S+ \d\d:\d\d)/)?.[1];
    assert.ok(next, 'a next run');
    // Within a minute each text must change by itself: nothing changes on the cluster meanwhile.
    await Promise.all([
      wb.page.waitForFunction(
        ([el, before]) => !(el as HTMLElement).innerText.replace(/\s+/g, ' ').endsWith(`· ${before as string}`),
        [await job.elementHandle(), duration] as const,
        { timeout: 75_000 },
      ),
      wb.page.waitForFunction(
        ([el, before]) => !(el as HTMLElement).innerText.includes(`next ${before as string}`),
        [await row('every-minute', 3).elementHandle(), next] as const,
        { timeout: 75_000 },
      ),
    ]);
    const after = (await rowText('every-minute', 3)).match(/next (\S+ \d\d:\d\d)/)?.[1] ?? '';
    assert.ok(after > next, `next went from ${next} to ${after}`);
  });

  it("the view's title bar: Filter…, Clear filter, Refresh", async () => {
    await menus.viewTitle('Filter Cluster View…');
    await wb.answerQuickInput('nightly');
    await row('every-minute', 3).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await wb.expectVisible(row('nightly-cleanup', 3), 'the matching CronJob');
    await wb.screenshot('filtered');
    await menus.viewTitle('Clear Cluster View Filter');
    await wb.expectVisible(row('every-minute', 3), 'every row again');
    await menus.viewTitle('Refresh Cluster View');
    await wb.expectVisible(row('every-minute', 3), 'the tree after a refresh');
  });

  it("a context row's menu: Select Namespaces… and Select Kubeconfig Context… act on that context", async () => {
    await menus.rightClick(row('kube-jobs-test', 1), 'Select Namespaces…');
    await wb.expectVisible(
      wb.page.locator('.quick-input-widget', { hasText: 'Namespaces to watch on context kube-jobs-test' }),
      'the namespaces question naming the context',
    );
    await wb.answerQuickInput('demo');
    await row(/^batch-jobs/, 2).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await menus.viewTitle('Select Namespaces…');
    await wb.answerQuickInput('');
    await wb.expectVisible(row(/^batch-jobs/, 2), 'every namespace again');
    // The view has reconnected on every namespace (the status bar says so) before the next right-click.
    await wb.expectVisible(wb.page.locator('.statusbar-item', { hasText: 'kube-jobs-test · all namespaces' }), 'the status bar');
    await menus.rightClick(row('staging', 1), 'Select Kubeconfig Context…');
    await wb.expectVisible(wb.page.locator('.statusbar-item', { hasText: 'staging · ' }), 'the status bar on context staging');
    await menus.viewTitle('Select Kubeconfig Context…');
    await wb.pickQuickItem('kube-jobs-test');
    await wb.expectVisible(wb.page.locator('.statusbar-item', { hasText: 'kube-jobs-test · ' }), 'back on kube-jobs-test');
  });

  it('More Actions… and the palette validate and apply a manifest, naming the namespace; the toast offers Show', async () => {
    await wb.openFromExplorer('nightly-cleanup.yaml');
    await menus.editorTitle('Validate Manifest on Cluster (Dry Run)');
    await wb.expectVisible(toast(wb, 'the API server accepts CronJob/nightly-cleanup in namespace demo'), 'the dry-run toast');
    await menus.palette('Validate Manifest on Cluster (Dry Run)');
    await menus.editorTitle('Apply Manifest to Cluster');
    assert.match(await dialogText(wb), /Apply CronJob\/nightly-cleanup in namespace demo on context kube-jobs-test\?/);
    await wb.screenshot('apply-question');
    await pressDialogButton(wb, 'Apply');
    const applied = toast(wb, 'Applied CronJob/nightly-cleanup in namespace demo on context kube-jobs-test.');
    await wb.expectVisible(applied, 'the applied toast');
    assert.equal(await kubectl('get', 'cronjob', 'nightly-cleanup', '-o', 'jsonpath={.spec.timeZone}'), 'Europe/Berlin');
    await applied.locator('.monaco-button', { hasText: 'Show' }).click();
    await wb.webviewFrame('h1 >> text=/CronJob\\s+nightly-cleanup/', "the applied CronJob's panel");
    await wb.editorTab('nightly-cleanup.yaml').click();
    await menus.palette('Apply Manifest to Cluster');
    await pressDialogButton(wb, 'Cancel');
  });

  it('an action the API server fails reads as one sentence with the context and server, and Retry runs it again', async () => {
    await wb.showKubeJobsView();
    // The connection of every request about this CronJob is cut, as a flaky proxy does; the watches stay up.
    apiServer.faults.set({ dropConnectionRate: 1, pathIncludes: 'cronjobs/every-minute' });
    await menus.rightClick(row('every-minute', 3), 'Suspend');
    const failure = toast(
      wb,
      new RegExp(
        'Could not suspend CronJob demo/every-minute on context kube-jobs-test: ' +
          'the API server \\(http://127\\.0\\.0\\.1:\\d+\\) closed the connection in the middle of the request',
      ),
    );
    await wb.expectVisible(failure, 'the failure sentence');
    await wb.screenshot('action-failed');
    apiServer.faults.clear();
    assert.equal(await kubectl('get', 'cronjob', 'every-minute', '-o', 'jsonpath={.spec.suspend}'), 'false');
    await failure.locator('.monaco-button', { hasText: 'Retry' }).click();
    await wb.expectVisible(row('every-minute', 3).filter({ hasText: 'suspended' }), 'the CronJob suspended by the retry');
    assert.equal(await kubectl('get', 'cronjob', 'every-minute', '-o', 'jsonpath={.spec.suspend}'), 'true');
  });
});
