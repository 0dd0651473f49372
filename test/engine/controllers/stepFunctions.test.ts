import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  cleanupFinishedJobs,
  cronJobFromManifest,
  jobFromManifest,
  mostRecentScheduleTime,
  nextFnFor,
  nextScheduleTimeDuration,
  parseStandard,
  syncCronJob,
  syncJob,
  syncTtlAfterFinished,
} from '../../../src-engine';
import type { JobObject } from '../../../src-engine';

import { T0, job, minute, pod, sec } from './objects';

describe('syncJob (job_controller.go)', () => {
  it('creates min(parallelism, completions) pods and sets startTime; inputs stay unchanged', () => {
    const j = job({ completions: 5, parallelism: 2 });
    const before = JSON.stringify(j);
    const r = syncJob(j, [], T0);
    assert.equal(r.actions.filter((a) => a.type === 'createPod').length, 2);
    assert.equal(r.status.startTime, T0);
    assert.equal(r.status.active, 2);
    assert.equal(JSON.stringify(j), before);
  });
  it('holds creation back during the pod-failure backoff and asks to be woken when it ends', () => {
    const j = job({ backoffLimit: 3 });
    const first = syncJob(j, [pod('j-a', { phase: 'Failed', finishedAt: sec(5), exitCode: 1 })], sec(5));
    assert.equal(first.status.failed, 1);
    assert.equal(first.actions.filter((a) => a.type === 'createPod').length, 0);
    assert.equal(first.requeueAfterMs, 10_000);
    assert.deepEqual(first.actions, [{ type: 'removeFinalizer', podName: 'j-a' }]);
    const later = syncJob({ ...j, status: first.status }, [], sec(15), { memory: first.memory });
    assert.equal(later.actions.filter((a) => a.type === 'createPod').length, 1);
  });
  it('failing: FailureTarget first, Failed once no pod is terminating (two-step)', () => {
    const j = job({ backoffLimit: 0, completions: 2, parallelism: 2 });
    const r = syncJob(j, [pod('j-a', { phase: 'Failed', finishedAt: sec(5), exitCode: 1 }), pod('j-b')], sec(5));
    assert.deepEqual(
      r.status.conditions.map((c) => `${c.type}:${c.reason}`),
      ['FailureTarget:BackoffLimitExceeded'],
    );
    // The running pod is deleted and counted as failed at once (its finalizer goes with it).
    assert.deepEqual(
      r.actions.find((a) => a.type === 'deletePod'),
      { type: 'deletePod', podName: 'j-b', removeFinalizer: true },
    );
    assert.equal(r.status.failed, 2);
    assert.equal(r.status.terminating, 1);
    const gone = pod('j-b', { phase: 'Failed', finishedAt: sec(6), deletionTimestamp: sec(5), hasTrackingFinalizer: false });
    const r2 = syncJob({ ...j, status: r.status }, [gone], sec(6), { memory: r.memory });
    assert.deepEqual(
      r2.status.conditions.map((c) => c.type),
      ['FailureTarget', 'Failed'],
    );
    assert.equal(r2.status.failed, 2);
    assert.ok(r2.events.some((e) => e.reason === 'BackoffLimitExceeded' && e.type === 'Warning'));
  });
  it('OnFailure: container restarts ≥ backoffLimit fail the Job', () => {
    const r = jobFromManifest(
      {
        metadata: { name: 'j' },
        spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c' }] } } },
      },
      T0,
    );
    assert.ok(r.ok);
    const s = syncJob(r.value, [pod('j-a', { restartCount: 2 })], sec(40));
    assert.equal(s.status.conditions[0]?.reason, 'BackoffLimitExceeded');
  });
  it('activeDeadlineSeconds: requeues at startTime + deadline, then fails with DeadlineExceeded', () => {
    const j = job({ activeDeadlineSeconds: 30 });
    const r = syncJob(j, [], T0);
    assert.equal(r.requeueAfterMs, 30_000);
    const podName = 'j-a';
    const r2 = syncJob({ ...j, status: r.status }, [pod(podName)], sec(30), { memory: r.memory });
    assert.equal(r2.status.conditions[0]?.reason, 'DeadlineExceeded');
  });
  it('suspend deletes active pods without counting them; resume resets startTime', () => {
    const j = job({ parallelism: 2, completions: 2 });
    const started = syncJob(j, [], T0);
    const suspended = { ...j, spec: { ...j.spec, suspend: true }, status: started.status };
    const r = syncJob(suspended, [pod('j-a'), pod('j-b')], sec(10));
    assert.deepEqual(
      r.actions.map((a) => a.type === 'deletePod' && a.removeFinalizer),
      [true, true],
    );
    assert.equal(r.status.conditions[0]?.reason, 'JobSuspended');
    assert.equal(r.status.startTime, null);
    const resumed = syncJob({ ...j, status: r.status }, [], sec(100));
    assert.equal(resumed.status.startTime, sec(100));
    assert.equal(resumed.status.conditions[0]?.reason, 'JobResumed');
    assert.ok(resumed.events.some((e) => e.reason === 'Resumed'));
  });
  it('Indexed: pods carry index label/annotation, hostname and JOB_COMPLETION_INDEX; lowest missing indexes first', () => {
    const j = job({ completionMode: 'Indexed', completions: 4, parallelism: 2 });
    const r = syncJob({ ...j, status: { ...j.status, completedIndexes: '0' } }, [pod('j-1-x', { index: 1 })], T0);
    const created = r.actions.filter((a) => a.type === 'createPod');
    assert.equal(created.length, 1);
    const req = created[0]!.type === 'createPod' ? created[0]!.pod : undefined;
    assert.equal(req?.index, 2);
    assert.equal(req?.generateName, 'j-2-');
    assert.equal(req?.hostname, 'j-2');
    assert.equal(req?.labels['batch.kubernetes.io/job-completion-index'], '2');
    assert.equal(req?.annotations['batch.kubernetes.io/job-completion-index'], '2');
    assert.equal(req?.env[0]?.name, 'JOB_COMPLETION_INDEX');
  });
  it('managedBy another controller: nothing happens', () => {
    const j = job({ managedBy: 'example.com/other' });
    const r = syncJob(j, [], T0);
    assert.equal(r.status, j.status);
    assert.equal(r.actions.length + r.events.length, 0);
  });
});

describe('syncTtlAfterFinished (ttlafterfinished_controller.go)', () => {
  it('waits until finish + ttl, then deletes with Foreground propagation', () => {
    const j = job({ ttlSecondsAfterFinished: 60 });
    const done = {
      ...j,
      status: {
        ...j.status,
        conditions: [
          {
            type: 'Complete' as const,
            status: 'True' as const,
            reason: 'CompletionsReached',
            message: '',
            lastTransitionTime: sec(10),
          },
        ],
      },
    };
    assert.deepEqual(syncTtlAfterFinished(done, sec(20)), { kind: 'wait', expireAt: sec(70), requeueAfterMs: 50_000 });
    assert.equal(syncTtlAfterFinished(done, sec(70)).kind, 'delete');
    assert.equal(syncTtlAfterFinished(j, sec(70)).kind, 'none');
  });
});

describe('mostRecentScheduleTime (cronjob utils.go)', () => {
  const hourly = parseStandard('0 * * * *');
  assert.ok(hourly.ok);
  const next = nextFnFor(hourly.schedule, undefined);
  const cases: {
    name: string;
    created: number;
    last: number | null;
    sds: number | null;
    now: number;
    want: number | null;
    missed: string;
  }[] = [
    {
      name: 'before the first tick: nothing due',
      created: minute(0),
      last: null,
      sds: null,
      now: minute(59),
      want: null,
      missed: 'none',
    },
    {
      name: 'at the first tick: due, few',
      created: minute(0),
      last: null,
      sds: null,
      now: minute(60),
      want: minute(60),
      missed: 'few',
    },
    {
      name: 'three ticks missed: only the latest',
      created: minute(0),
      last: null,
      sds: null,
      now: minute(200),
      want: minute(180),
      missed: 'few',
    },
    {
      name: '> 100 missed: many, still returns the latest',
      created: minute(0),
      last: null,
      sds: null,
      now: minute(60 * 150 + 5),
      want: minute(60 * 150),
      missed: 'many',
    },
    {
      name: 'startingDeadlineSeconds drops old ticks',
      created: minute(0),
      last: null,
      sds: 600,
      now: minute(200),
      want: null,
      missed: 'none',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = mostRecentScheduleTime(c.created, c.last, c.sds, c.now, next, true);
      assert.equal(r.mostRecentTime, c.want);
      assert.equal(r.missed, c.missed);
    });
  }
  it('a schedule that never fires is an error (InvalidSchedule)', () => {
    const feb30 = parseStandard('0 0 30 2 *');
    assert.ok(feb30.ok);
    const r = mostRecentScheduleTime(T0, null, null, T0 + 1000, nextFnFor(feb30.schedule, undefined), true);
    assert.match(r.error ?? '', /less than 1 second/);
  });
  it('requeue is the next tick + 100 ms', () =>
    assert.equal(nextScheduleTimeDuration(minute(0), null, minute(10), next), 50 * 60_000 + 100));
});

describe('syncCronJob (cronjob_controllerv2.go)', () => {
  const manifest = (spec: Record<string, unknown>) => {
    const r = cronJobFromManifest(
      {
        metadata: { name: 'cj', namespace: 'ns' },
        spec: {
          schedule: '0 * * * *',
          ...spec,
          jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } } },
        },
      },
      T0,
    );
    assert.ok(r.ok, r.ok ? '' : r.errors.join());
    return r.value;
  };
  it('creates <name>-<minutes since epoch> with the scheduled-timestamp annotation in spec.timeZone', () => {
    const cj = manifest({ timeZone: 'Europe/Berlin' });
    const r = syncCronJob(cj, [], minute(60) + 100);
    const create = r.actions[0];
    assert.equal(create?.type, 'createJob');
    if (create?.type !== 'createJob') return;
    assert.equal(create.job.name, `cj-${Math.floor(minute(60) / 60000)}`);
    assert.equal(create.job.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2026-01-05T02:00:00+01:00');
    assert.equal(r.status.lastScheduleTime, minute(60));
    assert.deepEqual(r.status.active, [create.job.name]);
    assert.equal(r.requeueAfterMs, 60 * 60_000);
  });
  it('Forbid with an active Job records JobAlreadyActive and keeps lastScheduleTime', () => {
    const cj = manifest({ concurrencyPolicy: 'Forbid' });
    const first = syncCronJob(cj, [], minute(60) + 100);
    const created = first.actions[0]!.type === 'createJob' ? first.actions[0]!.job : undefined;
    assert.ok(created);
    const r = syncCronJob({ ...cj, status: first.status }, [created], minute(120) + 100);
    assert.deepEqual(
      r.events.map((e) => e.reason),
      ['JobAlreadyActive'],
    );
    assert.equal(r.status.lastScheduleTime, minute(60));
  });
  it('history cleanup deletes the oldest finished Jobs by startTime', () => {
    const finished = (name: string, start: number, type: 'Complete' | 'Failed'): JobObject => {
      const j = job({});
      return {
        ...j,
        name,
        status: {
          ...j.status,
          startTime: start,
          conditions: [{ type, status: 'True', reason: '', message: '', lastTransitionTime: start }],
        },
      };
    };
    const jobs = [
      finished('c', sec(3), 'Complete'),
      finished('a', sec(1), 'Complete'),
      finished('b', sec(2), 'Complete'),
      finished('f1', sec(1), 'Failed'),
      finished('f2', sec(2), 'Failed'),
    ];
    assert.deepEqual(cleanupFinishedJobs(jobs, 2, 1), ['a', 'f1']);
    assert.deepEqual(cleanupFinishedJobs(jobs, null, null), []);
  });
  it('suspend stops before scheduling; an unknown zone reports UnknownTimeZone', () => {
    assert.equal(syncCronJob(manifest({ suspend: true }), [], minute(61)).actions.length, 0);
    const r = syncCronJob(manifest({ timeZone: 'Mars/Olympus' }), [], minute(61));
    assert.deepEqual(
      r.events.map((e) => e.reason),
      ['UnknownTimeZone'],
    );
    assert.equal(r.requeueAfterMs, null);
  });
});
