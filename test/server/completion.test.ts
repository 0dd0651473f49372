import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { containerPath, provideCompletion } from '../../server/src/features/completion';
import { CRONJOB, JOB, parse, settingsWith, withCaret } from './caret';

function labels(marked: string): string[] {
  const { text, position } = withCaret(marked);
  return provideCompletion(parse(text), position, settingsWith()).items.map((item) => item.label);
}

describe('completion of values', () => {
  it("offers only Never and OnFailure for a Job's restartPolicy", () => {
    assert.deepEqual(labels(JOB.replace('restartPolicy: Never', 'restartPolicy: |')).sort(), ['Never', 'OnFailure']);
  });

  it('offers concurrencyPolicy and completionMode values', () => {
    assert.deepEqual(labels(CRONJOB.replace('concurrencyPolicy: Forbid', 'concurrencyPolicy: F|')).sort(), [
      'Allow',
      'Forbid',
      'Replace',
    ]);
    assert.deepEqual(labels(JOB.replace('backoffLimit: 2', 'completionMode: |')).sort(), ['Indexed', 'NonIndexed']);
  });

  it('offers IANA zones for timeZone', () => {
    const zones = labels(CRONJOB.replace('timeZone: "Europe/Berlin"', 'timeZone: |'));
    assert.ok(zones.includes('Europe/Berlin'));
    assert.ok(zones.includes('America/New_York'));
    assert.ok(!zones.includes('Local'));
  });

  it('offers schedule presets with their words, quoted', () => {
    const { text, position } = withCaret(CRONJOB.replace('schedule: "0 3 * * *"', 'schedule: |'));
    const items = provideCompletion(parse(text), position, settingsWith()).items;
    const fiveMinutes = items.find((item) => item.label === '*/5 * * * *');
    assert.ok(fiveMinutes);
    assert.match(String(fiveMinutes.detail), /5 minutes/i);
    assert.equal((fiveMinutes.textEdit as { newText: string }).newText, '"*/5 * * * *"');
  });
});

describe('completion of keys', () => {
  it('offers the keys that fit the position, without those already there', () => {
    const keys = labels(JOB.replace('  backoffLimit: 2\n', '  backoffLimit: 2\n  |\n'));
    assert.ok(keys.includes('ttlSecondsAfterFinished'));
    assert.ok(keys.includes('completionMode'));
    assert.ok(!keys.includes('backoffLimit'));
    assert.ok(!keys.includes('schedule'));
  });

  it('offers container keys inside a list item', () => {
    const keys = labels(JOB.replace('          image: busybox:1.36\n', '          image: busybox:1.36\n          |\n'));
    assert.ok(keys.includes('command'));
    assert.ok(!keys.includes('image'));
  });

  it('offers CronJob spec keys', () => {
    const keys = labels(CRONJOB.replace('  concurrencyPolicy: Forbid\n', '  concurrencyPolicy: Forbid\n  st|\n'));
    assert.ok(keys.includes('startingDeadlineSeconds'));
    assert.ok(keys.includes('successfulJobsHistoryLimit'));
  });
});

describe('snippets', () => {
  it('offers Job, CronJob and Indexed Job in an empty document', () => {
    const { text, position } = withCaret('|');
    const items = provideCompletion(parse(text), position, settingsWith()).items;
    assert.deepEqual(
      items.map((item) => item.filterText),
      ['Job', 'CronJob', 'Indexed Job'],
    );
    const cron = String(items[1]?.insertText);
    assert.match(cron, /schedule: "\$\{2:0 3 \* \* \*\}"/);
    assert.match(cron, /timeZone:/);
    assert.match(cron, /concurrencyPolicy: Forbid/);
    assert.match(cron, /restartPolicy: Never/);
    assert.match(cron, /successfulJobsHistoryLimit/);
    assert.match(String(items[0]?.insertText), /ttlSecondsAfterFinished/);
    assert.match(String(items[2]?.insertText), /completionMode: Indexed/);
  });

  it('does not offer them inside another kind of document', () => {
    assert.deepEqual(labels('apiVersion: v1\nkind: ConfigMap\n|'), []);
  });
});

describe('containerPath', () => {
  it('follows indentation and list items up to the root', () => {
    const doc = parse(JOB);
    const manifest = doc.entries[0]!.manifest;
    assert.deepEqual(containerPath(manifest, 11, 10, false), ['spec', 'template', 'spec', 'containers', 0]);
    assert.deepEqual(containerPath(manifest, 5, 2, false), ['spec']);
    assert.deepEqual(containerPath(manifest, 10, 8, true), ['spec', 'template', 'spec', 'containers']);
  });
});
