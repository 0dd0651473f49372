// The controller conformance vectors through the command a script would run:
// `kube-jobs simulate FILE --start … --until … --pods … --format json`, read from its JSON only.
// With `--timing ideal` (the vectors' own no-latency model) every field must agree, times
// within ±1 s; with the default cluster timing (syncs batched by 1 s) every exact field must.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { runSimulateCommand } from '../../cli/simulate';
import { CONTROLLER_CASES, CONTROLLER_CASES_DIR } from '../helpers/controllerCases';
import type { ControllerCase } from '../helpers/controllerCases';

interface JobJson {
  kind: 'Job';
  status: {
    conditions: { type: string; status: string; reason: string }[];
    succeeded: number;
    failed: number;
    completedIndexes?: string;
    failedIndexes?: string;
  };
  deletedAt: string | null;
  pods: { createdAt: string }[];
  podsCreated: number;
}

interface CronJobJson {
  kind: 'CronJob';
  jobs: { name: string; scheduledTime: string }[];
  eventCounts: Record<string, number>;
  remainingJobs: string[];
}

const dir = CONTROLLER_CASES_DIR;
const cases = CONTROLLER_CASES;

async function simulateJson(c: ControllerCase, timing: 'ideal' | 'cluster'): Promise<JobJson | CronJobJson> {
  let out = '';
  let err = '';
  const args = [`${dir}/${c.file}`, '--start', c.simulate.start, '--until', c.simulate.until, '--pods', c.simulate.pods];
  const code = await runSimulateCommand([...args, '--timing', timing, '--format', 'json'], {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
  });
  assert.equal(code, 0, err);
  return JSON.parse(out) as JobJson | CronJobJson;
}

const secondsAfter = (start: string, time: string): number => (Date.parse(time) - Date.parse(start)) / 1000;

/** Every field the vector fixes exactly (all but creation and deletion times). */
function checkExact(json: JobJson | CronJobJson, e: ControllerCase['expect']): void {
  if (json.kind === 'Job') {
    if (e.condition !== undefined) {
      const final = json.status.conditions.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
      assert.deepEqual(final === undefined ? null : { type: final.type, reason: final.reason }, e.condition, 'condition');
    }
    if (e.podsCreated !== undefined) assert.equal(json.podsCreated, e.podsCreated, 'podsCreated');
    if (e.succeeded !== undefined) assert.equal(json.status.succeeded, e.succeeded, 'succeeded');
    if (e.failed !== undefined) assert.equal(json.status.failed, e.failed, 'failed');
    // The API omits an empty completedIndexes; the vectors write it as "".
    if (e.completedIndexes !== undefined) {
      assert.equal(json.status.completedIndexes ?? '', e.completedIndexes, 'completedIndexes');
    }
    if (e.failedIndexes !== undefined) assert.equal(json.status.failedIndexes ?? '', e.failedIndexes, 'failedIndexes');
    return;
  }
  if (e.jobNames !== undefined) {
    assert.deepEqual(
      json.jobs.map((j) => j.name),
      e.jobNames,
      'jobNames',
    );
  }
  if (e.scheduledTimes !== undefined) {
    assert.deepEqual(
      json.jobs.map((j) => j.scheduledTime),
      e.scheduledTimes,
      'scheduledTimes',
    );
  }
  for (const [reason, n] of Object.entries(e.eventCounts ?? {})) {
    assert.equal(json.eventCounts[reason] ?? 0, n, `events ${reason}`);
  }
  if (e.remainingJobs !== undefined) assert.deepEqual(json.remainingJobs, e.remainingJobs, 'remainingJobs');
}

/** Pod creation and TTL deletion times, in seconds after the start, within the vectors' ±1 s. */
function checkTimes(json: JobJson | CronJobJson, c: ControllerCase): void {
  if (json.kind !== 'Job') return;
  const offsets = c.expect.podCreateOffsetsSeconds;
  if (offsets !== undefined) {
    const got = json.pods.map((p) => secondsAfter(c.simulate.start, p.createdAt));
    assert.equal(got.length, offsets.length, `pods ${got.join(', ')}`);
    offsets.forEach((want, i) =>
      assert.ok(Math.abs((got[i] as number) - want) <= 1, `pod ${i} created at +${got[i]} s, want +${want} s`),
    );
  }
  const deleted = c.expect.deletedAtOffsetSeconds;
  if (deleted !== undefined) {
    assert.ok(json.deletedAt !== null, 'the Job is deleted');
    const got = secondsAfter(c.simulate.start, json.deletedAt);
    assert.ok(Math.abs(got - deleted) <= 1, `deleted at +${got} s, want +${deleted} s`);
  }
}

describe('controller conformance vectors through kube-jobs simulate --format json', () => {
  for (const c of cases) {
    it(`${c.file} (--timing ideal): every field, times within ±1 s`, async () => {
      const json = await simulateJson(c, 'ideal');
      checkExact(json, c.expect);
      checkTimes(json, c);
    });
    it(`${c.file} (default cluster timing): every exact field`, async () => {
      checkExact(await simulateJson(c, 'cluster'), c.expect);
    });
  }
});
