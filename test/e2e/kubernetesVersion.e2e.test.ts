// Journey: a person edits a Job that sets hostnameOverride (a pod field added in Kubernetes 1.34)
// and has a 1.33 cluster (the test API server, whose /version says v1.33.13). Before the Kube
// Jobs view connects, the file is checked as the newest version and is clean; once the view is
// open and connected, the status bar says the file is checked as Kubernetes 1.33, the field is
// underlined as unknown there, and its hover says what each version does with it. Clicking the
// status bar item and choosing 1.35 checks the file as 1.35, where the field is fine.
// Screenshots: test-results/screenshots/kubernetes-version/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedDemoWorld } from '../apiserver/demoWorld';
import { startTestApiServer, type TestApiServer } from '../apiserver/server';
import { UI_TIMEOUT_MS, Workbench } from './workbench';

const MANIFEST = `apiVersion: batch/v1
kind: Job
metadata:
  name: render-worker
  namespace: demo
spec:
  backoffLimit: 2
  ttlSecondsAfterFinished: 3600
  template:
    spec:
      restartPolicy: Never
      hostnameOverride: render-worker
      containers:
        - name: render
          image: busybox:1.36
          command: ["sh", "-c", "echo rendering on $(hostname)"]
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
`;

describe("check a manifest as the connected cluster's Kubernetes version", { timeout: 400_000 }, () => {
  let wb: Workbench;
  let apiServer: TestApiServer | undefined;
  let dir: string | undefined;

  before(async () => {
    apiServer = await startTestApiServer({ kubernetesVersion: 'v1.33.13' });
    seedDemoWorld(apiServer.store, apiServer.logs, Date.now());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-e2e-version-'));
    const kubeconfig = path.join(dir, 'config');
    apiServer.writeKubeconfig(kubeconfig, { namespace: 'demo' });
    const workspace = path.join(dir, 'workspace');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'render-worker.yaml'), MANIFEST);
    wb = await Workbench.start({ name: 'kubernetes-version', workspace, env: { KUBECONFIG: kubeconfig } });
  });

  after(async () => {
    await wb?.stop();
    await apiServer?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Hovers a field's key in the editor and returns the field's hover (the one that names the field:
   * a tooltip of the activity bar or status bar may show at the same time).
   */
  const hoverField = async (field: string): Promise<string> => {
    await wb.page.keyboard.press('Escape');
    await wb.activeEditor().locator('.view-line span', { hasText: field }).first().hover();
    const widget = wb.page.locator('.monaco-hover:not(.hidden)', { hasText: `${field}: string` }).first();
    await wb.expectVisible(widget, `the hover of ${field}`);
    return widget.innerText();
  };

  // VS Code prefixes a status bar item's id with the extension's (publisher.name.<id>).
  const versionItem = (): ReturnType<Workbench['statusBarItem']> =>
    wb.page.locator('.statusbar-item[id$="kubeJobs.kubernetesVersion"]');

  it('with no cluster connected the file is checked as the newest version, and hostnameOverride is fine', async () => {
    await wb.openFromExplorer('render-worker.yaml');
    await wb.expectVisible(versionItem().filter({ hasText: 'K8s 1.36' }), 'K8s 1.36 in the status bar');
    // The code lenses come with the language server's first answers (and move the lines down).
    await wb.expectVisible(wb.activeEditor().locator('.codelens-decoration').first(), 'the code lenses');
    const hover = await hoverField('hostnameOverride');
    assert.match(hover, /Checked as Kubernetes 1\.36, the newest version kube-jobs follows \(no cluster connected\)/);
    assert.equal(await wb.squiggles().count(), 0, 'no squiggle while checked as 1.36');
    await wb.screenshot('checked-as-newest');
  });

  it('opening the Kube Jobs view connects to the 1.33 cluster: K8s 1.33, hostnameOverride underlined', async () => {
    await wb.page.keyboard.press('Escape');
    await wb.page
      .locator('.activitybar')
      .getByRole('tab', { name: /Kube Jobs/ })
      .click();
    await wb.expectVisible(wb.sideBarTreeRow('kube-jobs-test', 1), 'the context row');
    await wb.expectVisible(versionItem().filter({ hasText: 'K8s 1.33' }), 'K8s 1.33 in the status bar');
    await wb.expectVisible(wb.squiggles().first(), 'a squiggle once checked as 1.33');
    const tooltip = await versionItem().getAttribute('aria-label');
    assert.match(tooltip ?? '', /K8s 1\.33/);
    await wb.screenshot('cluster-1-33-connected');
  });

  it('the hover on hostnameOverride says it is unknown on the cluster and when it came', async () => {
    const text = await hoverField('hostnameOverride');
    assert.match(text, /unknown field "hostnameOverride"/);
    assert.match(text, /Kubernetes 1\.33 does not have this field yet \(added in 1\.34\)/);
    assert.match(text, /On your cluster \(1\.33\): unknown field/);
    assert.match(text, /Checked as Kubernetes 1\.33: the version of cluster context kube-jobs-test \(v1\.33\.13\)/);
    await wb.screenshot('hover-unknown-on-cluster');
  });

  it('the Problems panel lists the unknown field', async () => {
    await wb.page.keyboard.press('Escape');
    const problems = await wb.problems();
    assert.ok(
      problems.some((p) => /Kubernetes 1\.33 does not have this field yet/.test(p)),
      problems.join('\n'),
    );
    await wb.screenshot('problems-unknown-field');
  });

  it('clicking the status bar item and choosing 1.35 checks the file as 1.35: the squiggle goes', async () => {
    await wb.activeEditor().locator('.view-lines').click();
    await versionItem().click();
    const row = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Kubernetes 1.35' }).first();
    await wb.expectVisible(row, 'the 1.35 choice');
    await wb.screenshot('choose-version');
    await row.click();
    await wb.expectVisible(versionItem().filter({ hasText: 'K8s 1.35' }), 'K8s 1.35 in the status bar');
    await wb.page.waitForFunction(() => document.querySelectorAll('.squiggly-error').length === 0, undefined, {
      timeout: UI_TIMEOUT_MS,
    });
    const hover = await hoverField('hostnameOverride');
    assert.match(hover, /Checked as Kubernetes 1\.35, as kubeJobs\.kubernetesVersion says/);
    await wb.screenshot('checked-as-1-35');
  });
});
