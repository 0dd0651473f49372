// package.json declares kubeJobs.kubernetesVersion and its command by hand (VS Code reads the
// manifest before any code runs): the choices must be exactly `auto` and the versions the engine
// follows, and the status bar item's command must be declared.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KUBERNETES_VERSIONS } from '../../src-engine';
import { COMMAND_IDS } from '../../client/src/commandIds';
import { REPO_ROOT } from '../helpers/paths';

interface Manifest {
  contributes: {
    configuration: { properties: Record<string, { enum?: string[]; enumDescriptions?: string[]; default?: unknown }> };
    commands: { command: string }[];
  };
}

describe('kubeJobs.kubernetesVersion in package.json', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
  it('offers auto and every version the engine follows, auto by default', () => {
    const setting = manifest.contributes.configuration.properties['kubeJobs.kubernetesVersion'];
    assert.deepEqual(setting?.enum, ['auto', ...KUBERNETES_VERSIONS]);
    assert.equal(setting?.enumDescriptions?.length, setting?.enum?.length);
    assert.equal(setting?.default, 'auto');
  });

  it('declares the command the status bar item runs', () => {
    assert.ok((COMMAND_IDS as readonly string[]).includes('kubeJobs.selectKubernetesVersion'));
    assert.ok(manifest.contributes.commands.some((c) => c.command === 'kubeJobs.selectKubernetesVersion'));
  });
});
