import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CRONJOB, JOB, parse } from './caret';

describe('documents: parse once, re-parse only what changed', () => {
  it('finds Job and CronJob documents and leaves other files alone', () => {
    assert.equal(parse(`${CRONJOB}---\n${JOB}`).hasWorkload, true);
    assert.equal(parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n').hasWorkload, false);
  });

  it('reuses unchanged documents (even when they move) and re-parses the edited one', () => {
    const first = parse(`${JOB}---\n${CRONJOB}`);
    const edited = `${JOB.replace('backoffLimit: 2', 'backoffLimit: 3\n  parallelism: 1')}---\n${CRONJOB}`;
    const second = parse(edited, 2, first);
    assert.notEqual(second.entries[0]?.cache, first.entries[0]?.cache, 'the edited Job is parsed again');
    assert.equal(second.entries[1]?.cache, first.entries[1]?.cache, 'the CronJob below is reused');
    assert.equal(second.entries[1]?.manifest.chunk.startLine, first.entries[1]!.manifest.chunk.startLine + 1);
    assert.equal(second.entries[1]?.manifest.chunk.startOffset, edited.indexOf('---'));
  });

  it('finds the document holding a line', () => {
    const doc = parse(`${JOB}---\n${CRONJOB}`);
    const jobLines = JOB.split('\n').length - 1;
    assert.equal(doc.entryAtLine(0)?.workload, 'Job');
    assert.equal(doc.entryAtLine(jobLines)?.workload, 'CronJob');
    assert.equal(doc.entryAtLine(jobLines + 5)?.workload, 'CronJob');
  });

  it('still recognises a CronJob whose schedule YAML cannot read (unquoted *)', () => {
    const doc = parse(CRONJOB.replace('"0 3 * * *"', '*/5 * * * *'));
    assert.equal(doc.entries[0]?.manifest.value, undefined);
    assert.equal(doc.entries[0]?.workload, 'CronJob');
  });

  it('does not parse binary or huge files', () => {
    assert.equal(parse('\u0000\u0001binary').skipped?.reason, 'binary');
    assert.equal(parse('a: 1\n'.repeat(2_000_000)).skipped?.reason, 'tooLarge');
  });
});
