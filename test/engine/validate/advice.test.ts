import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LIFECYCLE_RULES } from '../../../src-engine/lifecycle/lintLifecycle';
import { PRACTICE_RULES } from '../../../src-engine/validate/rules/practice';
import { findingKeys, readAdviceCorpus, summarize } from '../../helpers/adviceCorpus';

/**
 * Advice people trust: on the corpus of realistic manifests every file gets exactly the
 * findings its `# expect:` line states — no more (the false positives of issue #18: training
 * Jobs with a coordinator port, a liveness probe on a batch tool, Helm and Argo CD hooks,
 * limits without requests, daily CronJobs without a zone), no fewer.
 */
describe('advice on realistic manifests', () => {
  const corpus = readAdviceCorpus();

  it('has a corpus of at least 40 manifests, each with an expectation', () => {
    assert.ok(corpus.length >= 40, `${corpus.length} files`);
    for (const file of corpus) assert.match(file.text, /^# expect: /m, file.name);
  });

  for (const file of corpus) {
    it(`${file.name}: ${file.expected.length === 0 ? 'nothing' : file.expected.join(', ')}`, () => {
      const got = findingKeys(file.findings);
      assert.deepEqual(got, [...file.expected], file.findings.map((f) => `${f.rule}: ${f.message}`).join('\n'));
    });
  }

  it('every advice rule that can fire on a manifest is exercised by the corpus, and every finding names its evidence', () => {
    const summary = summarize(corpus);
    const exercised = new Set(summary.byRule.keys());
    // The API server's own warnings, and a deadline under 10 s: no realistic manifest has them.
    const notInCorpus = new Set(['name-not-dns-label', 'indexed-tracking', 'starting-deadline-short', 'schedule-unquoted']);
    const advice = [...PRACTICE_RULES.flatMap((d) => d.rules), ...LIFECYCLE_RULES];
    for (const rule of advice) {
      if (notInCorpus.has(rule.id)) continue;
      assert.ok(exercised.has(rule.id), `${rule.id} never fires on the corpus`);
    }
    for (const file of corpus) {
      for (const f of file.findings) {
        assert.ok(f.message.length > 40 && f.message.includes(':'), `${file.name} ${f.rule}: ` + `${f.message}`);
      }
    }
  });

  it('keeps the default output short: most files get no warning or info at all', () => {
    const summary = summarize(corpus);
    assert.equal(summary.bySeverity['error'], 0);
    assert.ok(summary.quietFiles * 2 > summary.files, `${summary.quietFiles} of ${summary.files} files are quiet`);
  });
});
