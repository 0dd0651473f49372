import { C0, POD, container, podCases } from './podCases';

const port = (p: Record<string, unknown>): Record<string, unknown> => ({ containers: [container({ ports: [p] })] });

podCases('ports (validateContainerPorts, host ports)', 'ports', [
  { name: 'a named TCP port', pod: port({ name: 'metrics', containerPort: 9090, protocol: 'TCP' }), valid: true },
  { name: 'an empty protocol is defaulted to TCP', pod: port({ containerPort: 80, protocol: '' }), valid: true },
  { name: 'port 0', pod: port({ containerPort: 0 }), field: `${C0}.ports[0].containerPort`, message: 'Required value' },
  {
    name: 'port 65536',
    pod: port({ containerPort: 65536 }),
    field: `${C0}.ports[0].containerPort`,
    message: 'Invalid value: 65536: must be between 1 and 65535, inclusive',
  },
  { name: 'negative host port', pod: port({ containerPort: 80, hostPort: -1 }), field: `${C0}.ports[0].hostPort` },
  {
    name: 'protocol HTTP',
    pod: port({ containerPort: 80, protocol: 'HTTP' }),
    field: `${C0}.ports[0].protocol`,
    message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
  },
  { name: 'protocol in lower case', pod: port({ containerPort: 80, protocol: 'tcp' }), field: `${C0}.ports[0].protocol` },
  {
    name: 'a 16-character name',
    pod: port({ containerPort: 80, name: 'metrics-endpoint' }),
    field: `${C0}.ports[0].name`,
    message: 'must be no more than 15 characters',
  },
  {
    name: 'consecutive hyphens',
    pod: port({ containerPort: 80, name: 'my--port' }),
    message: 'must not contain consecutive hyphens',
  },
  {
    name: 'a name without a letter',
    pod: port({ containerPort: 80, name: '8080' }),
    message: 'must contain at least one letter (a-z)',
  },
  {
    name: 'the same name twice',
    pod: {
      containers: [
        container({
          ports: [
            { name: 'web', containerPort: 80 },
            { name: 'web', containerPort: 81 },
          ],
        }),
      ],
    },
    field: `${C0}.ports[1].name`,
    message: 'Duplicate value',
  },
  {
    name: 'one host port in two containers',
    pod: {
      containers: [
        container({ ports: [{ containerPort: 80, hostPort: 8080 }] }),
        container({ ports: [{ containerPort: 81, hostPort: 8080 }] }, 'b'),
      ],
    },
    field: `${POD}.containers[1].ports[0].hostPort`,
    message: 'Duplicate value: "TCP//8080"',
  },
  {
    name: 'the same host port in two init containers (they run one at a time)',
    pod: {
      initContainers: [
        container({ ports: [{ containerPort: 80, hostPort: 8080 }] }, 'a'),
        container({ ports: [{ containerPort: 80, hostPort: 8080 }] }, 'b'),
      ],
    },
    valid: true,
  },
  {
    name: 'hostNetwork with a different hostPort',
    pod: { hostNetwork: true, ...port({ containerPort: 80, hostPort: 81 }) },
    field: `${C0}.ports[0].hostPort`,
    message: 'must match `containerPort` when `hostNetwork` is true',
  },
  {
    name: 'hostNetwork without hostPort (a template may leave it to the pod)',
    pod: { hostNetwork: true, ...port({ containerPort: 80 }) },
    valid: true,
  },
]);
