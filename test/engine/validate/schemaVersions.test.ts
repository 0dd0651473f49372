// The field schema the engine serves for each supported Kubernetes version, compared with that
// release's published OpenAPI documents (api/openapi-spec/v3 of the release): the closure of
// Job and CronJob as test/fixtures/openapi/<version>.json holds it (written from the documents
// by scripts/compareSchemaWithOpenApi.mjs --write-fixture). Every type, field, JSON type and
// required flag must agree, so a version whose schema falls behind its release fails here.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KUBERNETES_VERSIONS, propertiesOf, rootSchema } from '../../../src-engine';
import type { KubernetesVersion, SchemaNode } from '../../../src-engine';
import { fixturePath } from '../../helpers/paths';

type Closure = Record<string, Record<string, string>>;

/** The schema's type string for a node, in the fixture's notation (`#Name`, `[]T`, `{}T`). */
function encode(node: SchemaNode): string {
  switch (node.type) {
    case 'array':
      return `[]${encode(node.items!)}`;
    case 'map':
      return `{}${encode(node.values!)}`;
    case 'object':
      return `#${node.typeName}`;
    default:
      return node.type;
  }
}

function served(version: KubernetesVersion): Closure {
  const closure: Closure = {};
  const queue: SchemaNode[] = [rootSchema('Job', version), rootSchema('CronJob', version)];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (closure[node.typeName!]) continue;
    const fields: Record<string, string> = {};
    closure[node.typeName!] = fields;
    for (const property of propertiesOf(node)) {
      const required = property.required && property.name !== 'apiVersion' && property.name !== 'kind';
      fields[property.name] = `${encode(property)}${required ? '!' : ''}`;
      let inner: SchemaNode | undefined = property;
      while (inner && inner.type !== 'object') inner = inner.items ?? inner.values;
      if (inner?.typeName) queue.push(inner);
    }
  }
  return closure;
}

describe('the schema of each Kubernetes version against its OpenAPI documents', () => {
  for (const version of KUBERNETES_VERSIONS) {
    it(`Kubernetes ${version}`, () => {
      const published = JSON.parse(fs.readFileSync(fixturePath('openapi', `${version}.json`), 'utf8')) as Closure;
      const ours = served(version);
      const problems: string[] = [];
      for (const [type, fields] of Object.entries(published)) {
        if (!ours[type]) {
          // A free-form object (FieldsV1) is `any` in the OpenAPI and has no fields of its own.
          if (Object.keys(fields).length > 0) problems.push(`missing type ${type}`);
          continue;
        }
        for (const [field, want] of Object.entries(fields)) {
          const got = ours[type]![field];
          const freeForm = want.replace('!', '') === 'any' && got?.startsWith('#');
          if (got !== want && !freeForm) problems.push(`${type}.${field}: ${got ?? 'missing'}, OpenAPI ${want}`);
        }
        for (const field of Object.keys(ours[type]!)) if (!(field in fields)) problems.push(`extra field ${type}.${field}`);
      }
      for (const type of Object.keys(ours)) if (!published[type]) problems.push(`extra type ${type}`);
      assert.deepEqual(problems, [], `${path.basename(fixturePath('openapi', `${version}.json`))}`);
    });
  }
});
