import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CronSchedule } from '../../src-engine';
import { parseStandard } from '../../src-engine';

function parse(spec: string): CronSchedule {
  const r = parseStandard(spec);
  assert.ok(r.ok, `${JSON.stringify(spec)} should parse: ${r.ok ? '' : r.error}`);
  return r.schedule;
}

function error(spec: string): string {
  const r = parseStandard(spec);
  assert.ok(!r.ok, `${JSON.stringify(spec)} should not parse`);
  return r.error;
}

describe('parseStandard: robfig/cron v3.0.1 error messages, word for word', () => {
  const cases: [string, string][] = [
    ['', 'empty spec string'],
    ['   ', 'expected exactly 5 fields, found 0: []'],
    ['*', 'expected exactly 5 fields, found 1: [*]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    [' @daily', 'expected exactly 5 fields, found 1: [@daily]'],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['0 0 * * 0-7', 'end of range (7) above maximum (6): 0-7'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['0 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['0 0 32 * *', 'end of range (32) above maximum (31): 32'],
    ['0 0 1 13 *', 'end of range (13) above maximum (12): 13'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['0 0 * 0 *', 'beginning of range (0) below minimum (1): 0'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['0 0 * * MON-SUN', 'beginning of range (1) beyond end of range (0): MON-SUN'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['0 0 1-5/0 * *', 'step of range should be a positive number: 1-5/0'],
    ['*/-1 * * * *', 'negative number (-1) not allowed: -1'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['1/2/3 * * * *', 'too many slashes: 1/2/3'],
    ['1-2-3/4/5 * * * *', 'too many hyphens: 1-2-3/4/5'],
    ['-1 * * * *', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['0 0 L * *', 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax'],
    ['0 0 1W * *', 'failed to parse int from 1W: strconv.Atoi: parsing "1W": invalid syntax'],
    ['0 0 * * 1#2', 'failed to parse int from 1#2: strconv.Atoi: parsing "1#2": invalid syntax'],
    ['0 0 * January *', 'failed to parse int from January: strconv.Atoi: parsing "January": invalid syntax'],
    ['0 0 * * sunday', 'failed to parse int from sunday: strconv.Atoi: parsing "sunday": invalid syntax'],
    ['0 0 ** * *', 'failed to parse int from **: strconv.Atoi: parsing "**": invalid syntax'],
    ['1_0 * * * *', 'failed to parse int from 1_0: strconv.Atoi: parsing "1_0": invalid syntax'],
    [
      '99999999999999999999 * * * *',
      'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range',
    ],
    ['9223372036854775807 * * * *', 'end of range (9223372036854775807) above maximum (59): 9223372036854775807'],
    ['a\u200b * * * *', 'failed to parse int from a\u200b: strconv.Atoi: parsing "a\\u200b": invalid syntax'],
    ['*/x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['@reboot', 'unrecognized descriptor: @reboot'],
    ['@Daily', 'unrecognized descriptor: @Daily'],
    ['@DAILY', 'unrecognized descriptor: @DAILY'],
    ['@daily ', 'unrecognized descriptor: @daily '],
    ['@every', 'unrecognized descriptor: @every'],
    ['@every 90', 'failed to parse duration @every 90: time: missing unit in duration "90"'],
    ['@every 1d', 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
    ['@every 1toString', 'failed to parse duration @every 1toString: time: unknown unit "toString" in duration "1toString"'],
    ['@every 1h ', 'failed to parse duration @every 1h : time: unknown unit "h " in duration "1h "'],
    ['@every  1h', 'failed to parse duration @every  1h: time: invalid duration " 1h"'],
    ['@every ', 'failed to parse duration @every : time: invalid duration ""'],
    ['@every .s', 'failed to parse duration @every .s: time: invalid duration ".s"'],
    ['@every 1h30', 'failed to parse duration @every 1h30: time: missing unit in duration "1h30"'],
    ['@every 3000000h', 'failed to parse duration @every 3000000h: time: invalid duration "3000000h"'],
    ['@every 5é', 'failed to parse duration @every 5é: time: unknown unit "\\xc3\\xa9" in duration "5\\xc3\\xa9"'],
    ['TZ=Mars/Base 0 3 * * *', 'provided bad location Mars/Base: unknown time zone Mars/Base'],
    ['CRON_TZ=utc 0 3 * * *', 'provided bad location utc: unknown time zone utc'],
    ['TZ=../x 0 3 * * *', 'provided bad location ../x: time: invalid location name'],
    ['TZ=UTC @Daily', 'unrecognized descriptor: @Daily'],
  ];
  for (const [spec, message] of cases) {
    it(`${JSON.stringify(spec)} → ${message}`, () => {
      assert.equal(error(spec), message);
    });
  }

  it("reports a TZ= prefix without a following space as an error instead of robfig's panic, with the panic's text", () => {
    assert.match(error('TZ=UTC'), /must be followed by a space/);
    const result = parseStandard('CRON_TZ=Europe/Berlin');
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.panic, 'runtime error: slice bounds out of range [:-1]');
    const fine = parseStandard('CRON_TZ=Europe/Berlin 0 3 * * *');
    assert.equal(fine.ok, true);
  });
});

describe('parseStandard: accepted syntax', () => {
  it('reads names case-insensitively, in ranges too', () => {
    const s = parse('0 0 * JAN-mar Mon-FRI');
    assert.deepEqual(s.fields?.month.values, [1, 2, 3]);
    assert.deepEqual(s.fields?.dayOfWeek.values, [1, 2, 3, 4, 5]);
  });

  it('accepts Go Atoi numbers: leading zeros and a plus sign', () => {
    const s = parse('+5 05 * * *');
    assert.deepEqual(s.fields?.minute.values, [5]);
    assert.deepEqual(s.fields?.hour.values, [5]);
  });

  it('treats ? as * in every field and sets the star bit', () => {
    const s = parse('? ? ? * ?');
    assert.equal(s.fields?.minute.values.length, 60);
    assert.ok(s.fields?.dayOfMonth.star && s.fields.dayOfWeek.star);
  });

  it('reads N/step as N-max/step', () => {
    assert.deepEqual(parse('50/3 * * * *').fields?.minute.values, [50, 53, 56, 59]);
    assert.deepEqual(parse('0 0 */10 * *').fields?.dayOfMonth.values, [1, 11, 21, 31]);
  });

  it('ignores whatever follows *- (robfig quirk: *-5 means *)', () => {
    const s = parse('*-5 * * * *');
    assert.equal(s.fields?.minute.values.length, 60);
    assert.equal(s.fields?.minute.star, true);
  });

  it('skips empty list items; a lone comma selects nothing but is valid', () => {
    assert.deepEqual(parse('1,,2 * * * *').fields?.minute.values, [1, 2]);
    assert.deepEqual(parse(', * * * *').fields?.minute.values, []);
  });

  it('keeps the star bit for */1 and drops it for */2 or 1-31', () => {
    assert.equal(parse('0 0 */1 * *').fields?.dayOfMonth.star, true);
    assert.equal(parse('0 0 */2 * *').fields?.dayOfMonth.star, false);
    assert.equal(parse('0 0 1-31 * *').fields?.dayOfMonth.star, false);
  });

  it('splits on any white space, tabs and no-break spaces included', () => {
    assert.ok(parseStandard('\t0\t3 * *\u00a0* ').ok);
  });

  it("expands descriptors to robfig's fields", () => {
    const yearly = parse('@yearly');
    assert.deepEqual(
      [yearly.fields?.minute.values, yearly.fields?.hour.values, yearly.fields?.dayOfMonth.values, yearly.fields?.month.values],
      [[0], [0], [1], [1]],
    );
    assert.equal(yearly.fields?.dayOfWeek.star, true);
    assert.deepEqual(parse('@weekly').fields?.dayOfWeek.values, [0]);
    assert.equal(parse('@hourly').fields?.hour.values.length, 24);
    for (const d of ['@annually', '@monthly', '@daily', '@midnight']) assert.equal(parse(d).descriptor, d);
  });

  it('reads @every with Go durations: fractions, all units, below 1 s raised to 1 s, sub-seconds dropped', () => {
    const table: [string, number][] = [
      ['@every 90m', 5_400_000],
      ['@every 1.5h', 5_400_000],
      ['@every 1h30m', 5_400_000],
      ['@every 2h45m30.9s', 9_930_000],
      ['@every 0', 1000],
      ['@every 0s', 1000],
      ['@every -5m', 1000],
      ['@every 500ms', 1000],
      ['@every 1500ms', 1000],
      ['@every 2500000us', 2000],
      ['@every 3000000000ns', 3000],
      ['@every 1µs', 1000],
      ['@every +10s', 10_000],
      ['@every .5m', 30_000],
      ['@every 1.m', 60_000],
    ];
    for (const [spec, ms] of table) {
      const s = parse(spec);
      assert.equal(s.kind, 'every', spec);
      assert.equal(s.everyMs, ms, spec);
    }
  });

  it('returns the zone of a TZ= or CRON_TZ= prefix, with extra spaces after it trimmed', () => {
    assert.equal(parse('TZ=Europe/Rome 0 3 * * *').location, 'Europe/Rome');
    assert.equal(parse('CRON_TZ=US/Eastern   @daily').location, 'US/Eastern');
    assert.equal(parse('TZ=UTC 0 3 * * *').location, 'UTC');
  });

  it('never throws on odd input', () => {
    for (const spec of [
      '\u0000',
      '@',
      '@every \u0000',
      '/',
      '-',
      ',',
      '*/',
      '/5 * * * *',
      '1- * * * *',
      'TZ= 0 0 * * *',
      '\ud800 * * * *',
    ]) {
      assert.doesNotThrow(() => parseStandard(spec), spec);
    }
  });
});
