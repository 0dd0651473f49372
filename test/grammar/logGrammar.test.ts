import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { scopesAt, tokenize } from './tokenize';

const has = (scopes: readonly string[], scope: string): boolean => scopes.includes(scope);

describe('Job log grammar', () => {
  it('scopes the pod/container prefix, timestamps, levels, reasons and exit codes', async () => {
    const [line = [], prev = []] = await tokenize(
      'text.log.kube-jobs',
      [
        '[report-1-abcde/main] 2026-11-30T12:00:00.123456789Z ERROR container exited with code 137: OOMKilled',
        '[report-1-abcde/main] (previous) WARN retrying "s3://bucket" in 5s',
      ].join('\n'),
    );
    assert.ok(has(scopesAt(line, 'report-1-abcde'), 'entity.name.tag.pod.kube-jobs-log'));
    assert.ok(has(scopesAt(line, 'main'), 'entity.name.type.container.kube-jobs-log'));
    assert.ok(has(scopesAt(line, '2026-11-30T12'), 'constant.numeric.timestamp.kube-jobs-log'));
    assert.ok(has(scopesAt(line, 'ERROR'), 'markup.deleted.level.error.kube-jobs-log'));
    assert.ok(has(scopesAt(line, '137'), 'constant.numeric.exit-code.kube-jobs-log'));
    assert.ok(has(scopesAt(line, 'OOMKilled'), 'markup.deleted.reason.kube-jobs-log'));
    assert.ok(has(scopesAt(prev, '(previous)'), 'comment.previous.kube-jobs-log'));
    assert.ok(has(scopesAt(prev, 'WARN'), 'markup.changed.level.warning.kube-jobs-log'));
    assert.ok(has(scopesAt(prev, '"s3'), 'string.quoted.double.kube-jobs-log'));
  });
});
