import { isScalar, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node, ParsedNode, Schema } from 'yaml';

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
// - A node keeps its range as three numbers in its own fields, and `range` is an accessor on the
//   shared prototype that builds the library's `[start, valueEnd, end]` array when read: the
//   array per node was about 40% of the nodes' memory (the 1,000-document file of bench/lsp.mjs
//   kept 12.4 MB of nodes, now 7.6 MB), and ranges are read only where a finding or a feature
//   needs a position. Each read is a fresh array: a range changes by assigning it (setRange).
// - A map entry whose key is a plain string (almost every key of a manifest) keeps the key's
//   text and offsets, and its `key` Scalar is made when first read (then kept, so it is the same
//   node on every read). Checks find keys by text (pairKeyText) and only the few keys a finding
//   or a feature points at become nodes: the 1,000-document file has 34,000 keys, and their
//   Scalars were a quarter of the nodes' memory.
// - Each node is built by a constructor that sets all its fields in one order, so every node of
//   a kind shares one shape with its fields inside the object.

const NODE_TYPE = Symbol.for('yaml.node.type');

/** The range fields of the nodes built here (see the accessor below). */
interface RangeFields {
  rangeStart: number;
  rangeValueEnd: number;
  rangeEnd: number;
}

const RANGE_ACCESSOR: PropertyDescriptor = {
  get(this: RangeFields): [number, number, number] {
    return [this.rangeStart, this.rangeValueEnd, this.rangeEnd];
  },
  set(this: RangeFields, range: [number, number, number] | null | undefined) {
    // Code that clears a range (none here does) gets a plain field, as on the library's nodes.
    if (!Array.isArray(range)) {
      Object.defineProperty(this, 'range', { value: range, writable: true, enumerable: true, configurable: true });
      return;
    }
    this.rangeStart = range[0];
    this.rangeValueEnd = range[1];
    this.rangeEnd = range[2];
  },
  configurable: true,
};

/** The key fields of the pairs built here (see the accessor below). */
interface PairKeyFields {
  keyNode: unknown;
  /** A plain string key not made into a node yet: its text and offsets. */
  keyText: string | undefined;
  keyStart: number;
  keyEnd: number;
}

const KEY_ACCESSOR: PropertyDescriptor = {
  get(this: PairKeyFields): unknown {
    if (this.keyNode === null && this.keyText !== undefined) {
      // As plainScalar (simpleYamlInline.ts) makes a plain string key.
      const node = new ScalarShape(this.keyText);
      node.source = this.keyText;
      node.type = 'PLAIN';
      setRange(node, this.keyStart, this.keyEnd, this.keyEnd);
      this.keyNode = node;
    }
    return this.keyNode;
  },
  set(this: PairKeyFields, key: unknown) {
    this.keyNode = key;
    this.keyText = undefined;
  },
  configurable: true,
};

function markedPrototype<T extends object>(base: T, kind: string, schema?: Schema): T {
  const fields: PropertyDescriptorMap = { [NODE_TYPE]: { value: Symbol.for(kind) } };
  if (kind === 'yaml.pair') fields['key'] = KEY_ACCESSOR;
  else fields['range'] = RANGE_ACCESSOR;
  // Collection's constructor gives each collection its schema as a non-enumerable field.
  if (schema) fields['schema'] = { value: schema, writable: true, configurable: true };
  return Object.create(base, fields) as T;
}

/** Field holders: constructors (each node gets its fields in one order, inside the object), prototypes set below. */
type Fields = Record<string, unknown>;
function ScalarFields(this: Fields, value: unknown): void {
  this['value'] = value;
  this['source'] = undefined;
  this['type'] = undefined;
  this['rangeStart'] = 0;
  this['rangeValueEnd'] = 0;
  this['rangeEnd'] = 0;
}
function PairFields(this: Fields, key: unknown, value: unknown): void {
  this['keyNode'] = key;
  this['keyText'] = undefined;
  this['keyStart'] = 0;
  this['keyEnd'] = 0;
  this['value'] = value;
}
/** One constructor per collection kind and schema, so the prototype (which holds the schema) can differ. */
function collectionFields(): (this: Fields, items: unknown[]) => void {
  return function CollectionFields(this: Fields, items: unknown[]): void {
    this['items'] = items;
    this['rangeStart'] = 0;
    this['rangeValueEnd'] = 0;
    this['rangeEnd'] = 0;
  };
}

/** shaped: `construct` as a constructor of objects inheriting from `prototype`. */
function shaped<A extends unknown[], T>(construct: (this: Fields, ...args: A) => void, prototype: T): new (...args: A) => T {
  (construct as unknown as { prototype: T }).prototype = prototype;
  return construct as unknown as new (...args: A) => T;
}

const ScalarShape = shaped(ScalarFields, markedPrototype(Scalar.prototype, 'yaml.scalar'));
const PairShape = shaped(PairFields, markedPrototype(Pair.prototype, 'yaml.pair'));
type CollectionShapes = { map: new (items: unknown[]) => YAMLMap; seq: new (items: unknown[]) => YAMLSeq };
const collections = new Map<Schema, CollectionShapes>();

/** A Scalar, as `new Scalar(value)` (its source and type are set by the caller). */
export function scalarNode(value: unknown): Scalar {
  return new ScalarShape(value);
}

/** A map entry, as `new Pair(key, value)`. */
export function pairNode(key: ParsedNode, value: ParsedNode | null): Pair<ParsedNode, ParsedNode | null> {
  return new PairShape(key, value) as Pair<ParsedNode, ParsedNode | null>;
}

/** A map entry whose key is the plain string `text` at [start, end): its Scalar is made when read. */
export function plainKeyPairNode(
  text: string,
  start: number,
  end: number,
  value: ParsedNode | null,
): Pair<ParsedNode, ParsedNode | null> {
  const pair = new PairShape(null, value) as unknown as PairKeyFields;
  pair.keyText = text;
  pair.keyStart = start;
  pair.keyEnd = end;
  return pair as unknown as Pair<ParsedNode, ParsedNode | null>;
}

/** Whether a map entry's key is a plain string built here (never `<<`, which the fast parser leaves to the library). */
export function hasPlainStringKey(pair: Pair): boolean {
  return (pair as Partial<PairKeyFields>).keyText !== undefined;
}

/**
 * pairKeyText is the key of a map entry as text (a plain or quoted string, a number or boolean
 * as the library prints it), or undefined for a key that is not a scalar, or a merge key. It
 * reads a key not yet made into a node without making it.
 */
export function pairKeyText(pair: Pair): string | undefined {
  const text = (pair as Partial<PairKeyFields>).keyText;
  if (text !== undefined) return text;
  const key = pair.key;
  return isScalar(key) && typeof key.value !== 'symbol' ? String(key.value) : undefined;
}

function shapesFor(schema: Schema): CollectionShapes {
  let shapes = collections.get(schema);
  if (!shapes) {
    shapes = {
      map: shaped(collectionFields(), markedPrototype(YAMLMap.prototype, 'yaml.map', schema)),
      seq: shaped(collectionFields(), markedPrototype(YAMLSeq.prototype, 'yaml.seq', schema)),
    };
    collections.set(schema, shapes);
  }
  return shapes;
}

/** A map holding `items`, as `new YAMLMap(schema)` and its pairs. */
export function mapNode(schema: Schema, items: Pair<ParsedNode, ParsedNode | null>[]): YAMLMap<ParsedNode, ParsedNode | null> {
  return new (shapesFor(schema).map)(items.slice()) as YAMLMap<ParsedNode, ParsedNode | null>;
}

/** A sequence holding `items`, as `new YAMLSeq(schema)` and its items. */
export function seqNode(schema: Schema, items: ParsedNode[]): YAMLSeq<ParsedNode> {
  return new (shapesFor(schema).seq)(items.slice()) as YAMLSeq<ParsedNode>;
}

/** A node's range fields, when it was built here (a scalar the library's schema resolved has its own `range` array). */
function fieldsOf(node: object): RangeFields | undefined {
  return typeof (node as Partial<RangeFields>).rangeStart === 'number' ? (node as RangeFields) : undefined;
}

/** setRange sets a node's `[start, valueEnd, end]` without building the array. */
export function setRange(node: Node, start: number, valueEnd: number, end: number): void {
  const fields = fieldsOf(node);
  if (!fields) {
    node.range = [start, valueEnd, end];
    return;
  }
  fields.rangeStart = start;
  fields.rangeValueEnd = valueEnd;
  fields.rangeEnd = end;
}

/** setRangeEnd moves a node's range end (the library's `range[2]`). */
export function setRangeEnd(node: Node, end: number): void {
  const fields = fieldsOf(node);
  if (fields) fields.rangeEnd = end;
  else (node.range as [number, number, number])[2] = end;
}

/** The end of a node's value (the library's `range[1]`). */
export function rangeValueEndOf(node: Node): number {
  return fieldsOf(node)?.rangeValueEnd ?? (node.range as [number, number, number])[1];
}

/** The end of a node's range (the library's `range[2]`). */
export function rangeEndOf(node: Node): number {
  return fieldsOf(node)?.rangeEnd ?? (node.range as [number, number, number])[2];
}
