import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ParsedNode, Schema } from 'yaml';

// The `yaml` library's nodes as the fast manifest parser (simpleYaml.ts) builds them: the same
// classes and fields the library's composer gives them, made more cheaply. For the figure
// "open → diagnostics" (bench/lsp.mjs), where the server parses a 1,000-document file in a
// freshly started process, with a small young generation:
//
// - The library's constructors mark each node with `Object.defineProperty(this, NODE_TYPE, …)`
//   (a slow path in code that has not warmed up, once per node) and its isScalar/isMap… read
//   that mark as `node[NODE_TYPE]`. Here the mark sits once on a prototype under each class's
//   own, so `isScalar(node)` and `node instanceof Scalar` hold as for the library's nodes and no
//   node pays for its own mark. test/engine/yamlInternals.test.ts checks that the library still
//   works this way.
// - A collection's items are stored in an array of exactly their number: an array grown by push
//   keeps room for 16 or more, and every document stays in memory while its file is open (the
//   collector copies what stays, so the slack cost time as well as memory).

const NODE_TYPE = Symbol.for('yaml.node.type');

function markedPrototype<T extends object>(base: T, kind: string, schema?: Schema): T {
  const fields: PropertyDescriptorMap = { [NODE_TYPE]: { value: Symbol.for(kind) } };
  // Collection's constructor gives each collection its schema as a non-enumerable field.
  if (schema) fields['schema'] = { value: schema, writable: true, configurable: true };
  return Object.create(base, fields) as T;
}

const SCALAR = markedPrototype(Scalar.prototype, 'yaml.scalar');
const PAIR = markedPrototype(Pair.prototype, 'yaml.pair');
const collections = new Map<Schema, { map: YAMLMap; seq: YAMLSeq }>();

/** A Scalar, as `new Scalar(value)`. */
export function scalarNode(value: unknown): Scalar {
  const node = Object.create(SCALAR) as Scalar;
  node.value = value;
  return node;
}

/** A map entry, as `new Pair(key, value)`. */
export function pairNode(key: ParsedNode, value: ParsedNode | null): Pair<ParsedNode, ParsedNode | null> {
  const pair = Object.create(PAIR) as Pair<ParsedNode, ParsedNode | null>;
  pair.key = key;
  pair.value = value;
  return pair;
}

function prototypesFor(schema: Schema): { map: YAMLMap; seq: YAMLSeq } {
  let prototypes = collections.get(schema);
  if (!prototypes) {
    prototypes = {
      map: markedPrototype(YAMLMap.prototype, 'yaml.map', schema),
      seq: markedPrototype(YAMLSeq.prototype, 'yaml.seq', schema),
    };
    collections.set(schema, prototypes);
  }
  return prototypes;
}

/** A map holding `items`, as `new YAMLMap(schema)` and its pairs. */
export function mapNode(schema: Schema, items: Pair<ParsedNode, ParsedNode | null>[]): YAMLMap<ParsedNode, ParsedNode | null> {
  const map = Object.create(prototypesFor(schema).map) as YAMLMap<ParsedNode, ParsedNode | null>;
  map.items = items.slice();
  return map;
}

/** A sequence holding `items`, as `new YAMLSeq(schema)` and its items. */
export function seqNode(schema: Schema, items: ParsedNode[]): YAMLSeq<ParsedNode> {
  const seq = Object.create(prototypesFor(schema).seq) as YAMLSeq<ParsedNode>;
  seq.items = items.slice();
  return seq;
}
