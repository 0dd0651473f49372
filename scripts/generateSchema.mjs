// Generates src-engine/generated/schema.ts: the field schema of batch/v1 Job and CronJob and
// every type they reference (core/v1 PodSpec, meta/v1 ObjectMeta, ...) for every supported
// Kubernetes version, read with the TypeScript compiler API from the `kubernetes-models` package
// (.d.ts files generated from the Kubernetes OpenAPI, with the API docs as JSDoc and enums as
// string literal unions).
//
// Why generated: the validator reports unknown fields and wrong JSON types anywhere in a
// manifest, rules check enum values, and hover/completion show the API docs and values;
// hand-writing ~200 types would drift. The package is generated from one Kubernetes release;
// scripts/schemaVersions.mjs says which, and how the closure changed between versions, so
// generateSchema(source, version) gives any supported version from it. The file holds one table
// for all versions (most of it is equal between them): the union of their types and fields, and
// FIELD_VERSIONS, the versions a field exists in (or is required in) where that is not all of
// them. Facts the .d.ts files do not carry (defaults, minimums, the version that added a batch
// field) live in src-engine/schema/facts.ts.
//
// Usage: node scripts/generateSchema.mjs           write the file (Kubernetes 1.32–1.36)
//        node scripts/generateSchema.mjs --check   exit 1 if the committed file is stale (CI)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  FORBIDDEN_FIELDS,
  REQUIRED_FIELDS,
  SOURCE_KUBERNETES_VERSION,
  SUPPORTED_VERSIONS,
  VERSION_CHANGES,
  compareVersions,
} from './schemaVersions.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const TARGET = resolve(root, 'src-engine/generated/schema.ts');
const DEFAULT_SOURCE = 'kubernetes-models@5.1.0';

/** The package a source name (`kubernetes-models@5.1.0`) points at, checked against what is installed. */
function sourceDir(source) {
  const [name, version] = source.split('@');
  const dir = dirname(require.resolve(`${name}/package.json`, { paths: [root] }));
  const installed = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')).version;
  if (installed !== version) throw new Error(`${source} is wanted but ${name}@${installed} is installed: run npm ci`);
  return dir;
}

/** readSource walks Job and CronJob in the package's .d.ts files and returns the type table. */
function readSource(dir) {
  const files = ['batch/v1/Job.d.ts', 'batch/v1/CronJob.d.ts'].map((f) => resolve(dir, f));
  const program = ts.createProgram(files, {
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  });
  const checker = program.getTypeChecker();
  /** @type {Map<string, {d?: string, p: Record<string, unknown[]>}>} */
  const types = new Map();
  const declOfName = new Map();
  const queue = [];

  const docOf = (symbol) =>
    ts
      .displayPartsToString(symbol.getDocumentationComment(checker))
      .trim()
      .replace(/\r/g, '')
      .replace(/\n{2,}/g, '\n\n');
  /** `IContainerPort` → `ContainerPort`; registers the interface for a visit. */
  function objectName(symbol) {
    const name = symbol.getName().replace(/^I(?=[A-Z])/, '');
    const decl = symbol.declarations?.[0];
    const known = declOfName.get(name);
    if (known && known !== decl) throw new Error(`two types named ${name}: add a qualifier`);
    if (!known) {
      declOfName.set(name, decl);
      queue.push({ name, symbol });
    }
    return name;
  }
  /** encode gives [type string, enum values] for a declared property type. */
  function encode(typeNode) {
    if (ts.isParenthesizedTypeNode(typeNode)) return encode(typeNode.type);
    if (ts.isTypeReferenceNode(typeNode)) {
      const name = typeNode.typeName.getText();
      if (/ResourceQuantity$/.test(name)) return ['quantity'];
      if (/IntOrString$/.test(name)) return ['int-or-string'];
      if (/V1(Micro)?Time$/.test(name)) return ['string'];
      if (name === 'Array' && typeNode.typeArguments?.length === 1) {
        const [item, values] = encode(typeNode.typeArguments[0]);
        return [`[]${item}`, values];
      }
    }
    if (ts.isArrayTypeNode(typeNode)) {
      const [item, values] = encode(typeNode.elementType);
      return [`[]${item}`, values];
    }
    if (ts.isTypeLiteralNode(typeNode) && typeNode.members.length === 1 && ts.isIndexSignatureDeclaration(typeNode.members[0])) {
      const [value, values] = encode(typeNode.members[0].type);
      return [`{}${value}`, values];
    }
    if (ts.isUnionTypeNode(typeNode) && typeNode.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
      return ['string', typeNode.types.map((t) => t.literal.text)];
    }
    return [encodeType(checker.getTypeFromTypeNode(typeNode))];
  }
  function encodeType(type) {
    if (type.isUnion()) {
      const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
      if (parts.some((t) => t.flags & ts.TypeFlags.NumberLike) && parts.some((t) => t.flags & ts.TypeFlags.StringLike)) {
        return 'int-or-string';
      }
      if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return 'boolean';
      if (parts.every((t) => t.flags & ts.TypeFlags.StringLike)) return 'string';
      if (parts.length === 1) return encodeType(parts[0]);
      throw new Error(`unsupported union ${checker.typeToString(type)}`);
    }
    if (type.flags & ts.TypeFlags.StringLike) return 'string';
    if (type.flags & ts.TypeFlags.NumberLike) return 'integer';
    if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean';
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'any';
    if (checker.isArrayType(type)) return `[]${encodeType(checker.getTypeArguments(type)[0])}`;
    const index = checker.getIndexInfosOfType(type)[0];
    if (index && type.getProperties().length === 0) return `{}${encodeType(index.type)}`;
    const symbol = type.getSymbol();
    if (symbol && symbol.flags & ts.SymbolFlags.Interface) {
      return type.getProperties().length === 0 ? 'any' : `#${objectName(symbol)}`;
    }
    if (symbol && type.getProperties().length === 0) return 'any';
    throw new Error(`unsupported type ${checker.typeToString(type)}`);
  }
  function visit({ name, symbol }) {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const entry = { p: {} };
    const doc = docOf(symbol);
    if (doc) entry.d = doc;
    types.set(name, entry);
    for (const prop of type.getProperties()) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      // apiVersion and kind come from TypeMeta as literals ("batch/v1", "Job"): plain strings here.
      const typeMeta = prop.getName() === 'apiVersion' || prop.getName() === 'kind';
      const [encoded, values] = typeMeta
        ? ['string']
        : decl.type
          ? encode(decl.type)
          : [encodeType(checker.getTypeOfSymbolAtLocation(prop, decl))];
      const required = !typeMeta && (prop.flags & ts.SymbolFlags.Optional) === 0;
      entry.p[prop.getName()] = row(encoded, docOf(prop), required, values);
    }
  }
  for (const file of files) {
    const source = program.getSourceFile(file);
    const decl = source.statements.find((s) => ts.isInterfaceDeclaration(s) && /^I(Job|CronJob)$/.test(s.name.text));
    objectName(checker.getSymbolAtLocation(decl.name));
  }
  while (queue.length > 0) visit(queue.shift());
  return types;
}

/** One property row: [type, doc, required 0|1, enum values] with trailing empties trimmed. */
function row(encoded, doc, required, values) {
  const out = [encoded, doc ?? '', required ? 1 : 0, ...(values && values.length > 0 ? [values] : [])];
  while (out.length > 1 && (out[out.length - 1] === 0 || out[out.length - 1] === '')) out.pop();
  return out;
}

/** atVersion walks VERSION_CHANGES back from the source's version down to `version`. */
function atVersion(types, sourceVersion, version) {
  if (compareVersions(version, sourceVersion) > 0) {
    throw new Error(`the source is Kubernetes ${sourceVersion}, older than ${version}`);
  }
  const changes = VERSION_CHANGES.filter(
    (c) => compareVersions(c.version, version) > 0 && compareVersions(c.version, sourceVersion) <= 0,
  ).sort((a, b) => compareVersions(b.version, a.version));
  for (const change of changes) {
    for (const [typeName, fields] of Object.entries(change.added ?? {})) {
      for (const field of fields) delete types.get(typeName)?.p[field];
    }
    for (const [paths, required] of [
      [change.madeRequired ?? [], false],
      [change.madeOptional ?? [], true],
    ]) {
      for (const path of paths) {
        const [typeName, field] = path.split('.');
        const current = types.get(typeName)?.p[field];
        if (current) types.get(typeName).p[field] = row(current[0], current[1], required, current[3]);
      }
    }
    for (const [typeName, fields] of Object.entries(change.removed ?? {})) {
      if (!types.has(typeName)) types.set(typeName, { p: {} });
      const entry = types.get(typeName);
      for (const [field, value] of Object.entries(fields)) {
        if (field === '$doc') entry.d = value;
        else entry.p[field] = row(value[0], value[1], value[2] === 1);
      }
    }
  }
  // Types no longer referenced (PodSchedulingGroup below 1.36) leave the table.
  const reachable = new Set();
  const walk = (name) => {
    if (reachable.has(name) || !types.has(name)) return;
    reachable.add(name);
    for (const [encoded] of Object.values(types.get(name).p)) {
      const ref = /#(\w+)$/.exec(encoded)?.[1];
      if (ref) walk(ref);
    }
  };
  walk('Job');
  walk('CronJob');
  for (const name of [...types.keys()]) if (!reachable.has(name)) types.delete(name);
  return types;
}

/** checkFields fails generation when a version's sentinel fields are missing or too new. */
function checkFields(types, version) {
  const has = (path) => {
    const [typeName, field] = path.split('.');
    return types.get(typeName)?.p[field] !== undefined;
  };
  const missing = (REQUIRED_FIELDS[version] ?? []).filter((f) => !has(f));
  const extra = (FORBIDDEN_FIELDS[version] ?? []).filter(has);
  if (missing.length > 0) {
    throw new Error(`the schema for Kubernetes ${version} lacks ${missing.join(', ')}: update the source package`);
  }
  if (extra.length > 0) {
    throw new Error(`the schema for Kubernetes ${version} has ${extra.join(', ')}, added later: add a VERSION_CHANGES entry`);
  }
  for (const entry of types.values()) {
    for (const [encoded] of Object.values(entry.p)) {
      const ref = /#(\w+)$/.exec(encoded)?.[1];
      if (ref && !types.has(ref)) throw new Error(`dangling reference ${ref}`);
    }
  }
}

const byName = ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0);

/** A deep copy of a type table, so one read of the source serves every version. */
const copyTypes = (types) => new Map([...types].map(([name, entry]) => [name, { ...entry, p: { ...entry.p } }]));

/**
 * generateSchema returns the type table of one Kubernetes version, read from `source`
 * (`<package>@<version>`, one of SOURCE_KUBERNETES_VERSION's keys), checked against the
 * version's sentinel fields.
 */
export function generateSchema(source = DEFAULT_SOURCE, version = SUPPORTED_VERSIONS.at(-1), read = undefined) {
  const sourceVersion = SOURCE_KUBERNETES_VERSION[source];
  if (!sourceVersion) throw new Error(`unknown schema source ${source}`);
  const types = atVersion(copyTypes(read ?? readSource(sourceDir(source))), sourceVersion, version);
  checkFields(types, version);
  return types;
}

/**
 * mergeVersions folds the per-version tables into one: each field's row is its newest version's,
 * and `fieldVersions` says where a field is not in every version (`since`, `until`) or its
 * required flag differs between them (`requiredSince`, `requiredUntil`).
 */
function mergeVersions(tables) {
  const versions = [...tables.keys()];
  const union = new Map();
  const fieldVersions = {};
  for (const version of versions) {
    for (const [name, entry] of tables.get(version)) {
      const merged = union.get(name) ?? { p: {} };
      if (entry.d) merged.d = entry.d;
      for (const [field, value] of Object.entries(entry.p)) {
        const earlier = merged.p[field];
        if (earlier && earlier[0] !== value[0]) throw new Error(`${name}.${field} changes type between versions`);
        merged.p[field] = value;
      }
      union.set(name, merged);
    }
  }
  const range = (list) => {
    const first = versions.indexOf(list[0]);
    if (list.some((v, i) => versions.indexOf(v) !== first + i)) throw new Error(`not a contiguous range: ${list.join(', ')}`);
    return list;
  };
  for (const [name, entry] of union) {
    // A field of a type that exists only in some versions (FileKeySelector) needs no span of its
    // own when it is there whenever its type is: the field that reaches the type carries it.
    const typeIn = versions.filter((v) => tables.get(v).has(name));
    for (const field of Object.keys(entry.p)) {
      const present = range(versions.filter((v) => tables.get(v).get(name)?.p[field] !== undefined));
      const required = present.filter((v) => tables.get(v).get(name).p[field][2] === 1);
      const span = {};
      if (present.length !== typeIn.length) {
        if (present[0] !== versions[0]) span.since = present[0];
        if (present.at(-1) !== versions.at(-1)) span.until = present.at(-1);
      }
      if (required.length > 0 && required.length < present.length) {
        if (required[0] === present[0]) span.requiredUntil = range(required).at(-1);
        else if (required.at(-1) === present.at(-1)) span.requiredSince = range(required)[0];
        else throw new Error(`${name}.${field}: required in the middle of its versions`);
      }
      if (Object.keys(span).length > 0) fieldVersions[`${name}.${field}`] = span;
    }
  }
  return { union, fieldVersions };
}

/** generateSchemaFile returns the text of src-engine/generated/schema.ts for every supported version. */
export function generateSchemaFile(source = DEFAULT_SOURCE) {
  const read = readSource(sourceDir(source));
  const tables = new Map(SUPPORTED_VERSIONS.map((version) => [version, generateSchema(source, version, read)]));
  const { union, fieldVersions } = mergeVersions(tables);
  const sorted = Object.fromEntries(
    [...union.entries()]
      .sort(byName)
      .map(([name, entry]) => [
        name,
        { ...(entry.d ? { d: entry.d } : {}), p: Object.fromEntries(Object.entries(entry.p).sort(byName)) },
      ]),
  );
  const spans = Object.fromEntries(Object.entries(fieldVersions).sort(byName));
  const origin = `${source} (Kubernetes ${SOURCE_KUBERNETES_VERSION[source]})`;
  return {
    typeCount: union.size,
    text: `// Generated by scripts/generateSchema.mjs from ${origin} for Kubernetes ${SUPPORTED_VERSIONS.join(', ')}. Do not edit.
import type { RawFieldVersions, RawSchema } from '../schema/types';

/** Where the schema comes from, for the README and hover. */
export const SCHEMA_SOURCE = ${JSON.stringify(origin)};

/** The Kubernetes versions this schema describes, oldest first. */
export const SCHEMA_KUBERNETES_VERSIONS = ${JSON.stringify(SUPPORTED_VERSIONS)} as const;

/** Fields that exist (or are required) only in some of those versions. */
export const FIELD_VERSIONS: RawFieldVersions = ${JSON.stringify(spans)};

/** Every type and field of any of those versions; a row is its newest version's. */
export const RAW_SCHEMA: RawSchema = ${JSON.stringify(sorted)};
`,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { text, typeCount } = generateSchemaFile();
  if (process.argv.includes('--check')) {
    const current = existsSync(TARGET) ? readFileSync(TARGET, 'utf8') : '';
    if (current !== text) {
      console.error(`${TARGET} is out of date: run npm run gen and commit it`);
      process.exit(1);
    }
    console.log(`${TARGET} is up to date`);
  } else {
    writeFileSync(TARGET, text);
    console.log(`wrote ${TARGET}: ${typeCount} types (Kubernetes ${SUPPORTED_VERSIONS[0]}–${SUPPORTED_VERSIONS.at(-1)})`);
  }
}
