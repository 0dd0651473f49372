import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScaledClock } from '../../runner/clock';
import { findRunProcesses } from '../../runner/procScan';
import { leaveGroup, leftoverProcesses, startPod, tempWorkspace, waitFor } from './helpers';

/** Processes whose command line has an exact argument (this test's unique sleep duration). */
function processesWithArgument(arg: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').includes(arg);
      } catch {
        return false;
      }
    });
}

const sh = (script: string, name = 'main'): Record<string, unknown> => ({
  name,
  image: 'busybox',
  command: ['sh', '-c', script],
});

/**
 * A container is its main process: whatever the main process started — even a child that left
 * its process group with setsid — ends with it, on Ctrl-C, and on a second Ctrl-C.
 * (The watchdog's part is in orphans.test.ts, the CLI's in test/cli/run.test.ts.)
 */
/** On a runner that waits for the escaped child, a test fails after this instead of hanging for its 300 s. */
const HANGS = { timeout: 30_000 };

describe('processes that left the process group (setsid) belong to their container', () => {
  it(
    'the main process exits while a setsid child holds its output: the pod ends with the main process, the child is killed',
    HANGS,
    async () => {
      const { pod, logs, runId } = startPod({
        restartPolicy: 'Never',
        containers: [sh(`${leaveGroup('exec sleep 300')} echo started`)],
      });
      await pod.done;
      assert.equal(pod.phase, 'Succeeded');
      assert.deepEqual(
        logs.map((l) => l.line),
        ['started'],
      );
      assert.deepEqual(leftoverProcesses(runId), []);
    },
  );

  it('a setsid child with its output elsewhere (a daemon) is killed too', HANGS, async () => {
    const { pod, runId } = startPod({
      restartPolicy: 'Never',
      containers: [sh(`${leaveGroup('exec sleep 300', '>/dev/null 2>&1 </dev/null')} exit 3`)],
    });
    await pod.done;
    assert.equal(pod.phase, 'Failed');
    const state = pod.status.containerStatuses[0]?.state;
    assert.ok(
      state !== undefined && 'terminated' in state && state.terminated.exitCode === 3,
      'the pod reports the main process exit code',
    );
    assert.deepEqual(leftoverProcesses(runId), []);
  });

  it('a child that also cleared its environment is found as a descendant of a marked process', HANGS, async () => {
    const { pod, logs, runId } = startPod({
      restartPolicy: 'Never',
      containers: [sh(`${leaveGroup('env -i sleep 300 & wait', '>/dev/null')} echo outer`)],
    });
    await pod.done;
    assert.deepEqual(
      logs.map((l) => l.line),
      ['outer'],
    );
    assert.deepEqual(leftoverProcesses(runId), []);
    assert.equal(findRunProcesses(runId).length, 0);
  });

  it(
    'a process that cannot be found (no marker, no group, no parent) holds the output: the pod still ends with its main process',
    HANGS,
    async () => {
      const token = `299.${process.pid}${Date.now() % 1000}`;
      const { pod, logs } = startPod({
        restartPolicy: 'Never',
        containers: [sh(`setsid env -i sh -c "sleep ${token} &"; echo done`)],
      });
      try {
        await pod.done;
        assert.equal(pod.phase, 'Succeeded');
        assert.deepEqual(
          logs.map((l) => l.line),
          ['done', 'kube-jobs: a process this container started still holds its output, and it cannot be found to stop it'],
        );
      } finally {
        // The test's own leftover, found by its unique argument.
        for (const pid of processesWithArgument(token)) process.kill(pid, 'SIGKILL');
      }
    },
  );

  it('one container ending does not touch the processes of the other container of the pod', HANGS, async () => {
    const go = path.join(tempWorkspace(), 'go');
    const { pod, logs, runId } = startPod({
      restartPolicy: 'Never',
      containers: [
        sh(`${leaveGroup('exec sleep 300', '>/dev/null')} echo first done`, 'first'),
        sh(`${leaveGroup('exec sleep 300', '>/dev/null')} while [ ! -e ${go} ]; do sleep 0.05; done; echo second done`, 'second'),
      ],
    });
    await waitFor(() => logs.some((l) => l.line === 'first done'), 10_000, 'the first container to end');
    await waitFor(
      () => 'terminated' in (pod.status.containerStatuses[0]?.state ?? {}),
      10_000,
      'the first container to terminate',
    );
    assert.ok(!('terminated' in (pod.status.containerStatuses[1]?.state ?? {})), 'the second container still runs');
    assert.ok(findRunProcesses(runId).length >= 2, "the second container's shell and its escaped sleep are alive");
    fs.writeFileSync(go, '');
    await pod.done;
    assert.equal(pod.phase, 'Succeeded');
    assert.deepEqual(leftoverProcesses(runId), []);
  });

  it('Ctrl-C (delete) stops the setsid child with the main process', HANGS, async () => {
    const { pod, logs, runId } = startPod({
      restartPolicy: 'Never',
      containers: [sh(`${leaveGroup('exec sleep 300')} echo up; sleep 300`)],
    });
    await waitFor(() => logs.some((l) => l.line === 'up'), 10_000, 'up');
    assert.ok(findRunProcesses(runId).length >= 3, 'the shell, its sleep and the escaped sleep');
    await pod.delete();
    assert.equal(pod.phase, 'Failed');
    assert.deepEqual(leftoverProcesses(runId), []);
  });

  it('a second Ctrl-C (force kill) during a long grace period kills the setsid child at once', HANGS, async () => {
    const { pod, logs, runId } = startPod(
      {
        restartPolicy: 'Never',
        terminationGracePeriodSeconds: 300,
        containers: [sh(`trap '' TERM; ${leaveGroup("trap '' TERM; sleep 300")} echo up; while :; do sleep 1; done`)],
      },
      { clock: new ScaledClock(1) },
    );
    await waitFor(() => logs.some((l) => l.line === 'up'), 10_000, 'up');
    const deleting = pod.delete();
    await waitFor(() => pod.deletionTimestamp !== undefined, 10_000, 'the graceful stop to begin');
    pod.forceKill();
    await deleting;
    assert.deepEqual(leftoverProcesses(runId), []);
  });
});
