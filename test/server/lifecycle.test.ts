import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { provideCodeActions } from '../../server/src/features/codeActions';
import { provideDiagnostics } from '../../server/src/features/diagnostics';
import { provideCodeLenses } from '../../server/src/features/codeLens';
import { REPO_ROOT } from '../helpers/paths';
import { parse, settingsWith, TEST_URI } from './caret';

const MIGRATION = fs.readFileSync(`${REPO_ROOT}/examples/migration-deployment.yaml`, 'utf8');

describe('language server on a Deployment', () => {
  it('reports the one-off task and offers Convert to Job, which leaves a Job with no warning', () => {
    const doc = parse(MIGRATION);
    const diagnostics = provideDiagnostics(doc, settingsWith());
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['lifecycle-one-off-task', DiagnosticSeverity.Warning]],
    );
    const at = diagnostics[0]!.range;
    const actions = provideCodeActions(doc, at, settingsWith());
    const convert = actions.find((a) => a.title.startsWith('Convert to Job'));
    assert.ok(convert, actions.map((a) => a.title).join(' | '));
    const fixed = TextDocument.applyEdits(
      TextDocument.create(TEST_URI, 'yaml', 1, MIGRATION),
      convert.edit?.changes?.[TEST_URI] ?? [],
    );
    assert.match(fixed, /\nkind: Job\n/);
    const after = provideDiagnostics(parse(fixed), settingsWith());
    assert.deepEqual(
      after.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning),
      [],
    );
  });

  it('gives a Deployment no code lens (Simulate and Run are for Jobs and CronJobs)', () => {
    assert.deepEqual(provideCodeLenses(parse(MIGRATION), settingsWith(), Date.UTC(2026, 0, 1)), []);
  });

  it('leaves a Deployment alone when the lifecycle rule is off', () => {
    assert.deepEqual(provideDiagnostics(parse(MIGRATION), settingsWith({ rules: { 'lifecycle-one-off-task': 'off' } })), []);
  });
});
