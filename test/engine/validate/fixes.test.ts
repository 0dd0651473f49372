import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../../src-engine';
import { fixturePath } from '../../helpers/paths';
import { applyEdits, cronJobYaml, jobYaml, lint } from './helpers';

interface FixCase {
  readonly name: string;
  readonly text: string;
  readonly rule: string;
  /** Which fix to apply (default: the first). */
  readonly fix?: number;
  /** Text the fixed document must contain. */
  readonly expect?: RegExp;
}

const CASES: FixCase[] = [
  {
    name: 'quote an unquoted * schedule',
    rule: 'schedule-yaml',
    text: cronJobYaml().replace('schedule: "0 3 * * *"', 'schedule: */5 * * * *'),
    expect: /schedule: "\*\/5 \* \* \* \*"/,
  },
  {
    name: 'quote an unquoted @ schedule',
    rule: 'schedule-yaml',
    text: cronJobYaml().replace('schedule: "0 3 * * *"', 'schedule: @daily   # nightly'),
    expect: /schedule: "@daily" {3}# nightly/,
  },
  {
    name: 'quote a plain schedule',
    rule: 'schedule-unquoted',
    text: cronJobYaml().replace('"0 3 * * *"', '?/5 * * * *'),
    expect: /schedule: "\?\/5 \* \* \* \*"/,
  },
  {
    name: 'insert restartPolicy: Never',
    rule: 'restart-policy',
    text: jobYaml({}, { restartPolicy: undefined }),
    expect: /\n {6}restartPolicy: Never/,
  },
  {
    name: 'insert restartPolicy: OnFailure',
    rule: 'restart-policy',
    fix: 1,
    text: jobYaml({}, { restartPolicy: undefined }),
    expect: /restartPolicy: OnFailure/,
  },
  {
    name: 'replace restartPolicy Always',
    rule: 'restart-policy',
    text: cronJobYaml({}, {}, { restartPolicy: 'Always' }),
    expect: /restartPolicy: Never/,
  },
  {
    name: 'fix the case of restartPolicy',
    rule: 'restart-policy',
    text: jobYaml({}, { restartPolicy: 'onfailure' }),
    expect: /restartPolicy: OnFailure/,
  },
  {
    name: 'Never with a podFailurePolicy',
    rule: 'restart-policy',
    text: jobYaml(
      { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } },
      { restartPolicy: 'OnFailure' },
    ),
    expect: /restartPolicy: Never/,
  },
  {
    name: 'move TZ= into timeZone',
    rule: 'schedule-tz-prefix',
    text: cronJobYaml({ schedule: 'TZ=Europe/Berlin 30 2 * * *', timeZone: undefined }),
    expect: /schedule: "30 2 \* \* \*"[\s\S]*timeZone: "Europe\/Berlin"/,
  },
  {
    name: 'drop CRON_TZ= when timeZone is set',
    rule: 'schedule-tz-prefix',
    text: cronJobYaml({ schedule: 'CRON_TZ=UTC 0 3 * * *' }),
    expect: /schedule: "0 3 \* \* \*"/,
  },
  {
    name: 'wrong-case zone',
    rule: 'time-zone',
    text: cronJobYaml({ timeZone: 'europe/berlin' }),
    expect: /timeZone: "Europe\/Berlin"/,
  },
  {
    name: 'misspelled zone',
    rule: 'time-zone',
    text: cronJobYaml({ timeZone: 'America/New_Yrok' }),
    expect: /timeZone: "America\/New_York"/,
  },
  { name: 'lowercase utc', rule: 'time-zone', text: cronJobYaml({ timeZone: 'utc' }), expect: /timeZone: "UTC"/ },
  {
    name: 'add ttlSecondsAfterFinished',
    rule: 'job-ttl-missing',
    text: jobYaml({ ttlSecondsAfterFinished: undefined }),
    expect: /\n {2}ttlSecondsAfterFinished: 86400/,
  },
  {
    name: 'add history limits',
    rule: 'history-limits-missing',
    text: cronJobYaml({ successfulJobsHistoryLimit: undefined, failedJobsHistoryLimit: undefined }),
    expect: /successfulJobsHistoryLimit: 3\n {2}failedJobsHistoryLimit: 1/,
  },
  {
    name: 'concurrencyPolicy Forbid',
    rule: 'concurrency-allow',
    text: cronJobYaml({ concurrencyPolicy: undefined, schedule: '*/10 * * * *' }),
    expect: /concurrencyPolicy: Forbid/,
  },
  {
    name: 'concurrencyPolicy case',
    rule: 'concurrency-policy',
    text: cronJobYaml({ concurrencyPolicy: 'forbid' }),
    expect: /concurrencyPolicy: Forbid/,
  },
  {
    name: 'completionMode case',
    rule: 'completion-mode',
    text: jobYaml({ completionMode: 'indexed', completions: 3 }),
    expect: /completionMode: Indexed/,
  },
  { name: 'unquote a number', rule: 'field-type', text: jobYaml({ parallelism: '4' }), expect: /parallelism: 4\n/ },
  {
    name: 'quote a YAML 1.1 boolean',
    rule: 'field-type',
    text: jobYaml({}, {}, { metadata: { labels: { enabled: 'x' } } }).replace('enabled: x', 'enabled: no'),
    expect: /enabled: "no"/,
  },
  {
    name: 'add the missing apiVersion',
    rule: 'api-version',
    text: jobYaml().replace('apiVersion: batch/v1\n', ''),
    expect: /apiVersion: batch\/v1/,
  },
  {
    name: 'spell the kind as Kubernetes does',
    rule: 'api-version',
    text: jobYaml().replace('kind: Job', 'kind: job'),
    expect: /kind: Job/,
  },
  {
    name: 'protocol case',
    rule: 'ports',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', ports: [{ containerPort: 80, protocol: 'tcp' }] }] }),
    expect: /protocol: "TCP"/,
  },
  {
    name: 'dnsPolicy case',
    rule: 'pod-spec',
    text: jobYaml({}, { dnsPolicy: 'clusterfirst' }),
    expect: /dnsPolicy: "ClusterFirst"/,
  },
  {
    name: 'toleration effect case',
    rule: 'scheduling',
    text: jobYaml({}, { tolerations: [{ key: 'a', operator: 'Exists', effect: 'noschedule' }] }),
    expect: /effect: "NoSchedule"/,
  },
  { name: 'rename a misspelled field', rule: 'unknown-field', text: jobYaml({ backofLimit: 2 }), expect: /backoffLimit: 2/ },
  {
    name: 'batch/v1beta1 to batch/v1',
    rule: 'api-version',
    text: cronJobYaml().replace('batch/v1', 'batch/v1beta1'),
    expect: /apiVersion: "?batch\/v1"?\n/,
  },
  {
    name: 'podReplacementPolicy Failed',
    rule: 'pod-replacement-policy',
    text: jobYaml({
      podReplacementPolicy: 'TerminatingOrFailed',
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
    }),
    expect: /podReplacementPolicy: Failed/,
  },
  { name: 'set timeZone', rule: 'time-zone-missing', text: cronJobYaml({ timeZone: undefined }), expect: /timeZone: "Etc\/UTC"/ },
];

const sameProblem = (a: Finding, b: Finding): boolean => a.rule === b.rule && a.field === b.field;

describe('fixes', () => {
  for (const c of CASES) {
    it(`${c.rule}: ${c.name}`, () => {
      const before = lint(c.text);
      const finding = before.find((f) => f.rule === c.rule && f.fixes && f.fixes.length > 0);
      assert.ok(finding, `no fixable ${c.rule} finding in:\n${c.text}`);
      const fix = finding.fixes?.[c.fix ?? 0];
      assert.ok(fix, 'fix exists');
      const fixed = applyEdits(c.text, fix.edits);
      if (c.expect) assert.match(fixed, c.expect, fixed);
      const after = lint(fixed);
      assert.ok(!after.some((f) => sameProblem(f, finding)), `still reported after "${fix.title}":\n${fixed}`);
      const newErrors = after.filter((f) => f.severity === 'error' && !before.some((b) => sameProblem(b, f)));
      assert.deepEqual(newErrors, [], `the fix introduced errors:\n${fixed}`);
    });
  }

  /**
   * Tries every fix offered on a folder of conformance manifests. A fix must remove its own finding; with
   * `noNewErrors` it must also add no error. The generated vectors carry up to three mutations each, and a
   * fix that makes a document decodable (quotes removed, a field renamed) lets the server's validation see
   * the other mutations, so there only the first condition holds.
   */
  function tryEveryFix(corpus: string, noNewErrors: boolean): { applied: number; problems: string[] } {
    const dir = fixturePath('conformance', corpus);
    const problems: string[] = [];
    let applied = 0;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const before = lint(text);
      for (const finding of before) {
        for (const fix of finding.fixes ?? []) {
          applied++;
          const after = lint(applyEdits(text, fix.edits));
          if (after.some((f) => sameProblem(f, finding))) {
            problems.push(`${name}: "${fix.title}" leaves ${finding.rule} on ${finding.field}`);
          }
          const added = after.filter((f) => f.severity === 'error' && !before.some((b) => sameProblem(b, f)));
          if (noNewErrors && added.length > 0) {
            problems.push(`${name}: "${fix.title}" adds ${added.map((f) => `${f.rule} ${f.field}`).join(', ')}`);
          }
        }
      }
    }
    return { applied, problems };
  }

  it('every fix offered on the conformance manifests removes its finding and adds no error', () => {
    const { applied, problems } = tryEveryFix('validation', true);
    assert.ok(applied > 100, `only ${applied} fixes tried`);
    assert.deepEqual(problems, []);
  });

  it('every fix offered on the 1,200 generated conformance manifests removes its finding', () => {
    const { applied, problems } = tryEveryFix('validation-generated', false);
    assert.ok(applied > 500, `only ${applied} fixes tried`);
    assert.deepEqual(problems, []);
  });

  it("inserts into a nested map with the map's own indentation", () => {
    const text = [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '    name: deep',
      'spec:',
      '    ttlSecondsAfterFinished: 60',
      '    template:',
      '        spec:',
      '            containers:',
      '                - name: w',
      '                  image: busybox:1',
      '                  resources: {requests: {cpu: 1}}',
      '',
    ].join('\n');
    const finding = lint(text).find((f) => f.rule === 'restart-policy');
    const fixed = applyEdits(text, finding?.fixes?.[0]?.edits ?? []);
    assert.match(fixed, /\n {12}restartPolicy: Never/);
    assert.deepEqual(lint(fixed), []);
  });
});
