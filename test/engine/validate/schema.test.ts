import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeType, fieldHelp, propertiesOf, propertyOf, rootSchema, schemaAt } from '../../../src-engine';
import { REPO_ROOT } from '../../helpers/paths';

describe('generated schema', () => {
  it('walks from a CronJob down to a container field', () => {
    const image = schemaAt('CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.equal(image?.type, 'string');
    assert.match(image?.description ?? '', /image/i);
  });

  it('carries the batch facts: enum, default, minimum and version', () => {
    const mode = schemaAt('Job', ['spec', 'completionMode']);
    assert.deepEqual(mode?.enum, ['NonIndexed', 'Indexed']);
    assert.equal(mode?.default, 'NonIndexed');
    assert.equal(mode?.addedIn, '1.24');
    assert.equal(schemaAt('Job', ['spec', 'backoffLimit'])?.minimum, 0);
    assert.equal(schemaAt('Job', ['spec', 'backoffLimit'])?.default, 6);
    assert.equal(schemaAt('CronJob', ['spec', 'timeZone'])?.addedIn, '1.27');
    assert.equal(schemaAt('Job', ['spec', 'managedBy'])?.addedIn, '1.35');
    assert.deepEqual(schemaAt('CronJob', ['spec', 'concurrencyPolicy'])?.enum, ['Allow', 'Forbid', 'Replace']);
  });

  it('knows special types: int-or-string, quantity, maps and lists', () => {
    assert.equal(schemaAt('Job', ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'])?.type, 'integer');
    assert.equal(schemaAt('Job', ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe', 'httpGet', 'port'])?.type, 'int-or-string');
    assert.equal(schemaAt('Job', ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'])?.type, 'quantity');
    const labels = schemaAt('Job', ['metadata', 'labels']);
    assert.equal(labels && describeType(labels), 'map[string]string');
    const containers = schemaAt('Job', ['spec', 'template', 'spec', 'containers']);
    assert.equal(containers && describeType(containers), '[]Container');
  });

  it('lists properties for completion and answers undefined off the schema', () => {
    const spec = schemaAt('CronJob', ['spec']);
    assert.ok(spec);
    const names = propertiesOf(spec).map((p) => p.name);
    assert.ok(names.includes('schedule') && names.includes('jobTemplate') && names.includes('timeZone'));
    assert.equal(propertyOf(spec, 'schedule')?.required, true);
    assert.equal(schemaAt('Job', ['spec', 'nope']), undefined);
    assert.equal(rootSchema('Job').typeName, 'Job');
  });

  it('renders hover help with type, values, default and version', () => {
    const node = schemaAt('Job', ['spec', 'podReplacementPolicy']);
    assert.ok(node);
    const help = fieldHelp(node, 'podReplacementPolicy');
    assert.match(help, /^\*\*podReplacementPolicy\*\* `string`/);
    assert.match(help, /`TerminatingOrFailed`, `Failed`/);
    assert.match(help, /Since Kubernetes 1\.34/);
    assert.match(help, /\(https:\/\/kubernetes\.io\/docs\/concepts\/workloads\/controllers\/job\/#delayed-creation-of-replacement-pods\)/);
  });

  it('is up to date with the generator', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generateSchema.mjs'), '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });
});
