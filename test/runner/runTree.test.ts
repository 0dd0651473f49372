import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { listRuns, readRun } from '../../runner/records';
import { runChildren, runNode } from '../../runner/runTree';
import { tempWorkspace } from './helpers';
import { runManifest, jobYaml } from './runHelpers';

describe('Local runs tree rows', () => {
  it('a finished Job run reads back from its folder: run row, pod rows with exit codes', async () => {
    const workspace = tempWorkspace();
    const run = await runManifest(jobYaml('tree', 'echo hi; exit 0', 'completions: 2'), { workspace });
    assert.deepEqual(listRuns(workspace), [run.handle.recordDir]);
    const { summary } = readRun(run.handle.recordDir);
    const top = runNode(summary, run.handle.recordDir, false, Date.now());
    assert.equal(top.label, 'Job tree');
    assert.match(top.description ?? '', /^Complete · 2 succeeded · process · \d+ s$/);
    assert.equal(top.icon, 'complete');
    assert.equal(top.contextValue, 'finished');
    assert.deepEqual(top.command?.arguments, [run.handle.recordDir]);
    const pods = runChildren(summary, run.handle.recordDir, top.id);
    assert.equal(pods.length, 2);
    for (const pod of pods) {
      assert.match(pod.label, /^tree-[a-z0-9]{5}$/);
      assert.equal(pod.description, 'Succeeded · exit 0');
      assert.equal(pod.icon, 'complete');
    }
  });

  it('a CronJob run lists its Jobs, each with its pods', async () => {
    const workspace = tempWorkspace();
    const text = `apiVersion: batch/v1
kind: CronJob
metadata: { name: cj }
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - { name: main, image: busybox, command: ["sh", "-c", "exit 3"] }
      backoffLimit: 0
`;
    const run = await runManifest(text, { workspace, cron: 'now' });
    assert.equal(run.result.result, 'Failed');
    const summary = run.handle.summary;
    const top = runNode(summary, run.handle.recordDir, true, Date.now());
    assert.equal(top.icon, 'failed');
    const jobs = runChildren(summary, run.handle.recordDir, top.id);
    assert.equal(jobs.length, 1);
    assert.match(jobs[0]?.label ?? '', /^cj-\d{8}$/);
    assert.equal(jobs[0]?.icon, 'failed');
    const pods = runChildren(summary, run.handle.recordDir, jobs[0]?.id ?? '');
    assert.equal(pods[0]?.description, 'Failed · exit 3');
  });
});
