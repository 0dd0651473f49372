import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildCronJobPanelModel } from '../../client/src/views/model/cronJobPanelModel';
import { calendar } from '../../client/src/views/model/calendar';
import { simulateComingDays } from '../../client/src/views/model/liveSimulation';
import { T0, cronJob, iso, job } from './fixtures';

describe('CronJob panel model', () => {
  it('lists next runs in the CronJob zone, its Jobs newest first with manual ones marked, and a calendar', () => {
    const cj = cronJob(
      'nightly',
      { timeZone: 'Europe/Berlin', schedule: '30 1 * * 1-5' },
      { lastScheduleTime: iso(T0 - 86_400_000) },
    );
    const manual = job('nightly-manual-abcde', { owner: 'nightly', created: T0 - 1000 });
    manual.metadata = { ...manual.metadata, annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' } };
    const model = buildCronJobPanelModel({
      context: 'kind',
      namespace: 'demo',
      name: 'nightly',
      cronJob: cj,
      jobs: [job('nightly-1', { owner: 'nightly', created: T0 - 86_400_000 }), manual],
      events: [],
      nowMs: T0,
    });
    // 2026-11-30 is a Monday; the next weekday 01:30 in Berlin is Tuesday 2026-12-01.
    assert.match(model.nextRuns[0] ?? '', /^2026-12-01 01:30 Europe\/Berlin/);
    assert.equal(model.nextRuns.length, 5);
    assert.deepEqual(
      model.jobs.map((j) => [j.name, j.manual]),
      [
        ['nightly-manual-abcde', true],
        ['nightly-1', false],
      ],
    );
    assert.equal(model.calendar.length, 7);
    assert.equal(
      model.calendar.reduce((n, d) => n + d.runMinutes.length, 0),
      4,
      'Tuesday to Friday; the weekend has none',
    );
    assert.ok(model.calendar.every((d) => d.runMinutes.every((m) => m === 90)));
    assert.equal(model.actions.find((a) => a.id === 'resume')?.enabled, false);
  });

  it('draws no runs while the CronJob is suspended', () => {
    const model = buildCronJobPanelModel({
      context: 'kind',
      namespace: 'demo',
      name: 'paused',
      cronJob: cronJob('paused', { suspend: true, schedule: '@hourly' }),
      jobs: [],
      events: [],
      nowMs: T0,
    });
    assert.equal(model.calendar.length, 7);
    assert.equal(
      model.calendar.reduce((n, d) => n + d.runMinutes.length + d.more, 0),
      0,
    );
    assert.deepEqual(model.nextRuns, []);
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
