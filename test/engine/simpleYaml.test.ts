import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { GO_YAML_PARSE_OPTIONS, mulberry32, parseManifestFile, splitDocuments } from '../../src-engine';
import { decodeAsKubectl } from '../../src-engine/parse/kubectlDecode';
import { parseSimpleYaml } from '../../src-engine/parse/simpleYaml';
import { hasPlainStringKey, pairKeyText } from '../../src-engine/parse/simpleYamlNodes';
import { findNode } from '../../src-engine/parse/astPath';
import { REPO_ROOT, fixturePath } from '../helpers/paths';

/** The production path for what the fast parser does not take: the library with go-yaml's scalars, then kubectl's decoding. */
const LIBRARY_OPTIONS = GO_YAML_PARSE_OPTIONS;
const libraryValue = (library: ReturnType<typeof parseDocument>): unknown =>
  decodeAsKubectl(library.contents as Node | null).value;

/** Where the fast parser's tree differs from the library's (first difference), or undefined. */
function treeDifference(fast: Node | null, library: Node | null, at: string): string | undefined {
  if (fast === null || library === null) return fast === library ? undefined : `${at}: one side is null`;
  const kind = (n: Node): string => (isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : 'other');
  if (kind(fast) !== kind(library)) return `${at}: ${kind(fast)} instead of ${kind(library)}`;
  if (!isDeepStrictEqual(fast.range, library.range)) {
    return `${at}: range ${JSON.stringify(fast.range)} instead of ${JSON.stringify(library.range)}`;
  }
  if (isScalar(fast) && isScalar(library)) {
    if (!Object.is(fast.value, library.value)) return `${at}: value ${String(fast.value)} instead of ${String(library.value)}`;
    if (fast.type !== library.type || fast.source !== library.source || fast.format !== library.format) {
      return `${at}: scalar style or source differs`;
    }
    return undefined;
  }
  if ((isMap(fast) || isSeq(fast)) && (isMap(library) || isSeq(library))) {
    if (Boolean(fast.flow) !== Boolean(library.flow)) return `${at}: flow differs`;
    if (fast.items.length !== library.items.length) return `${at}: ${fast.items.length} items instead of ${library.items.length}`;
    for (let i = 0; i < fast.items.length; i++) {
      const a = fast.items[i] as { key?: Node | null; value?: Node | null } & Node;
      const b = library.items[i] as { key?: Node | null; value?: Node | null } & Node;
      const difference = isMap(fast)
        ? (treeDifference(a.key ?? null, b.key ?? null, `${at}.key${i}`) ??
          treeDifference(a.value ?? null, b.value ?? null, `${at}.${i}`))
        : treeDifference(a, b, `${at}[${i}]`);
      if (difference) return difference;
    }
  }
  return undefined;
}

/** Checks one text: when the fast parser takes it, the library must agree on tree and value. */
function agreesWithLibrary(text: string): { accepted: boolean; difference?: string } {
  const fast = parseSimpleYaml(text);
  if (fast === undefined) return { accepted: false };
  const library = parseDocument(text, LIBRARY_OPTIONS);
  if (library.errors.length > 0) {
    return { accepted: true, difference: `accepted text the library rejects: ${library.errors[0]?.message}` };
  }
  const difference = treeDifference(fast.contents, library.contents, '$');
  if (difference) return { accepted: true, difference };
  if (!isDeepStrictEqual(fast.value, libraryValue(library))) return { accepted: true, difference: 'plain value differs' };
  return { accepted: true };
}

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

const corpus = [
  path.join(REPO_ROOT, 'examples'),
  fixturePath('conformance', 'validation'),
  fixturePath('workspace'),
  fixturePath('yaml'),
]
  .flatMap(yamlFiles)
  .flatMap((file) => splitDocuments(fs.readFileSync(file, 'utf8')).map((chunk) => chunk.text));

describe('parseSimpleYaml (fast path for plain manifests)', () => {
  it('takes the plain manifests people write, building what the library builds', () => {
    const accepted = corpus.filter((text) => {
      const result = agreesWithLibrary(text);
      assert.equal(result.difference, undefined, text);
      return result.accepted;
    });
    // The speed of opening a big file rests on this: nearly every real document takes the fast path.
    assert.ok(accepted.length >= corpus.length * 0.9, `only ${accepted.length} of ${corpus.length} documents took the fast path`);
  });

  it('builds the same tree for the layouts it supports', () => {
    const layouts = [
      '---  # leading comment\napiVersion: batch/v1\nkind: Job\n',
      'a:\n  b: 1\n  c: [x, "y", \'z\']\n' +
        '  d: {e: 1, "f": null, g: [1, 2.50, 0x1F, 0o17, 0755, 08, 1_000, 0b11, 1e3, .5, +7, 9223372036854775807]}\n',
      // YAML 1.1 as kubectl's go-yaml reads it: booleans, nulls, octal, timestamps stay strings.
      'b: [y, Yes, on, OFF, n, No, ~, Null, 2026-01-01, 0x, +.nan, 1e400]\n',
      // A byte-order mark before the first line.
      '\ufeffapiVersion: batch/v1\nkind: Job\n',
      'list:\n- a\n-   b   # trailing\n- name: c\n  value: "d"\n-\n  nested: true\n',
      "empty:\nnull_with_comment: # why\nnext: ~\nquoted: 'it''s'\nkey with spaces: v\n\"quoted key\": 1\n",
      '- top\n- level: sequence\n',
      'a: b # comment\n# between\nc: d\n\n\n# trailing at column 0\n',
      'command: ["sh", "-c", "echo done"]\nresources: {requests: {cpu: 100m, memory: 64Mi}}\n',
      'volumeMounts:\n  - {name: scratch, mountPath: /scratch}\n  - "quoted: item"\n  - [a, b]\n',
      'script: |\n  set -e\n\n  echo "# not a comment"\n    indented\nstrip: |-\n  x\n\nkeep: |+\n  y\n\nafter: 1\n',
      'args:\n  - | # the script\n    echo hi\n  - |-\n    echo bye\n',
      'env:\n  - name: A\n    value: "1"\n  # between entries\n  - name: B\n# at column 0\n  - name: C\n',
      'clip at the end: |\n  no final line break',
      'escapes: "tab\\there \\"quoted\\" caf\\u00e9 \\x41\\U0001F600\\/"\nevery: "\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\"\\/\\\\\\N\\_\\L\\P"\ncommand: ["sh", "-c", "echo \\"done\\""]\n',
      'last: value without newline',
      // Windows line ends (VS Code's default there).
      'windows: line ends\r\nlist:\r\n  - x  # note\r\n  - |\r\n    s\r\n\r\n    t\r\nempty:\r\nflow: {f: 1}\r\n',
    ];
    for (const text of layouts) {
      const result = agreesWithLibrary(text);
      assert.equal(result.accepted, true, `not taken: ${JSON.stringify(text)}`);
      assert.equal(result.difference, undefined, `${JSON.stringify(text)}: ${result.difference}`);
    }
  });

  it("keeps each node's range as the library's [start, valueEnd, end], readable, writable and cloned", () => {
    const fast = parseSimpleYaml('a: x  # note\nb: [1, 2]\n');
    assert.ok(fast && isMap(fast.contents));
    const pair = fast.contents.items[0] as { value: Node };
    assert.deepEqual(pair.value.range, [3, 4, 13]);
    pair.value.range = [5, 6, 7];
    assert.deepEqual(pair.value.range, [5, 6, 7]);
    // Unlike the library's, a range read is a fresh array: a range changes by assigning it.
    (pair.value.range as number[])[0] = 0;
    assert.deepEqual(pair.value.range, [5, 6, 7]);
    const copy = pair.value.clone();
    copy.range = [1, 1, 1];
    assert.deepEqual(
      [copy.range, pair.value.range],
      [
        [1, 1, 1],
        [5, 6, 7],
      ],
    );
    assert.deepEqual(fast.contents.range, [0, 23, 23]);
  });

  it("makes a plain string key's Scalar when it is first read, then keeps it; lookups by path leave keys as text", () => {
    const text = 'spec:\n  template: {metadata: {name: x}}\n';
    const fast = parseSimpleYaml(text);
    assert.ok(fast && isMap(fast.contents));
    const pair = fast.contents.items[0] as Pair<Node, Node>;
    assert.equal(hasPlainStringKey(pair), true);
    assert.equal(pairKeyText(pair), 'spec');
    const doc = parseManifestFile(text).documents[0];
    assert.ok(doc);
    // A lookup through block and flow maps reads keys as text, and makes no key node.
    const found = findNode(doc, ['spec', 'template', 'metadata', 'name']).node;
    assert.ok(isScalar(found) && found.value === 'x');
    const inner = ((doc.yaml.contents as YAMLMap).items[0] as Pair<Node, Node>).value as YAMLMap;
    assert.equal((inner.items[0] as unknown as { keyNode: unknown }).keyNode, null);
    // Read: the library's Scalar, the same node on every read; assigned: the new key.
    const key = pair.key;
    assert.ok(isScalar(key));
    assert.deepEqual([key.value, key.source, key.type, key.range], ['spec', 'spec', 'PLAIN', [0, 4, 4]]);
    assert.equal(pair.key, key);
    const other = new Scalar('other');
    pair.key = other;
    assert.equal(pair.key, other);
    assert.equal(pairKeyText(pair), 'other');
  });

  it('leaves everything outside the subset to the library', () => {
    const outside = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'folded: >\n  one\n  two\n',
      'indicator: |2\n  two\n',
      'leading blank: |\n\n  x\n',
      'keep at the end: |+\n  no final line break',
      'empty: |\nnext: 1\n',
      'plain: one\n  two\n',
      'undefined escape: "\\q"\n',
      'short escape: "\\u12"\n',
      'escaped quote at the end: "a\\"\n',
      'base: {a: 1}\nmerged:\n  <<: {b: 2}\n',
      'a: 1\na: 2\n',
      'infinity: .inf\n',
      'not a number: .nan\n',
      'yes: key\n',
      'bom inside: 1\n\ufeffb: 2\n',
      '1: one\n',
      'true: yes\n',
      'a:\tb\n',
      'old Mac line ends: 1\rb: 2\r',
      'outer:\n  inner: 1\n  # closes the inner block\nnext: 2\n',
      'a: b\n   # indented under a value\nc: d\n',
      'flow: [a, b,]\n',
      'flow: [a,\n  b]\n',
      'a: 1\n b: 2\n',
      'a: b: c\n',
      '? complex\n: key\n',
      '%YAML 1.2\n---\na: 1\n',
      '__proto__: polluted\n',
      'multi: "line\n  quoted"\n',
      '- - nested\n',
      'just a scalar\n',
      '',
    ];
    for (const text of outside) assert.equal(parseSimpleYaml(text), undefined, JSON.stringify(text));
    // Nesting deep enough to exhaust the stack is left to the library too, not thrown.
    const deep = Array.from({ length: 20000 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n');
    assert.equal(parseSimpleYaml(deep), undefined);
    assert.equal(parseSimpleYaml(`a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`), undefined);
  });

  it('agrees with the library on thousands of mutated manifests (differential fuzz, seeded)', () => {
    const random = mulberry32(20261130);
    const pieces = ['\r', '\r\n', '\\"', '\\n', '\\x4', '\\u00e9', ' ', ':', '-', '#', '"', "'", '[', ']', '{', '}', ',']
      .concat(['&', '*', '!', '|', '>', '%', '@', '\n', '  ', 'a', '1', '.', '~', '?', '\\', 'null', 'true', '0x1F', '1e3'])
      .concat(['<<', ': ', '- ', ' #', '\t'])
      // YAML 1.1 as kubectl's go-yaml reads it.
      .concat(['yes', 'on', 'n', '0755', '1_000', '0b11', '.inf', '\ufeff', '9223372036854775808']);
    let accepted = 0;
    const runs = 4000;
    for (let n = 0; n < runs; n++) {
      let text = corpus[Math.floor(random() * corpus.length)] as string;
      if (random() < 0.25) text = text.replace(/\n/g, '\r\n');
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (text.length + 1));
        const choice = random();
        if (choice < 0.45) text = text.slice(0, at) + (pieces[Math.floor(random() * pieces.length)] as string) + text.slice(at);
        else if (choice < 0.65) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
        else if (choice < 0.8) {
          // A comment or blank line at some indentation: where comments sit decides ranges.
          const lines = text.split('\n');
          lines.splice(
            Math.floor(random() * (lines.length + 1)),
            0,
            ' '.repeat(Math.floor(random() * 14)) + (random() < 0.7 ? '# note' : ''),
          );
          text = lines.join('\n');
        } else {
          const lines = text.split('\n');
          const line = Math.floor(random() * lines.length);
          lines.splice(line, 0, lines[Math.floor(random() * lines.length)] as string);
          text = lines.join('\n');
        }
      }
      const result = agreesWithLibrary(text);
      if (result.accepted) accepted++;
      assert.equal(result.difference, undefined, `${result.difference} in ${JSON.stringify(text)}`);
    }
    // The fuzz only proves something if the fast path takes a fair share of what it is fed.
    assert.ok(accepted > runs * 0.15, `fast path took only ${accepted} of ${runs}`);
  });

  it('gives parseManifestFile the same documents either way', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'common-mistakes.yaml'), 'utf8');
    for (const document of parseManifestFile(text).documents) {
      const library = parseDocument(document.chunk.text, LIBRARY_OPTIONS);
      // An unquoted `*/5` schedule reads as an alias to no anchor: no value.
      assert.deepEqual(document.value, libraryValue(library));
      assert.equal(document.syntaxErrors.length, library.errors.length);
    }
  });
});
