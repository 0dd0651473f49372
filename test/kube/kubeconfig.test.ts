import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kubeconfigPaths, loadKubeconfig, mergeKubeconfigs } from '../../kube/kubeconfig';
import { tempDir } from '../client/helpers';

describe('kubeconfig as kubectl reads it', () => {
  it('takes $KUBECONFIG split on the path delimiter, skipping empty entries, else ~/.kube/config', () => {
    assert.deepEqual(kubeconfigPaths({ KUBECONFIG: `/a${path.delimiter}${path.delimiter}/b${path.delimiter}/a` }, '/home/u'), [
      '/a',
      '/b',
    ]);
    assert.deepEqual(kubeconfigPaths({}, '/home/u'), ['/home/u/.kube/config']);
    assert.deepEqual(kubeconfigPaths({ KUBECONFIG: '/a' }, '/home/u', ['/override']), ['/override']);
  });

  it('merges first-file-wins for names and current-context', () => {
    const merged = mergeKubeconfigs([
      { clusters: [{ name: 'c1', server: 'one' }], users: [], contexts: [{ name: 'x', v: 1 }] },
      {
        clusters: [
          { name: 'c1', server: 'two' },
          { name: 'c2', server: 'three' },
        ],
        users: [{ name: 'u' }],
        contexts: [{ name: 'x', v: 2 }],
        currentContext: 'x',
      },
      { clusters: [], users: [], contexts: [], currentContext: 'later' },
    ]);
    assert.deepEqual(
      merged.clusters.map((c) => c.server),
      ['one', 'three'],
    );
    assert.deepEqual(merged.contexts, [{ name: 'x', v: 1 }]);
    assert.equal(merged.currentContext, 'x');
  });

  it('loads several files through the client library, resolving certificate paths against each file, ignoring missing files', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'b'));
    fs.writeFileSync(
      path.join(dir, 'a.yaml'),
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: prod',
        '  cluster: {server: "https://prod.example:6443"}',
        'users:',
        '- name: me',
        '  user: {token: abc}',
        'contexts:',
        '- name: prod',
        '  context: {cluster: prod, user: me, namespace: batch}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'b', 'config'),
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: dev',
        'clusters:',
        '- name: dev',
        '  cluster: {server: "https://dev.example", certificate-authority: ca.crt}',
        '- name: prod',
        '  cluster: {server: "https://shadowed.example"}',
        'users:',
        '- name: me',
        '  user: {token: other}',
        'contexts:',
        '- name: dev',
        '  context: {cluster: dev, user: me}',
        '',
      ].join('\n'),
    );
    const env = {
      KUBECONFIG: [path.join(dir, 'a.yaml'), path.join(dir, 'missing'), path.join(dir, 'b', 'config')].join(path.delimiter),
    };
    const loaded = await loadKubeconfig([], env);
    const kc = loaded.kubeConfig;
    assert.deepEqual(
      kc
        .getContexts()
        .map((c) => c.name)
        .sort(),
      ['dev', 'prod'],
    );
    assert.equal(kc.getCurrentContext(), 'dev');
    assert.equal(kc.getCluster('prod')?.server, 'https://prod.example:6443');
    assert.equal(kc.getCluster('dev')?.caFile, path.join(dir, 'b', 'ca.crt'));
    assert.equal(kc.getUser('me')?.token, 'abc');
    assert.equal(loaded.files.length, 2);
  });
});
