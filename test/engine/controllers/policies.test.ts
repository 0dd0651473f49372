import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  EMPTY_BACKOFF_RECORD,
  backoffDelayMs,
  backoffRemainingMs,
  countIndexes,
  formatIndexIntervals,
  matchPodFailurePolicy,
  matchSuccessPolicy,
  newBackoffRecord,
  parseIndexIntervals,
  withIndexes,
} from '../../../src-engine';
import type { PodObject } from '../../../src-engine';

// Named anchor times on one fixed day.
const T0 = Date.parse('2026-01-05T00:00:00Z');
const sec = (n: number): number => T0 + n * 1000;

describe('backoff (backoff_utils.go)', () => {
  const delays: [number, number][] = [
    [0, 0],
    [1, 10],
    [2, 20],
    [3, 40],
    [4, 80],
    [5, 160],
    [6, 320],
    [7, 600],
    [8, 600],
    [40, 600],
  ];
  for (const [n, s] of delays) {
    it(`delay after ${n} failures is ${s} s (10 s doubling, capped at 10 min)`, () => assert.equal(backoffDelayMs(n), s * 1000));
  }
  it('failures without a success extend the streak; lastFailureTime is the latest failure', () => {
    const r = newBackoffRecord({ failuresAfterLastSuccess: 2, lastFailureTime: sec(5) }, null, [sec(30), sec(20)]);
    assert.deepEqual(r, { failuresAfterLastSuccess: 4, lastFailureTime: sec(30) });
  });
  it('a success resets the streak; only failures strictly after it count', () => {
    const r = newBackoffRecord({ failuresAfterLastSuccess: 5, lastFailureTime: sec(1) }, sec(10), [sec(10), sec(12)]);
    assert.deepEqual(r, { failuresAfterLastSuccess: 1, lastFailureTime: sec(12) });
  });
  it('a success without later failures empties the record', () => {
    assert.deepEqual(
      newBackoffRecord({ failuresAfterLastSuccess: 3, lastFailureTime: sec(1) }, sec(10), [sec(2)]),
      EMPTY_BACKOFF_RECORD,
    );
  });
  it('no new pods keeps the record', () =>
    assert.equal(newBackoffRecord(EMPTY_BACKOFF_RECORD, null, null), EMPTY_BACKOFF_RECORD));
  it('remaining time counts from the last failure and never goes negative', () => {
    assert.equal(backoffRemainingMs(2, sec(0), sec(5)), 15_000);
    assert.equal(backoffRemainingMs(2, sec(0), sec(25)), 0);
    assert.equal(backoffRemainingMs(0, sec(0), sec(0)), 0);
  });
});

describe('index intervals (indexed_job_utils.go)', () => {
  const cases: [number[], string][] = [
    [[], ''],
    [[0], '0'],
    [[0, 1], '0,1'],
    [[0, 1, 2], '0-2'],
    [[2, 4, 5, 7, 8, 9], '2,4,5,7-9'],
    [[9, 1, 3, 2], '1-3,9'],
  ];
  for (const [indexes, text] of cases) {
    it(`[${indexes.join(',')}] is written "${text}" and reads back`, () => {
      const iv = withIndexes([], indexes);
      assert.equal(formatIndexIntervals(iv), text);
      const back = parseIndexIntervals(text);
      assert.ok(back.ok);
      assert.equal(countIndexes(back.intervals), new Set(indexes).size);
    });
  }
  it('rejects decreasing order, bad numbers and indexes ≥ completions', () => {
    assert.equal(parseIndexIntervals('3,1').ok, false);
    assert.equal(parseIndexIntervals('1-x').ok, false);
    assert.equal(parseIndexIntervals('1-2-3').ok, false);
    assert.equal(parseIndexIntervals('5', 5).ok, false);
  });
  it('withIndexes merges into existing intervals and drops out-of-range indexes', () => {
    assert.equal(formatIndexIntervals(withIndexes(withIndexes([], [0, 1, 2]), [4, 3, 10], 5)), '0-4');
  });
});

const failedPod = (exitCode: number, conditions: { type: string; status: string }[] = []): PodObject => ({
  name: 'p-abcde',
  creationTimestamp: T0,
  index: null,
  phase: 'Failed',
  deletionTimestamp: null,
  hasTrackingFinalizer: true,
  finishedAt: sec(5),
  exitCode,
  restartCount: 0,
  conditions,
  indexFailureCount: 0,
  indexIgnoredFailureCount: 0,
});

describe('podFailurePolicy (pod_failure_policy.go)', () => {
  const rules = [
    { action: 'FailJob' as const, onExitCodes: { containerName: 'main', operator: 'In' as const, values: [42] } },
    { action: 'Ignore' as const, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    { action: 'Count' as const, onExitCodes: { operator: 'NotIn' as const, values: [42, 137] } },
  ];
  const table: { name: string; pod: PodObject; container: string; action: string | null; message?: string }[] = [
    {
      name: 'exit 42 in main → FailJob',
      pod: failedPod(42),
      container: 'main',
      action: 'FailJob',
      message: 'Container main for pod ns/p-abcde failed with exit code 42 matching FailJob rule at index 0',
    },
    {
      name: 'exit 42 in another container skips rule 0, NotIn fails → no match',
      pod: failedPod(42),
      container: 'side',
      action: null,
    },
    {
      name: 'DisruptionTarget condition → Ignore',
      pod: failedPod(137, [{ type: 'DisruptionTarget', status: 'True' }]),
      container: 'main',
      action: 'Ignore',
      message: 'Pod ns/p-abcde has condition DisruptionTarget matching Ignore rule at index 1',
    },
    { name: 'exit 3 → Count', pod: failedPod(3), container: 'main', action: 'Count' },
    { name: 'exit 137 without condition → no rule', pod: failedPod(137), container: 'main', action: null },
  ];
  for (const c of table) {
    it(c.name, () => {
      const m = matchPodFailurePolicy(rules, c.pod, 'ns', c.container);
      assert.equal(m.action, c.action);
      if (c.message !== undefined) assert.equal(m.message, c.message);
    });
  }
});

describe('successPolicy (success_policy.go)', () => {
  const iv = (...xs: number[]) => withIndexes([], xs);
  it('succeededIndexes needs all listed indexes', () => {
    assert.equal(matchSuccessPolicy([{ succeededIndexes: '0,2' }], 5, iv(0)), null);
    assert.deepEqual(matchSuccessPolicy([{ succeededIndexes: '0,2' }], 5, iv(0, 2)), {
      ruleIndex: 0,
      message: 'Matched rules at index 0',
    });
  });
  it('succeededIndexes with succeededCount counts only listed indexes (API doc example)', () => {
    assert.equal(matchSuccessPolicy([{ succeededIndexes: '1-4', succeededCount: 3 }], 6, iv(1, 3, 5)), null);
    assert.ok(matchSuccessPolicy([{ succeededIndexes: '1-4', succeededCount: 3 }], 6, iv(1, 3, 4)));
  });
  it('succeededCount alone counts every succeeded index; the first satisfied rule wins', () => {
    assert.deepEqual(matchSuccessPolicy([{ succeededIndexes: '9' }, { succeededCount: 2 }], 10, iv(3, 7))?.ruleIndex, 1);
  });
  it('nothing matches while no index succeeded', () => assert.equal(matchSuccessPolicy([{ succeededCount: 0 }], 3, []), null));
});
