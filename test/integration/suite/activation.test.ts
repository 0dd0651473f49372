// The extension is installed, VS Code is the real 1.100 line, and opening a YAML manifest
// activates the extension (activationEvents: onLanguage:yaml).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, EXTENSION_VERSION, closeAllEditors, kubeJobsExtension, openFixture, waitForActivation } from '../helpers';

describe('extension activation', () => {
  after(closeAllEditors);

  it('runs in a real VS Code 1.100 extension host on Node 20', () => {
    const expected = process.env.KUBE_JOBS_EXPECT_VSCODE_VERSION;
    if (expected) assert.equal(vscode.version, expected);
    else assert.match(vscode.version, /^1\.(\d+)\./);
    assert.ok(Number(vscode.version.split('.')[1]) >= 100, `VS Code ${vscode.version} is older than engines.vscode ^1.100.0`);
    assert.match(process.version, /^v2\d\./);
  });

  it(`is installed as ${EXTENSION_ID} at the package.json version`, () => {
    const ext = kubeJobsExtension();
    assert.equal((ext.packageJSON as { version: string }).version, EXTENSION_VERSION);
  });

  it('is not active before any YAML file is opened', function () {
    const events = (kubeJobsExtension().packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    const eager = events.some((e) => e === '*' || e === 'onStartupFinished' || e.startsWith('workspaceContains:'));
    if (eager || vscode.workspace.textDocuments.some((d) => d.languageId === 'yaml')) this.skip();
    assert.equal(kubeJobsExtension().isActive, false);
  });

  it('activates when a YAML manifest opens', async () => {
    const { document } = await openFixture('cronjob.yaml');
    assert.equal(document.languageId, 'yaml');
    await waitForActivation();
    assert.equal(kubeJobsExtension().isActive, true);
  });
});
