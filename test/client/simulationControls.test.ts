import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  cliCommand,
  controlsToRequest,
  defaultControls,
  podsSpec,
  podsWords,
  resultSummary,
} from '../../client/src/views/model/simulationControls';
import { isFromWebview } from '../../client/src/webviews/contract';

const NOW = Date.UTC(2026, 2, 2, 10, 0, 30);
const cron = (schedule: string, timeZone?: string): unknown => ({ spec: { schedule, ...(timeZone ? { timeZone } : {}) } });

describe('simulation panel controls', () => {
  it("a CronJob gets a week around its zone's next clock change, said in words", () => {
    const { controls, windowNote } = defaultControls('CronJob', cron('30 2 * * *', 'Europe/Berlin'), NOW);
    // Europe/Berlin springs forward on 2026-03-29 at 01:00 UTC; the window starts three days before.
    assert.equal(controls.start, '2026-03-26T01:00');
    assert.deepEqual([controls.forAmount, controls.forUnit, controls.pods], [7, 'days', 'default']);
    assert.match(
      windowNote,
      /^7 days around the next clock change in Europe\/Berlin: 2026-03-29 03:00 Europe\/Berlin, clocks go forward/,
    );
    assert.equal(
      defaultControls('CronJob', cron('CRON_TZ=America/New_York 0 1 * * *', 'Europe/Berlin'), NOW).controls.start,
      '2026-03-05T07:00',
      "the schedule's own zone wins",
    );
  });

  it('without clock changes (UTC, no timeZone) the week starts now; a Job runs from now to its end', () => {
    assert.equal(defaultControls('CronJob', cron('*/5 * * * *'), NOW).controls.start, '2026-03-02T10:00');
    assert.match(
      defaultControls('CronJob', cron('*/5 * * * *', 'Asia/Tokyo'), NOW).windowNote,
      /Asia\/Tokyo has no clock change within a year/,
    );
    const job = defaultControls('Job', {}, NOW);
    assert.equal(job.controls.forAmount, undefined);
    assert.match(job.windowNote, /until the Job finishes/);
  });

  it('turns the controls into a request: window, scripted pods in the --pods grammar, the random model', () => {
    const base = defaultControls('CronJob', cron('0 3 * * *'), NOW).controls;
    assert.deepEqual(controlsToRequest(base), {
      ok: true,
      params: { startMs: Date.UTC(2026, 2, 2, 10, 0), durationMs: 7 * 86_400_000 },
    });
    const rows = [
      { outcome: 'fail' as const, afterSeconds: 20, exitCode: 75 },
      { index: 1, outcome: 'fail' as const, afterSeconds: 5, exitCode: 137 },
      { outcome: 'succeed' as const, afterSeconds: 40 },
    ];
    assert.equal(podsSpec(rows), 'fail@20s:75,1=fail@5s:137,succeed@40s');
    assert.deepEqual(controlsToRequest({ ...base, pods: 'scripted', rows, forAmount: 90, forUnit: 'minutes' }), {
      ok: true,
      params: { startMs: Date.UTC(2026, 2, 2, 10, 0), durationMs: 90 * 60_000, pods: 'fail@20s:75,1=fail@5s:137,succeed@40s' },
    });
    const random = controlsToRequest({
      ...base,
      pods: 'random',
      random: { seed: 42, failurePercent: 25, minSeconds: 5, maxSeconds: 30 },
    });
    assert.deepEqual(random, {
      ok: true,
      params: {
        startMs: Date.UTC(2026, 2, 2, 10, 0),
        durationMs: 7 * 86_400_000,
        random: { seed: 42, failureRate: 0.25, minDurationMs: 5000, maxDurationMs: 30_000 },
      },
    });
  });

  it('says what is wrong with controls instead of running them', () => {
    const base = defaultControls('Job', {}, NOW).controls;
    assert.match((controlsToRequest({ ...base, start: 'soon' }) as { error: string }).error, /^Start/);
    assert.match((controlsToRequest({ ...base, forAmount: -1 }) as { error: string }).error, /^For/);
    assert.match(
      (
        controlsToRequest({ ...base, pods: 'scripted', rows: [{ outcome: 'fail', afterSeconds: 5, exitCode: 300 }] }) as {
          error: string;
        }
      ).error,
      /exit codes of failures 1–255/,
    );
    assert.match(
      (
        controlsToRequest({
          ...base,
          pods: 'random',
          random: { seed: 1, failurePercent: 120, minSeconds: 1, maxSeconds: 2 },
        }) as { error: string }
      ).error,
      /0 to 100/,
    );
  });

  it('gives the same simulation as a kube-jobs command, the pods in words, and the outcome in one line', () => {
    const c = {
      ...defaultControls('CronJob', cron('0 3 * * *'), NOW).controls,
      pods: 'scripted' as const,
      rows: [
        { outcome: 'fail' as const, afterSeconds: 20, exitCode: 1 },
        { outcome: 'succeed' as const, afterSeconds: 30 },
      ],
    };
    assert.equal(
      cliCommand('examples/nightly cleanup.yaml', 'nightly', c),
      "kube-jobs simulate 'examples/nightly cleanup.yaml' --name nightly --start 2026-03-02T10:00:00Z " +
        '--for 7d --pods fail@20s:1,succeed@30s',
    );
    assert.match(podsWords(c), /^as scripted: fail@20s:1,succeed@30s/);
    assert.equal(
      resultSummary({
        kind: 'Job',
        podsCreated: 3,
        status: { succeeded: 1, failed: 0, conditions: [{ type: 'Complete', status: 'True', reason: 'CompletionsReached' }] },
      }),
      'Complete (CompletionsReached) — 3 pods created, 1 succeeded, 0 counted as failed',
    );
    assert.equal(
      resultSummary({
        kind: 'CronJob',
        jobsCreated: 5,
        eventCounts: { JobAlreadyActive: 2 },
        jobs: [{ status: { conditions: [{ type: 'Failed', status: 'True' }] } }],
      }),
      '5 Jobs created, 2 runs skipped, 1 failed',
    );
  });

  it('accepts controls from the page only in their shape', () => {
    const controls = defaultControls('Job', {}, NOW).controls;
    assert.ok(isFromWebview({ type: 'simulate', controls }));
    assert.ok(!isFromWebview({ type: 'simulate', controls: { ...controls, pods: 'eval' } }));
    assert.ok(!isFromWebview({ type: 'simulate', controls: { ...controls, rows: [{ outcome: 'fail', afterSeconds: '5' }] } }));
  });
});
