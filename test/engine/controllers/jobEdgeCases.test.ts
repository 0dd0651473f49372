import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { simulateJob, specPodModel, syncJob } from '../../../src-engine';
import type { JobSimulation, SimTiming } from '../../../src-engine';
import { T0, job, pod, sec } from './objects';

// The Job controller's edge cases, each as Kubernetes v1.35 handles them
// (pkg/controller/job/job_controller.go at b5c9cbe75e).

function simulated(spec: Record<string, unknown>, pods: string, timing: SimTiming = 'cluster', start = T0): JobSimulation {
  const model = specPodModel(pods);
  assert.ok(model.ok);
  return simulateJob(
    { ...job(spec), creationTimestamp: start },
    { start, until: start + 3600_000, podModel: model.model, timing },
  );
}

/** `Type/Reason@decided`: the final condition, with the time of the interim one (when the controller decided). */
const finalCondition = (sim: JobSimulation): string => {
  const c = sim.status.conditions.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  const interim = sim.status.conditions.find((x) => x.type === (c?.type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget'));
  return c === undefined || interim === undefined
    ? 'none'
    : `${c.type}/${c.reason}@${(interim.lastTransitionTime - sim.start) / 1000}s`;
};
const createdAt = (sim: JobSimulation): string =>
  sim.pods.map((p) => `${p.index ?? ''}@${(p.createdAt - sim.start) / 1000}`).join(' ');

describe('Job controller edge cases (job_controller.go v1.35)', () => {
  const cases: {
    name: string;
    mirrors: string;
    spec: Record<string, unknown>;
    pods: string;
    start?: number;
    condition: string;
    created: string;
    startTime?: number;
    failedIndexes?: string;
    failed?: number;
  }[] = [
    {
      name: 'activeDeadlineSeconds 0: startTime set and Failed/DeadlineExceeded in the first sync, no pod',
      mirrors: '`syncJob` sets StartTime before `pastActiveDeadline` (since ≥ 0 s)',
      spec: { activeDeadlineSeconds: 0, completions: 3, parallelism: 2 },
      pods: 'succeed@10s',
      condition: 'Failed/DeadlineExceeded@0s',
      created: '',
      startTime: 0,
    },
    {
      name: 'parallelism 0 with activeDeadlineSeconds: startTime set, no pod, Failed when the deadline passes',
      mirrors: '`syncJob` sets StartTime whatever parallelism is and re-queues at the deadline',
      spec: { parallelism: 0, completions: 2, activeDeadlineSeconds: 30 },
      pods: 'succeed@10s',
      condition: 'Failed/DeadlineExceeded@30s',
      created: '',
      startTime: 0,
    },
    {
      name: 'backoffLimitPerIndex: the failed index keeps its slot empty until its backoff ends; no higher index takes it',
      mirrors: '`manageJob`: firstPendingIndexes, then getPodCreationInfoForIndependentIndexes',
      spec: { completionMode: 'Indexed', completions: 4, parallelism: 2, backoffLimitPerIndex: 1 },
      pods: '0=fail@5s,0=succeed@5s,succeed@30s',
      // Index 0 fails at 5 s; its replacement waits 10 s (until 15 s); index 2 starts when index 1 ends.
      condition: 'Complete/CompletionsReached@62s',
      created: '0@0 1@0 0@15 2@21 3@31',
    },
    {
      name: 'pods deleted because the Job is failing do not add their indexes to failedIndexes',
      mirrors:
        '`calculateFailedIndexes` counts failed pods only; `trackJobStatusAndRemoveFinalizers` counts the deleted ones as failed',
      spec: { completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimitPerIndex: 0, maxFailedIndexes: 0 },
      pods: '0=fail@5s,succeed@60s',
      condition: 'Failed/MaxFailedIndexesExceeded@6s',
      created: '0@0 1@0 2@0',
      failedIndexes: '0',
      failed: 3,
    },
    {
      name: 'FailJob rule: the other indexes, deleted, are not failed indexes',
      mirrors: '`isIndexFailed` (only a failed pod can fail its index)',
      spec: {
        completionMode: 'Indexed',
        completions: 2,
        parallelism: 2,
        backoffLimitPerIndex: 0,
        podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] },
      },
      pods: '0=fail@5s:42,succeed@60s',
      condition: 'Failed/PodFailurePolicy@6s',
      created: '0@0 1@0',
      failedIndexes: '0',
      failed: 2,
    },
    {
      name: 'a success 0.5 s before the deadline is seen in a sync after it: DeadlineExceeded',
      mirrors: '`enqueueSyncJobBatched` (syncJobBatchPeriod 1 s) and `pastActiveDeadline` checked before completions',
      spec: { activeDeadlineSeconds: 10 },
      pods: 'succeed@9500ms',
      condition: 'Failed/DeadlineExceeded@10s',
      created: '@0',
      failed: 0,
    },
    {
      name: 'a chain of waves drifts 1 s per wave, enough to cross activeDeadlineSeconds',
      mirrors: '`enqueueSyncJobBatched`: each pod event is handled 1 s later',
      spec: { completions: 3, parallelism: 1, activeDeadlineSeconds: 31 },
      pods: 'succeed@10s',
      condition: 'Failed/DeadlineExceeded@31s',
      created: '@0 @11 @22',
    },
    {
      name: 'two failures 0.4 s apart are counted in one sync, one batch period after the first',
      mirrors: '`enqueueSyncJobBatched` (the queue keeps the earliest time)',
      spec: { completions: 2, parallelism: 2, backoffLimit: 1 },
      pods: 'fail@5s,fail@5400ms',
      condition: 'Failed/BackoffLimitExceeded@6s',
      created: '@0 @0',
    },
    {
      name: 'times are stored in whole seconds: a Job created at +0.1 s meets its deadline at 10 s, not 10.1 s',
      mirrors: 'metav1.Time (RFC 3339, no fraction): `pastActiveDeadline` reads the stored startTime',
      spec: { activeDeadlineSeconds: 10 },
      pods: 'succeed@60s',
      start: T0 + 100,
      condition: 'Failed/DeadlineExceeded@9.9s',
      created: '@0',
      startTime: -0.1,
    },
  ];
  for (const c of cases) {
    it(`${c.name} (${c.mirrors})`, () => {
      const sim = simulated(c.spec, c.pods, 'cluster', c.start);
      assert.equal(finalCondition(sim), c.condition);
      assert.equal(createdAt(sim), c.created);
      if (c.startTime !== undefined) assert.equal(sim.status.startTime, sim.start + c.startTime * 1000, 'startTime');
      if (c.failedIndexes !== undefined) assert.equal(sim.status.failedIndexes, c.failedIndexes, 'failedIndexes');
      if (c.failed !== undefined) assert.equal(sim.status.failed, c.failed, 'failed');
    });
  }

  it("the same chain without batching (the vectors' instant model) completes in time", () => {
    const sim = simulated({ completions: 3, parallelism: 1, activeDeadlineSeconds: 31 }, 'succeed@10s', 'ideal');
    assert.equal(finalCondition(sim), 'Complete/CompletionsReached@30s');
  });

  it('syncJob: with index 0 in backoff and one slot free, nothing is created and the sync waits for the backoff', () => {
    const j = job({ completionMode: 'Indexed', completions: 4, parallelism: 2, backoffLimitPerIndex: 1 });
    const failed = pod('j-0-a', { index: 0, phase: 'Failed', finishedAt: sec(5), exitCode: 1 });
    const r = syncJob(j, [failed, pod('j-1-b', { index: 1 })], sec(6));
    assert.deepEqual(
      r.actions.filter((a) => a.type === 'createPod'),
      [],
    );
    assert.equal(r.requeueAfterMs, 9000);
    // Two free slots: the lowest pending indexes are 0 and 2; 2 starts, 0 waits, and the
    // controller comes back after the batch period (the new pod's event).
    const r2 = syncJob(j, [failed, pod('j-1-b', { index: 1, phase: 'Succeeded', finishedAt: sec(6) })], sec(6));
    assert.deepEqual(
      r2.actions.flatMap((a) => (a.type === 'createPod' ? [a.pod.index] : [])),
      [2],
    );
    assert.equal(r2.requeueAfterMs, 1000);
  });

  it('syncJob: a Job with parallelism 0 gets its startTime and a wake-up at its deadline', () => {
    const r = syncJob(job({ parallelism: 0, activeDeadlineSeconds: 30 }), [], T0);
    assert.equal(r.status.startTime, T0);
    assert.equal(r.requeueAfterMs, 30_000);
    assert.deepEqual(r.actions, []);
  });

  it('status carries ready and terminating as the controller writes them', () => {
    const j = job({ completions: 3, parallelism: 3, backoffLimit: 0 });
    const r = syncJob(
      j,
      [pod('a'), pod('b', { phase: 'Pending' }), pod('c', { phase: 'Failed', finishedAt: sec(5), exitCode: 1 })],
      sec(5),
    );
    // Failing: the two active pods are deleted (terminating), none is ready any more.
    assert.deepEqual(
      { active: r.status.active, ready: r.status.ready, terminating: r.status.terminating, failed: r.status.failed },
      { active: 0, ready: 0, terminating: 2, failed: 3 },
    );
    const running = syncJob(job({ completions: 3, parallelism: 2 }), [pod('a'), pod('b', { phase: 'Pending' })], sec(5));
    assert.deepEqual(
      { active: running.status.active, ready: running.status.ready, terminating: running.status.terminating },
      { active: 2, ready: 1, terminating: 0 },
    );
  });
});
