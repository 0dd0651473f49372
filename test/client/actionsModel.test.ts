import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { jobFromCronJob, manualJobName } from '../../client/src/views/model/manualJob';
import { kubectlCommands, shellQuote } from '../../client/src/views/model/kubectl';
import { toObjectRef } from '../../client/src/webviews/objectRef';
import { actionErrorSentence } from '../../client/src/views/model/errorText';
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
    cj.spec = {
      ...cj.spec!,
      jobTemplate: {
        metadata: { labels: { team: 'x' }, annotations: { note: 'y' } },
        spec: { backoffLimit: 1, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } },
      },
    };
    const job = jobFromCronJob(cj, 'backup-manual-bcdfg');
    assert.deepEqual(job.metadata?.annotations, { note: 'y', 'cronjob.kubernetes.io/instantiate': 'manual' });
    assert.deepEqual(job.metadata?.labels, { team: 'x' });
    assert.deepEqual(job.metadata?.ownerReferences, [
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'backup', uid: 'uid-backup', controller: true, blockOwnerDeletion: true },
    ]);
    assert.equal(job.spec?.backoffLimit, 1);
    assert.notEqual(job.spec, cj.spec?.jobTemplate.spec, 'a copy, not the template itself');
  });

  it('gives equivalent kubectl commands, quoted for the shell', () => {
    const cmds = kubectlCommands(
      { kind: 'CronJob', namespace: 'demo', name: 'backup', context: 'kind-kind' },
      { manualJobName: 'backup-manual-bcdfg' },
    );
    assert.equal(
      cmds.find((c) => c.label === 'Trigger now')?.command,
      'kubectl --context kind-kind -n demo create job backup-manual-bcdfg --from=cronjob/backup',
    );
    assert.equal(
      cmds.find((c) => c.label === 'Suspend')?.command,
      `kubectl --context kind-kind -n demo patch cronjob backup --type=merge -p '{"spec":{"suspend":true}}'`,
    );
    const job = kubectlCommands({ kind: 'Job', namespace: 'demo', name: 'j' }, { propagationPolicy: 'Orphan' });
    assert.equal(job.find((c) => c.label === 'Delete')?.command, 'kubectl -n demo delete job j --cascade=orphan');
    assert.ok(
      job.some((c) => c.command === 'kubectl -n demo logs job/j --all-pods --all-containers --prefix --previous'),
      'logs --previous for a Job',
    );
    assert.ok(
      kubectlCommands({ kind: 'Pod', namespace: 'demo', name: 'p' }).some((c) =>
        c.command.endsWith('logs p --all-containers --previous'),
      ),
      'logs --previous for a Pod',
    );
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });

  it('words a failed request as a sentence with the context, the server and what to check', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
    assert.equal(
      actionErrorSentence(
        { doing: 'suspend CronJob demo/nightly', context: 'kind-kind', server: 'https://127.0.0.1:6443' },
        refused,
      ),
      'Could not suspend CronJob demo/nightly on context kind-kind: the API server (https://127.0.0.1:6443) refused the ' +
        'connection: is the cluster running, and is the server address in the kubeconfig right?',
    );
    assert.match(
      actionErrorSentence(
        { doing: 'delete Job demo/x', context: 'c' },
        Object.assign(new Error('jobs "x" is forbidden'), { code: 403, status: { message: 'jobs "x" is forbidden' } }),
      ),
      /^Could not delete Job demo\/x on context c: the API server refused it: jobs "x" is forbidden \(RBAC/,
    );
    assert.equal(
      actionErrorSentence({ doing: 'x', context: 'c' }, new Error('GET /apis: no answer from https://h within 30 s')),
      'Could not x on context c: the API server did not answer in time: ' +
        'the cluster may be down or unreachable from this network.',
    );
    assert.equal(
      actionErrorSentence({ doing: 'x', context: 'c' }, new Error('something odd.')),
      'Could not x on context c: something odd.',
    );
  });

  it('accepts command arguments from the tree, the panels and tests', () => {
    assert.deepEqual(toObjectRef({ kind: 'Job', namespace: 'n', name: 'j' }), { kind: 'Job', namespace: 'n', name: 'j' });
    assert.deepEqual(toObjectRef({ ref: { kind: 'Pod', namespace: 'n', name: 'p' }, other: 1 }), {
      kind: 'Pod',
      namespace: 'n',
      name: 'p',
    });
    assert.equal(toObjectRef({ kind: 'Secret', namespace: 'n', name: 's' }), undefined);
    assert.equal(toObjectRef('job'), undefined);
  });

  it('checks webview messages and builds a strict CSP shell', () => {
    assert.ok(isFromWebview({ type: 'action', action: 'trigger' }));
    // Only a button the panels have: a name of Object.prototype's would find a member, not a command.
    for (const action of ['constructor', 'toString', '__proto__', 'launch']) {
      assert.ok(!isFromWebview({ type: 'action', action }), action);
    }
    assert.ok(!isFromWebview({ type: 'logOptions', options: { follow: 'yes' } }));
    assert.ok(!isFromWebview({ type: 'eval', code: 'x' }));
    assert.equal(
      contentSecurityPolicy('abc', 'vscode-resource:'),
      "default-src 'none'; script-src 'nonce-abc'; style-src vscode-resource:; " +
        'img-src vscode-resource: data:; font-src vscode-resource:',
    );
    const html = panelHtml({ nonce: 'abc', cspSource: 'vscode-resource:', scriptUri: 'x.js', styleUri: 'x.css', title: '<t>' });
    assert.match(html, /<script nonce="abc" src="x.js"><\/script>/);
    assert.doesNotMatch(html, /<t>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script, no inline data');
  });
});
