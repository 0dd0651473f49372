import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIX_ALL_TITLE, fixAllEdits, provideCodeActions } from '../../server/src/features/codeActions';
import { entryFindings } from '../../server/src/features/diagnostics';
import { CRONJOB, parse, settingsWith, TEST_URI } from './caret';

const unquoted = CRONJOB.replace('"0 3 * * *"', '*/5 * * * *');

describe('code actions', () => {
  it('offers each fix as a quick fix and applies cleanly', () => {
    const doc = parse(unquoted);
    const actions = provideCodeActions(
      doc,
      { start: { line: 5, character: 14 }, end: { line: 5, character: 14 } },
      settingsWith(),
    );
    const quote = actions.find((a) => a.title.startsWith('Quote the schedule'));
    assert.ok(quote, 'quote fix offered');
    assert.equal(quote.kind, 'quickfix');
    assert.equal(quote.isPreferred, true);
    const edits = quote.edit?.changes?.[TEST_URI] ?? [];
    const fixed = TextDocument.applyEdits(TextDocument.create(TEST_URI, 'yaml', 1, unquoted), edits);
    assert.equal(fixed, CRONJOB.replace('"0 3 * * *"', '"*/5 * * * *"'));
  });

  it('offers fix all in file (quick fix and source.fixAll.kubeJobs)', () => {
    const twice = `${unquoted}---\n${unquoted}`;
    const doc = parse(twice);
    const actions = provideCodeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, settingsWith());
    const all = actions.find((a) => a.title === FIX_ALL_TITLE);
    assert.ok(all);
    const edits = all.edit?.changes?.[TEST_URI] ?? [];
    const fixed = TextDocument.applyEdits(TextDocument.create(TEST_URI, 'yaml', 1, twice), edits);
    assert.equal(fixed.split('schedule: "*/5 * * * *"').length - 1, 2, 'both schedules quoted');
    assert.ok(
      parse(fixed).entries.every((entry) => entry.manifest.syntaxErrors.length === 0),
      'the fixed file is valid YAML',
    );
    const source = provideCodeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, settingsWith(), [
      'source.fixAll',
    ]);
    assert.deepEqual(
      source.map((a) => a.kind),
      ['source.fixAll.kubeJobs'],
    );
  });

  it('fix all corrects every error of examples/common-mistakes.yaml and adds no advice unless asked', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../examples/common-mistakes.yaml'), 'utf8');
    const severities = (t: string): string[] => {
      const d = parse(t);
      return d.entries.flatMap((e) => entryFindings(d, e, settingsWith()).map((f) => `${f.severity} ${f.rule}`));
    };
    assert.deepEqual(
      severities(text)
        .filter((f) => f.startsWith('error'))
        .sort(),
      ['error restart-policy', 'error schedule-tz-prefix', 'error schedule-yaml', 'error time-zone'],
    );
    const fixed = TextDocument.applyEdits(
      TextDocument.create(TEST_URI, 'yaml', 1, text),
      fixAllEdits(parse(text), settingsWith()),
    );
    assert.deepEqual(
      severities(fixed).filter((f) => f.startsWith('error')),
      [],
      'no error left',
    );
    assert.doesNotMatch(fixed, /ttlSecondsAfterFinished|HistoryLimit|concurrencyPolicy/, 'no opinionated additions by default');
    const withAdvice = TextDocument.applyEdits(
      TextDocument.create(TEST_URI, 'yaml', 1, text),
      fixAllEdits(parse(text), settingsWith({ fixAll: { includeAdvice: true } })),
    );
    assert.match(withAdvice, /concurrencyPolicy: Forbid/, 'kubeJobs.fixAll.includeAdvice adds the advice fixes');
    assert.deepEqual(
      severities(withAdvice).filter((f) => f.startsWith('error')),
      [],
      'and still fixes every error',
    );
  });

  it('has nothing to offer on a clean document', () => {
    assert.deepEqual(
      provideCodeActions(
        parse('apiVersion: v1\nkind: ConfigMap\n'),
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        settingsWith(),
      ),
      [],
    );
  });
});
