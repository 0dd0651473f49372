import { RAW_SCHEMA } from '../generated/schema';
import type { WorkloadKind } from '../parse/manifests';
import type { PathSegment } from '../parse/fieldPath';
import { FIELD_FACTS } from './facts';
import type { SchemaType } from './types';

/**
 * One node of the Job/CronJob schema: what a field accepts and what the API docs say about
 * it. Used by the validator (unknown fields, wrong types) and by hover and completion.
 */
export interface SchemaNode {
  readonly type: SchemaType;
  /** The object type's name for `object` nodes (`PodSpec`), from the Kubernetes API. */
  readonly typeName?: string;
  /** Element schema of an `array`. */
  readonly items?: SchemaNode;
  /** Value schema of a `map` (keys are strings). */
  readonly values?: SchemaNode;
  /** The field's API doc (or the type's, for a root or list item). */
  readonly description?: string;
  /** Required by the OpenAPI schema (the API server's validation may be stricter or looser). */
  readonly required?: boolean;
  readonly enum?: readonly string[];
  readonly default?: string | number | boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  /** Kubernetes version that added the field (batch fields only). */
  readonly addedIn?: string;
  readonly docsUrl?: string;
}

/** A named property of an object node. */
export interface SchemaProperty extends SchemaNode {
  readonly name: string;
}

const properties = new Map<string, ReadonlyMap<string, SchemaProperty>>();
const objects = new Map<string, SchemaNode>();

/**
 * decode builds a node from the generated type string (`#Name`, `[]T`, `{}T`, scalars); enum
 * `values` belong to the scalar at the bottom (the items of a list of enums).
 */
function decode(encoded: string, values?: readonly string[]): SchemaNode {
  if (encoded.startsWith('[]')) return { type: 'array', items: decode(encoded.slice(2), values) };
  if (encoded.startsWith('{}')) return { type: 'map', values: decode(encoded.slice(2), values) };
  if (encoded.startsWith('#')) return objectNode(encoded.slice(1));
  return values ? { type: encoded as SchemaType, enum: values } : { type: encoded as SchemaType };
}

function objectNode(typeName: string): SchemaNode {
  let node = objects.get(typeName);
  if (!node) {
    const raw = RAW_SCHEMA[typeName];
    node = { type: 'object', typeName, ...(raw?.d ? { description: raw.d } : {}) };
    objects.set(typeName, node);
  }
  return node;
}

function propertyMap(typeName: string): ReadonlyMap<string, SchemaProperty> {
  let map = properties.get(typeName);
  if (map) return map;
  const built = new Map<string, SchemaProperty>();
  const raw = RAW_SCHEMA[typeName];
  if (raw) {
    for (const name of Object.keys(raw.p)) {
      const [encoded, description, required, values] = raw.p[name]!;
      const facts = FIELD_FACTS[`${typeName}.${name}`];
      built.set(name, {
        ...decode(encoded, values),
        name,
        ...(description ? { description } : {}),
        ...(required ? { required: true } : {}),
        ...facts,
      });
    }
  }
  map = built;
  properties.set(typeName, map);
  return map;
}

/**
 * enumValues is the OpenAPI enum of a field (`enumValues('ContainerPort', 'protocol')` →
 * SCTP, TCP, UDP), or of its items for a list; it throws when the field has none (a rule's
 * typo shows at load). It is the Go
 * type's set of named values: validation may accept fewer (a feature gate) or print them in
 * another order, so rules take membership from here and wording from the Kubernetes function
 * they mirror.
 */
export function enumValues(typeName: string, field: string): readonly string[] {
  const values = RAW_SCHEMA[typeName]?.p[field]?.[3];
  if (!values) throw new Error(`${typeName}.${field} has no enum in the generated schema`);
  return values;
}

/** rootSchema is the schema of a whole Job or CronJob document. */
export function rootSchema(kind: WorkloadKind): SchemaNode {
  return objectNode(kind);
}

/** propertyOf looks up one property of an object node. */
export function propertyOf(node: SchemaNode, name: string): SchemaProperty | undefined {
  return node.type === 'object' && node.typeName ? propertyMap(node.typeName).get(name) : undefined;
}

/** propertiesOf lists an object node's properties in name order (empty for other nodes). */
export function propertiesOf(node: SchemaNode): readonly SchemaProperty[] {
  return node.type === 'object' && node.typeName ? [...propertyMap(node.typeName).values()] : [];
}

/**
 * schemaAt follows a field path (`['spec', 'template', 'spec', 'containers', 0, 'image']`)
 * from a kind's root; list indexes and map keys step into items/values. Undefined when the
 * path leaves the schema (an unknown field).
 */
export function schemaAt(kind: WorkloadKind, segments: readonly PathSegment[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = rootSchema(kind);
  for (const segment of segments) {
    if (!node) return undefined;
    if (node.type === 'array') node = node.items;
    else if (node.type === 'map') node = node.values;
    else if (node.type === 'object' && typeof segment === 'string') node = propertyOf(node, segment);
    else return undefined;
  }
  return node;
}

/** describeType renders a node's type for hover text (`[]Container`, `map[string]string`). */
export function describeType(node: SchemaNode): string {
  switch (node.type) {
    case 'array': return `[]${node.items ? describeType(node.items) : 'any'}`;
    case 'map': return `map[string]${node.values ? describeType(node.values) : 'any'}`;
    case 'object': return node.typeName ?? 'object';
    default: return node.type;
  }
}

/**
 * fieldHelp renders a node as Markdown for hover: type, API doc, allowed values, default,
 * limits, the Kubernetes version that added it, and the docs link.
 */
export function fieldHelp(node: SchemaNode, name?: string): string {
  const lines: string[] = [];
  lines.push(`**${name ?? node.typeName ?? 'value'}** \`${describeType(node)}\`${node.required ? ' (required)' : ''}`);
  if (node.description) lines.push('', node.description);
  const facts: string[] = [];
  if (node.enum) facts.push(`Values: ${node.enum.map((v) => `\`${v}\``).join(', ')}`);
  if (node.default !== undefined) facts.push(`Default: \`${String(node.default)}\``);
  if (node.minimum !== undefined) facts.push(`Minimum: ${node.minimum}`);
  if (node.maximum !== undefined) facts.push(`Maximum: ${node.maximum}`);
  if (node.addedIn) facts.push(`Since Kubernetes ${node.addedIn}`);
  if (facts.length > 0) lines.push('', facts.join(' · '));
  if (node.docsUrl) lines.push('', `[Kubernetes documentation](${node.docsUrl})`);
  return lines.join('\n');
}
