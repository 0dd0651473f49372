import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { VSCODE_YAML_DIR, scopesAt, tokenize } from './tokenize';

const has = (scopes: readonly string[], scope: string): boolean => scopes.some((s) => s.split(' ').includes(scope));

/** Checks that can run on our grammar alone, and, when VS Code's YAML grammar is installed, injected into it. */
function suite(base: 'cron-schedule.injection' | 'source.yaml'): void {
  it('scopes the five fields of a quoted schedule', async () => {
    const [, line = []] = await tokenize(base, 'spec:\n  schedule: "*/15 2-4 1,15 JAN-MAR mon"');
    assert.ok(has(scopesAt(line, 'schedule'), 'entity.name.tag.yaml'));
    assert.ok(has(scopesAt(line, '*/15'), 'meta.field.minute.cron'));
    assert.ok(has(scopesAt(line, '*/15'), 'keyword.operator.wildcard.cron'));
    assert.ok(has(scopesAt(line, '/15'), 'keyword.operator.step.cron'));
    assert.ok(has(scopesAt(line, '15'), 'constant.numeric.cron'));
    assert.ok(has(scopesAt(line, '2'), 'meta.field.hour.cron'));
    assert.ok(has(scopesAt(line, '-4'), 'keyword.operator.range.cron'));
    assert.ok(has(scopesAt(line, ','), 'punctuation.separator.list.cron'));
    assert.ok(has(scopesAt(line, '1,15'), 'meta.field.day-of-month.cron'));
    assert.ok(has(scopesAt(line, 'JAN'), 'meta.field.month.cron'));
    assert.ok(has(scopesAt(line, 'JAN'), 'constant.language.name.cron'));
    assert.ok(has(scopesAt(line, 'mon'), 'meta.field.day-of-week.cron'));
    assert.ok(has(scopesAt(line, '"'), 'string.quoted.double.yaml'));
  });

  it('handles plain and single-quoted values, list items and trailing comments', async () => {
    const lines = await tokenize(base, ['- schedule: 0 2 * * * # nightly', "  schedule: '30 1 * * 1-5'"].join('\n'));
    const [plain = [], single = []] = lines;
    assert.ok(has(scopesAt(plain, '0'), 'meta.field.minute.cron'));
    assert.ok(has(scopesAt(plain, '*', 1), 'meta.field.month.cron'));
    assert.ok(!has(scopesAt(plain, 'nightly'), 'meta.schedule.cron'), 'the comment is not part of the schedule');
    assert.ok(has(scopesAt(single, '1-5'), 'meta.field.day-of-week.cron'));
  });

  it('scopes descriptors, TZ prefixes, and marks extra fields and bad characters invalid', async () => {
    const [hourly = [], every = [], tz = [], extra = [], bad = []] = await tokenize(
      base,
      [
        'schedule: "@hourly"',
        'schedule: "@every 1h30m"',
        'schedule: "CRON_TZ=Europe/Berlin 0 9 * * *"',
        'schedule: "0 0 * * * *"',
        'schedule: "0 x * * *"',
      ].join('\n'),
    );
    assert.ok(has(scopesAt(hourly, '@hourly'), 'keyword.other.descriptor.cron'));
    assert.ok(has(scopesAt(every, '1h30m'), 'constant.numeric.duration.cron'));
    assert.ok(has(scopesAt(tz, 'CRON_TZ'), 'keyword.other.timezone.cron'));
    assert.ok(has(scopesAt(tz, 'Europe/Berlin'), 'entity.name.type.timezone.cron'));
    assert.ok(has(scopesAt(tz, '9'), 'meta.field.hour.cron'));
    assert.ok(has(scopesAt(extra, '*', 3), 'invalid.illegal.extra-fields.cron'));
    assert.ok(has(scopesAt(bad, 'x'), 'invalid.illegal.character.cron'));
  });

  it('leaves other keys alone', async () => {
    const [line = []] = await tokenize(base, 'command: "0 2 * * *"');
    assert.ok(!line.some((t) => t.scopes.some((s) => s.includes('.cron'))));
  });
}

describe('cron schedule grammar on its own', () => suite('cron-schedule.injection'));

/** Skip reason checked by scripts/testSkips.mjs: only a machine without code-server may skip this. */
const noVsCodeGrammar =
  !fs.existsSync(VSCODE_YAML_DIR) &&
  `VS Code's YAML grammar is not installed at ${VSCODE_YAML_DIR} (run node scripts/installCodeServer.mjs)`;

describe("cron schedule grammar injected into VS Code's YAML grammar", { skip: noVsCodeGrammar }, () => {
  suite('source.yaml');

  it('does not inject into comments', async () => {
    const [line = []] = await tokenize('source.yaml', '# schedule: "0 2 * * *"');
    assert.ok(!line.some((t) => t.scopes.some((s) => s.includes('.cron'))));
  });
});
