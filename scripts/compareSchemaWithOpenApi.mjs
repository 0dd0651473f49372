// Compares the schema the generator gives for one Kubernetes version with that release's
// published OpenAPI v3 documents: every type of the Job/CronJob closure, its fields, their JSON
// types, required flags and (where the documents have them) enum values. A maintenance tool for
// updating the schema source or adding a version (the documents are
// api/openapi-spec/v3/{api__v1,apis__batch__v1}_openapi.json of a Kubernetes release); prints the
// differences and exits 1 when there are any.
//
// With --write-fixture it also writes test/fixtures/openapi/<version>.json, the closure as the
// documents give it ({"Type": {"field": "type", "required": "type!"}}), which
// test/engine/validate/schemaVersions.test.ts compares with what the engine serves for that
// version, so a bare clone checks every version without the documents.
//
// Usage: node scripts/compareSchemaWithOpenApi.mjs VERSION CORE_V1_JSON BATCH_V1_JSON [--write-fixture]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchema } from './generateSchema.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [version, corePath, batchPath] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!version || !corePath || !batchPath) {
  console.error('usage: compareSchemaWithOpenApi.mjs VERSION CORE_V1_JSON BATCH_V1_JSON [--write-fixture]');
  process.exit(2);
}
const schema = Object.fromEntries(generateSchema(undefined, version));
const docs = {
  ...JSON.parse(readFileSync(corePath, 'utf8')).components.schemas,
  ...JSON.parse(readFileSync(batchPath, 'utf8')).components.schemas,
};

const shortName = (ref) => ref.split('.').pop();
/** The generator's type string for an OpenAPI property. */
function encode(p) {
  const ref = p.$ref ?? p.allOf?.[0]?.$ref;
  if (ref) {
    const name = ref.split('/').pop();
    if (name.endsWith('resource.Quantity')) return 'quantity';
    if (name.endsWith('intstr.IntOrString')) return 'int-or-string';
    if (/meta\.v1\.(Micro)?Time$/.test(name)) return 'string';
    if (name.endsWith('meta.v1.FieldsV1')) return 'any';
    return `#${shortName(name)}`;
  }
  if (p.type === 'array') return `[]${encode(p.items)}`;
  if (p.type === 'object' && p.additionalProperties) return `{}${encode(p.additionalProperties)}`;
  if (p.type === 'object') return 'any';
  if (p.type === 'number') return 'integer';
  return p.type;
}
const problems = [];
const closure = {};
const seen = new Set();
const queue = ['io.k8s.api.batch.v1.Job', 'io.k8s.api.batch.v1.CronJob'];
while (queue.length > 0) {
  const full = queue.shift();
  if (seen.has(full)) continue;
  seen.add(full);
  const doc = docs[full];
  const name = shortName(full);
  const fields = (closure[name] = {});
  const ours = schema[name];
  if (!ours) problems.push(`missing type ${name}`);
  for (const [field, p] of Object.entries(doc.properties ?? {})) {
    const ref =
      p.$ref ??
      p.allOf?.[0]?.$ref ??
      p.items?.$ref ??
      p.items?.allOf?.[0]?.$ref ??
      p.additionalProperties?.$ref ??
      p.additionalProperties?.allOf?.[0]?.$ref;
    const target = ref?.split('/').pop();
    if (target && docs[target]?.properties) queue.push(target);
    const want = encode(p);
    const required = (doc.required ?? []).includes(field) && field !== 'apiVersion' && field !== 'kind';
    fields[field] = `${want}${required ? '!' : ''}`;
    const row = ours?.p[field];
    if (!ours) continue;
    if (!row) {
      problems.push(`missing field ${name}.${field}`);
      continue;
    }
    if (row[0] !== want && !(want === 'any' && row[0].startsWith('#'))) {
      problems.push(`${name}.${field}: type ${row[0]}, OpenAPI ${want}`);
    }
    // The documents in the Kubernetes tree carry no enums (the served spec does): compare when present.
    const values = p.enum ?? p.items?.enum;
    if (values && JSON.stringify([...values].sort()) !== JSON.stringify([...(row[3] ?? [])].sort())) {
      problems.push(`${name}.${field}: enum ${JSON.stringify(row[3] ?? [])}, OpenAPI ${JSON.stringify(values)}`);
    }
    if (required !== (row[2] === 1)) problems.push(`${name}.${field}: required ${row[2] === 1}, OpenAPI ${required}`);
  }
  for (const field of Object.keys(ours?.p ?? {})) {
    if (!(field in (doc.properties ?? {}))) problems.push(`extra field ${name}.${field}`);
  }
}
for (const name of Object.keys(schema)) if (![...seen].some((f) => shortName(f) === name)) problems.push(`extra type ${name}`);
if (process.argv.includes('--write-fixture')) {
  const target = resolve(root, 'test/fixtures/openapi', `${version}.json`);
  mkdirSync(dirname(target), { recursive: true });
  const sorted = Object.fromEntries(
    Object.keys(closure)
      .sort()
      .map((t) => [t, Object.fromEntries(Object.entries(closure[t]).sort())]),
  );
  writeFileSync(target, `${JSON.stringify(sorted, null, 1)}\n`);
  console.log(`wrote ${target}`);
}
console.log(
  problems.length === 0
    ? `Kubernetes ${version}: the schema matches the OpenAPI documents (${seen.size} types)`
    : `Kubernetes ${version}:\n${problems.join('\n')}`,
);
process.exit(problems.length === 0 ? 0 : 1);
