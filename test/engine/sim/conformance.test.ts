import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseManifestFile, simulate, specPodModel, formatRfc3339 } from '../../../src-engine';
import type { SimTiming, Simulation } from '../../../src-engine';
import { CONTROLLER_CASES, CONTROLLER_CASES_DIR } from '../../helpers/controllerCases';
import type { ControllerCase } from '../../helpers/controllerCases';

const dir = CONTROLLER_CASES_DIR;
const cases = CONTROLLER_CASES;

/** run simulates one vector with the given timing model. */
function run(c: ControllerCase, timing: SimTiming): Simulation {
  const file = parseManifestFile(fs.readFileSync(`${dir}/${c.file}`, 'utf8'));
  const doc = file.documents.find((d) => d.workload !== undefined);
  assert.ok(doc?.workload, 'fixture holds a Job or CronJob');
  const model = specPodModel(c.simulate.pods);
  assert.ok(model.ok);
  const r = simulate(doc.workload, doc.value, {
    start: Date.parse(c.simulate.start),
    until: Date.parse(c.simulate.until),
    podModel: model.model,
    timing,
  });
  assert.ok(r.ok, r.ok ? '' : r.errors.join('; '));
  return r.simulation;
}

type Expect = ControllerCase['expect'];

/**
 * checkExact compares every field a vector fixes exactly (all but creation and deletion
 * times): the final condition, counts, index sets; for a CronJob its Jobs' names and scheduled
 * times, event counts and the Jobs left.
 */
function checkExact(sim: Simulation, e: Expect): void {
  if (sim.kind === 'Job') {
    if (e.condition !== undefined) {
      const final = sim.status.conditions.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
      assert.deepEqual(final === undefined ? null : { type: final.type, reason: final.reason }, e.condition, 'condition');
    }
    if (e.podsCreated !== undefined) assert.equal(sim.podsCreated, e.podsCreated, 'podsCreated');
    if (e.succeeded !== undefined) assert.equal(sim.status.succeeded, e.succeeded, 'succeeded');
    if (e.failed !== undefined) assert.equal(sim.status.failed, e.failed, 'failed');
    if (e.completedIndexes !== undefined) assert.equal(sim.status.completedIndexes, e.completedIndexes, 'completedIndexes');
    if (e.failedIndexes !== undefined) assert.equal(sim.status.failedIndexes, e.failedIndexes, 'failedIndexes');
    return;
  }
  const names = sim.jobs.map((j) => j.name);
  if (e.jobNames !== undefined) assert.deepEqual(names, e.jobNames, 'jobNames');
  const scheduled = sim.jobs.map((j) => formatRfc3339(j.scheduledTime));
  if (e.scheduledTimes !== undefined) assert.deepEqual(scheduled, e.scheduledTimes, 'scheduledTimes');
  for (const [reason, n] of Object.entries(e.eventCounts ?? {})) {
    const got: number = sim.events.filter((x) => x.reason === reason && x.object.startsWith('CronJob/')).length;
    assert.equal(got, n, `events ${reason}`);
  }
  if (e.remainingJobs !== undefined) assert.deepEqual(sim.remainingJobs, e.remainingJobs, 'remainingJobs');
}

/**
 * checkTimes compares a Job's pod creation times and its TTL deletion time with the vector's,
 * in seconds after the start: each must lie in [expected + early, expected + late(i)], where i
 * is the pod's place in creation order.
 */
function checkTimes(sim: Simulation, e: Expect, start: number, early: number, late: (i: number) => number): void {
  if (sim.kind !== 'Job') return;
  const offsets = sim.pods.map((p) => (p.createdAt - start) / 1000);
  if (e.podCreateOffsetsSeconds !== undefined) {
    assert.equal(offsets.length, e.podCreateOffsetsSeconds.length, `offsets ${offsets.join(',')}`);
    e.podCreateOffsetsSeconds.forEach((want, i) => {
      const got = offsets[i] ?? NaN;
      assert.ok(got >= want + early && got <= want + late(i), `pod ${i}: ${got} vs ${want} (${offsets.join(',')})`);
    });
  }
  if (e.deletedAtOffsetSeconds !== undefined) {
    assert.ok(sim.deletedAt !== null, 'deleted');
    const got = (sim.deletedAt - start) / 1000;
    const want = e.deletedAtOffsetSeconds;
    assert.ok(got >= want + early && got <= want + late(offsets.length), `deletedAt ${got}`);
  }
}

// The vectors' own model: controllers react at the instant of an event (their README, 3.1);
// times within ±1 s, as the README allows.
describe("controller conformance vectors (simulator, the vectors' instant-reaction model)", () => {
  for (const c of cases) {
    it(`${c.file}: ${c.note.slice(0, 90)}`, () => {
      const sim = run(c, 'ideal');
      checkExact(sim, c.expect);
      checkTimes(sim, c.expect, Date.parse(c.simulate.start), -1, () => 1);
    });
  }
});

/**
 * With the real controller's timing (pod events batched for 1 s, whole-second times) every
 * field the vectors check exactly still agrees; creation and deletion times may only come
 * later, by at most the batch period per pod created before (each wave can wait one batch).
 */
describe("controller conformance vectors (simulator, a real cluster's 1 s batching)", () => {
  for (const c of cases) {
    it(c.file, () => {
      const sim = run(c, 'cluster');
      checkExact(sim, c.expect);
      checkTimes(sim, c.expect, Date.parse(c.simulate.start), -1, (i) => i);
    });
  }
});
