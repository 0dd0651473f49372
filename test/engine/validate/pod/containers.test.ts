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
    version: '1.35',
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
    name: 'restart rule action RestartAllContainers (RestartAllContainersOnContainerExits beta in 1.36)',
    pod: {
      containers: [
        container({
          restartPolicy: 'Never',
          restartPolicyRules: [{ action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [42] } }],
        }),
      ],
    },
    valid: true,
  },
  {
    name: 'restart rule action Stop (1.36 names both actions it allows)',
    pod: {
      containers: [
        container({
          restartPolicy: 'Never',
          restartPolicyRules: [{ action: 'Stop', exitCodes: { operator: 'In', values: [42] } }],
        }),
      ],
    },
    field: `${C0}.restartPolicyRules[0].action`,
    message: 'supported values: "Restart", "RestartAllContainers"',
  },
  {
    name: 'restart rule without exit codes',
    pod: { containers: [container({ restartPolicy: 'Never', restartPolicyRules: [{ action: 'Restart' }] })] },
    field: `${C0}.restartPolicyRules[0].exitCodes`,
  },
  {
    name: 'restart rules on a sidecar',
    version: '1.35',
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
    name: 'restart rules on a sidecar (allowed with RestartAllContainersOnContainerExits, 1.36)',
    pod: {
      initContainers: [
        container(
          { restartPolicy: 'Always', restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [1] } }] },
          'proxy',
        ),
      ],
    },
    valid: true,
  },
  {
    name: 'a resize policy naming a resource twice',
    pod: {
      containers: [
        container({
          resizePolicy: [
            { resourceName: 'cpu', restartPolicy: 'NotRequired' },
            { resourceName: 'cpu', restartPolicy: 'NotRequired' },
          ],
        }),
      ],
    },
    field: `${C0}.resizePolicy[1]`,
    message: 'Duplicate value: "cpu"',
  },
  {
    name: 'a resize policy restarting the container of a pod that never restarts',
    pod: { containers: [container({ resizePolicy: [{ resourceName: 'memory', restartPolicy: 'RestartContainer' }] })] },
    field: `${C0}.resizePolicy`,
    message: "must be 'NotRequired' when pod `restartPolicy` is 'Never'",
  },
  {
    name: 'a resize policy for storage',
    pod: { containers: [container({ resizePolicy: [{ resourceName: 'storage', restartPolicy: 'NotRequired' }] })] },
    field: `${C0}.resizePolicy`,
    message: 'supported values: "cpu", "memory"',
  },
  {
    name: 'ephemeral containers in a template',
    pod: { ephemeralContainers: [container({}, 'debug')] },
    field: `${POD}.ephemeralContainers`,
    message: 'ephemeral containers not allowed in pod template',
  },
]);
