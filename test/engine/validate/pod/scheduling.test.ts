import { POD, podCases } from './podCases';

const TOL = `${POD}.tolerations[0]`;
const nodeTerm = (expr: Record<string, unknown>): Record<string, unknown> => ({
  affinity: {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr] }] } },
  },
});

podCases('scheduling (affinity, tolerations, nodeSelector, topology spread, gates)', 'scheduling', [
  {
    name: 'node and pod affinity, tolerations, spread and a gate',
    pod: {
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }, { operator: 'Exists' }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'zone', operator: 'In', values: ['a'] },
                  { key: 'gpu', operator: 'Gt', values: ['1'] },
                ],
              },
            ],
          },
        },
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 50,
              podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'x' } } },
            },
          ],
        },
      },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { app: 'x' } },
          matchLabelKeys: ['pod-template-hash'],
        },
      ],
      schedulingGates: [{ name: 'example.com/quota' }],
    },
    valid: true,
  },
  {
    name: 'toleration operator Equals',
    pod: { tolerations: [{ key: 'a', operator: 'Equals', value: 'b' }] },
    field: `${TOL}.operator`,
    message: 'Unsupported value: "Equals": supported values: "Equal", "Exists"',
  },
  {
    name: 'toleration Exists with a value',
    pod: { tolerations: [{ key: 'a', operator: 'Exists', value: 'batch' }] },
    field: `${TOL}.operator`,
    message: "value must be empty when `operator` is 'Exists'",
  },
  {
    name: 'toleration effect misspelled',
    pod: { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedul' }] },
    field: `${TOL}.effect`,
    message: 'supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
  },
  {
    name: 'tolerationSeconds without NoExecute',
    pod: { tolerations: [{ key: 'a', operator: 'Exists', tolerationSeconds: 30 }] },
    field: `${TOL}.effect`,
  },
  {
    name: 'toleration Lt (TaintTolerationComparisonOperators is off in 1.35)',
    pod: { tolerations: [{ key: 'a', operator: 'Lt', value: '5' }] },
    field: `${TOL}.operator`,
    message: 'supported values: "Equal", "Exists", "Lt", "Gt"',
  },
  {
    name: 'no node selector terms',
    pod: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } },
    field: `${POD}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`,
    message: 'must have at least one node selector term',
  },
  {
    name: 'node selector operator Equals',
    pod: nodeTerm({ key: 'zone', operator: 'Equals', values: ['a'] }),
    message: 'not a valid selector operator',
  },
  {
    name: 'In without values',
    pod: nodeTerm({ key: 'zone', operator: 'In' }),
    message: "must be specified when `operator` is 'In' or 'NotIn'",
  },
  {
    name: 'weight 0',
    pod: {
      affinity: {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'zone' } }],
        },
      },
    },
    field: `${POD}.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight`,
    message: 'must be in the range 1-100',
  },
  {
    name: 'a pod affinity term without topologyKey',
    pod: {
      affinity: {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { a: 'b' } } }] },
      },
    },
    field: `${POD}.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey`,
  },
  {
    name: 'a nodeSelector key with a space',
    pod: { nodeSelector: { 'bad key!': 'x' } },
    field: `${POD}.nodeSelector`,
    message: 'Invalid value: "bad key!"',
  },
  {
    name: 'maxSkew 0',
    pod: { topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] },
    field: `${POD}.topologySpreadConstraints[0].maxSkew`,
    message: 'must be greater than zero',
  },
  {
    name: 'the same spread constraint twice',
    pod: {
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
        { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
      ],
    },
    field: `${POD}.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}`,
  },
  {
    name: 'a scheduling gate named twice',
    pod: { schedulingGates: [{ name: 'a' }, { name: 'a' }] },
    field: `${POD}.schedulingGates[1]`,
    message: 'Duplicate value',
  },
]);
