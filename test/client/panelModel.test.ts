import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildCronJobPanelModel, buildJobPanelModel, calendar, failureCard, jobSettings, simulateComingDays } from '../../client/src/views/model/panelModel';
import { T0, cronJob, event, iso, job, pod, running, terminated, waiting } from './fixtures';

const failedJob = job('report-1', {
  owner: 'report',
  spec: { backoffLimit: 2, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600 },
  status: { failed: 3, startTime: iso(T0 - 300_000), conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastTransitionTime: iso(T0 - 10_000) }] },
});

describe('Job panel model', () => {
  it('explains why a Job failed: reason, exit codes, termination messages, last log lines', () => {
    const pods = [pod('report-1-a', 'report-1', terminated(137, 'OOMKilled')), pod('report-1-b', 'report-1', terminated(2, 'Error', 'config file missing'))];
    const card = failureCard(failedJob, pods, new Map([['report-1-b/main', ['reading /etc/app.yaml', 'error: no such file']]]));
    assert.ok(card);
    assert.equal(card.reason, 'BackoffLimitExceeded');
    assert.match(card.explanation, /backoffLimit \(2\)/);
    assert.deepEqual(card.containers.map((c) => [c.pod, c.exitCode, c.reason]), [['report-1-a', 137, 'OOMKilled'], ['report-1-b', 2, 'Error']]);
    assert.match(card.containers[0]?.explanation ?? '', /memory/);
    assert.equal(card.containers[1]?.message, 'config file missing');
    assert.deepEqual(card.containers[1]?.lastLines, ['reading /etc/app.yaml', 'error: no such file']);
  });

  it('explains DeadlineExceeded and ImagePullBackOff', () => {
    const deadline = job('slow', { spec: { activeDeadlineSeconds: 60 }, status: { conditions: [{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded' }] } });
    assert.match(failureCard(deadline, [])?.explanation ?? '', /activeDeadlineSeconds \(60 s\)/);
    const pulling = failureCard(job('pull', { status: { active: 1 } }), [pod('pull-x', 'pull', waiting('ImagePullBackOff', 'Back-off pulling image "nope:1"'))]);
    assert.equal(pulling?.reason, 'PodsFailing');
    assert.match(pulling?.containers[0]?.explanation ?? '', /cannot pull the image/);
    assert.equal(failureCard(job('fine', { status: { active: 1 } }), [pod('fine-x', 'fine', running())]), undefined);
  });

  it('lists the settings that matter, with Kubernetes defaults when unset', () => {
    const s = Object.fromEntries(jobSettings(job('j')).map((f) => [f.label, f.value]));
    assert.equal(s.backoffLimit, '6');
    assert.equal(s.activeDeadlineSeconds, 'none');
    assert.equal(s.podReplacementPolicy, 'TerminatingOrFailed');
    const t = Object.fromEntries(jobSettings(failedJob).map((f) => [f.label, f.value]));
    assert.equal(t.ttlSecondsAfterFinished, '3600');
  });

  it('builds conditions, counts, events newest first, a pod timeline, and disables actions with the reason', () => {
    const model = buildJobPanelModel({
      context: 'kind',
      namespace: 'demo',
      name: 'report-1',
      job: failedJob,
      pods: [pod('report-1-a', 'report-1', terminated(1, 'Error'), 'demo', T0 - 290_000)],
      events: [event('e1', { kind: 'Job', name: 'report-1' }, 'SuccessfulCreate', 'Created pod: report-1-a', T0 - 290_000, 'Normal'), event('e2', { kind: 'Job', name: 'report-1' }, 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', T0 - 10_000)],
      nowMs: T0,
      access: (verb) => (verb === 'delete' ? { allowed: false, reason: 'forbidden: cannot delete jobs in ns demo' } : { allowed: true, reason: '' }),
    });
    assert.equal(model.phase, 'failed');
    assert.equal(model.owner, 'report');
    assert.deepEqual(model.conditions.map((c) => [c.type, c.reason]), [['Failed', 'BackoffLimitExceeded']]);
    assert.deepEqual(model.events.map((e) => e.reason), ['BackoffLimitExceeded', 'SuccessfulCreate']);
    assert.equal(model.pods[0]?.startOffsetMs, 300_000, 'the pod started 5 minutes after the Job');
    assert.equal(model.pods[0]?.failed, true);
    const actions = Object.fromEntries(model.actions.map((a) => [a.id, a]));
    assert.deepEqual([actions.delete?.enabled, actions.delete?.reason], [false, 'forbidden: cannot delete jobs in ns demo']);
    assert.deepEqual([actions.suspend?.enabled, actions.suspend?.reason], [false, 'the Job has finished']);
    assert.equal(model.failure?.reason, 'BackoffLimitExceeded');
  });

  it('says when the Job is gone', () => {
    const model = buildJobPanelModel({ context: 'kind', namespace: 'demo', name: 'gone', job: undefined, pods: [], events: [], nowMs: T0 });
    assert.equal(model.exists, false);
    assert.equal(model.actions.length, 0);
  });
});

describe('CronJob panel model', () => {
  it('lists next runs in the CronJob zone, its Jobs newest first with manual ones marked, and a calendar', () => {
    const cj = cronJob('nightly', { timeZone: 'Europe/Berlin', schedule: '30 1 * * 1-5' }, { lastScheduleTime: iso(T0 - 86_400_000) });
    const manual = job('nightly-manual-abcde', { owner: 'nightly', created: T0 - 1000 });
    manual.metadata = { ...manual.metadata, annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' } };
    const model = buildCronJobPanelModel({ context: 'kind', namespace: 'demo', name: 'nightly', cronJob: cj, jobs: [job('nightly-1', { owner: 'nightly', created: T0 - 86_400_000 }), manual], events: [], nowMs: T0 });
    // 2026-11-30 is a Monday; the next weekday 01:30 in Berlin is Tuesday 2026-12-01.
    assert.match(model.nextRuns[0] ?? '', /^2026-12-01 01:30 Europe\/Berlin/);
    assert.equal(model.nextRuns.length, 5);
    assert.deepEqual(model.jobs.map((j) => [j.name, j.manual]), [['nightly-manual-abcde', true], ['nightly-1', false]]);
    assert.equal(model.calendar.length, 7);
    assert.equal(model.calendar.reduce((n, d) => n + d.runMinutes.length, 0), 4, 'Tuesday to Friday; the weekend has none');
    assert.ok(model.calendar.every((d) => d.runMinutes.every((m) => m === 90)));
    assert.equal(model.actions.find((a) => a.id === 'resume')?.enabled, false);
  });

  it('caps very frequent schedules per calendar day and counts the rest', () => {
    const days = calendar('* * * * *', undefined, T0, 2);
    assert.equal(days[0]?.runMinutes.length, 48);
    assert.ok((days[0]?.more ?? 0) > 0);
  });
});

describe('CronJob simulation picture', () => {
  it('simulates the coming week with the engine and renders its SVG', () => {
    const result = simulateComingDays(cronJob('nightly', { schedule: '0 2 * * *', timeZone: 'Europe/Berlin' }), T0);
    assert.match(result.note, /next 7 days/);
    assert.match(result.svg ?? '', /^<svg/);
  });

  it('keeps busy schedules to one day, and says why there is no picture', () => {
    assert.match(simulateComingDays(cronJob('busy', { schedule: '* * * * *' }), T0).note, /next 24 hours/);
    assert.match(simulateComingDays(cronJob('bad', { schedule: '61 * * * *' }), T0).note, /^no simulation: /);
    assert.equal(simulateComingDays(cronJob('paused', { suspend: true }), T0).svg, undefined);
  });
});
