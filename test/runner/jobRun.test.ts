import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readRun } from '../../runner/records';
import { leftoverProcesses, tempWorkspace, waitFor } from './helpers';
import { jobYaml, runManifest, startManifest } from './runHelpers';

describe('local Job runs: the engine controller on a real clock, real processes', () => {
  it('completions and parallelism: 4 completions, never more than 2 pods at once', async () => {
    const run = await runManifest(jobYaml('par', 'echo "pod $POD"; sleep 0.2', 'completions: 4\nparallelism: 2'));
    assert.equal(run.result.result, 'Complete');
    assert.equal(run.result.reason, 'CompletionsReached');
    const job = run.handle.jobs()[0]?.job;
    assert.equal(job?.status.succeeded, 4);
    assert.equal(run.events.filter((e) => e.reason === 'SuccessfulCreate').length, 4);
    assert.ok(run.maxRunning <= 2, `at most 2 running, saw ${run.maxRunning}`);
    assert.equal(run.maxRunning, 2);
    // The timeline also has each container's start and end, with Kubernetes' terminated reason.
    const podEvents = run.events.filter((e) => e.object.startsWith('Pod/par-'));
    assert.equal(podEvents.filter((e) => e.reason === 'Started').length, 4);
    assert.equal(podEvents.filter((e) => e.reason === 'Completed' && /exit code 0 \(Completed\)/.test(e.message)).length, 4);
    const { summary } = readRun(run.handle.recordDir);
    assert.equal(summary.outcome?.result, 'Complete');
    assert.equal(summary.pods.length, 4);
    assert.ok(summary.pods.every((p) => p.containers[0]?.exitCode === 0));
  });

  it('retries failed pods after the pod-failure backoff (10 s, 20 s … divided by --time-scale)', async () => {
    const workspace = tempWorkspace();
    const counter = path.join(workspace, 'attempts');
    const script = `echo x >> ${counter}; n=$(wc -l < ${counter}); echo "attempt $n"; [ "$n" -ge 3 ]`;
    const run = await runManifest(jobYaml('retry', script, 'backoffLimit: 3'), { workspace, timeScale: 50 });
    assert.equal(run.result.result, 'Complete');
    const job = run.handle.jobs()[0]?.job;
    assert.equal(job?.status.failed, 2);
    assert.equal(job?.status.succeeded, 1);
    assert.deepEqual(
      run.logs.map((l) => l.line),
      ['attempt 1', 'attempt 2', 'attempt 3'],
    );
    // In controller time, each replacement waits for the backoff: ≥ 10 s after the first failure, ≥ 20 s after the second,
    // counted from the pod's finish time as the API stores it (whole seconds), which is what the controller reads: not from
    // the time of the failure's event, which a busy machine records later (at --time-scale 50, 20 ms later is 1 s).
    const pods = [...(run.handle.jobs()[0]?.pods ?? [])].sort((a, b) => a.creationTimestamp - b.creationTimestamp);
    assert.equal(pods.length, 3);
    const finished = (i: number): number => {
      const state = pods[i]?.status.containerStatuses[0]?.state;
      assert.ok(state !== undefined && 'terminated' in state, `pod ${i} terminated`);
      return Math.floor(state.terminated.finishedAt / 1000) * 1000;
    };
    const wait1 = (pods[1]?.creationTimestamp ?? 0) - finished(0);
    const wait2 = (pods[2]?.creationTimestamp ?? 0) - finished(1);
    assert.ok(wait1 >= 10_000, `first retry ${wait1} ms of controller time after the failure`);
    assert.ok(wait2 >= 20_000, `second retry ${wait2} ms of controller time after the failure`);
  });

  it('fails with BackoffLimitExceeded after backoffLimit + 1 failures', async () => {
    const run = await runManifest(jobYaml('limit', 'echo failing; exit 1', 'backoffLimit: 1'), { timeScale: 100 });
    assert.equal(run.result.result, 'Failed');
    assert.equal(run.result.reason, 'BackoffLimitExceeded');
    assert.equal(run.handle.jobs()[0]?.job.status.failed, 2);
  });

  it('activeDeadlineSeconds kills the whole process group and fails the Job with DeadlineExceeded', async () => {
    const started = await startManifest(
      jobYaml(
        'deadline',
        "trap '' TERM; sleep 60 & sleep 60 & echo started; wait",
        'activeDeadlineSeconds: 3',
        'terminationGracePeriodSeconds: 5',
      ),
      { timeScale: 10 },
    );
    await waitFor(() => started.logs.some((l) => l.line === 'started'), 10_000, 'the pod to start');
    const pgids = started.handle.jobs().flatMap((j) => j.pods.flatMap((p) => p.pids));
    assert.equal(pgids.length, 1);
    const result = await started.handle.finished;
    assert.equal(result.result, 'Failed');
    assert.equal(result.reason, 'DeadlineExceeded');
    assert.deepEqual(leftoverProcesses(started.handle.runId, pgids), []);
  });

  it('Indexed mode: JOB_COMPLETION_INDEX, the index annotation via fieldRef, hostname <job>-<index>', async () => {
    const text = jobYaml(
      'idx',
      'echo "index=$JOB_COMPLETION_INDEX ann=$ANN host=$HOSTNAME"',
      'completions: 3\nparallelism: 3\ncompletionMode: Indexed',
    ).replace(
      'command:',
      `env:
            - name: ANN
              valueFrom:
                fieldRef:
                  fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']"
          command:`,
    );
    const run = await runManifest(text);
    assert.equal(run.result.result, 'Complete');
    assert.deepEqual(run.logs.map((l) => l.line).sort(), [
      'index=0 ann=0 host=idx-0',
      'index=1 ann=1 host=idx-1',
      'index=2 ann=2 host=idx-2',
    ]);
    assert.equal(run.handle.jobs()[0]?.job.status.completedIndexes, '0-2');
    for (const line of run.logs) assert.match(line.pod, new RegExp(`^idx-${line.line.slice(6, 7)}-[a-z0-9]{5}$`));
  });

  it('podFailurePolicy: exit codes matching Ignore are not counted; FailJob fails at once with the rule message', async () => {
    const workspace = tempWorkspace();
    const counter = path.join(workspace, 'n');
    const script = `echo x >> ${counter}; n=$(wc -l < ${counter}); if [ "$n" -eq 1 ]; then exit 3; fi; exit 42`;
    const policy = `backoffLimit: 6
podFailurePolicy:
  rules:
    - action: Ignore
      onExitCodes:
        operator: In
        values: [3]
    - action: FailJob
      onExitCodes:
        containerName: main
        operator: In
        values: [42]`;
    const run = await runManifest(jobYaml('pfp', script, policy), { workspace, timeScale: 100 });
    assert.equal(run.result.result, 'Failed');
    assert.equal(run.result.reason, 'PodFailurePolicy');
    assert.match(
      run.result.message ?? '',
      /Container main for pod default\/pfp-[a-z0-9]{5} failed with exit code 42 matching FailJob rule at index 1/,
    );
    const job = run.handle.jobs()[0]?.job;
    assert.equal(job?.status.failed, 1, 'the Ignore-d failure is not counted');
    assert.equal(run.events.filter((e) => e.reason === 'SuccessfulCreate').length, 2);
  });

  it('backoffLimitPerIndex: a failing index is retried then marked failed; the other indexes complete', async () => {
    const spec = 'completions: 3\nparallelism: 3\ncompletionMode: Indexed\nbackoffLimitPerIndex: 1';
    const run = await runManifest(
      jobYaml('perindex', 'echo "index $JOB_COMPLETION_INDEX"; [ "$JOB_COMPLETION_INDEX" != 1 ]', spec),
      { timeScale: 100 },
    );
    assert.equal(run.result.result, 'Failed');
    assert.equal(run.result.reason, 'FailedIndexes');
    const status = run.handle.jobs()[0]?.job.status;
    assert.equal(status?.failedIndexes, '1');
    assert.equal(status?.completedIndexes, '0,2');
    assert.equal(run.logs.filter((l) => l.line === 'index 1').length, 2, 'index 1 ran twice (backoffLimitPerIndex 1)');
  });

  it('cancel stops every pod and leaves no process behind', async () => {
    const started = await startManifest(
      jobYaml('cancel', 'sleep 60 & sleep 60 & echo up; wait', 'completions: 3\nparallelism: 3'),
    );
    await waitFor(() => started.logs.filter((l) => l.line === 'up').length === 3, 10_000, 'three pods up');
    const pgids = started.handle.jobs().flatMap((j) => j.pods.flatMap((p) => p.pids));
    assert.equal(pgids.length, 3);
    await started.handle.cancel();
    const result = await started.handle.finished;
    assert.equal(result.result, 'Cancelled');
    assert.deepEqual(leftoverProcesses(started.handle.runId, pgids), []);
    assert.equal(readRun(started.handle.recordDir).summary.outcome?.result, 'Cancelled');
  });

  it('forceKill (process exit, editor shutdown) kills everything synchronously', async () => {
    const started = await startManifest(
      jobYaml('force', "trap '' TERM; sleep 60 & echo up; wait", 'completions: 2\nparallelism: 2'),
    );
    await waitFor(() => started.logs.filter((l) => l.line === 'up').length === 2, 10_000, 'two pods up');
    const pgids = started.handle.jobs().flatMap((j) => j.pods.flatMap((p) => p.pids));
    started.handle.forceKill();
    await waitFor(() => leftoverProcesses(started.handle.runId, pgids).length === 0, 5000, 'all processes gone');
  });

  it('restartPolicy OnFailure: restarts count against backoffLimit', async () => {
    const text = jobYaml('onfail', 'echo crash; exit 1', 'backoffLimit: 2').replace(
      'restartPolicy: Never',
      'restartPolicy: OnFailure',
    );
    const run = await runManifest(text, { timeScale: 1000 });
    assert.equal(run.result.result, 'Failed');
    assert.equal(run.result.reason, 'BackoffLimitExceeded');
    // The kubelet restarted the container twice (restartCount 2 ≥ backoffLimit 2); the third run may be stopped before it prints.
    assert.ok(run.logs.length >= 2, `the container ran ${run.logs.length} times`);
    assert.equal(run.handle.jobs()[0]?.job.status.failed, 1, 'the pod deleted for the OnFailure rule counts as failed');
  });

  it('ttlSecondsAfterFinished: the finished Job is deleted after the (scaled) TTL; the record stays', async () => {
    const run = await runManifest(jobYaml('ttl', 'echo ok', 'ttlSecondsAfterFinished: 20'), { timeScale: 100 });
    assert.equal(run.result.result, 'Complete');
    await run.handle.ttlDeleted;
    const deleted = run.events.find((e) => e.reason === 'Deleted');
    // The TTL counts from the Complete condition's time as the API stores it (whole seconds).
    const completedAt = run.handle.jobs()[0]?.job.status.completionTime ?? null;
    assert.ok(deleted !== undefined && completedAt !== null);
    assert.ok(deleted.controllerTime - completedAt >= 20_000);
    assert.equal(readRun(run.handle.recordDir).summary.outcome?.result, 'Complete');
  });
});
