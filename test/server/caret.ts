/** Test helpers for server providers: a `|` marks the caret in a YAML text. */
import { parseText } from '../../server/src/documents';
import type { ParsedDocument } from '../../server/src/documents';
import { defaultSettings, mergeSettings } from '../../server/src/settings';
import type { Settings } from '../../server/src/settings';

export const TEST_URI = 'file:///work/test.yaml';

/** A fixed instant: Monday 2026-03-02 10:00:00 UTC (a DST change in Europe falls 27 days later). */
export const NOW_MS = Date.UTC(2026, 2, 2, 10, 0, 0);

/** withCaret removes the first `|` and returns the text and the caret's position. */
export function withCaret(marked: string): { text: string; position: { line: number; character: number } } {
  const index = marked.indexOf('|');
  if (index < 0) throw new Error('no | caret in the text');
  const text = marked.slice(0, index) + marked.slice(index + 1);
  const before = text.slice(0, index).split('\n');
  return { text, position: { line: before.length - 1, character: (before[before.length - 1] ?? '').length } };
}

export function parse(text: string, version = 1, previous?: ParsedDocument): ParsedDocument {
  return parseText(TEST_URI, version, text, previous);
}

export function settingsWith(raw: Record<string, unknown> = {}): Settings {
  return mergeSettings(defaultSettings('Europe/Berlin'), raw);
}

export const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  timeZone: "Europe/Berlin"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: main
              image: busybox:1.36
`;

export const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox:1.36
`;
