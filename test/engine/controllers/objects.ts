/** Jobs and pods for the controller tests, at named anchor times on one fixed day. */
import * as assert from 'node:assert/strict';
import { jobFromManifest } from '../../../src-engine';
import type { JobObject, PodObject } from '../../../src-engine';

export const T0 = Date.parse('2026-01-05T00:00:00Z');
export const sec = (n: number): number => T0 + n * 1000;
export const minute = (n: number): number => T0 + n * 60_000;

/** job: Job `ns/j` created at T0 with `spec` and a one-container restartPolicy Never template. */
export function job(spec: Record<string, unknown>): JobObject {
  const r = jobFromManifest(
    {
      metadata: { name: 'j', namespace: 'ns' },
      spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main' }] } } },
    },
    T0,
  );
  assert.ok(r.ok, r.ok ? '' : r.errors.join());
  return r.value;
}

/** pod: a running pod created at T0, still carrying the tracking finalizer, changed by `over`. */
export const pod = (name: string, over: Partial<PodObject> = {}): PodObject => ({
  name,
  creationTimestamp: T0,
  index: null,
  phase: 'Running',
  deletionTimestamp: null,
  hasTrackingFinalizer: true,
  finishedAt: null,
  exitCode: null,
  restartCount: 0,
  conditions: [],
  indexFailureCount: 0,
  indexIgnoredFailureCount: 0,
  ...over,
});
