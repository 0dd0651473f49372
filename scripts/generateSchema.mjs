// Generates src-engine/generated/schema.ts: the field schema of batch/v1 Job and CronJob and
// every type they reference (core/v1 PodSpec, meta/v1 ObjectMeta, ...), read with the
// TypeScript compiler API from the `kubernetes-types` package (.d.ts files generated from the
// Kubernetes OpenAPI, with the API docs as JSDoc).
//
// Why generated: the validator reports unknown fields and wrong JSON types anywhere in a
// manifest, and hover/completion show the API docs; hand-writing ~200 types would drift.
// Facts that the .d.ts files do not carry (enums, defaults, minimums, the Kubernetes version
// that added a batch field) live in src-engine/schema/facts.ts, and fields newer than the
// package (kubernetes-types lags the API) in FIELDS_NEWER_THAN_PACKAGE below.
//
// Usage: node scripts/generateSchema.mjs           write the file
//        node scripts/generateSchema.mjs --check   exit 1 if the committed file is stale (CI)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('kubernetes-types/package.json', { paths: [root] }));
const pkgVersion = JSON.parse(readFileSync(resolve(pkgDir, 'package.json'), 'utf8')).version;
const target = resolve(root, 'src-engine/generated/schema.ts');

/**
 * Fields the API has gained since the kubernetes-types release we read (1.30 at the time of
 * writing), so manifests using them are not reported as unknown. Type strings use the
 * encoding described in src-engine/schema/types.ts. Keep this short and cite the version.
 */
const FIELDS_NEWER_THAN_PACKAGE = {
  PodSpec: {
    resources: ['#ResourceRequirements', 'Pod-level resource requests and limits (alpha 1.32, beta 1.34).'],
    hostnameOverride: ['string', 'Overrides the pod hostname (alpha 1.34).'],
  },
  Container: {
    restartPolicyRules: ['[]#ContainerRestartRule', 'Per-exit-code container restart rules (alpha 1.34).'],
  },
  ContainerRestartRule: {
    action: ['string', 'Action when the rule matches: Restart.', true],
    exitCodes: ['#ContainerRestartRuleOnExitCodes', 'Exit codes that trigger the rule.'],
  },
  ContainerRestartRuleOnExitCodes: {
    operator: ['string', 'In or NotIn.', true],
    values: ['[]integer', 'Exit codes.'],
  },
  Lifecycle: {
    stopSignal: ['string', 'Signal sent to stop the container (alpha 1.33).'],
  },
  EnvVarSource: {
    fileKeyRef: ['#FileKeySelector', 'Reads the variable from a file in an emptyDir volume (alpha 1.34).'],
  },
  Volume: {
    image: ['#ImageVolumeSource', 'An OCI image or artifact mounted as a volume (alpha 1.31, beta 1.33).'],
  },
  ImageVolumeSource: {
    reference: ['string', 'Image or artifact reference to pull.'],
    pullPolicy: ['string', 'Always, Never or IfNotPresent.'],
  },
  PodSecurityContext: {
    seLinuxChangePolicy: ['string', 'How the SELinux label is applied to volumes: Recursive or MountOption (1.32).'],
    supplementalGroupsPolicy: ['string', 'How supplemental groups are computed: Merge or Strict (1.31).'],
  },
  ResourceClaim: {
    request: ['string', 'Name of one request within the claim to expose to the container (1.31).'],
  },
  FileKeySelector: {
    volumeName: ['string', 'The emptyDir volume holding the file.', true],
    path: ['string', 'Path of the file inside the volume.', true],
    key: ['string', 'Key to read from the file.', true],
    optional: ['boolean', 'Whether the file or key may be missing.'],
  },
};

const files = ['batch/v1.d.ts', 'core/v1.d.ts', 'meta/v1.d.ts', 'api/resource.d.ts', 'runtime.d.ts'].map((f) => resolve(pkgDir, f));
const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true, types: [] });
const checker = program.getTypeChecker();
const batch = program.getSourceFile(files[0]);

/** @type {Map<string, {d?: string, p: Record<string, [string, string?, 1?]>}>} */
const types = new Map();
const queue = [];
const seenDecl = new Map();

function docOf(symbol) {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  return text.replace(/\r/g, '').replace(/\n{2,}/g, '\n\n');
}

function aliasName(type) {
  return type.aliasSymbol?.getName();
}

/**
 * encodeNode reads the declared type syntax first: `Quantity` is an alias of `string`, and
 * the checker forgets aliases of primitives, so only the syntax still says "quantity".
 */
function encodeNode(typeNode) {
  if (typeNode && ts.isTypeReferenceNode(typeNode)) {
    const name = typeNode.typeName.getText();
    if (name === 'Quantity') return 'quantity';
    if (name === 'Array' && typeNode.typeArguments?.length === 1) return `[]${encodeNode(typeNode.typeArguments[0])}`;
  }
  if (typeNode && ts.isTypeLiteralNode(typeNode) && typeNode.members.length === 1 && ts.isIndexSignatureDeclaration(typeNode.members[0])) {
    return `{}${encodeNode(typeNode.members[0].type)}`;
  }
  return encode(checker.getTypeFromTypeNode(typeNode));
}

/** encode turns a TS type into the compact type string of src-engine/schema/types.ts. */
function encode(type, node) {
  const alias = aliasName(type);
  if (alias === 'Quantity') return 'quantity';
  if (alias === 'Time' || alias === 'MicroTime') return 'string';
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    const hasNumber = parts.some((t) => t.flags & ts.TypeFlags.NumberLike);
    const hasString = parts.some((t) => t.flags & ts.TypeFlags.StringLike);
    if (hasNumber && hasString) return 'int-or-string';
    if (parts.length > 0 && parts.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return 'boolean';
    if (parts.length === 1) return encode(parts[0], node);
    if (parts.every((t) => t.flags & ts.TypeFlags.StringLike)) return 'string';
    throw new Error(`unsupported union ${checker.typeToString(type)}`);
  }
  if (type.flags & ts.TypeFlags.StringLike) return 'string';
  if (type.flags & ts.TypeFlags.NumberLike) return 'integer';
  if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean';
  if (type.flags & ts.TypeFlags.Any || type.flags & ts.TypeFlags.Unknown) return 'any';
  if (checker.isArrayType(type)) {
    const [item] = checker.getTypeArguments(type);
    return `[]${encode(item, node)}`;
  }
  const index = checker.getIndexInfosOfType(type)[0];
  if (index && type.getProperties().length === 0) return `{}${encode(index.type, node)}`;
  const symbol = type.getSymbol();
  if (symbol && (symbol.flags & ts.SymbolFlags.Interface)) {
    const name = symbol.getName();
    if (type.getProperties().length === 0) return 'any';
    const decl = symbol.declarations?.[0];
    const known = seenDecl.get(name);
    if (known && known !== decl) throw new Error(`two types named ${name}: add a qualifier`);
    if (!known) {
      seenDecl.set(name, decl);
      queue.push(type);
    }
    return `#${name}`;
  }
  throw new Error(`unsupported type ${checker.typeToString(type)}`);
}

function visit(type) {
  const symbol = type.getSymbol();
  const name = symbol.getName();
  if (types.has(name)) return;
  const entry = { p: {} };
  const doc = docOf(symbol);
  if (doc) entry.d = doc;
  types.set(name, entry);
  for (const prop of type.getProperties()) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    const encoded = decl.type ? encodeNode(decl.type) : encode(checker.getTypeOfSymbolAtLocation(prop, decl));
    const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
    const row = [encoded];
    const propDoc = docOf(prop);
    row.push(propDoc);
    if (!optional) row.push(1);
    entry.p[prop.getName()] = row;
  }
}

for (const rootName of ['Job', 'CronJob']) {
  const symbol = checker.getSymbolAtLocation(batch.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === rootName).name);
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  seenDecl.set(rootName, symbol.declarations[0]);
  queue.push(type);
}
while (queue.length > 0) visit(queue.shift());

// Newer fields: add types first, then properties.
for (const [typeName, props] of Object.entries(FIELDS_NEWER_THAN_PACKAGE)) {
  if (!types.has(typeName)) types.set(typeName, { p: {} });
  const entry = types.get(typeName);
  for (const [propName, [encoded, doc, required]] of Object.entries(props)) {
    if (entry.p[propName]) continue;
    entry.p[propName] = required ? [encoded, doc, 1] : [encoded, doc];
  }
}
for (const entry of types.values()) {
  for (const [encoded] of Object.values(entry.p)) {
    const ref = /#(\w+)$/.exec(encoded)?.[1];
    if (ref && !types.has(ref)) throw new Error(`dangling reference ${ref}`);
  }
}

const sorted = Object.fromEntries([...types.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, entry]) => {
  const props = Object.fromEntries(Object.entries(entry.p).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return [name, { ...(entry.d ? { d: entry.d } : {}), p: props }];
}));

const out = `// Generated by scripts/generateSchema.mjs from kubernetes-types ${pkgVersion}. Do not edit.
import type { RawSchema } from '../schema/types';

export const SCHEMA_SOURCE = ${JSON.stringify(`kubernetes-types ${pkgVersion}`)};

export const RAW_SCHEMA: RawSchema = ${JSON.stringify(sorted)};
`;

if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== out) {
    console.error(`${target} is out of date: run npm run gen and commit it`);
    process.exit(1);
  }
  console.log(`${target} is up to date`);
} else {
  writeFileSync(target, out);
  console.log(`wrote ${target}: ${types.size} types (kubernetes-types ${pkgVersion})`);
}
