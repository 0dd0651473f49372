/**
 * The fast YAML parser (src-engine/parse/simpleYaml*.ts) builds the `yaml` library's nodes itself
 * and resolves plain scalars with the library's schema, so it relies on these parts of yaml that
 * the library's documentation does not promise:
 *
 *   1. `Schema.tags` of the core schema with `merge: true`: their order, and each scalar tag's
 *      `tag`, `default`, `test` regex and `format` (simpleYamlInline's TAGS; its `mayBeNonString`
 *      assumes every `test` can match only text starting with one of a few characters).
 *   2. `findScalarTagByTest` (compose/compose-scalar.js): a plain scalar takes the first tag whose
 *      `default` is true (or `'key'`, at a key) and whose `test` matches, else it is a string; the
 *      core schema has no `compat` list; `ScalarTag.resolve(source, onError, Document.options)`
 *      gives the value and the tag's `format` is copied onto the node.
 *   3. The node fields `composeScalar` and the collection composers set: `range` as
 *      [start, valueEnd, nodeEnd], Scalar `type` and `source`, `flow` on flow collections.
 *   4. How a node's kind is told (nodes/identity.js reads `node[Symbol.for('yaml.node.type')]`,
 *      which may sit on a prototype) and which fields the node constructors set, so that
 *      simpleYamlNodes.ts can build nodes from prototypes that carry the mark.
 *
 * yaml is pinned exactly in package.json; this file fails when an upgrade changes any of them,
 * so that moving the pin is a deliberate step (re-read compose-scalar.js, then update both).
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isPair, isScalar, isSeq, Pair as PairNode, parseDocument, Scalar as ScalarNode, YAMLMap, YAMLSeq } from 'yaml';
import type { Node, Pair, Scalar } from 'yaml';
import { parseSimpleYaml } from '../../src-engine/parse/simpleYaml';
import { REPO_ROOT } from '../helpers/paths';

/** The options src-engine/parse/manifests.ts parses with (simpleYamlInline's REFERENCE uses merge: true). */
const OPTIONS = { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, merge: true } as const;

interface ScalarTagShape {
  readonly tag: string;
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  readonly format?: string;
  resolve(source: string, onError: (message: string) => void, options: unknown): unknown;
}

const schema = parseDocument('', OPTIONS).schema as unknown as { name: string; compat: unknown; tags: ScalarTagShape[] };
const testedTags = schema.tags.filter((tag) => tag.test !== undefined);
const shortName = (tag: string): string => tag.replace('tag:yaml.org,2002:', '');

describe('yaml library internals the fast parser relies on', () => {
  it('yaml is pinned to one exact version, and that version is installed', () => {
    const read = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
    const pin = (read(path.join(REPO_ROOT, 'package.json')) as { dependencies: Record<string, string> }).dependencies['yaml'];
    assert.match(pin ?? '', /^\d+\.\d+\.\d+$/, 'package.json pins yaml to an exact version (no ^ or ~)');
    const installed = (read(require.resolve('yaml/package.json')) as { version: string }).version;
    assert.equal(installed, pin, 'node_modules holds the pinned yaml');
  });

  it("1. Schema.tags: the core schema's scalar tags, their order, tests and formats", () => {
    assert.equal(schema.name, 'core');
    const shape = testedTags.map((tag) => [shortName(tag.tag), tag.default, tag.test?.source, tag.format ?? null]);
    assert.deepEqual(shape, [
      ['null', true, '^(?:~|[Nn]ull|NULL)?$', null],
      ['bool', true, '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$', null],
      ['int', true, '^0o[0-7]+$', 'OCT'],
      ['int', true, '^[-+]?[0-9]+$', null],
      ['int', true, '^0x[0-9a-fA-F]+$', 'HEX'],
      ['float', true, '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$', null],
      ['float', true, '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$', 'EXP'],
      ['float', true, '^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$', null],
      ['merge', 'key', '^<<$', null],
    ]);
  });

  it('1. every tag test matches only text that starts with a character mayBeNonString lets through', () => {
    const allowed = new Set('0123456789+-.~<nNtTfF');
    const tails = ['', '0', '1', '7', 'x1', 'o7', 'e3', '.5', 'ull', 'ULL', 'rue', 'RUE', 'alse', 'ALSE', 'inf', 'nan', 'NaN'];
    tails.push('<');
    const reached = new Set<string>();
    for (let code = 0x20; code < 0x250; code++) {
      const first = String.fromCharCode(code);
      for (const tail of tails) if (testedTags.some((tag) => tag.test?.test(first + tail))) reached.add(first);
    }
    assert.deepEqual(
      [...reached].filter((c) => !allowed.has(c)),
      [],
    );
  });

  it('2. findScalarTagByTest: first matching default tag (key-only tags at keys), else a string; no compat list', () => {
    assert.ok(schema.compat === null || schema.compat === undefined, 'the core schema has no compat tags');
    const samples = ['~', 'null', 'Null', 'true', 'FALSE', '0o17', '-12', '+7', '0x1F', '.inf', '-.Inf', '.NaN', '1e3', '-.5E-2'];
    samples.push('1.5', '3.', 'abc', 'nulls', '0o8', '<<');
    for (const source of samples) {
      for (const atKey of [false, true]) {
        const where = `${source} (at a ${atKey ? 'key' : 'value'})`;
        const doc = parseDocument(atKey ? `${source}: x\n` : `x: ${source}\n`, OPTIONS);
        const pair = (doc.contents as unknown as { items: Pair<Scalar, Scalar>[] }).items[0];
        const node = atKey ? pair?.key : pair?.value;
        const tag = testedTags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(source));
        if (tag === undefined) {
          assert.equal(node?.value, source, `${where} stays a string`);
          continue;
        }
        // `<<` at a key is the merge tag, which the fast parser leaves to the library.
        if (tag.tag === 'tag:yaml.org,2002:merge') {
          assert.ok(atKey && source === '<<');
          continue;
        }
        const resolved = tag.resolve(source, (message) => assert.fail(message), doc.options);
        const expected = isScalar(resolved) ? resolved.value : resolved;
        assert.ok(Object.is(node?.value, expected), `${where}: ${String(node?.value)} instead of ${String(expected)}`);
        assert.equal(node?.format, tag.format, `${source}: the tag's format is copied onto the node`);
      }
    }
  });

  it('3. node fields: ranges [start, valueEnd, nodeEnd], scalar type and source, flow collections', () => {
    const text = 'a: 1\nb: [x, "y"]\nc: |\n  s\nd: \'q\'\ne:\n';
    const doc = parseDocument(text, OPTIONS);
    assert.ok(isMap(doc.contents));
    assert.deepEqual(doc.contents.range, [0, 35, 35]);
    const fields = (node: Node | null): unknown[] => {
      if (node === null) return [null];
      const scalar = isScalar(node) ? node : undefined;
      return [node.range, scalar?.type ?? null, scalar?.source ?? null, (node as { flow?: boolean }).flow ?? null];
    };
    const items = (doc.contents.items as Pair<Node, Node | null>[]).map((pair) => [fields(pair.key), fields(pair.value)]);
    assert.deepEqual(items, [
      [
        [[0, 1, 1], 'PLAIN', 'a', null],
        [[3, 4, 5], 'PLAIN', '1', null],
      ],
      [
        [[5, 6, 6], 'PLAIN', 'b', null],
        [[8, 16, 17], null, null, true],
      ],
      [
        [[17, 18, 18], 'PLAIN', 'c', null],
        [[20, 26, 26], 'BLOCK_LITERAL', 's\n', null],
      ],
      [
        [[26, 27, 27], 'PLAIN', 'd', null],
        [[29, 32, 33], 'QUOTE_SINGLE', 'q', null],
      ],
      [
        [[33, 34, 34], 'PLAIN', 'e', null],
        [[35, 35, 35], 'PLAIN', '', null],
      ],
    ]);
  });

  it("4. a node's kind is read through its prototype chain; the constructors set these fields", () => {
    const NODE_TYPE = Symbol.for('yaml.node.type');
    const doc = parseDocument('a: [x]\n', OPTIONS);
    assert.ok(isMap(doc.contents));
    const pair = doc.contents.items[0] as PairNode<Node, Node>;
    const markOf = (node: unknown): unknown => (node as Record<symbol, unknown>)[NODE_TYPE];
    const marks = [doc.contents, pair, pair.key, pair.value].map(markOf);
    assert.deepEqual(
      marks,
      ['yaml.map', 'yaml.pair', 'yaml.scalar', 'yaml.seq'].map((kind) => Symbol.for(kind)),
    );
    const marked = Object.create(Object.create(ScalarNode.prototype, { [NODE_TYPE]: { value: Symbol.for('yaml.scalar') } }));
    assert.ok(isScalar(marked), 'isScalar reads an inherited mark');
    assert.deepEqual(Reflect.ownKeys(new ScalarNode(1)), ['value', NODE_TYPE]);
    assert.deepEqual(Reflect.ownKeys(new PairNode(null)), ['key', 'value', NODE_TYPE]);
    for (const collection of [new YAMLMap(doc.schema), new YAMLSeq(doc.schema)]) {
      assert.deepEqual(Reflect.ownKeys(collection), ['schema', 'items', NODE_TYPE]);
      const { enumerable, writable, configurable } = Object.getOwnPropertyDescriptor(collection, 'schema') ?? {};
      assert.deepEqual({ enumerable, writable, configurable }, { enumerable: false, writable: true, configurable: true });
    }
  });

  it("4. the fast parser's nodes are the library's kinds and classes, and the library's own methods read them", () => {
    const fast = parseSimpleYaml('a: [x, 1]\nb: {c: "d"}\n');
    assert.ok(fast && isMap(fast.contents) && fast.contents instanceof YAMLMap);
    const [a, b] = fast.contents.items as PairNode<Node, Node>[];
    assert.ok(isPair(a) && a instanceof PairNode && isScalar(a.key) && a.key instanceof ScalarNode);
    assert.ok(isSeq(a.value) && a.value instanceof YAMLSeq && isMap(b?.value));
    assert.deepEqual(fast.contents.toJSON(), { a: ['x', 1], b: { c: 'd' } });
    assert.ok(Array.isArray((fast.contents.schema as unknown as { tags: unknown[] }).tags), 'collections know their schema');
  });
});
