/**
 * YAML as kubectl reads it (sigs.k8s.io/yaml over go.yaml.in/yaml/v2, then its JSON round
 * trip): scalars, keys, merges, aliases and their budget, byte-order marks and old line ends.
 * Expectations are go-yaml's own behaviour (resolve.go, decode.go) and what the API server
 * answered for the conformance vectors built on them.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { fitsInt64, lintFile, mapKeyString, parseManifestFile, resolvePlain } from '../../src-engine';
import type { Finding } from '../../src-engine';
import { jobYaml } from './validate/helpers';

const lint = (text: string): Finding[] => lintFile(parseManifestFile(text));
const valueOf = (text: string): unknown => parseManifestFile(text).documents[0]?.value;

describe('kubectl reading: scalars (go-yaml resolve)', () => {
  it('resolves plain scalars as go-yaml v2 does, then as the API server receives them', () => {
    const table: Array<[string, unknown]> = [
      ['yes', true],
      ['Y', true],
      ['on', true],
      ['OFF', false],
      ['n', false],
      ['No', false],
      ['true', true],
      ['tRUE', 'tRUE'],
      ['~', null],
      ['null', null],
      ['Null', null],
      ['', null],
      ['NULL', null],
      ['nULL', 'nULL'],
      ['1_000', 1000],
      ['0b11', 3],
      ['-0b11', -3],
      ['0755', 493],
      ['0o17', 15],
      ['0x1F', 31],
      ['+5', 5],
      ['-0', 0],
      ['08', 8],
      ['0129', 129],
      ['1e3', 1000],
      ['.5', 0.5],
      ['1.', 1],
      ['2.0', 2],
      ['1e400', '1e400'],
      ['._5', '._5'],
      ['2026-01-01', '2026-01-01'],
      ['1:30', '1:30'],
      ['0x', '0x'],
      ['_1', '_1'],
      ['+.nan', '+.nan'],
      ['100m', '100m'],
      ['9223372036854775807', 9223372036854774784],
      ['-9223372036854775808', -9223372036854775808],
    ];
    for (const [source, expected] of table) assert.deepEqual(resolvePlain(source).value, expected, source);
    assert.ok(Number.isNaN(resolvePlain('.NaN').value));
    assert.equal(resolvePlain('-.Inf').value, -Infinity);
  });

  it('keeps int64 decidable: an integer past it arrives as a float64 the server cannot decode into int64', () => {
    assert.equal(fitsInt64(resolvePlain('9223372036854775807').value as number), true);
    assert.equal(fitsInt64(resolvePlain('9223372036854775808').value as number), false);
    assert.equal(resolvePlain('9223372036854775808').type, 'uint');
    assert.equal(resolvePlain('18446744073709551616').type, 'float');
    // -2^63 - 1 rounds to -2^63 as a float64, which fits: the server accepts it.
    assert.equal(fitsInt64(resolvePlain('-9223372036854775809').value as number), true);
  });

  it('writes map keys as sigs.k8s.io/yaml does (convertToJSONableObject)', () => {
    assert.equal(mapKeyString(resolvePlain('yes')), 'true');
    assert.equal(mapKeyString(resolvePlain('0x10')), '16');
    assert.equal(mapKeyString(resolvePlain('1.5')), '1.5');
    assert.equal(mapKeyString(resolvePlain('1e6')), '1e+06');
    assert.equal(mapKeyString(resolvePlain('.inf')), '.inf');
    assert.equal(mapKeyString(resolvePlain('~')), undefined);
    assert.equal(mapKeyString(resolvePlain('18446744073709551615')), undefined);
    assert.deepEqual(valueOf('on: 1\n1.5: 2\n007: 3\n'), { true: 1, '1.5': 2, '7': 3 });
  });

  it("reads words that name Object.prototype's members as strings, on the library's path as on the fast one", () => {
    for (const word of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      assert.deepEqual(resolvePlain(word), { type: 'string', value: word });
    }
    // An anchor sends the document through the library and kubectlDecode.ts.
    const text = jobYaml().replace(/^ {2}name: .*$/m, '  name: &n constructor\n  labels: {app: toString}');
    assert.match(text, /&n constructor/);
    assert.deepEqual((valueOf(text) as { metadata: unknown }).metadata, { name: 'constructor', labels: { app: 'toString' } });
    assert.deepEqual(
      lint(text).filter((f) => f.rule === 'field-type'),
      [],
    );
  });
});

describe('kubectl reading: documents', () => {
  it('reads a key named __proto__ as an ordinary key: an unknown field, never a prototype', () => {
    // sigs.k8s.io/yaml sends it as any other JSON key; the strict decoder answers `unknown field "spec.__proto__"`.
    const text = [
      'apiVersion: batch/v1',
      'kind: Job',
      '__proto__: {kind: CronJob}',
      'metadata: {name: demo}',
      'spec:',
      '  __proto__: {parallelism: -5}',
      '  template:',
      '    spec:',
      '      restartPolicy: Never',
      '      containers:',
      '        - {name: work, image: "busybox:1.36", __proto__: {image: other}}',
      '',
    ].join('\n');
    const value = valueOf(text) as { kind: string; spec: Record<string, unknown> };
    assert.equal(value.kind, 'Job');
    assert.equal(Object.getPrototypeOf(value.spec), Object.prototype);
    assert.equal(value.spec['parallelism'], undefined);
    assert.deepEqual(Object.getOwnPropertyDescriptor(value.spec, '__proto__')?.value, { parallelism: -5 });
    const findings = lint(text);
    assert.deepEqual(
      findings.filter((f) => f.rule === 'unknown-field').map((f) => f.field),
      ['__proto__', 'spec.__proto__', 'spec.template.spec.containers[0].__proto__'],
    );
    assert.ok(
      findings.every((f) => f.rule !== 'non-negative'),
      'the unknown field sets no parallelism',
    );
  });

  it("applies merge keys in go-yaml's order: later entries win, a merged list's earlier maps win", () => {
    assert.deepEqual(valueOf('a: &a {p: 1, q: 1}\nb: &b {p: 2, r: 2}\nc:\n  <<: [*a, *b]\n  s: 3\nd:\n  p: 0\n  <<: *a\n'), {
      a: { p: 1, q: 1 },
      b: { p: 2, r: 2 },
      c: { p: 1, q: 1, r: 2, s: 3 },
      d: { p: 1, q: 1 },
    });
  });

  it('keeps the last of duplicate keys, with a warning on the one ignored', () => {
    const text = jobYaml().replace('spec:\n', 'spec:\n  backoffLimit: 1\n  backoffLimit: 2\n');
    const document = parseManifestFile(text).documents[0];
    assert.equal((document?.value as { spec: { backoffLimit: number } }).spec.backoffLimit, 2);
    const warning = lint(text).find((f) => f.rule === 'yaml-duplicate-key');
    assert.equal(warning?.severity, 'warning');
    assert.equal(warning?.range.start.line, text.split('\n').indexOf('  backoffLimit: 1'));
    assert.match(warning?.message ?? '', /the one kept is on line \d+/);
  });

  it('decodes !!binary and explicit tags, and refuses what go-yaml refuses', () => {
    assert.deepEqual(valueOf('a: !!binary aGVsbG8=\nb: !!str 5\nc: !!int "7"\nd: !custom text\n'), {
      a: 'hello',
      b: '5',
      c: 7,
      d: 'text',
    });
    assert.match(
      parseManifestFile('a: !!int x\n').documents[0]?.readProblems[0]?.message ?? '',
      /cannot decode !!str `x` as a !!int/,
    );
  });

  it("expands aliases within go-yaml's budget and refuses past it, where go-yaml does", () => {
    const anchored = (keys: number, aliases: number): string =>
      `a: &a {${Array.from({ length: keys }, (_, i) => `k${i}: 1`).join(', ')}}\n` +
      `${Array.from({ length: aliases }, (_, i) => `b${i}: *a`).join('\n')}\n`;
    // A 1,000-key map (2,001 decode operations) used 100 more times: 200,100 of 202,304 operations aliased (98.9 %).
    assert.deepEqual(parseManifestFile(anchored(1000, 100)).documents[0]?.readProblems, []);
    // Used 120 more times: past go-yaml's 99 % at the 111th alias.
    const refused = parseManifestFile(anchored(1000, 120)).documents[0];
    assert.equal(refused?.value, undefined);
    assert.match(refused?.readProblems[0]?.message ?? '', /^yaml: document contains excessive aliasing/);
  });

  it('reports a problem inside an anchor once, at the anchor, saying how often it repeats', () => {
    const text = `${jobYaml(
      {},
      { containers: [{ name: 'a', image: 'busybox:1.36', resources: { requests: { cpu: '1 core' } } }] },
    ).replace(
      'resources:\n',
      'resources: &res\n',
    )}      initContainers:\n${['i1', 'i2'].map((name) => `        - {name: ${name}, image: a, resources: *res}\n`).join('')}`;
    const quantity = lint(text).filter((f) => f.rule === 'field-type');
    assert.equal(quantity.length, 1, quantity.map((f) => f.message).join('\n'));
    assert.match(quantity[0]?.message ?? '', /reported once, at the anchor: the alias repeats it in 2 more places/);
    assert.equal(text.split('\n')[quantity[0]?.range.start.line ?? 0]?.trim(), 'cpu: "1 core"');
  });

  it('checks a Job whose file starts with a byte-order mark (kubectl skips it)', () => {
    const findings = lint(`\ufeff${jobYaml({}, { restartPolicy: undefined })}`);
    assert.ok(
      findings.some((f) => f.rule === 'restart-policy'),
      findings.map((f) => f.rule).join(),
    );
    assert.ok(!findings.some((f) => f.rule === 'unknown-field'));
  });

  it('checks a Job whose lines end in lone carriage returns, as go-yaml reads it', () => {
    const findings = lint(jobYaml({}, { restartPolicy: undefined }).replace(/\n/g, '\r'));
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error').map((f) => f.rule),
      ['restart-policy'],
    );
  });

  it("refuses raw control characters as go-yaml's reader does, but not escapes in double quotes", () => {
    assert.ok(
      lint(jobYaml().replace('name: demo', 'name: demo\x07')).some(
        (f) => f.rule === 'yaml-syntax' && f.message.includes('U+0007'),
      ),
    );
    assert.ok(
      !lint(
        jobYaml({}, { containers: [{ name: 'w', image: 'a:1', args: ['\x07'], resources: { requests: { cpu: '1' } } }] }),
      ).some((f) => f.rule === 'yaml-syntax'),
    );
  });
});
