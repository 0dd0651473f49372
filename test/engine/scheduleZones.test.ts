import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  formatUtcOffset,
  ianaZoneNames,
  isIanaZoneName,
  nextZoneTransition,
  validateCronJobSchedule,
  validateTimeZone,
  zoneOffsetAt,
} from '../../src-engine';

describe('validateTimeZone: spec.timeZone as the API server checks it', () => {
  const valid = [
    'UTC',
    'Europe/Rome',
    'America/New_York',
    'US/Eastern',
    'Asia/Calcutta',
    'Asia/Kolkata',
    'EST',
    'Etc/GMT+5',
    'Etc/GMT-14',
    'GMT',
    'Factory',
    'America/Argentina/Buenos_Aires',
    'Antarctica/Troll',
  ];
  for (const tz of valid) {
    it(`accepts ${tz}`, () => assert.deepEqual(validateTimeZone(tz), { ok: true }));
  }

  const invalid: [string, string[]][] = [
    ['', ['timeZone must be nil or non-empty string']],
    ['utc', ['unknown time zone utc']],
    ['europe/rome', ['unknown time zone europe/rome']],
    ['Z', ['unknown time zone Z']],
    ['UTC+2', ['unknown time zone UTC+2']],
    [' Europe/Rome', ['unknown time zone  Europe/Rome']],
    ['Europe/Rome ', ['unknown time zone Europe/Rome ']],
    [' ', ['unknown time zone  ']],
    ['Europe/Berlin\n', ['unknown time zone Europe/Berlin\n']],
    ['../etc/passwd', ['unknown time zone ../etc/passwd']],
    ['Europe/./Rome', ['unknown time zone Europe/./Rome']],
    ['-Europe', ['unknown time zone -Europe']],
    ['America/Argentina_Buenos_Aires', ['unknown time zone America/Argentina_Buenos_Aires']],
    ['Europe//Rome', ['unknown time zone Europe//Rome']],
    ['Local', ['timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']],
    [
      'LOCAL',
      ['timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones', 'unknown time zone LOCAL'],
    ],
    ['Mars/Olympus_Mons', ['unknown time zone Mars/Olympus_Mons']],
  ];
  for (const [tz, errors] of invalid) {
    it(`rejects ${JSON.stringify(tz)}`, () => {
      const r = validateTimeZone(tz);
      assert.equal(r.ok, false);
      assert.deepEqual(r.errors, errors);
      assert.equal(r.error, errors[0]);
    });
  }

  it('knows every zone Intl lists, and the backward links Intl does not list', () => {
    const names = new Set(ianaZoneNames());
    for (const tz of Intl.supportedValuesOf('timeZone')) assert.ok(names.has(tz) || tz === 'UTC', tz);
    for (const link of ['US/Pacific', 'Europe/Kiev', 'Asia/Saigon', 'GB', 'NZ', 'Etc/UCT', 'Universal']) {
      assert.ok(isIanaZoneName(link), link);
    }
  });
});

describe('validateCronJobSchedule: create rules', () => {
  it('accepts a valid schedule with and without timeZone', () => {
    assert.deepEqual(validateCronJobSchedule('0 3 * * *', undefined), []);
    assert.deepEqual(validateCronJobSchedule('0 3 * * *', 'Europe/Berlin'), []);
  });
  it('requires a schedule', () => {
    assert.deepEqual(validateCronJobSchedule('', undefined), [{ field: 'spec.schedule', type: 'Required value', message: '' }]);
  });
  it('reports parser errors verbatim', () => {
    assert.deepEqual(validateCronJobSchedule('0 0 * * 7', undefined), [
      { field: 'spec.schedule', type: 'Invalid value', message: 'end of range (7) above maximum (6): 7' },
    ]);
  });
  it('rejects TZ= and CRON_TZ= in the schedule on create, even when they parse', () => {
    const tzRule = {
      field: 'spec.schedule',
      type: 'Invalid value',
      message: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    };
    assert.deepEqual(validateCronJobSchedule('TZ=UTC 0 3 * * *', undefined), [tzRule]);
    assert.deepEqual(validateCronJobSchedule('CRON_TZ=Europe/Berlin 0 3 * * *', 'Europe/Dublin'), [tzRule]);
    assert.equal(validateCronJobSchedule('TZ=UTC', undefined).length, 2);
  });
  it('on update with TZ already in the old schedule, forbids adding timeZone', () => {
    assert.deepEqual(validateCronJobSchedule('TZ=UTC 0 3 * * *', undefined, { allowTzInSchedule: true }), []);
    assert.deepEqual(
      validateCronJobSchedule('TZ=UTC 0 3 * * *', 'UTC', { allowTzInSchedule: true }).map((p) => p.message),
      ['cannot use both timeZone field and TZ or CRON_TZ in schedule'],
    );
  });
  it('reports schedule and timeZone problems together', () => {
    assert.deepEqual(
      validateCronJobSchedule('*', 'utc').map((p) => p.field),
      ['spec.schedule', 'spec.timeZone'],
    );
  });
});

describe('zone helpers for hovers', () => {
  it('zoneOffsetAt gives seconds east of UTC', () => {
    assert.equal(zoneOffsetAt('America/New_York', Date.parse('2026-01-15T12:00:00Z')), -5 * 3600);
    assert.equal(zoneOffsetAt('America/New_York', Date.parse('2026-07-15T12:00:00Z')), -4 * 3600);
    assert.equal(zoneOffsetAt('Asia/Kathmandu', Date.parse('2026-07-15T12:00:00Z')), 5 * 3600 + 45 * 60);
    assert.equal(zoneOffsetAt('Australia/Lord_Howe', Date.parse('2026-01-15T12:00:00Z')), 11 * 3600);
    assert.equal(zoneOffsetAt(undefined, 0), 0);
  });
  it('nextZoneTransition finds the next DST change', () => {
    assert.deepEqual(nextZoneTransition('Europe/Berlin', Date.parse('2026-01-01T00:00:00Z')), {
      atMs: Date.parse('2026-03-29T01:00:00Z'),
      offsetBeforeSeconds: 3600,
      offsetAfterSeconds: 7200,
    });
    assert.deepEqual(nextZoneTransition('Australia/Lord_Howe', Date.parse('2026-05-01T00:00:00Z')), {
      atMs: Date.parse('2026-10-03T15:30:00Z'),
      offsetBeforeSeconds: 37800,
      offsetAfterSeconds: 39600,
    });
    assert.equal(nextZoneTransition('Asia/Tokyo', Date.parse('2026-01-01T00:00:00Z')), null);
    assert.equal(nextZoneTransition('UTC', 0), null);
  });
  it('formatUtcOffset', () => {
    assert.equal(formatUtcOffset(-18000), '-05:00');
    assert.equal(formatUtcOffset(20700), '+05:45');
    assert.equal(formatUtcOffset(0), '+00:00');
    assert.equal(formatUtcOffset(3208), '+00:53:28');
  });
});
