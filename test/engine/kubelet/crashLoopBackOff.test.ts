import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { containerRestart, jobFromManifest, simulateJob, specPodModel } from '../../../src-engine';
import type { CrashLoopBackOff } from '../../../src-engine';

const T0 = Date.parse('2026-01-05T00:00:00Z');

/** restartDelays: the wait before each restart of a container that crashes `runMs` after every start. */
function restartDelays(crashes: number, runMs: number): number[] {
  const delays: number[] = [];
  let backOff: CrashLoopBackOff | null = null;
  let exitedAt = T0 + runMs;
  for (let i = 0; i < crashes; i++) {
    const r = containerRestart(backOff, exitedAt);
    delays.push((r.restartAt - exitedAt) / 1000);
    backOff = r.backOff;
    exitedAt = r.restartAt + runMs;
  }
  return delays;
}

// kubelet.go newCrashLoopBackOff, kuberuntime_manager.go doBackOff, client-go flowcontrol Backoff.
describe('kubelet CrashLoopBackOff', () => {
  it('restarts at once after the first crash, then after 10, 20, 40 … s, capped at 300 s', () => {
    assert.deepEqual(restartDelays(9, 5_000), [0, 10, 20, 40, 80, 160, 300, 300, 300]);
  });
  it('a container that ran for more than 10 minutes since its last restart starts the back-off over', () => {
    assert.deepEqual(restartDelays(4, 601_000), [0, 0, 0, 0]);
    assert.deepEqual(restartDelays(4, 600_000), [0, 10, 20, 40]);
  });
  it('the simulator restarts an OnFailure pod in place on that schedule', () => {
    const job = jobFromManifest(
      {
        metadata: { name: 'crash' },
        spec: { backoffLimit: 6, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c' }] } } },
      },
      T0,
    );
    assert.ok(job.ok);
    const model = specPodModel('fail@5s,fail@5s,fail@5s,succeed@5s');
    assert.ok(model.ok);
    const sim = simulateJob(job.value, { start: T0, until: T0 + 3600_000, podModel: model.model });
    // Runs: 0–5 s, restart at once, 5–10 s, wait 10 s, 20–25 s, wait 20 s, 45–50 s (succeeds).
    assert.equal(sim.podsCreated, 1);
    assert.equal(sim.pods[0]?.restarts, 3);
    assert.equal(((sim.pods[0]?.finishedAt ?? 0) - T0) / 1000, 50);
    assert.equal(sim.status.succeeded, 1);
  });
});
