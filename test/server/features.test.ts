import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { provideCodeLenses } from '../../server/src/features/codeLens';
import { provideDocumentSymbols } from '../../server/src/features/documentSymbols';
import { provideInlayHints } from '../../server/src/features/inlayHints';
import { provideScheduleDescription, provideSimulation } from '../../server/src/features/simulate';
import { mergeSettings, settingsFromInitialization } from '../../server/src/settings';
import { CRONJOB, JOB, NOW_MS, parse, settingsWith, TEST_URI } from './caret';

const whole = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

describe('code lenses', () => {
  it('puts Simulate · Run locally · Apply to cluster above each workload, and the next run of a CronJob', () => {
    const lenses = provideCodeLenses(parse(`${JOB}---\n${CRONJOB}`), settingsWith(), NOW_MS);
    assert.deepEqual(
      lenses.map((lens) => lens.command?.title.replace(/^Next run: .*/, 'Next run')),
      ['▶ Simulate', 'Run locally', 'Apply to cluster', '▶ Simulate', 'Run locally', 'Apply to cluster', 'Next run'],
    );
    assert.deepEqual(lenses[3]?.command?.arguments, [{ uri: TEST_URI, documentIndex: 1, name: 'nightly', kind: 'CronJob' }]);
    assert.equal(lenses[3]?.range.start.line, JOB.split('\n').length);
    assert.equal(lenses[6]?.command?.title, 'Next run: Tue 2026-03-03 03:00 GMT+1');
  });

  it('can be turned off', () => {
    assert.deepEqual(provideCodeLenses(parse(JOB), settingsWith({ codeLens: { enabled: false } }), NOW_MS), []);
  });
});

describe('inlay hints', () => {
  it('shows the schedule in words after its value', () => {
    const hints = provideInlayHints(parse(CRONJOB), whole, settingsWith());
    assert.equal(hints.length, 1);
    assert.deepEqual(hints[0]?.position, { line: 5, character: 23 });
    assert.match(String(hints[0]?.label), /At 03:00/);
  });

  it('can be turned off with kubeJobs.inlayHints.schedule', () => {
    assert.deepEqual(provideInlayHints(parse(CRONJOB), whole, settingsWith({ inlayHints: { schedule: false } })), []);
  });
});

describe('document symbols', () => {
  it('lists each workload by name', () => {
    const symbols = provideDocumentSymbols(parse(`${JOB}---\n${CRONJOB}`));
    assert.deepEqual(
      symbols.map((s) => `${s.detail} ${s.name}`),
      ['Job once', 'CronJob nightly'],
    );
  });
});

describe('kubeJobs/describeSchedule', () => {
  it('returns words, runs in three zones and warnings', () => {
    const result = provideScheduleDescription(
      { schedule: '0 0 13 * 5', timeZone: 'America/New_York', afterMs: NOW_MS, count: 3, localTimeZone: 'Asia/Tokyo' },
      settingsWith(),
      0,
    );
    assert.equal(result.valid, true);
    assert.equal(result.nextRuns.length, 3);
    assert.equal(result.nextRuns[0]?.inZone, '2026-03-06T00:00:00-05:00');
    assert.equal(result.nextRuns[0]?.utc, '2026-03-06T05:00:00.000Z');
    assert.equal(result.nextRuns[0]?.local, '2026-03-06T14:00:00+09:00');
    assert.ok(result.warnings.some((w) => /OR/.test(w)));
    assert.ok(result.warnings.some((w) => /DST/.test(w)));
  });

  it("reports an invalid schedule in the parser's words", () => {
    const result = provideScheduleDescription({ schedule: '0 0 * * 7' }, settingsWith(), NOW_MS);
    assert.equal(result.valid, false);
    assert.match(result.error ?? '', /above maximum/);
  });
});

/** A Job spec too large to simulate to its end (a billion completions). */
const HUGE_SPEC = 'spec:\n  completions: 1000000000\n  parallelism: 1000000\n';
const YEAR_MS = 365 * 86400_000;

describe('kubeJobs/simulateDocument', () => {
  it('simulates a CronJob for a day by default and a Job with given pod outcomes', async () => {
    const doc = parse(`${JOB}---\n${CRONJOB}`);
    const cron = await provideSimulation(doc, { uri: TEST_URI, documentIndex: 1 }, NOW_MS);
    assert.equal(cron.error, undefined);
    assert.equal(cron.kind, 'CronJob');
    const jobs = (cron.result as { jobs: { scheduledTime: string }[] }).jobs;
    assert.equal(jobs[0]?.scheduledTime, '2026-03-03T02:00:00Z', '03:00 in Berlin');
    const pods = 'fail@5s:1,fail@5s:1,fail@5s:1,fail@5s:1';
    const job = await provideSimulation(doc, { uri: TEST_URI, documentIndex: 0, pods }, NOW_MS);
    const conditions = (job.result as { status: { conditions: { type: string }[] } }).status.conditions.map((c) => c.type);
    assert.ok(conditions.includes('Failed'), `backoffLimit 2 fails the Job: ${conditions.join(',')}`);
    const bogus = await provideSimulation(doc, { uri: TEST_URI, documentIndex: 0, pods: 'bogus' }, NOW_MS);
    assert.match(bogus.error ?? '', /pods: bad pods entry/);
  });

  it('takes the random pod model (seed, failure rate, durations), reproducibly, and refuses it with pods', async () => {
    const doc = parse(`${JOB}---\n${CRONJOB}`);
    const random = { seed: 7, failureRate: 1, minDurationMs: 5000, maxDurationMs: 5000 };
    const failing = await provideSimulation(doc, { uri: TEST_URI, documentIndex: 0, random }, NOW_MS);
    const pods = (failing.result as { pods: { phase: string; exitCode: number }[] }).pods;
    assert.ok(pods.length > 1 && pods.every((p) => p.phase === 'Failed'), 'failure rate 1: every pod fails');
    const half = { uri: TEST_URI, documentIndex: 1, random: { ...random, failureRate: 0.5 } };
    const again = (await provideSimulation(doc, half, NOW_MS)).result;
    assert.deepEqual((await provideSimulation(doc, half, NOW_MS)).result, again, 'same seed, same run');
    const error = async (params: Omit<Parameters<typeof provideSimulation>[1], 'uri' | 'documentIndex'>): Promise<string> =>
      (await provideSimulation(doc, { uri: TEST_URI, documentIndex: 0, ...params }, NOW_MS)).error ?? '';
    assert.match(await error({ random, pods: 'succeed' }), /cannot be combined/);
    assert.match(await error({ random: { ...random, failureRate: 2 } }), /between 0 and 1/);
  });

  it('explains why a document cannot be simulated', async () => {
    const doc = parse(`apiVersion: v1\nkind: ConfigMap\n---\n${JOB}`);
    const configMap = await provideSimulation(doc, { uri: TEST_URI, documentIndex: 0 }, NOW_MS);
    assert.match(configMap.error ?? '', /not a batch\/v1 Job or CronJob/);
    assert.match((await provideSimulation(doc, { uri: TEST_URI, documentIndex: 7 }, NOW_MS)).error ?? '', /no document 7/);
  });

  it('refuses a Job too large to simulate to its end at once, and stops a run at its budget saying so', async () => {
    const huge = parse(JOB.replace(/spec:\n/, HUGE_SPEC));
    const refused = await provideSimulation(huge, { uri: TEST_URI, documentIndex: 0 }, NOW_MS);
    assert.match(refused.error ?? '', /too large to simulate to its end: it would create at least 1,000,000,000 pods/);
    assert.equal(refused.result, undefined);
    // A window of it is simulated in slices; a year of it reaches the work budget and stops.
    const window = await provideSimulation(huge, { uri: TEST_URI, documentIndex: 0, durationMs: 60_000, svg: false }, NOW_MS);
    assert.equal(window.error, undefined);
    assert.ok((window.result as { podsCreated: number }).podsCreated > 10_000);
    const year = await provideSimulation(huge, { uri: TEST_URI, documentIndex: 0, durationMs: YEAR_MS, svg: false }, NOW_MS);
    assert.match(year.error ?? '', /The simulation stopped at .*: simulating further, pod by pod, would take more than a few/);
    assert.equal((year.result as { stopped: { reason: string } }).stopped.reason, 'workBudget');
  });

  it('stops a simulation whose request is cancelled', async () => {
    const huge = parse(JOB.replace(/spec:\n/, HUGE_SPEC));
    const token = { isCancellationRequested: false };
    const params = { uri: TEST_URI, documentIndex: 0, durationMs: YEAR_MS, svg: false };
    const pending = provideSimulation(huge, params, NOW_MS, token);
    token.isCancellationRequested = true;
    assert.equal((await pending).error, 'simulation cancelled');
  });
});

describe('settings', () => {
  it('reads initializationOptions and ignores values of the wrong type', () => {
    const settings = settingsFromInitialization({
      redHatYamlInstalled: true,
      localTimeZone: 'Asia/Tokyo',
      settings: { rules: { a: 'warning', b: 'loud' }, inlayHints: { schedule: 'no' } },
    });
    assert.equal(settings.redHatYamlInstalled, true);
    assert.equal(settings.localTimeZone, 'Asia/Tokyo');
    assert.deepEqual(settings.rules, { a: 'warning' });
    assert.equal(settings.inlayHints.schedule, true);
    assert.equal(mergeSettings(settings, { codeLens: { enabled: false } }).codeLens.enabled, false);
    assert.equal(mergeSettings(settings, null), settings);
  });
});
