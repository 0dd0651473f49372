import { C0, POD, container, podCases } from './podCases';

const probe = (kind: string, p: Record<string, unknown>): Record<string, unknown> => ({ containers: [container({ [kind]: p })] });

podCases('probes (validateProbe, validateHandler, validateLifecycle)', 'probes', [
  {
    name: 'exec, httpGet by port name, tcpSocket and grpc probes',
    pod: {
      containers: [
        container({
          livenessProbe: { exec: { command: ['true'] } },
          readinessProbe: { httpGet: { port: 'http', path: '/ready' } },
          startupProbe: { grpc: { port: 9000 } },
        }),
      ],
    },
    valid: true,
  },
  {
    name: 'a sleep preStop hook within the grace period',
    pod: { terminationGracePeriodSeconds: 60, containers: [container({ lifecycle: { preStop: { sleep: { seconds: 30 } } } })] },
    valid: true,
  },
  {
    name: 'an empty liveness probe',
    pod: probe('livenessProbe', {}),
    field: `${C0}.livenessProbe`,
    message: 'Required value: must specify a handler type',
  },
  {
    name: 'two handlers',
    pod: probe('readinessProbe', { exec: { command: ['true'] }, tcpSocket: { port: 80 } }),
    field: `${C0}.readinessProbe.tcpSocket`,
    message: 'may not specify more than 1 handler type',
  },
  { name: 'exec without a command', pod: probe('livenessProbe', { exec: {} }), field: `${C0}.livenessProbe.exec.command` },
  {
    name: 'liveness successThreshold 2',
    pod: probe('livenessProbe', { exec: { command: ['true'] }, successThreshold: 2 }),
    field: `${C0}.livenessProbe.successThreshold`,
    message: 'must be 1',
  },
  {
    name: 'a negative period',
    pod: probe('readinessProbe', { exec: { command: ['true'] }, periodSeconds: -5 }),
    field: `${C0}.readinessProbe.periodSeconds`,
    message: 'must be greater than or equal to 0',
  },
  {
    name: 'terminationGracePeriodSeconds on a readiness probe',
    pod: probe('readinessProbe', { exec: { command: ['true'] }, terminationGracePeriodSeconds: 5 }),
    field: `${C0}.readinessProbe.terminationGracePeriodSeconds`,
    message: 'must not be set for readinessProbes',
  },
  {
    name: 'an httpGet port above 65535',
    pod: probe('livenessProbe', { httpGet: { port: 70000 } }),
    field: `${C0}.livenessProbe.httpGet.port`,
  },
  {
    name: 'an httpGet scheme in lower case',
    pod: probe('livenessProbe', { httpGet: { port: 80, scheme: 'https' } }),
    field: `${C0}.livenessProbe.httpGet.scheme`,
    message: 'supported values: "HTTP", "HTTPS"',
  },
  {
    name: 'a sleep longer than the grace period',
    pod: { containers: [container({ lifecycle: { preStop: { sleep: { seconds: 60 } } } })] },
    field: `${C0}.lifecycle.preStop.sleep`,
    message: 'less than terminationGracePeriodSeconds (30)',
  },
  {
    name: 'an empty postStart hook',
    pod: { containers: [container({ lifecycle: { postStart: {} } })] },
    field: `${C0}.lifecycle.postStart`,
  },
  {
    name: "a sidecar's probes are checked",
    pod: { initContainers: [container({ restartPolicy: 'Always', startupProbe: {} }, 'proxy')] },
    field: `${POD}.initContainers[0].startupProbe`,
  },
]);
