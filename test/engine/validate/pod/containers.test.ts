import { C0, POD, container, podCases } from './podCases';

podCases('containers (validateContainers, validateInitContainers)', 'containers', [
  { name: 'a container named with a DNS label', pod: { containers: [container()] }, valid: true },
  { name: 'no containers', pod: { containers: [] }, field: `${POD}.containers`, message: 'Required value' },
  { name: 'uppercase name', pod: { containers: [container({ name: 'Work' })] }, field: `${C0}.name`, message: 'RFC 1123 label' },
  { name: 'missing image', pod: { containers: [{ name: 'work' }] }, field: `${C0}.image`, message: 'Required value' },
  {
    name: 'same name twice',
    pod: { containers: [container(), container()] },
    field: `${POD}.containers[1].name`,
    message: 'Duplicate value: "work"',
  },
  {
    name: 'an init container named like a container',
    pod: { initContainers: [container()], containers: [container()] },
    field: `${POD}.initContainers[0].name`,
    message: 'Duplicate value: "work"',
  },
  {
    name: 'imagePullPolicy Sometimes',
    pod: { containers: [container({ imagePullPolicy: 'Sometimes' })] },
    field: `${C0}.imagePullPolicy`,
    message: 'supported values: "Always", "IfNotPresent", "Never"',
  },
  { name: 'an empty imagePullPolicy is defaulted', pod: { containers: [container({ imagePullPolicy: '' })] }, valid: true },
  {
    name: 'terminationMessagePolicy in lower case',
    pod: { containers: [container({ terminationMessagePolicy: 'file' })] },
    field: `${C0}.terminationMessagePolicy`,
    message: 'supported values: "File", "FallbackToLogsOnError"',
  },
  {
    name: 'an init container with a probe',
    pod: { initContainers: [container({ readinessProbe: { exec: { command: ['true'] } } }, 'init')] },
    field: `${POD}.initContainers[0].readinessProbe`,
    message: 'Forbidden: may not be set for init containers without restartPolicy=Always',
  },
  {
    name: 'an init container with restartPolicy OnFailure and a startup probe',
    pod: { initContainers: [container({ restartPolicy: 'OnFailure', startupProbe: { exec: { command: ['true'] } } }, 'init')] },
    field: `${POD}.initContainers[0].startupProbe`,
  },
  {
    name: 'a sidecar (restartPolicy Always) with probes',
    pod: { initContainers: [container({ restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 80 } } }, 'proxy')] },
    valid: true,
  },
  {
    name: 'an init container whose lifecycle holds only a stop signal (dropped while ContainerStopSignals is off)',
    pod: { initContainers: [container({ lifecycle: { stopSignal: 'SIGTERM' } }, 'init')] },
    valid: true,
  },
  {
    name: 'an init container restartPolicy ""',
    pod: { initContainers: [container({ restartPolicy: '' }, 'init')] },
    field: `${POD}.initContainers[0].restartPolicy`,
    message: 'supported values: "Always", "Never", "OnFailure"',
  },
  {
    name: 'a container restartPolicy Never (ContainerRestartRules, beta in 1.35)',
    pod: { containers: [container({ restartPolicy: 'Never' })] },
    valid: true,
  },
  {
    name: 'restart rules without a restartPolicy',
    pod: {
      containers: [container({ restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }] })],
    },
    field: `${C0}.restartPolicy`,
    message: 'must specify restartPolicy when restart rules are used',
  },
  {
    name: 'restart rule action RestartAllContainers (gate off in 1.35)',
    pod: {
      containers: [
        container({
          restartPolicy: 'Never',
          restartPolicyRules: [{ action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [42] } }],
        }),
      ],
    },
    field: `${C0}.restartPolicyRules[0].action`,
    message: 'supported values: "Restart"',
  },
  {
    name: 'restart rule without exit codes',
    pod: { containers: [container({ restartPolicy: 'Never', restartPolicyRules: [{ action: 'Restart' }] })] },
    field: `${C0}.restartPolicyRules[0].exitCodes`,
  },
  {
    name: 'restart rules on a sidecar',
    pod: {
      initContainers: [
        container(
          { restartPolicy: 'Always', restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [1] } }] },
          'proxy',
        ),
      ],
    },
    field: `${POD}.initContainers[0].restartPolicyRules`,
    message: 'not allowed for init containers with restart policy Always',
  },
  {
    name: 'ephemeral containers in a template',
    pod: { ephemeralContainers: [container({}, 'debug')] },
    field: `${POD}.ephemeralContainers`,
    message: 'ephemeral containers not allowed in pod template',
  },
]);
