/**
 * The controller conformance vectors (test/fixtures/conformance/controller/cases.json, checked
 * against a real Job and CronJob controller v1.35), read once for the engine's and the CLI's tests.
 */
import * as fs from 'node:fs';
import { fixturePath } from './paths';

export interface ControllerCase {
  file: string;
  simulate: { start: string; until: string; pods: string };
  expect: {
    condition?: { type: string; reason: string } | null;
    podsCreated?: number;
    podCreateOffsetsSeconds?: number[];
    succeeded?: number;
    failed?: number;
    completedIndexes?: string;
    failedIndexes?: string;
    deletedAtOffsetSeconds?: number;
    jobNames?: string[];
    scheduledTimes?: string[];
    eventCounts?: Record<string, number>;
    remainingJobs?: string[];
  };
  note: string;
}

/** The folder of the vectors (their manifests are named by `file`). */
export const CONTROLLER_CASES_DIR = fixturePath('conformance', 'controller');

export const CONTROLLER_CASES = JSON.parse(
  fs.readFileSync(`${CONTROLLER_CASES_DIR}/cases.json`, 'utf8'),
) as readonly ControllerCase[];
