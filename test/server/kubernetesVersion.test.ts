// The language server judges a file as one Kubernetes version: kubeJobs.kubernetesVersion when it
// names one, else (auto) the version of the cluster the client says the cluster view is
// connected to, else the newest supported. Diagnostics, hover and completion all follow it.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver';
import { provideCompletion } from '../../server/src/features/completion';
import { provideDiagnostics } from '../../server/src/features/diagnostics';
import { provideHover } from '../../server/src/features/hover';
import { judgedVersion, mergeSettings, settingsFromInitialization } from '../../server/src/settings';
import { JOB, NOW_MS, parse, settingsWith, withCaret } from './caret';

const OVERRIDE = JOB.replace('      restartPolicy: Never\n', '      hostnameOverride: worker\n      restartPolicy: Never\n');
const cluster133 = { connectedCluster: { context: 'demo', gitVersion: 'v1.33.4' } };

describe('the version that judges a file', () => {
  it("is the setting, else the connected cluster's, else the newest", () => {
    assert.equal(judgedVersion('1.34', { context: 'demo', gitVersion: 'v1.33.4' }).version, '1.34');
    assert.equal(judgedVersion('auto', { context: 'demo', gitVersion: 'v1.33.4-eks-1a2b3c' }).version, '1.33');
    assert.match(judgedVersion('auto', { context: 'demo', gitVersion: 'v1.33.4' }).why, /cluster context demo \(v1\.33\.4\)/);
    assert.equal(judgedVersion('auto', null).version, '1.36');
    // A cluster older than 1.32 is judged as 1.32, and says so.
    const old = judgedVersion('auto', { context: 'old', gitVersion: 'v1.29.2' });
    assert.equal(old.version, '1.32');
    assert.match(old.why, /older than the versions kube-jobs follows/);
  });

  it('ignores a version it does not follow and a malformed cluster, keeping what it had', () => {
    const settings = settingsFromInitialization({ settings: { kubernetesVersion: '1.33' } });
    assert.equal(settings.judged.version, '1.33');
    assert.equal(mergeSettings(settings, { kubernetesVersion: '1.99' }).judged.version, '1.33');
    assert.equal(mergeSettings(settings, { kubernetesVersion: 'auto', connectedCluster: { context: 7 } }).judged.version, '1.36');
  });
});

describe('diagnostics, hover and completion as the judging version', () => {
  it("flags a field the cluster's version lacks as unknown, and the newest version does not", () => {
    const onCluster = provideDiagnostics(parse(OVERRIDE), settingsWith(cluster133));
    const unknown = onCluster.find((d) => d.code === 'unknown-field');
    assert.ok(unknown, JSON.stringify(onCluster));
    assert.match(String(unknown.message), /Kubernetes 1\.33 does not have this field yet \(added in 1\.34\)/);
    assert.equal(
      provideDiagnostics(parse(OVERRIDE), settingsWith()).find((d) => d.code === 'unknown-field'),
      undefined,
    );
    const on134 = provideDiagnostics(parse(OVERRIDE), settingsWith({ kubernetesVersion: '1.34' }));
    assert.ok(on134.some((d) => d.code === 'field-dropped'));
  });

  it('hovers a field with its history, what the cluster does with it, and which version checks the file', () => {
    const { text, position } = withCaret(OVERRIDE.replace('hostnameOverride', 'hostname|Override'));
    const hover = provideHover(parse(text), position, settingsWith(cluster133), NOW_MS);
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /Added in Kubernetes 1\.34/);
    assert.match(value, /\*\*On your cluster \(1\.33\): unknown field — the API server rejects the manifest\.\*\*/);
    assert.match(value, /Checked as Kubernetes 1\.33: the version of cluster context demo \(v1\.33\.4\)/);
  });

  it('does not offer a field the judging version lacks', () => {
    const marked = JOB.replace('      restartPolicy: Never\n', '      restartPolicy: Never\n      host|\n');
    const keys = (settings: ReturnType<typeof settingsWith>): string[] => {
      const { text, position } = withCaret(marked);
      return provideCompletion(parse(text), position, settings).items.map((item) => String(item.label));
    };
    assert.ok(keys(settingsWith()).includes('hostnameOverride'));
    assert.ok(!keys(settingsWith(cluster133)).includes('hostnameOverride'));
    assert.ok(keys(settingsWith(cluster133)).includes('hostname'));
  });
});
