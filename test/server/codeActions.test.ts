import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_TITLE, provideCodeActions } from '../../server/src/features/codeActions';
import { CRONJOB, parse, settingsWith, TEST_URI } from './caret';

const unquoted = CRONJOB.replace('"0 3 * * *"', '*/5 * * * *');

describe('code actions', () => {
  it('offers each fix as a quick fix and applies cleanly', () => {
    const doc = parse(unquoted);
    const actions = provideCodeActions(doc, { start: { line: 5, character: 14 }, end: { line: 5, character: 14 } }, settingsWith());
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
    assert.ok(parse(fixed).entries.every((entry) => entry.manifest.syntaxErrors.length === 0), 'the fixed file is valid YAML');
    const source = provideCodeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, settingsWith(), ['source.fixAll']);
    assert.deepEqual(source.map((a) => a.kind), ['source.fixAll.kubeJobs']);
  });

  it('has nothing to offer on a clean document', () => {
    assert.deepEqual(provideCodeActions(parse('apiVersion: v1\nkind: ConfigMap\n'), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, settingsWith()), []);
  });
});
