import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { RULES } from '../../../src-engine';
import type { Finding } from '../../../src-engine';
import { cronJobYaml, jobYaml, lint } from './helpers';
import { JOB_SPEC_CASES } from './ruleCases/jobSpecCases';
import { OBJECT_CASES } from './ruleCases/objectCases';
import { PRACTICE_CASES } from './ruleCases/practiceCases';
import { VALID_CASES } from './ruleCases/validCases';
import { YAML_CASES } from './ruleCases/yamlCases';

/** One or more failing manifests per rule id; each must produce that rule's finding. */
const INVALID = [...YAML_CASES, ...OBJECT_CASES, ...JOB_SPEC_CASES, ...PRACTICE_CASES];

describe('lint rules', () => {
  for (const c of INVALID) {
    it(`${c.rule}: ${c.name}`, () => {
      const findings = lint(c.text, c.version ? { kubernetesVersion: c.version } : undefined);
      const hit = findings.find(
        (f) =>
          f.rule === c.rule &&
          (c.field === undefined || f.field === c.field) &&
          (c.message === undefined || f.message.includes(c.message)),
      );
      assert.ok(hit, `no ${c.rule} finding${c.field ? ` on ${c.field}` : ''}; got:\n${show(findings)}`);
      assert.equal(hit.severity, RULES.find((r) => r.id === c.rule)?.defaultSeverity);
      assert.ok(hit.docsUrl?.startsWith('https://kubernetes.io/docs/'), 'every finding links to the Kubernetes docs');
    });
  }

  for (const c of VALID_CASES) {
    it(`accepts: ${c.name}`, () => {
      const findings = lint(c.text);
      const shown = c.quiet ? findings : findings.filter((f) => f.severity === 'error');
      assert.deepEqual(shown, [], show(shown));
    });
  }

  it('has an invalid case for every rule in the catalogue', () => {
    const covered = new Set(INVALID.map((c) => c.rule));
    assert.deepEqual(
      RULES.map((r) => r.id).filter((id) => !covered.has(id)),
      [],
    );
  });

  it('catalogue entries are complete and unique', () => {
    const ids = new Set<string>();
    for (const rule of RULES) {
      assert.ok(!ids.has(rule.id), `duplicate id ${rule.id}`);
      ids.add(rule.id);
      assert.match(rule.id, /^[a-z][a-z0-9-]*$/);
      assert.ok(rule.title && rule.description);
      assert.ok(rule.docsUrl.startsWith('https://kubernetes.io/docs/'), rule.id);
      assert.equal(
        rule.category === 'validation',
        rule.defaultSeverity === 'error',
        `${rule.id}: errors are exactly the validation rules`,
      );
    }
  });

  it('can turn a rule off or change its severity', () => {
    const text = cronJobYaml({ timeZone: undefined, concurrencyPolicy: 'Skip' });
    assert.ok(lint(text).some((f) => f.rule === 'time-zone-missing'));
    assert.ok(!lint(text, { rules: { 'time-zone-missing': 'off' } }).some((f) => f.rule === 'time-zone-missing'));
    const demoted = lint(text, { rules: { 'concurrency-policy': 'warning' } }).find((f) => f.rule === 'concurrency-policy');
    assert.equal(demoted?.severity, 'warning');
  });

  it("reports restartPolicy Always with the API server's exact text", () => {
    const hit = lint(jobYaml({}, { restartPolicy: 'Always' })).find((f) => f.rule === 'restart-policy');
    assert.equal(hit?.message, 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  it('reports an unquoted * schedule once, on spec.schedule, without other YAML errors', () => {
    const findings = lint(cronJobYaml().replace('schedule: "0 3 * * *"', 'schedule: */5 * * * *'));
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.field}`),
      ['schedule-yaml spec.schedule'],
    );
  });

  it('still checks the rest of a document whose unquoted * schedule breaks the YAML', () => {
    const findings = lint(cronJobYaml({ timeZone: 'europe/berlin' }).replace('schedule: "0 3 * * *"', 'schedule: */5 * * * *'));
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.field}`),
      ['schedule-yaml spec.schedule', 'time-zone spec.timeZone'],
    );
  });

  it('places findings in whole-file coordinates in multi-document files', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n${jobYaml({ backoffLimit: -2 })}`;
    const hit = lint(text).find((f) => f.rule === 'non-negative');
    assert.ok(hit);
    const line = text.split('\n')[hit.range.start.line] ?? '';
    assert.match(line, /backoffLimit: -2/);
  });

  it('never throws on odd documents', () => {
    for (const text of [
      '',
      '---\n',
      'kind: Job\napiVersion: batch/v1\n',
      'apiVersion: batch/v1\nkind: Job\nspec: 3\n',
      'apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate: []\n',
      'apiVersion: batch/v1\nkind: Job\nmetadata: []\nspec:\n  template: {spec: {containers: [1, null, {name: [1]}]}}\n',
      '- a\n- b\n',
      'a: &x [*x]\n',
    ]) {
      assert.doesNotThrow(() => lint(text), text);
    }
  });
});

function show(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.severity} ${f.rule} ${f.field}: ${f.message}`).join('\n');
}
