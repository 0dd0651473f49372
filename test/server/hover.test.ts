import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver';
import { provideHover } from '../../server/src/features/hover';
import { CRONJOB, JOB, NOW_MS, parse, settingsWith, withCaret } from './caret';

function hoverText(marked: string, local = 'Europe/Berlin'): string {
  const { text, position } = withCaret(marked);
  const hover = provideHover(parse(text), position, settingsWith({ localTimeZone: local }), NOW_MS);
  return hover ? (hover.contents as MarkupContent).value : '';
}

describe('hover on a schedule', () => {
  it("gives the words and the next five runs in the zone, UTC and the user's zone", () => {
    const text = hoverText(CRONJOB.replace('"0 3 * * *"', '"0 3 |* * *"'), 'America/New_York');
    assert.match(text, /At 03:00/i);
    assert.match(text, /Europe\/Berlin \| UTC \| America\/New_York \(you\)/);
    assert.match(text, /Tue 2026-03-03 03:00 GMT\+1 \| Tue 2026-03-03 02:00 UTC \| Mon 2026-03-02 21:00 EST/);
    assert.equal(text.split('\n').filter((line) => line.startsWith('| ') && /\d{2}:\d{2}/.test(line)).length, 5);
  });

  it('notes a DST change among the next runs', () => {
    const text = hoverText(CRONJOB.replace('"0 3 * * *"', '"0 3 * * |0"'));
    assert.match(text, /DST: clocks go forward on Sun 2026-03-29/);
  });

  it('warns when a schedule never fires and when day-of-month and day-of-week are ORed', () => {
    assert.match(hoverText(CRONJOB.replace('"0 3 * * *"', '"0 0 30 |2 *"')), /Never/);
    assert.match(hoverText(CRONJOB.replace('"0 3 * * *"', '"0 0 13 * |5"')), /day-of-month OR day-of-week/);
  });

  it('a CRON_TZ prefix: the header, the table and the notes name the same zone', () => {
    const manifest = CRONJOB.replace('"0 3 * * *"', '"CRON_TZ=Europe/London 0 9 13 |* 5"');
    const text = hoverText(manifest.replace('timeZone: "Europe/Berlin"', 'timeZone: "America/New_York"'));
    assert.match(text, /\(Europe\/London time\)/);
    assert.match(text, /^\| Europe\/London \| UTC \|/m);
    assert.match(text, /Fri 2026-03-06 09:00 GMT \| Fri 2026-03-06 09:00 UTC/);
    assert.match(text, /ignores spec\.timeZone \(America\/New_York\)/);
    assert.doesNotMatch(text, /times below assume UTC/);
  });

  it("explains an invalid schedule with the parser's words", () => {
    assert.match(
      hoverText(CRONJOB.replace('"0 3 * * *"', '"0 0 * * |7"')),
      /Invalid schedule[\s\S]*end of range \(7\) above maximum \(6\)/,
    );
  });

  it('works on an unquoted * schedule too', () => {
    assert.match(hoverText(CRONJOB.replace('"0 3 * * *"', '*/|5 * * * *')), /Every 5 minutes/i);
  });
});

describe('hover on timeZone', () => {
  it('gives the offset now and the next DST change', () => {
    const text = hoverText(CRONJOB.replace('"Europe/Berlin"', '"Europe/Ber|lin"'));
    assert.match(text, /now UTC\+01:00/);
    assert.match(text, /Next change: Sun 2026-03-29 03:00 GMT\+2 — clocks go forward/);
  });

  it('reports a zone Kubernetes will not load', () => {
    assert.match(
      hoverText(CRONJOB.replace('"Europe/Berlin"', '"europe/ber|lin"')),
      /Invalid timeZone[\s\S]*unknown time zone europe\/berlin/,
    );
  });
});

describe('hover on any field', () => {
  it('says what the field does, its type, default, limits', () => {
    const text = hoverText(JOB.replace('backoffLimit: 2', 'backoff|Limit: 2'));
    assert.match(text, /\*\*backoffLimit\*\*: `integer`/);
    assert.match(text, /Default: `6`/);
    assert.match(text, /Minimum: 0/);
  });

  it('gives the Kubernetes version that added a field', () => {
    const text = hoverText(CRONJOB.replace('  timeZone:', '  time|Zone:'));
    assert.match(text, /Added in Kubernetes 1\.27/);
  });

  it('answers nothing outside Jobs and CronJobs', () => {
    assert.equal(hoverText('apiVersion: v1\nkind: Config|Map\n'), '');
  });
});
