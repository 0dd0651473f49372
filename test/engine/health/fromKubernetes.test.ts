import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { cronJobHealth, healthInput } from '../../../src-engine';
import { at } from './fixtures';

const CRONJOB = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'backup', namespace: 'ops', uid: 'u-1', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { schedule: '0 2 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid', jobTemplate: { spec: {} } },
  status: {
    lastScheduleTime: '2026-01-04T01:00:00Z',
    lastSuccessfulTime: '2026-01-03T01:10:00Z',
    active: [{ kind: 'Job', name: 'backup-29455260' }],
  },
};

const owned = (name: string, extra: Record<string, unknown>): Record<string, unknown> => ({
  metadata: {
    name,
    namespace: 'ops',
    creationTimestamp: '2026-01-04T01:00:00Z',
    ownerReferences: [{ kind: 'CronJob', name: 'backup', uid: 'u-1', controller: true }],
    ...extra,
  },
  spec: { activeDeadlineSeconds: 3600 },
  status: { startTime: '2026-01-04T01:00:01Z' },
});

describe("health input from the API server's JSON", () => {
  it("keeps only the CronJob's own Jobs and events, reads the scheduled time from the annotation", () => {
    const jobs = [
      owned('backup-29455260', {
        annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-04T02:00:00+01:00' },
      }),
      { metadata: { name: 'other', ownerReferences: [{ kind: 'CronJob', name: 'backup', uid: 'u-2', controller: true }] } },
      { metadata: { name: 'standalone' } },
    ];
    const events = [
      {
        involvedObject: { kind: 'CronJob', name: 'backup', namespace: 'ops' },
        reason: 'JobAlreadyActive',
        message: 'Not starting job',
        type: 'Normal',
        lastTimestamp: '2026-01-05T01:00:00Z',
        count: 2,
      },
      { involvedObject: { kind: 'Job', name: 'backup-29455260' }, reason: 'Completed', message: 'Job completed' },
    ];
    const input = healthInput(CRONJOB, jobs, events, at('2026-01-05T01:30:00Z'));
    assert.deepEqual(
      input.jobs.map((j) => [j.name, j.state, j.scheduledTime, j.activeDeadlineSeconds]),
      [['backup-29455260', 'running', at('2026-01-04T01:00:00Z'), 3600]],
    );
    assert.deepEqual(
      input.events.map((e) => [e.reason, e.count]),
      [['JobAlreadyActive', 2]],
    );
    assert.equal(input.cronJob.concurrencyPolicy, 'Forbid');
    const health = cronJobHealth(input);
    assert.deepEqual(health.findings.map((f) => f.rule).sort(), ['run-past-deadline', 'runs-held-by-forbid']);
    assert.equal(health.scheduleText, 'At 02:00 (Europe/Berlin time)');
  });

  it('answers for a malformed object instead of throwing', () => {
    for (const raw of [null, 42, 'x', [], { spec: 'nope', status: { active: 'no' } }]) {
      const health = cronJobHealth(healthInput(raw, [null, {}], [null, 7], 0));
      assert.equal(health.status, 'unhealthy', 'an empty schedule cannot run');
    }
  });
});
