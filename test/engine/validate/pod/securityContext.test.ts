import { C0, POD, container, podCases } from './podCases';

const sc = (securityContext: Record<string, unknown>): Record<string, unknown> => ({
  containers: [container({ securityContext })],
});

podCases('security-context (validatePodSpecSecurityContext, ValidateSecurityContext)', 'security-context', [
  {
    name: 'a restricted container and a pod seccomp profile',
    pod: {
      securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } },
      ...sc({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true }),
    },
    valid: true,
  },
  { name: 'a privileged container (clusters allow it by default)', pod: sc({ privileged: true }), valid: true },
  { name: 'Unmasked procMount in a user namespace', pod: { hostUsers: false, ...sc({ procMount: 'Unmasked' }) }, valid: true },
  {
    name: 'a negative runAsUser on the pod',
    pod: { securityContext: { runAsUser: -1 } },
    field: `${POD}.securityContext.runAsUser`,
    message: 'Invalid value: -1: must be between 0 and 2147483647, inclusive',
  },
  {
    name: 'Unmasked procMount with host users',
    pod: sc({ procMount: 'Unmasked' }),
    field: `${C0}.securityContext.procMount`,
    message: '`hostUsers` must be false to use `Unmasked`',
  },
  {
    name: 'procMount in lower case',
    pod: sc({ procMount: 'default' }),
    field: `${C0}.securityContext.procMount`,
    message: 'supported values: "Default", "Unmasked"',
  },
  {
    name: 'no privilege escalation but privileged',
    pod: sc({ allowPrivilegeEscalation: false, privileged: true }),
    field: `${C0}.securityContext`,
    message: 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
  },
  {
    name: 'a Localhost seccomp profile without a file',
    pod: sc({ seccompProfile: { type: 'Localhost' } }),
    field: `${C0}.securityContext.seccompProfile.localhostProfile`,
  },
  {
    name: 'a seccomp profile without a type',
    pod: { securityContext: { seccompProfile: {} } },
    field: `${POD}.securityContext.seccompProfile.type`,
  },
  {
    name: 'a sysctl with hostNetwork',
    pod: { hostNetwork: true, securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } },
    field: `${POD}.securityContext.sysctls[0].name`,
    message: "may not be specified when 'hostNetwork' is true",
  },
  {
    name: 'a bad sysctl name',
    pod: { securityContext: { sysctls: [{ name: 'Net.Core', value: '1' }] } },
    field: `${POD}.securityContext.sysctls[0].name`,
  },
  {
    name: 'shareProcessNamespace with hostPID',
    pod: { shareProcessNamespace: true, hostPID: true },
    field: `${POD}.securityContext.shareProcessNamespace`,
    message: 'Invalid value: true',
  },
  {
    name: 'seLinuxChangePolicy MountOption (SELinuxMount is off in 1.35)',
    pod: { securityContext: { seLinuxChangePolicy: 'MountOption' } },
    field: `${POD}.securityContext.seLinuxChangePolicy`,
    message: 'supported values: "Recursive"',
  },
  {
    name: 'hostPID in a user namespace (Kubernetes capitalises the path)',
    pod: { hostUsers: false, hostPID: true },
    field: `${POD}.HostPID`,
    message: 'Forbidden: when `hostUsers` is false',
  },
]);
