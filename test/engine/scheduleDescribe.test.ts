import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  describeSchedule,
  domDowIsOr,
  firesNever,
  isEveryMinute,
  neverFiresReason,
  parseStandard,
  runsEveryDay,
} from '../../src-engine';
import type { CronSchedule } from '../../src-engine';

function parse(spec: string): CronSchedule {
  const r = parseStandard(spec);
  assert.ok(r.ok, spec);
  return r.schedule;
}

describe('describeSchedule', () => {
  const cases: [string, string][] = [
    ['* * * * *', 'Every minute'],
    ['*/5 * * * *', 'Every 5 minutes'],
    ['30 2 * * *', 'At 02:30'],
    ['0 0 * * 0', 'At 00:00, only on Sunday'],
    ['0 9 * * mon-fri', 'At 09:00, Monday through Friday'],
    ['0 0 13 * 5', 'At 00:00, on day 13 of the month OR on Friday'],
    ['0 0 1,15 * 1,3', 'At 00:00, on day 1 and 15 of the month OR on Monday and Wednesday'],
    ['0 0 13 1 5', 'At 00:00, on day 13 of the month OR on Friday, only in January'],
    ['0 0 */1 * 1', 'At 00:00, only on Monday'],
    ['0 0 1-31 * 1', 'At 00:00'],
    ['0 0 ? * ?', 'At 00:00'],
    ['? ? * * *', 'Every minute'],
    ['*-5 * * * *', 'Every minute'],
    ['+5 05 * * *', 'At 05:05'],
    ['1,,2 * * * *', 'At 1 and 2 minutes past the hour'],
    ['0 0 * * */2', 'At 00:00, only on Sunday, Tuesday, Thursday, and Saturday'],
    ['29 * 11 * ,', 'At 29 minutes past the hour, on day 11 of the month'],
    ['@yearly', 'At 00:00 on 1 January, once a year'],
    ['@annually', 'At 00:00 on 1 January, once a year'],
    ['@monthly', 'At 00:00 on day 1 of every month'],
    ['@weekly', 'At 00:00 every Sunday'],
    ['@daily', 'At 00:00 every day'],
    ['@midnight', 'At 00:00 every day'],
    ['@hourly', 'Every hour, on the hour'],
    [
      '@every 90m',
      "Every 1 hour 30 minutes, counted from the CronJob's creation or its last scheduled run, not aligned to the clock",
    ],
    ['@every 0s', "Every 1 second, counted from the CronJob's creation or its last scheduled run, not aligned to the clock"],
    ['@every 36h', "Every 36 hours, counted from the CronJob's creation or its last scheduled run, not aligned to the clock"],
    ['0 0 30 2 *', 'Never runs: no selected month (February) has day 30'],
    [', * * * *', 'Never runs: the minute field "," selects no value'],
    ['TZ=Europe/Rome 0 3 * * *', 'At 03:00 (Europe/Rome time)'],
  ];
  for (const [spec, text] of cases) {
    it(`${spec} → ${text}`, () => assert.equal(describeSchedule(parse(spec)), text));
  }
  it('mentions the CronJob time zone when given', () => {
    assert.equal(describeSchedule(parse('0 3 * * *'), 'America/New_York'), 'At 03:00 (America/New_York time)');
    assert.equal(describeSchedule(parse('0 3 * * *'), 'UTC'), 'At 03:00');
  });
});

describe('schedule facts', () => {
  it('domDowIsOr follows the star bit, not the values', () => {
    assert.equal(domDowIsOr(parse('0 0 13 * 5')), true);
    assert.equal(domDowIsOr(parse('0 0 */2 * 1')), true);
    assert.equal(domDowIsOr(parse('0 0 1-31 * 1')), true);
    assert.equal(domDowIsOr(parse('0 0 */1 * 1')), false);
    assert.equal(domDowIsOr(parse('0 0 * * 1')), false);
    assert.equal(domDowIsOr(parse('0 0 ? * 1')), false);
    assert.equal(domDowIsOr(parse('@every 1h')), false);
  });
  it('runsEveryDay and isEveryMinute', () => {
    assert.equal(runsEveryDay(parse('0 0 1-31 * 1')), true);
    assert.equal(runsEveryDay(parse('0 0 * * 1')), false);
    assert.equal(isEveryMinute(parse('* * * * *')), true);
    assert.equal(isEveryMinute(parse('0-59 */1 ? * 0-6')), true);
    assert.equal(isEveryMinute(parse('* * * * 1')), false);
    assert.equal(isEveryMinute(parse('@every 1m')), false);
  });
  it('firesNever for impossible dates and empty fields only', () => {
    for (const spec of ['0 0 30 2 *', '0 0 31 4,6,9,11 *', ', * * * *', '0 , * * *', '0 0 * , *', '0 0 , * *', '0 0 * * ,']) {
      assert.equal(firesNever(parse(spec)), true, spec);
    }
    for (const spec of ['0 0 29 2 *', '0 0 30 2 1', '0 0 31 * *', '0 0 , * 1', '0 0 1 , *'.replace(',', '*'), '@every 1h']) {
      assert.equal(firesNever(parse(spec)), false, spec);
    }
    assert.equal(neverFiresReason(parse('0 0 31 4 *')), 'no selected month (April) has day 31');
  });
});
