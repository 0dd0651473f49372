import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import {
  KUBERNETES_VERSIONS,
  describeType,
  enumValues,
  fieldHelp,
  propertiesOf,
  propertyOf,
  rootSchema,
  schemaAt,
  schemaInSomeVersion,
} from '../../../src-engine';
import { REPO_ROOT } from '../../helpers/paths';

describe('generated schema', () => {
  it('walks from a CronJob down to a container field', () => {
    const image = schemaAt('CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.equal(image?.type, 'string');
    assert.match(image?.description ?? '', /image/i);
  });

  it('carries the batch facts: enum, default, minimum and version', () => {
    const mode = schemaAt('Job', ['spec', 'completionMode']);
    assert.deepEqual(mode?.enum, ['Indexed', 'NonIndexed']);
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
    assert.equal(
      schemaAt('Job', ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe', 'httpGet', 'port'])?.type,
      'int-or-string',
    );
    assert.equal(
      schemaAt('Job', ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'])?.type,
      'quantity',
    );
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
    assert.match(help, /`Failed`, `TerminatingOrFailed`/);
    assert.match(help, /Since Kubernetes 1\.34/);
    assert.match(
      help,
      /\(https:\/\/kubernetes\.io\/docs\/concepts\/workloads\/controllers\/job\/#delayed-creation-of-replacement-pods\)/,
    );
  });

  it('describes each version: 1.35 knows its newer fields, 1.36 drops workloadRef, 1.33 lacks the 1.34 fields', () => {
    assert.deepEqual(KUBERNETES_VERSIONS, ['1.32', '1.33', '1.34', '1.35', '1.36']);
    const pod = ['spec', 'template', 'spec'];
    for (const path of [
      [...pod, 'resourceClaims', 0, 'resourceClaimTemplateName'],
      [...pod, 'hostnameOverride'],
      [...pod, 'workloadRef', 'podGroup'],
      [...pod, 'containers', 0, 'env', 0, 'valueFrom', 'fileKeyRef', 'volumeName'],
      [...pod, 'containers', 0, 'restartPolicyRules', 0, 'exitCodes', 'operator'],
      [...pod, 'containers', 0, 'lifecycle', 'stopSignal'],
      [...pod, 'volumes', 0, 'projected', 'sources', 0, 'podCertificate', 'userAnnotations'],
      [...pod, 'volumes', 0, 'image', 'reference'],
    ]) {
      assert.ok(schemaAt('Job', path, '1.35'), path.join('.'));
    }
    assert.equal(schemaAt('Job', [...pod, 'schedulingGroup'], '1.35'), undefined);
    assert.ok(schemaAt('Job', [...pod, 'schedulingGroup', 'podGroupName'], '1.36'));
    assert.equal(schemaAt('Job', [...pod, 'workloadRef'], '1.36'), undefined);
    assert.equal(schemaAt('Job', [...pod, 'hostnameOverride'], '1.33'), undefined);
    assert.equal(schemaAt('Job', [...pod, 'containers', 0, 'lifecycle', 'stopSignal'], '1.32'), undefined);
    assert.ok(schemaAt('Job', [...pod, 'containers', 0, 'lifecycle', 'stopSignal'], '1.33'));
    // The newest version is the default, and a field a version lacks is found in one that has it.
    assert.ok(schemaAt('Job', [...pod, 'schedulingGroup']));
    assert.equal(schemaInSomeVersion('Job', [...pod, 'workloadRef'])?.version, '1.35');
    assert.equal(schemaAt('Job', [...pod, 'hostnameOverride'])?.since, '1.34');
  });

  it('follows required flags that changed between versions', () => {
    const pattern = ['spec', 'podFailurePolicy', 'rules', 0, 'onPodConditions', 0, 'status'];
    assert.equal(schemaAt('Job', pattern, '1.34')?.required, true);
    assert.equal(schemaAt('Job', pattern, '1.35')?.required, undefined);
    assert.equal(propertyOf(rootSchema('CronJob', '1.35'), 'spec')?.required, undefined);
    assert.equal(propertyOf(rootSchema('CronJob', '1.36'), 'spec')?.required, true);
  });

  it('carries the OpenAPI enums, of list items too', () => {
    assert.deepEqual(enumValues('ContainerPort', 'protocol'), ['SCTP', 'TCP', 'UDP']);
    assert.deepEqual(schemaAt('Job', ['spec', 'template', 'spec', 'dnsPolicy'])?.enum, [
      'ClusterFirst',
      'ClusterFirstWithHostNet',
      'Default',
      'None',
    ]);
    const modes = schemaAt('Job', [
      'spec',
      'template',
      'spec',
      'volumes',
      0,
      'ephemeral',
      'volumeClaimTemplate',
      'spec',
      'accessModes',
    ]);
    assert.deepEqual(modes?.items?.enum, ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']);
    // A fact narrows the enum to what validation accepts (Lt/Gt are behind a gate that is off).
    assert.deepEqual(schemaAt('Job', ['spec', 'template', 'spec', 'tolerations', 0, 'operator'])?.enum, ['Equal', 'Exists']);
    assert.throws(() => enumValues('PodSpec', 'hostname'), /no enum/);
  });

  it('is up to date with the generator', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generateSchema.mjs'), '--check'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
  });
});
