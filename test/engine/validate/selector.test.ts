import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { cronJobYaml, errors, jobYaml } from './helpers';

/**
 * Job selectors: ValidateJobSpec, validateGeneratedSelector, generateSelector
 * (pkg/apis/batch/validation, pkg/registry/batch/job).
 */
const CASES: {
  name: string;
  spec: Record<string, unknown>;
  labels?: Record<string, string>;
  name_?: string;
  expect: string[];
}[] = [
  { name: 'no selector: the server generates it', spec: {}, expect: [] },
  {
    name: 'a hand-written selector equal to the generated job-name label',
    spec: { selector: { matchLabels: { 'batch.kubernetes.io/job-name': 'demo' } } },
    expect: [],
  },
  {
    name: 'the legacy job-name label with an expression',
    spec: { selector: { matchExpressions: [{ key: 'job-name', operator: 'In', values: ['demo'] }] } },
    expect: [],
  },
  {
    name: 'a selector on the app label without manualSelector',
    spec: { selector: { matchLabels: { app: 'x' } } },
    labels: { app: 'x' },
    expect: ['spec.selector: Invalid value: {"matchLabels":{"app":"x"}}: `selector` not auto-generated'],
  },
  {
    name: 'a selector naming another Job',
    spec: { selector: { matchLabels: { 'job-name': 'other' } } },
    expect: ['spec.selector'],
  },
  {
    name: 'manualSelector without a selector',
    spec: { manualSelector: true },
    expect: [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`',
    ],
  },
  {
    name: 'manual selector with an unknown operator',
    spec: { manualSelector: true, selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] } },
    labels: { app: 'x' },
    expect: ['spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'],
  },
  {
    name: 'manual selector Exists with values',
    spec: { manualSelector: true, selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } },
    labels: { app: 'x' },
    expect: [
      "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ],
  },
  {
    name: 'manual selector In without values',
    spec: { manualSelector: true, selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } },
    labels: { app: 'x' },
    expect: ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
  },
  {
    name: 'manual selector matching the template',
    spec: { manualSelector: true, selector: { matchLabels: { app: 'x' } } },
    labels: { app: 'x', tier: 'batch' },
    expect: [],
  },
  {
    name: 'an empty manual selector selects everything',
    spec: { manualSelector: true, selector: {} },
    labels: { app: 'x' },
    expect: [],
  },
];

describe('selector rule', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const found = errors(jobYaml(c.spec, {}, c.labels ? { template: { metadata: { labels: c.labels } } } : {}))
        .filter((f) => f.rule === 'selector')
        .map((f) => f.message);
      if (c.expect.length === 0) assert.deepEqual(found, []);
      for (const want of c.expect) {
        assert.ok(
          found.some((m) => m.startsWith(want)),
          `no "${want}" in\n${found.join('\n')}`,
        );
      }
    });
  }

  it('a CronJob job template may not carry a selector', () => {
    const found = errors(cronJobYaml({}, { selector: { matchLabels: { app: 'x' } } })).map((f) => f.message);
    assert.ok(
      found.some((m) => m.includes('`selector` will be auto-generated')),
      found.join('\n'),
    );
  });
});
