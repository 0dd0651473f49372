import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nextRuns, parseStandard, validateCronJobSchedule } from '../../src-engine';

interface Vector {
  schedule: string;
  timeZone: string | null;
  from: string;
  count: number;
  expect: { valid: boolean; next?: string[]; error?: string };
}

const fixture = path.resolve(__dirname, '../../..', 'test/fixtures/conformance/schedules.jsonl');
const vectors: Vector[] = fs
  .readFileSync(fixture, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Vector);

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('conformance: schedules.jsonl', () => {
  it('has all 462 vectors', () => {
    assert.equal(vectors.length, 462);
  });

  it('agrees with Kubernetes on validity and next runs for every vector', () => {
    const failures: string[] = [];
    for (const v of vectors) {
      const tz = v.timeZone ?? undefined;
      const valid = validateCronJobSchedule(v.schedule, tz).length === 0;
      let next: string[] = [];
      if (valid) {
        const parsed = parseStandard(v.schedule);
        assert.ok(parsed.ok, v.schedule);
        next = nextRuns(parsed.schedule, Date.parse(v.from), v.count, tz).map(iso);
      }
      const expectedNext = v.expect.valid ? (v.expect.next ?? []) : [];
      if (valid !== v.expect.valid || JSON.stringify(next) !== JSON.stringify(expectedNext)) {
        failures.push(`${JSON.stringify(v.schedule)} tz=${v.timeZone} from=${v.from}: valid ${valid} next ${next.join(',')}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('reports the parser error word for word where the vector gives one', () => {
    for (const v of vectors) {
      const error = v.expect.error;
      if (
        v.expect.valid ||
        error === undefined ||
        v.schedule.includes('TZ') ||
        v.timeZone === '' ||
        (v.timeZone !== null && v.timeZone !== 'UTC' && !/^[A-Z]/.test(v.timeZone))
      ) {
        continue;
      }
      const parsed = parseStandard(v.schedule);
      if (parsed.ok) continue; // invalid because of the time zone
      assert.equal(parsed.error, error, v.schedule);
    }
  });
});
