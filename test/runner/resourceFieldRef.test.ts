import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { resolveContainerEnv } from '../../runner/env';
import { RefValues } from '../../runner/envFile';
import type { ContainerSpec } from '../../runner/podSpec';

const pod = { name: 'p', namespace: 'demo', uid: 'u', labels: {}, annotations: {}, hostname: 'p' };

/** The value a container sees for one resourceFieldRef, as the kubelet computes it. */
function valueOf(resources: ContainerSpec['resources'], resource: string, divisor?: string): string | undefined {
  const container = {
    name: 'c',
    resources,
    env: [{ name: 'V', valueFrom: { resourceFieldRef: { resource, ...(divisor === undefined ? {} : { divisor }) } } }],
  } as ContainerSpec;
  return resolveContainerEnv(container, pod, new RefValues()).vars.find((v) => v.name === 'V')?.value;
}

describe('resourceFieldRef (ExtractContainerResourceValue)', () => {
  it('CPU is counted in thousandths and rounded up to whole divisors', () => {
    assert.equal(valueOf({ limits: { cpu: '500m' } }, 'limits.cpu'), '1');
    assert.equal(valueOf({ limits: { cpu: '500m' } }, 'limits.cpu', '1m'), '500');
    assert.equal(valueOf({ limits: { cpu: '2500m' } }, 'limits.cpu', '1'), '3');
    assert.equal(valueOf({ limits: { cpu: '1.5' } }, 'limits.cpu', '100m'), '15');
  });
  it('memory is counted in bytes, divided by the divisor and rounded up', () => {
    assert.equal(valueOf({ limits: { memory: '128Mi' } }, 'limits.memory'), String(128 * 2 ** 20));
    assert.equal(valueOf({ limits: { memory: '128Mi' } }, 'limits.memory', '1Mi'), '128');
    assert.equal(valueOf({ limits: { memory: '1G' } }, 'limits.memory', '1Gi'), '1');
  });
  it('a request with no request set takes the limit', () => {
    assert.equal(valueOf({ limits: { memory: '64Mi' } }, 'requests.memory', '1Mi'), '64');
  });
});
