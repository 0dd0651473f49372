// Compares the generated schema (src-engine/generated/schema.ts) with a Kubernetes release's
// published OpenAPI v3 documents: every type of the Job/CronJob closure, its fields, their JSON
// types, required flags and (where the documents have them) enum values. A maintenance tool for updating the schema source or
// adding a version (the documents are api/openapi-spec/v3/{api__v1,apis__batch__v1}_openapi.json
// of a Kubernetes release); prints the differences and exits 1 when there are any.
//
// Usage: node scripts/compareSchemaWithOpenApi.mjs CORE_V1_JSON BATCH_V1_JSON
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [corePath, batchPath] = process.argv.slice(2);
if (!corePath || !batchPath) {
  console.error('usage: compareSchemaWithOpenApi.mjs CORE_V1_JSON BATCH_V1_JSON');
  process.exit(2);
}
const generated = readFileSync(resolve(root, 'src-engine/generated/schema.ts'), 'utf8');
const schema = JSON.parse(/RAW_SCHEMA: RawSchema = (.*);\s*$/s.exec(generated)[1]);
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
const seen = new Set();
const queue = ['io.k8s.api.batch.v1.Job', 'io.k8s.api.batch.v1.CronJob'];
while (queue.length > 0) {
  const full = queue.shift();
  if (seen.has(full)) continue;
  seen.add(full);
  const doc = docs[full];
  const name = shortName(full);
  const ours = schema[name];
  if (!ours) {
    problems.push(`missing type ${name}`);
    continue;
  }
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
    const row = ours.p[field];
    if (!row) {
      problems.push(`missing field ${name}.${field}`);
      continue;
    }
    const want = encode(p);
    if (row[0] !== want && !(want === 'any' && row[0].startsWith('#')))
      problems.push(`${name}.${field}: type ${row[0]}, OpenAPI ${want}`);
    // The documents in the Kubernetes tree carry no enums (the served spec does): compare when present.
    const values = p.enum ?? p.items?.enum;
    if (values && JSON.stringify([...(values ?? [])].sort()) !== JSON.stringify([...(row[3] ?? [])].sort())) {
      problems.push(`${name}.${field}: enum ${JSON.stringify(row[3] ?? [])}, OpenAPI ${JSON.stringify(values ?? [])}`);
    }
    const required = (doc.required ?? []).includes(field) && field !== 'apiVersion' && field !== 'kind';
    if (required !== (row[2] === 1)) problems.push(`${name}.${field}: required ${row[2] === 1}, OpenAPI ${required}`);
  }
  for (const field of Object.keys(ours.p)) if (!(field in (doc.properties ?? {}))) problems.push(`extra field ${name}.${field}`);
}
for (const name of Object.keys(schema)) if (![...seen].some((f) => shortName(f) === name)) problems.push(`extra type ${name}`);
console.log(problems.length === 0 ? `the schema matches the OpenAPI documents (${seen.size} types)` : problems.join('\n'));
process.exit(problems.length === 0 ? 0 : 1);
