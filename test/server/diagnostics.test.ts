import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { provideDiagnostics, SCHEDULE_YAML_RULE } from '../../server/src/features/diagnostics';
import { CRONJOB, JOB, parse, settingsWith } from './caret';

const unquoted = CRONJOB.replace('"0 3 * * *"', '*/5 * * * *');

describe('diagnostics', () => {
  it('says in its own words that an unquoted * schedule is read as an alias, with a docs link', () => {
    const items = provideDiagnostics(parse(unquoted), settingsWith());
    const own = items.filter((d) => d.code === SCHEDULE_YAML_RULE);
    assert.equal(own.length, 1);
    assert.match(String(own[0]!.message), /alias/);
    assert.equal(own[0]!.severity, DiagnosticSeverity.Error);
    assert.deepEqual(own[0]!.range, { start: { line: 5, character: 12 }, end: { line: 5, character: 23 } });
    assert.match(own[0]!.codeDescription?.href ?? '', /^https:\/\/kubernetes\.io\/docs\//);
    assert.equal(
      items.filter((d) => d.range.start.line === 5 && d.code === 'yaml-syntax').length,
      0,
      'no generic alias errors on that line',
    );
  });

  it('reports generic YAML syntax errors unless Red Hat YAML is installed, but always the schedule one', () => {
    const broken = `${JOB}  bad: [1, 2\n---\n${unquoted}`;
    const alone = provideDiagnostics(parse(broken), settingsWith());
    assert.ok(alone.some((d) => d.code === 'yaml-syntax'));
    const withRedHat = provideDiagnostics(parse(broken), settingsWith({ redHatYamlInstalled: true }));
    assert.equal(withRedHat.filter((d) => d.code === 'yaml-syntax').length, 0);
    assert.equal(withRedHat.filter((d) => d.code === SCHEDULE_YAML_RULE).length, 1);
    assert.equal(withRedHat.find((d) => d.code === SCHEDULE_YAML_RULE)?.range.start.line, JOB.split('\n').length - 1 + 2 + 5);
  });

  it('honours kubeJobs.rules severities and off', () => {
    const off = provideDiagnostics(parse(unquoted), settingsWith({ rules: { [SCHEDULE_YAML_RULE]: 'off' } }));
    assert.equal(off.filter((d) => d.code === SCHEDULE_YAML_RULE).length, 0);
    const warn = provideDiagnostics(parse(unquoted), settingsWith({ rules: { [SCHEDULE_YAML_RULE]: 'warning' } }));
    assert.equal(warn.find((d) => d.code === SCHEDULE_YAML_RULE)?.severity, DiagnosticSeverity.Warning);
  });

  it('leaves files without Jobs or CronJobs alone', () => {
    assert.deepEqual(provideDiagnostics(parse('apiVersion: v1\nkind: ConfigMap\ndata: [1, 2\n'), settingsWith()), []);
  });

  it('shifts cached findings when a document moves', () => {
    const first = parse(unquoted);
    const moved = parse(`# a comment\n\n${unquoted}`, 2, first);
    const items = provideDiagnostics(moved, settingsWith()).filter((d) => d.code === SCHEDULE_YAML_RULE);
    assert.equal(items[0]?.range.start.line, 7);
  });

  it('does not parse a document nested too deeply to parse quickly, and says so', () => {
    const deep = `apiVersion: batch/v1\nkind: Job\nspec: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n${JOB}`;
    const items = provideDiagnostics(parse(deep), settingsWith());
    const skipped = items.find((d) => d.code === 'file-skipped');
    assert.match(String(skipped?.message), /brackets nested more than 200 deep/);
    assert.ok(
      items.some((d) => d.range.start.line > 3),
      'the next document is still checked',
    );
  });
});
