import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEnvFile } from '../../runner/envFile';
import { RunRecorder, readLog, readRun } from '../../runner/records';
import { ScaledClock } from '../../runner/clock';
import { findRunProcesses } from '../../runner/procScan';
import { RunInputError, prepareLocalRun } from '../../runner/localRun';
import { leftoverProcesses, startPod, tempWorkspace, waitFor } from './helpers';
import { jobYaml } from './runHelpers';

const sh = (script: string): Record<string, unknown> => ({ name: 'main', image: 'busybox', command: ['sh', '-c', script] });

describe('LocalPod (process backend, real processes)', () => {
  it('runs command + args without a shell: arguments arrive verbatim', async () => {
    const { pod, logs } = startPod({
      restartPolicy: 'Never',
      containers: [{ name: 'main', command: ['printf'], args: ['%s|%s\n', 'a b', '$HOME;*'] }],
    });
    await pod.done;
    assert.equal(pod.phase, 'Succeeded');
    assert.deepEqual(
      logs.map((l) => l.line),
      ['a b|$HOME;*'],
    );
  });

  it('reports the exit code and fails the pod under restartPolicy Never', async () => {
    const { pod, logs } = startPod({ restartPolicy: 'Never', containers: [sh('echo out; echo err >&2; exit 3')] });
    await pod.done;
    assert.equal(pod.phase, 'Failed');
    const state = pod.status.containerStatuses[0]?.state;
    assert.ok(state !== undefined && 'terminated' in state);
    assert.equal(state.terminated.exitCode, 3);
    assert.equal(state.terminated.reason, 'Error');
    assert.deepEqual(logs.map((l) => `${l.stream}:${l.line}`).sort(), ['stderr:err', 'stdout:out']);
  });

  it('a missing executable is a StartError with exit code 128', async () => {
    const { pod, logs } = startPod({
      restartPolicy: 'Never',
      containers: [{ name: 'main', command: ['no-such-binary-kube-jobs'] }],
    });
    await pod.done;
    assert.equal(pod.phase, 'Failed');
    const state = pod.status.containerStatuses[0]?.state;
    assert.ok(state !== undefined && 'terminated' in state);
    assert.equal(state.terminated.exitCode, 128);
    assert.equal(state.terminated.reason, 'StartError');
    assert.match(logs[0]?.line ?? '', /executable file not found/);
  });

  it('a run without command is refused before it starts, naming how to pick another runtime where the person is', async () => {
    const text = jobYaml('no-command', 'true').replace(/command: .*\n/, 'args: ["echo", "hi"]\n');
    const vscode = await prepareLocalRun({
      text,
      workspace: tempWorkspace(),
      runtimeChoice: 'set kubeJobs.localRun.runtime to docker or podman',
    }).catch((e: unknown) => e);
    assert.ok(vscode instanceof RunInputError);
    assert.match(
      vscode.details.join('\n'),
      /container main has no command: .* or set kubeJobs\.localRun\.runtime to docker or podman\./,
    );
    assert.doesNotMatch(vscode.details.join('\n'), /--runtime/, 'no CLI flag in VS Code');
    const cli = await prepareLocalRun({ text, workspace: tempWorkspace() }).catch((e: unknown) => e);
    assert.match((cli as RunInputError).details.join('\n'), /or use --runtime docker\|podman\./);
  });

  it('a container without command cannot run as a process, and says why', async () => {
    const { pod, logs } = startPod({
      restartPolicy: 'Never',
      containers: [{ name: 'main', image: 'busybox', args: ['echo', 'hi'] }],
    });
    await pod.done;
    assert.equal(pod.phase, 'Failed');
    assert.match(logs[0]?.line ?? '', /cannot know the image ENTRYPOINT/);
  });

  it('env: values, $(VAR) expansion, fieldRef and secrets (masked in logs)', async () => {
    const { values } = parseEnvFile('db-secret/password=hunter2-secret\nsettings/mode=fast\n');
    const { pod, logs } = startPod(
      {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'main',
            command: ['sh', '-c', 'echo "$GREETING $POD $NS $MODE $PASSWORD"; echo "cwd=$(pwd)"; echo "$1"', 'sh'],
            args: ['$(WHO)-arg-$(UNDEFINED)'],
            env: [
              { name: 'WHO', value: 'world' },
              { name: 'GREETING', value: 'hello-$(WHO)-$$(WHO)' },
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
              { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } },
              { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db-secret', key: 'password' } } },
            ],
            workingDir: '/',
          },
        ],
      },
      { values },
    );
    await pod.done;
    assert.equal(pod.phase, 'Succeeded');
    assert.equal(logs[0]?.line, `hello-world-$(WHO) ${pod.name} default fast ****`);
    assert.equal(logs[1]?.line, 'cwd=/');
    assert.equal(logs[2]?.line, 'world-arg-$(UNDEFINED)');
  });

  it("env: variable names and label keys named like Object.prototype's members are ordinary ones", async () => {
    // makeEnvironmentVariables sets every name; ExtractFieldPathAsString gives "" for a label or annotation the pod lacks.
    const { pod, logs } = startPod({
      restartPolicy: 'Never',
      containers: [
        {
          name: 'main',
          command: ['sh', '-c', 'env | grep -E "^(__proto__|constructor|TEAM|NOTE)=" | LC_ALL=C sort'],
          env: [
            { name: '__proto__', value: 'proto-value' },
            { name: 'constructor', value: 'ctor-value' },
            { name: 'TEAM', valueFrom: { fieldRef: { fieldPath: "metadata.labels['constructor']" } } },
            { name: 'NOTE', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['toString']" } } },
          ],
        },
      ],
    });
    await pod.done;
    assert.equal(pod.phase, 'Succeeded');
    assert.deepEqual(
      logs.map((l) => l.line),
      ['NOTE=', 'TEAM=', '__proto__=proto-value', 'constructor=ctor-value'],
    );
  });

  it("the confirmation's preview shows the values the run gives: the template's labels and annotations, the pod's hostname", async () => {
    const text = `apiVersion: batch/v1
kind: Job
metadata:
  name: envcheck
spec:
  template:
    metadata:
      labels: {app: envcheck}
      annotations: {team: batch}
    spec:
      restartPolicy: Never
      hostname: worker-host
      containers:
        - name: main
          image: busybox:1.36
          command: ["sh", "-c", "echo \\"APP=$APP TEAM=$TEAM HOST=$HOSTNAME\\""]
          env:
            - name: APP
              valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}
            - name: TEAM
              valueFrom: {fieldRef: {fieldPath: "metadata.annotations['team']"}}
`;
    const prepared = await prepareLocalRun({ text, workspace: tempWorkspace() });
    const shown = (name: string): string | undefined => prepared.preview.containers[0]?.env.find((e) => e.name === name)?.value;
    assert.equal(shown('APP'), 'envcheck');
    assert.equal(shown('TEAM'), 'batch');
    const lines: string[] = [];
    const result = await prepared.start({ onLog: (l) => lines.push(l.line) }).finished;
    assert.equal(result.result, 'Complete');
    assert.deepEqual(lines, ['APP=envcheck TEAM=batch HOST=worker-host']);
  });

  it('does not leak the host environment into the container', async () => {
    process.env['KUBE_JOBS_HOST_ONLY'] = 'leak';
    const { pod, logs } = startPod({ restartPolicy: 'Never', containers: [sh('echo "[${KUBE_JOBS_HOST_ONLY:-}]"')] });
    await pod.done;
    delete process.env['KUBE_JOBS_HOST_ONLY'];
    assert.equal(logs[0]?.line, '[]');
  });

  it('runs init containers first, in order, and skips the containers when one fails', async () => {
    const ok = startPod({
      restartPolicy: 'Never',
      initContainers: [
        { ...sh('echo init-1'), name: 'i1' },
        { ...sh('echo init-2'), name: 'i2' },
      ],
      containers: [sh('echo main')],
    });
    await ok.pod.done;
    assert.deepEqual(
      ok.logs.map((l) => `${l.container}:${l.line}`),
      ['i1:init-1', 'i2:init-2', 'main:main'],
    );
    const bad = startPod({
      restartPolicy: 'Never',
      initContainers: [{ ...sh('exit 7'), name: 'i1' }],
      containers: [sh('echo never')],
    });
    await bad.pod.done;
    assert.equal(bad.pod.phase, 'Failed');
    assert.deepEqual(bad.logs, []);
    assert.ok('waiting' in (bad.pod.status.containerStatuses[0]?.state ?? {}));
  });

  it('restartPolicy OnFailure restarts the container in place with the (scaled) kubelet back-off', async () => {
    const dir = tempWorkspace();
    const counter = path.join(dir, 'count');
    const { pod, logs } = startPod(
      {
        restartPolicy: 'OnFailure',
        containers: [sh(`echo x >> ${counter}; n=$(wc -l < ${counter}); echo try $n; [ $n -ge 3 ]`)],
      },
      { clock: new ScaledClock(1000) },
    );
    await pod.done;
    assert.equal(pod.phase, 'Succeeded');
    assert.equal(pod.status.containerStatuses[0]?.restartCount, 2);
    assert.deepEqual(
      logs.map((l) => l.line),
      ['try 1', 'try 2', 'try 3'],
    );
  });

  it('delete kills the whole process group (background children too): SIGTERM, then SIGKILL after the grace period', async () => {
    const { pod, logs, runId } = startPod(
      {
        restartPolicy: 'Never',
        terminationGracePeriodSeconds: 2,
        containers: [sh("trap '' TERM; sleep 60 & sleep 60 & echo ready; wait")],
      },
      { clock: new ScaledClock(10) },
    );
    await waitFor(() => logs.some((l) => l.line === 'ready'), 10_000, 'ready');
    const pgids = pod.pids;
    assert.equal(pgids.length, 1);
    assert.ok(findRunProcesses(runId).length >= 2, 'the marker scan sees the shell and its sleeps');
    await pod.delete();
    assert.equal(pod.phase, 'Failed');
    assert.deepEqual(leftoverProcesses(runId, pgids), []);
  });

  it("the pod's own activeDeadlineSeconds kills it and fails it with DeadlineExceeded", async () => {
    const { pod, logs, runId } = startPod(
      {
        restartPolicy: 'Never',
        activeDeadlineSeconds: 5,
        terminationGracePeriodSeconds: 1,
        containers: [sh("trap 'exit 0' TERM; echo up; sleep 60 & wait")],
      },
      { clock: new ScaledClock(20) },
    );
    await pod.done;
    assert.equal(logs[0]?.line, 'up');
    assert.equal(pod.phase, 'Failed', 'failed even though the container exited 0 on SIGTERM');
    assert.equal(pod.record.reason, 'DeadlineExceeded');
    assert.deepEqual(leftoverProcesses(runId), []);
  });

  it('background processes die with the main process, as in a container', async () => {
    const { pod, runId } = startPod({ restartPolicy: 'Never', containers: [sh('sleep 60 & echo bye')] });
    await pod.done;
    assert.equal(pod.phase, 'Succeeded');
    await waitFor(() => leftoverProcesses(runId).length === 0, 5000, 'background sleep to be killed');
  });

  it('records pods, exit codes and logs in a run folder that can be read back', async () => {
    const workspace = tempWorkspace();
    const recorder = new RunRecorder(workspace, {
      name: 'rec',
      kind: 'Job',
      runtime: 'process',
      timeScale: 1,
      startedAt: Date.now(),
    });
    const { pod } = startPod({ restartPolicy: 'Never', containers: [sh('echo one; echo two; exit 4')] }, { recorder });
    await pod.done;
    await recorder.finish({ result: 'Failed', reason: 'BackoffLimitExceeded' }, Date.now());
    assert.ok(recorder.dir.startsWith(path.join(workspace, '.kube-jobs', 'runs')));
    assert.match(path.basename(recorder.dir), /^\d{8}-\d{6}-rec$/);
    const { summary } = readRun(recorder.dir);
    assert.equal(summary.outcome?.result, 'Failed');
    assert.equal(summary.pods[0]?.containers[0]?.exitCode, 4);
    assert.equal(readLog(recorder.dir, pod.name, 'main'), 'one\ntwo\n');
    assert.ok(fs.existsSync(path.join(recorder.dir, 'run.json')));
  });
});
