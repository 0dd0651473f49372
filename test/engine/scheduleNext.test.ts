import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { forEachRun, nextRun, nextRuns, parseStandard } from '../../src-engine';
import type { CronSchedule } from '../../src-engine';

function parse(spec: string): CronSchedule {
  const r = parseStandard(spec);
  assert.ok(r.ok, spec);
  return r.schedule;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

function runs(spec: string, timeZone: string | undefined, from: string, count: number): string[] {
  return nextRuns(parse(spec), Date.parse(from), count, timeZone).map(iso);
}

interface Case {
  name: string;
  spec: string;
  timeZone?: string;
  from: string;
  expect: string[];
}

function table(cases: Case[]): void {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(runs(c.spec, c.timeZone, c.from, c.expect.length), c.expect);
    });
  }
}

describe('nextRun: robfig Next basics (UTC)', () => {
  table([
    {
      name: 'strictly after the given instant',
      spec: '0 3 * * *',
      from: '2026-01-01T03:00:00Z',
      expect: ['2026-01-02T03:00:00Z'],
    },
    {
      name: 'sub-second start rounds up to the next second',
      spec: '* * * * *',
      from: '2026-01-01T00:00:59.999Z',
      expect: ['2026-01-01T00:01:00Z'],
    },
    {
      name: 'leap day runs only in leap years',
      spec: '0 0 29 2 *',
      from: '2025-01-01T00:00:00Z',
      expect: ['2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z'],
    },
    {
      name: 'DOM/DOW OR: the 13th or any Friday',
      spec: '0 0 13 * 5',
      from: '2026-03-01T00:00:00Z',
      expect: ['2026-03-06T00:00:00Z', '2026-03-13T00:00:00Z', '2026-03-20T00:00:00Z'],
    },
    {
      name: 'DOM with */1 keeps the star: Mondays only',
      spec: '0 0 */1 * 1',
      from: '2026-03-01T00:00:00Z',
      expect: ['2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z'],
    },
    {
      name: 'DOM 1-31 has no star: OR makes it every day',
      spec: '0 0 1-31 * 1',
      from: '2026-03-01T00:00:00Z',
      expect: ['2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'],
    },
    {
      name: 'DOM */2 has no star: odd days or Mondays',
      spec: '0 0 */2 * 1',
      from: '2026-03-01T00:00:00Z',
      expect: [
        '2026-03-02T00:00:00Z',
        '2026-03-03T00:00:00Z',
        '2026-03-05T00:00:00Z',
        '2026-03-07T00:00:00Z',
        '2026-03-09T00:00:00Z',
      ],
    },
    { name: 'Sunday is 0', spec: '0 12 * * 0', from: '2026-03-01T12:00:00Z', expect: ['2026-03-08T12:00:00Z'] },
    {
      name: 'named month range',
      spec: '0 0 1 NOV-dec *',
      from: '2026-03-01T00:00:00Z',
      expect: ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', '2027-11-01T00:00:00Z'],
    },
    { name: 'year wrap', spec: '0 0 1 jan *', from: '2026-03-01T00:00:00Z', expect: ['2027-01-01T00:00:00Z'] },
    {
      name: 'descriptor @weekly is Sunday midnight',
      spec: '@weekly',
      from: '2026-03-02T00:00:00Z',
      expect: ['2026-03-08T00:00:00Z'],
    },
  ]);

  it('returns null when nothing runs within five years', () => {
    assert.equal(nextRun(parse('0 0 30 2 *'), Date.parse('2026-01-01T00:00:00Z')), null);
    assert.equal(nextRun(parse('0 0 31 4 *'), Date.parse('2026-01-01T00:00:00Z')), null);
    assert.equal(nextRun(parse(', * * * *'), Date.parse('2026-01-01T00:00:00Z')), null);
    assert.deepEqual(nextRuns(parse('0 0 30 2 *'), 0, 3), []);
  });

  it('stops at the five-year limit even for a valid date (Feb 29 across 2100)', () => {
    assert.equal(nextRun(parse('0 0 29 2 *'), Date.parse('2096-03-01T00:00:00Z')), null);
  });
});

describe('nextRun: @every is a delay from the reference time', () => {
  it('adds the delay to the reference truncated to the second', () => {
    const s = parse('@every 90m');
    assert.equal(iso(nextRun(s, Date.parse('2026-01-01T00:00:30.750Z')) as number), '2026-01-01T01:30:30Z');
    assert.deepEqual(nextRuns(s, Date.parse('2026-01-01T00:00:00Z'), 2).map(iso), [
      '2026-01-01T01:30:00Z',
      '2026-01-01T03:00:00Z',
    ]);
  });
  it('ignores time zones', () => {
    const s = parse('@every 1h');
    assert.equal(nextRun(s, 0, 'America/New_York'), 3_600_000);
  });
});

describe('nextRun: DST as robfig/cron v3 SpecSchedule.Next walks wall time in the zone', () => {
  table([
    {
      name: 'New York spring-forward: 02:30 is skipped that day, not shifted',
      spec: '30 2 * * *',
      timeZone: 'America/New_York',
      from: '2024-03-08T12:00:00Z',
      expect: ['2024-03-09T07:30:00Z', '2024-03-11T06:30:00Z'],
    },
    {
      name: 'New York spring-forward: 02:00 skipped too',
      spec: '0 2 * * *',
      timeZone: 'America/New_York',
      from: '2024-03-09T12:00:00Z',
      expect: ['2024-03-11T06:00:00Z'],
    },
    {
      name: 'New York hourly: 01:00 EST then 03:00 EDT',
      spec: '0 * * * *',
      timeZone: 'America/New_York',
      from: '2024-03-10T05:30:00Z',
      expect: ['2024-03-10T06:00:00Z', '2024-03-10T07:00:00Z'],
    },
    {
      name: 'New York fall-back: 01:30 runs twice',
      spec: '30 1 * * *',
      timeZone: 'America/New_York',
      from: '2024-11-02T12:00:00Z',
      expect: ['2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z', '2024-11-04T06:30:00Z'],
    },
    {
      name: 'New York fall-back hourly: 01:00 EDT and 01:00 EST',
      spec: '0 * * * *',
      timeZone: 'America/New_York',
      from: '2024-11-03T04:30:00Z',
      expect: ['2024-11-03T05:00:00Z', '2024-11-03T06:00:00Z', '2024-11-03T07:00:00Z'],
    },
    {
      name: 'London spring-forward: 01:30 skipped',
      spec: '30 1 * * *',
      timeZone: 'Europe/London',
      from: '2024-03-30T12:00:00Z',
      expect: ['2024-04-01T00:30:00Z'],
    },
    {
      name: 'London fall-back: 01:30 BST and 01:30 GMT',
      spec: '30 1 * * *',
      timeZone: 'Europe/London',
      from: '2024-10-26T12:00:00Z',
      expect: ['2024-10-27T00:30:00Z', '2024-10-27T01:30:00Z', '2024-10-28T01:30:00Z'],
    },
    {
      name: 'Sao Paulo 2018-11-04 has no midnight: that day is skipped',
      spec: '0 0 * * *',
      timeZone: 'America/Sao_Paulo',
      from: '2018-11-02T12:00:00Z',
      expect: ['2018-11-03T03:00:00Z', '2018-11-05T02:00:00Z'],
    },
    {
      name: 'Sao Paulo 01:00 on the midnight-less day still runs',
      spec: '0 1 * * *',
      timeZone: 'America/Sao_Paulo',
      from: '2018-11-03T12:00:00Z',
      expect: ['2018-11-04T03:00:00Z'],
    },
    {
      name: 'Lord Howe (30-minute DST): 02:15 does not exist on 2024-10-06',
      spec: '15 2 * * *',
      timeZone: 'Australia/Lord_Howe',
      from: '2024-10-04T00:00:00Z',
      expect: ['2024-10-04T15:45:00Z', '2024-10-06T15:15:00Z'],
    },
    {
      name: 'Lord Howe: 02:30 exists right after the gap',
      spec: '30 2 * * *',
      timeZone: 'Australia/Lord_Howe',
      from: '2024-10-04T00:00:00Z',
      expect: ['2024-10-04T16:00:00Z', '2024-10-05T15:30:00Z'],
    },
    {
      name: 'Lord Howe fall-back 2025-04-06: 01:45 runs twice, 30 minutes apart',
      spec: '45 1 * * *',
      timeZone: 'Australia/Lord_Howe',
      from: '2025-04-05T00:00:00Z',
      expect: ['2025-04-05T14:45:00Z', '2025-04-05T15:15:00Z', '2025-04-06T15:15:00Z'],
    },
    {
      name: 'links load like their target (US/Eastern)',
      spec: '30 2 * * *',
      timeZone: 'US/Eastern',
      from: '2024-03-08T12:00:00Z',
      expect: ['2024-03-09T07:30:00Z', '2024-03-11T06:30:00Z'],
    },
    {
      name: 'fixed-offset zone Etc/GMT+5 is UTC-5',
      spec: '0 0 * * *',
      timeZone: 'Etc/GMT+5',
      from: '2026-01-01T00:00:00Z',
      expect: ['2026-01-01T05:00:00Z'],
    },
    {
      name: 'Factory is UTC',
      spec: '0 0 * * *',
      timeZone: 'Factory',
      from: '2026-01-01T00:00:00Z',
      expect: ['2026-01-02T00:00:00Z'],
    },
  ]);

  it("uses the schedule's own TZ= zone over the timeZone argument", () => {
    assert.deepEqual(runs('TZ=Asia/Tokyo 0 9 * * *', 'America/New_York', '2026-01-01T00:00:00Z', 1), ['2026-01-02T00:00:00Z']);
  });

  it('stops where robfig loops forever (Pacific/Apia skipped 2011-12-30) instead of hanging', () => {
    const s = parse('TZ=Pacific/Apia 0 1 31 * *');
    assert.deepEqual(nextRuns(s, Date.parse('2011-10-01T00:00:00Z'), 3).map(iso), ['2011-10-31T11:00:00Z']);
    assert.equal(nextRun(s, Date.parse('2011-11-01T00:00:00Z')), null);
  });

  it('returns nothing (never hangs) for NaN, infinite or out-of-range instants', () => {
    for (const ms of [NaN, Infinity, -Infinity, 1e300]) {
      assert.equal(nextRun(parse('* * * * *'), ms, 'Europe/Berlin'), null);
      assert.equal(nextRun(parse('@every 1h'), ms), null);
      assert.deepEqual(nextRuns(parse('* * * * *'), ms, 3), []);
    }
  });

  it('throws RangeError for a zone Go cannot load', () => {
    assert.throws(() => nextRun(parse('* * * * *'), 0, 'utc'), RangeError);
    assert.throws(() => nextRun(parse('* * * * *'), 0, 'Europe/Nowhere'), RangeError);
  });
});

describe('forEachRun', () => {
  it('enumerates every minute of a DST day in Berlin (23 hours on 2026-03-29)', () => {
    const from = Date.parse('2026-03-28T23:00:00Z') - 1;
    const until = Date.parse('2026-03-29T22:00:00Z') - 1;
    assert.equal(
      forEachRun(parse('* * * * *'), from, until, () => undefined, 'Europe/Berlin'),
      23 * 60,
    );
  });
  it('agrees with repeated nextRun and stops when visit returns false', () => {
    const s = parse('*/7 1-3 * * 1,5');
    const seen: number[] = [];
    forEachRun(s, 0, Infinity, (ms) => seen.push(ms) < 50, 'America/Santiago');
    let t = 0;
    for (const ms of seen) {
      t = nextRun(s, t, 'America/Santiago') as number;
      assert.equal(ms, t);
    }
    assert.equal(seen.length, 50);
  });
});
