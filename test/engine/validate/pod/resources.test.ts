import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { C0, POD, container, podCases } from './podCases';
import { parseQuantity, quantityString } from '../../../../src-engine/validate/quantity';

const res = (resources: Record<string, unknown>): Record<string, unknown> => ({ containers: [container({ resources })] });

podCases('resources (validateResourceRequirements, names and quantities)', 'resources', [
  {
    name: 'cpu, memory, ephemeral storage, an extended resource and hugepages with memory',
    pod: res({
      requests: { cpu: '250m', memory: '64Mi', 'ephemeral-storage': '1Gi' },
      limits: { 'nvidia.com/gpu': 1, 'hugepages-2Mi': '4Mi', memory: '128Mi' },
    }),
    valid: true,
  },
  {
    name: 'a resource name in capitals',
    pod: res({ requests: { CPU: '1' } }),
    field: `${C0}.resources.requests[CPU]`,
    message: 'must be a standard resource type or fully qualified',
  },
  {
    name: 'an unprefixed unknown resource',
    pod: res({ requests: { gpu: '1' } }),
    field: `${C0}.resources.requests[gpu]`,
    message: 'must be a standard resource for containers',
  },
  {
    name: 'a negative memory limit',
    pod: res({ limits: { memory: '-1' } }),
    field: `${C0}.resources.limits[memory]`,
    message: 'Invalid value: "-1": must be greater than or equal to 0',
  },
  {
    name: 'half a GPU',
    pod: res({ limits: { 'example.com/widget': '500m' }, requests: { 'example.com/widget': '500m' } }),
    field: `${C0}.resources.limits[example.com/widget]`,
    message: 'Invalid value: "500m": must be an integer',
  },
  {
    name: 'hugepages alone',
    pod: res({ limits: { 'hugepages-2Mi': '4Mi' } }),
    field: `${C0}.resources`,
    message: 'Forbidden: HugePages require cpu or memory',
  },
  {
    name: 'hugepages not a whole number of pages',
    pod: res({ limits: { 'hugepages-2Mi': '3Mi', cpu: 1 } }),
    field: `${C0}.resources.limits[hugepages-2Mi]`,
    message: 'is not positive integer multiple of hugepages-2Mi',
  },
  {
    name: 'a claim the pod does not have',
    pod: res({ claims: [{ name: 'gpu' }] }),
    field: `${C0}.resources.claims[0]`,
    message: 'Not found: "gpu": must be one of the names in pod.spec.resourceClaims which is empty',
  },
  {
    name: 'a claim of the pod',
    pod: { resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }], ...res({ claims: [{ name: 'gpu' }] }) },
    valid: true,
  },
  {
    name: 'pod-level resources of an unsupported kind',
    pod: { resources: { requests: { 'ephemeral-storage': '1Gi' } } },
    field: `${POD}.resources.requests[ephemeral-storage]`,
    message: 'supported values: "cpu", "hugepages-", "memory"',
  },
  { name: 'overhead is a limits list', pod: { overhead: { cpu: '-1' } }, field: `${POD}.overhead.limits[cpu]` },
]);

podCases('resource-limits (requests against limits)', 'resource-limits', [
  {
    name: 'requests up to limits',
    pod: res({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } }),
    valid: true,
  },
  {
    name: 'a request above its limit (the path is requests, as Kubernetes prints it)',
    pod: res({ requests: { cpu: '2' }, limits: { cpu: '1' } }),
    field: `${C0}.resources.requests`,
    message: 'Invalid value: "2": must be less than or equal to cpu limit of 1',
  },
  {
    name: 'an extended resource request without a limit',
    pod: res({ requests: { 'example.com/widget': 1 } }),
    field: `${C0}.resources.limits`,
    message: 'Required value: Limit must be set for non overcommitable resources',
  },
  {
    name: 'an extended resource request below its limit',
    pod: res({ requests: { 'example.com/widget': 1 }, limits: { 'example.com/widget': 2 } }),
    message: 'must be equal to example.com/widget limit of 2',
  },
  {
    name: "pod-level requests below the containers'",
    pod: { resources: { requests: { cpu: '500m' } }, ...res({ requests: { cpu: '1' } }) },
    field: `${POD}.resources.requests[cpu]`,
    message: 'must be greater than or equal to aggregate container requests of 1',
  },
  {
    name: 'pod-level requests cover containers and sidecars',
    pod: {
      resources: { requests: { cpu: '2' } },
      initContainers: [container({ restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } }, 'side')],
      ...res({ requests: { cpu: '1' } }),
    },
    valid: true,
  },
]);

describe('quantities as the API server prints them', () => {
  for (const [input, shown] of [
    ['1.5', '1500m'],
    ['0.5', '500m'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['2e3', '2e3'],
    ['-1', '-1'],
    ['0', '0'],
    ['100m', '100m'],
    [1, '1'],
  ] as const) {
    it(`${String(input)} → ${shown}`, () => assert.equal(quantityString(parseQuantity(input)!), shown));
  }
  it('rejects what ParseQuantity rejects', () => {
    for (const bad of ['1.5.5', 'abc', '1 Gi', '1Kb', '']) assert.equal(parseQuantity(bad), undefined, bad);
  });
});
