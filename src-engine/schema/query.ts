import { FIELD_VERSIONS, RAW_SCHEMA } from '../generated/schema';
import type { WorkloadKind } from '../parse/manifests';
import type { PathSegment } from '../parse/fieldPath';
import { FIELD_FACTS } from './facts';
import type { FieldFacts } from './facts';
import { KUBERNETES_VERSIONS, NEWEST_KUBERNETES_VERSION, compareKubernetesVersions } from './kubernetesVersion';
import type { KubernetesVersion } from './kubernetesVersion';
import type { SchemaType } from './types';

/**
 * One node of the Job/CronJob schema of one Kubernetes version: what a field accepts and what
 * the API docs say about it, with the facts of facts.ts (allowed values, default, limits, the
 * version that added it, its docs page) over the OpenAPI's. Used by the validator (unknown
 * fields, wrong types) and by hover and completion.
 */
export interface SchemaNode extends FieldFacts {
  readonly type: SchemaType;
  /** The object type's name for `object` nodes (`PodSpec`), from the Kubernetes API. */
  readonly typeName?: string;
  /** The version whose fields an `object` node has. */
  readonly version?: KubernetesVersion;
  /** Element schema of an `array`. */
  readonly items?: SchemaNode;
  /** Value schema of a `map` (keys are strings). */
  readonly values?: SchemaNode;
  /** The field's API doc (or the type's, for a root or list item). */
  readonly description?: string;
  /** Required by the OpenAPI schema (the API server's validation may be stricter or looser). */
  readonly required?: boolean;
  /** The first supported version that has the field, when older supported versions lack it. */
  readonly since?: KubernetesVersion;
  /** The last supported version that has the field, when newer ones removed it. */
  readonly until?: KubernetesVersion;
}

/** A named property of an object node. */
export interface SchemaProperty extends SchemaNode {
  readonly name: string;
}

/** Per version, per type name (two levels: the validator looks properties up for every key it walks). */
const properties = new Map<KubernetesVersion, Map<string, ReadonlyMap<string, SchemaProperty>>>();
const objects = new Map<KubernetesVersion, Map<string, SchemaNode>>();

function cacheOf<T>(caches: Map<KubernetesVersion, Map<string, T>>, version: KubernetesVersion): Map<string, T> {
  let cache = caches.get(version);
  if (!cache) caches.set(version, (cache = new Map()));
  return cache;
}

/**
 * decode builds a node from the generated type string (`#Name`, `[]T`, `{}T`, scalars); enum
 * `values` belong to the scalar at the bottom (the items of a list of enums).
 */
function decode(encoded: string, version: KubernetesVersion, values?: readonly string[]): SchemaNode {
  if (encoded.startsWith('[]')) return { type: 'array', items: decode(encoded.slice(2), version, values) };
  if (encoded.startsWith('{}')) return { type: 'map', values: decode(encoded.slice(2), version, values) };
  if (encoded.startsWith('#')) return objectNode(encoded.slice(1), version);
  return values ? { type: encoded as SchemaType, enum: values } : { type: encoded as SchemaType };
}

function objectNode(typeName: string, version: KubernetesVersion): SchemaNode {
  const cache = cacheOf(objects, version);
  let node = cache.get(typeName);
  if (!node) {
    const raw = RAW_SCHEMA[typeName];
    node = { type: 'object', typeName, version, ...(raw?.d ? { description: raw.d } : {}) };
    cache.set(typeName, node);
  }
  return node;
}

/** newerThan: `a` is set and a later version than `b`. */
const newerThan = (a: string | undefined, b: string): boolean => a !== undefined && compareKubernetesVersions(a, b) > 0;

function propertyMap(typeName: string, version: KubernetesVersion): ReadonlyMap<string, SchemaProperty> {
  const cache = cacheOf(properties, version);
  let map = cache.get(typeName);
  if (map) return map;
  const built = new Map<string, SchemaProperty>();
  const raw = RAW_SCHEMA[typeName];
  if (raw) {
    for (const name of Object.keys(raw.p)) {
      const span = FIELD_VERSIONS[`${typeName}.${name}`];
      // A field this version does not have is not a property of it (an unknown field there).
      if (newerThan(span?.since, version) || newerThan(version, span?.until ?? version)) {
        continue;
      }
      const [encoded, description, requiredNewest, values] = raw.p[name]!;
      const required = span?.requiredSince
        ? !newerThan(span.requiredSince, version)
        : span?.requiredUntil
          ? !newerThan(version, span.requiredUntil)
          : requiredNewest === 1;
      const facts = FIELD_FACTS[`${typeName}.${name}`];
      built.set(name, {
        ...decode(encoded, version, values),
        name,
        ...(description ? { description } : {}),
        ...(required ? { required: true } : {}),
        ...(span?.since ? { since: span.since as KubernetesVersion } : {}),
        ...(span?.until ? { until: span.until as KubernetesVersion } : {}),
        ...facts,
      });
    }
  }
  map = built;
  cache.set(typeName, map);
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

/** rootSchema is the schema of a whole Job or CronJob document in a Kubernetes version. */
export function rootSchema(kind: WorkloadKind, version: KubernetesVersion = NEWEST_KUBERNETES_VERSION): SchemaNode {
  return objectNode(kind, version);
}

/** propertyOf looks up one property of an object node (in the node's version). */
export function propertyOf(node: SchemaNode, name: string): SchemaProperty | undefined {
  return propertiesByName(node).get(name);
}

const NO_PROPERTIES: ReadonlyMap<string, SchemaProperty> = new Map();

/**
 * propertiesByName: an object node's properties by name (empty for other nodes), for a walk
 * that looks up every key of one object (one lookup of the type per object, not per key).
 */
export function propertiesByName(node: SchemaNode): ReadonlyMap<string, SchemaProperty> {
  let map = propertiesOfNode.get(node);
  if (map === undefined) {
    map =
      node.type === 'object' && node.typeName
        ? propertyMap(node.typeName, node.version ?? NEWEST_KUBERNETES_VERSION)
        : NO_PROPERTIES;
    propertiesOfNode.set(node, map);
  }
  return map;
}

/** Each node's properties, remembered per node (nodes are made once per version): one lookup per object walked. */
const propertiesOfNode = new WeakMap<SchemaNode, ReadonlyMap<string, SchemaProperty>>();

/** propertiesOf lists an object node's properties in name order (empty for other nodes). */
export function propertiesOf(node: SchemaNode): readonly SchemaProperty[] {
  return node.type === 'object' && node.typeName
    ? [...propertyMap(node.typeName, node.version ?? NEWEST_KUBERNETES_VERSION).values()]
    : [];
}

/**
 * schemaAt follows a field path (`['spec', 'template', 'spec', 'containers', 0, 'image']`)
 * from a kind's root; list indexes and map keys step into items/values. Undefined when the
 * path leaves the schema (an unknown field).
 */
export function schemaAt(
  kind: WorkloadKind,
  segments: readonly PathSegment[],
  version: KubernetesVersion = NEWEST_KUBERNETES_VERSION,
): SchemaNode | undefined {
  let node: SchemaNode | undefined = rootSchema(kind, version);
  for (const segment of segments) {
    if (!node) return undefined;
    if (node.type === 'array') node = node.items;
    else if (node.type === 'map') node = node.values;
    else if (node.type === 'object' && typeof segment === 'string') node = propertyOf(node, segment);
    else return undefined;
  }
  return node;
}

/** fieldOfSomeVersion: `typeName.field` exists in at least one supported version. */
export function fieldOfSomeVersion(typeName: string, field: string): boolean {
  const properties = RAW_SCHEMA[typeName]?.p;
  return properties !== undefined && Object.hasOwn(properties, field);
}

/**
 * versionsOfField: the supported versions that have `typeName.field` (oldest and newest), or
 * undefined when none does. For messages: "added in 1.34", "only in 1.35".
 */
export function versionsOfField(
  typeName: string,
  field: string,
): { readonly since: KubernetesVersion; readonly until: KubernetesVersion } | undefined {
  if (!fieldOfSomeVersion(typeName, field)) return undefined;
  const span = FIELD_VERSIONS[`${typeName}.${field}`];
  return {
    since: (span?.since ?? KUBERNETES_VERSIONS[0]) as KubernetesVersion,
    until: (span?.until ?? KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1]) as KubernetesVersion,
  };
}

/** fieldNamesOfSomeVersion: every field `typeName` has in at least one supported version. */
export function fieldNamesOfSomeVersion(typeName: string): readonly string[] {
  return Object.keys(RAW_SCHEMA[typeName]?.p ?? {});
}

/** typeSchema is the node of an API type by name (`PodSpec`) in a version. */
export function typeSchema(typeName: string, version: KubernetesVersion = NEWEST_KUBERNETES_VERSION): SchemaNode {
  return objectNode(typeName, version);
}

/**
 * schemaInSomeVersion finds a path that `version` does not know in the newest version that has
 * it (hover on `hostnameOverride` for a 1.33 cluster still shows the field's docs and when it
 * came). Undefined when no supported version has it.
 */
export function schemaInSomeVersion(
  kind: WorkloadKind,
  segments: readonly PathSegment[],
): { readonly node: SchemaNode; readonly version: KubernetesVersion } | undefined {
  for (let i = KUBERNETES_VERSIONS.length - 1; i >= 0; i--) {
    const version = KUBERNETES_VERSIONS[i]!;
    const node = schemaAt(kind, segments, version);
    if (node) return { node, version };
  }
  return undefined;
}

/** describeType renders a node's type for hover text (`[]Container`, `map[string]string`). */
export function describeType(node: SchemaNode): string {
  switch (node.type) {
    case 'array':
      return `[]${node.items ? describeType(node.items) : 'any'}`;
    case 'map':
      return `map[string]${node.values ? describeType(node.values) : 'any'}`;
    case 'object':
      return node.typeName ?? 'object';
    default:
      return node.type;
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
