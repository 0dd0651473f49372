import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { jobFromCronJob, manualJobName } from '../../client/src/views/model/manualJob';
import { kubectlCommands, shellQuote } from '../../client/src/views/model/kubectl';
import { toObjectRef } from '../../client/src/webviews/objectRef';
import { isFromWebview } from '../../client/src/webviews/contract';
import { contentSecurityPolicy, panelHtml } from '../../client/src/webviews/html';
import { cronJob } from './fixtures';

describe('actions as data', () => {
  it('names manual Jobs <cronjob>-manual-<5>, at most 63 characters, never ending in - or .', () => {
    let n = 0;
    const seq = (): number => [0.1, 0.5, 0.9, 0.3, 0.7][n++ % 5] ?? 0;
    assert.match(manualJobName('backup', seq), /^backup-manual-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const long = manualJobName(`${'a'.repeat(49)}-b-cronjob`, seq);
    assert.ok(long.length <= 63, long);
    assert.doesNotMatch(long, /[-.]-manual/);
  });

  it('builds the Job kubectl create job --from=cronjob builds', () => {
    const cj = cronJob('backup');
    cj.spec = { ...cj.spec!, jobTemplate: { metadata: { labels: { team: 'x' }, annotations: { note: 'y' } }, spec: { backoffLimit: 1, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } } };
    const job = jobFromCronJob(cj, 'backup-manual-bcdfg');
    assert.deepEqual(job.metadata?.annotations, { note: 'y', 'cronjob.kubernetes.io/instantiate': 'manual' });
    assert.deepEqual(job.metadata?.labels, { team: 'x' });
    assert.deepEqual(job.metadata?.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'backup', uid: 'uid-backup', controller: true, blockOwnerDeletion: true }]);
    assert.equal(job.spec?.backoffLimit, 1);
    assert.notEqual(job.spec, cj.spec?.jobTemplate.spec, 'a copy, not the template itself');
  });

  it('gives equivalent kubectl commands, quoted for the shell', () => {
    const cmds = kubectlCommands({ kind: 'CronJob', namespace: 'demo', name: 'backup', context: 'kind-kind' }, { manualJobName: 'backup-manual-bcdfg' });
    assert.equal(cmds.find((c) => c.label === 'Trigger now')?.command, 'kubectl --context kind-kind -n demo create job backup-manual-bcdfg --from=cronjob/backup');
    assert.equal(cmds.find((c) => c.label === 'Suspend')?.command, `kubectl --context kind-kind -n demo patch cronjob backup --type=merge -p '{"spec":{"suspend":true}}'`);
    const job = kubectlCommands({ kind: 'Job', namespace: 'demo', name: 'j' }, { propagationPolicy: 'Orphan' });
    assert.equal(job.find((c) => c.label === 'Delete')?.command, 'kubectl -n demo delete job j --cascade=orphan');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });

  it('accepts command arguments from the tree, the panels and tests', () => {
    assert.deepEqual(toObjectRef({ kind: 'Job', namespace: 'n', name: 'j' }), { kind: 'Job', namespace: 'n', name: 'j' });
    assert.deepEqual(toObjectRef({ ref: { kind: 'Pod', namespace: 'n', name: 'p' }, other: 1 }), { kind: 'Pod', namespace: 'n', name: 'p' });
    assert.equal(toObjectRef({ kind: 'Secret', namespace: 'n', name: 's' }), undefined);
    assert.equal(toObjectRef('job'), undefined);
  });

  it('checks webview messages and builds a strict CSP shell', () => {
    assert.ok(isFromWebview({ type: 'action', action: 'trigger' }));
    assert.ok(!isFromWebview({ type: 'logOptions', options: { follow: 'yes' } }));
    assert.ok(!isFromWebview({ type: 'eval', code: 'x' }));
    assert.equal(contentSecurityPolicy('abc', 'vscode-resource:'), "default-src 'none'; script-src 'nonce-abc'; style-src vscode-resource:; img-src vscode-resource: data:; font-src vscode-resource:");
    const html = panelHtml({ nonce: 'abc', cspSource: 'vscode-resource:', scriptUri: 'x.js', styleUri: 'x.css', title: '<t>' });
    assert.match(html, /<script nonce="abc" src="x.js"><\/script>/);
    assert.doesNotMatch(html, /<t>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script, no inline data');
  });
});
