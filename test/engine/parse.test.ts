import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  findNode,
  parseFieldPath,
  formatFieldPath,
  parseManifestFile,
  pathAtOffset,
  rangeOfField,
  splitDocuments,
} from '../../src-engine';

const twoDocs = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: batch/v1
kind: Job
metadata:
  name: hello-job
spec:
  template:
    spec:
      containers:
        - name: worker
          image: busybox:1.36
`;

describe('splitDocuments', () => {
  it("cuts a stream at --- lines and keeps each document's line offset", () => {
    const chunks = splitDocuments(twoDocs);
    assert.equal(chunks.length, 2);
    assert.equal(chunks[1]?.startLine, 4);
    assert.ok(chunks[1]?.text.startsWith('---\napiVersion: batch/v1'));
  });

  it('does not cut at --- that is not at column 0 or is part of a longer token', () => {
    const chunks = splitDocuments('a: |\n  ---\n  x\nb: ----\n');
    assert.equal(chunks.length, 1);
  });

  it('ends a document at ... and drops empty documents', () => {
    const chunks = splitDocuments('---\n---\na: 1\n...\n# only a comment\n');
    assert.equal(chunks.length, 1);
    assert.equal(chunks[0]?.text, '---\na: 1\n...\n');
    assert.equal(chunks[0]?.startLine, 1);
  });
});

describe('parseManifestFile', () => {
  it('finds batch/v1 Jobs and ignores other kinds', () => {
    const file = parseManifestFile(twoDocs);
    assert.deepEqual(
      file.documents.map((d) => d.workload ?? null),
      [null, 'Job'],
    );
    assert.equal(file.documents[1]?.name, 'hello-job');
  });

  it('recognises the removed batch/v1beta1 CronJob so it can be reported', () => {
    const file = parseManifestFile('apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: x}\n');
    assert.equal(file.documents[0]?.workload, 'CronJob');
    assert.equal(file.documents[0]?.apiVersion, 'batch/v1beta1');
  });

  it('reports ranges in whole-file coordinates', () => {
    const file = parseManifestFile(twoDocs);
    const job = file.documents[1]!;
    const range = rangeOfField(job, 'spec.template.spec.containers[0].image');
    assert.deepEqual(range, { start: { line: 14, character: 17 }, end: { line: 14, character: 29 } });
  });

  it('points a missing field at its deepest existing parent key', () => {
    const job = parseManifestFile(twoDocs).documents[1]!;
    const range = rangeOfField(job, 'spec.template.spec.restartPolicy');
    assert.equal(range.start.line, 11);
    assert.equal(findNode(job, 'spec.template.spec.restartPolicy').depth, 3);
  });

  it('reports YAML errors for an unquoted * schedule instead of throwing', () => {
    const file = parseManifestFile('apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: */5 * * * *\n');
    const errors = file.documents[0]!.syntaxErrors;
    assert.ok(errors.length > 0);
    assert.equal(errors[0]!.range.start.line, 3);
  });

  it('survives an alias bomb without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) {
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      );
    }
    const document = parseManifestFile(bomb.join('\n')).documents[0]!;
    assert.equal(document.value, undefined);
    assert.match(document.valueError ?? '', /alias/i);
  });

  it('skips binary and oversized files with a reason', () => {
    assert.equal(parseManifestFile('\u0000\u0001PNG').skipped?.reason, 'binary');
    assert.equal(parseManifestFile('a: 1\n', { maxLength: 2 }).skipped?.reason, 'tooLarge');
  });

  it('marks Helm templates', () => {
    const document = parseManifestFile('apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}\n').documents[0]!;
    assert.equal(document.isTemplate, true);
  });
});

describe('field paths', () => {
  it('round-trips the API server notation', () => {
    const path = 'spec.template.metadata.labels[controller-uid]';
    assert.deepEqual(parseFieldPath(path), ['spec', 'template', 'metadata', 'labels', 'controller-uid']);
    assert.equal(formatFieldPath(parseFieldPath(path)), path);
    assert.equal(
      formatFieldPath(parseFieldPath('spec.podFailurePolicy.rules[0].action')),
      'spec.podFailurePolicy.rules[0].action',
    );
  });

  it('finds the path under the cursor', () => {
    const job = parseManifestFile(twoDocs).documents[1]!;
    const offset = job.chunk.text.indexOf('busybox');
    assert.deepEqual(pathAtOffset(job, offset).segments, ['spec', 'template', 'spec', 'containers', 0, 'image']);
    const keyOffset = job.chunk.text.indexOf('image');
    assert.equal(pathAtOffset(job, keyOffset).onKey, true);
  });
});
