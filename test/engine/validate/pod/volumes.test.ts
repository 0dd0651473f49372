import { C0, POD, container, podCases } from './podCases';

const vol = (volume: Record<string, unknown>): Record<string, unknown> => ({ volumes: [{ name: 'data', ...volume }] });
const mount = (
  m: Record<string, unknown>,
  volumes: Record<string, unknown>[] = [{ name: 'data', emptyDir: {} }],
): Record<string, unknown> => ({
  volumes,
  containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data', ...m }] })],
});

podCases('volumes (ValidateVolumes, validateVolumeSource)', 'volumes', [
  {
    name: 'emptyDir, configMap with items, secret, PVC, projected, downwardAPI',
    pod: {
      volumes: [
        { name: 'a', emptyDir: { sizeLimit: '1Gi' } },
        { name: 'b', configMap: { name: 'cfg', defaultMode: 0o644, items: [{ key: 'k', path: 'dir/k' }] } },
        { name: 'c', secret: { secretName: 's' } },
        { name: 'd', persistentVolumeClaim: { claimName: 'pvc' } },
        {
          name: 'e',
          projected: {
            sources: [{ secret: { name: 's' } }, { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }],
          },
        },
        { name: 'f', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      ],
    },
    valid: true,
  },
  { name: 'a volume with no source (defaulted to an emptyDir)', pod: vol({}), valid: true },
  {
    name: 'two sources',
    pod: vol({ emptyDir: {}, configMap: { name: 'c' } }),
    field: `${POD}.volumes[0].configMap`,
    message: 'may not specify more than 1 volume type',
  },
  {
    name: 'a configMap without a name',
    pod: vol({ configMap: {} }),
    field: `${POD}.volumes[0].configMap.name`,
    message: 'Required value',
  },
  { name: 'a secret without a secretName', pod: vol({ secret: {} }), field: `${POD}.volumes[0].secret.secretName` },
  {
    name: 'a PVC without a claimName',
    pod: vol({ persistentVolumeClaim: {} }),
    field: `${POD}.volumes[0].persistentVolumeClaim.claimName`,
  },
  { name: 'a hostPath without a path', pod: vol({ hostPath: {} }), field: `${POD}.volumes[0].hostPath.path` },
  {
    name: 'a hostPath type in lower case',
    pod: vol({ hostPath: { path: '/x', type: 'directory' } }),
    field: `${POD}.volumes[0].hostPath.type`,
  },
  {
    name: 'defaultMode 0999',
    pod: vol({ configMap: { name: 'c', defaultMode: 999 } }),
    field: `${POD}.volumes[0].configMap.defaultMode`,
    message: 'must be a number between 0 and 0777 (octal), both inclusive',
  },
  {
    name: 'an absolute item path',
    pod: vol({ secret: { secretName: 's', items: [{ key: 'k', path: '/etc/k' }] } }),
    field: `${POD}.volumes[0].secret.items[0].path`,
    message: 'must be a relative path',
  },
  {
    name: 'a GCE disk error is named persistentDisk, as Kubernetes prints it',
    pod: vol({ gcePersistentDisk: {} }),
    field: `${POD}.volumes[0].persistentDisk.pdName`,
  },
  {
    name: 'a name with dots',
    pod: { volumes: [{ name: 'my.data', emptyDir: {} }] },
    field: `${POD}.volumes[0].name`,
    message: 'must not contain dots',
  },
  {
    name: 'an ephemeral volume without access modes or storage',
    pod: vol({ ephemeral: { volumeClaimTemplate: { spec: {} } } }),
    field: `${POD}.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes`,
  },
  {
    name: 'a complete ephemeral volume',
    pod: vol({
      ephemeral: {
        volumeClaimTemplate: {
          metadata: { labels: { app: 'x' } },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      },
    }),
    valid: true,
  },
  {
    name: 'a projected token shorter than 10 minutes',
    pod: vol({ projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 60 } }] } }),
    field: `${POD}.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds`,
  },
]);

podCases('volume-mounts (ValidateVolumeMounts, ValidateVolumeDevices)', 'volume-mounts', [
  {
    name: 'a subPath inside the volume, read-only recursively',
    pod: mount({ subPath: 'app/conf', readOnly: true, recursiveReadOnly: 'IfPossible' }),
    valid: true,
  },
  {
    name: 'a mount of a volume the pod does not have',
    pod: mount({ name: 'other' }),
    field: `${C0}.volumeMounts[0].name`,
    message: 'Not found: "other"',
  },
  {
    name: 'a mount of an invalid volume',
    pod: mount({}, [{ name: 'data', configMap: {} }]),
    field: `${C0}.volumeMounts[0].name`,
    message: 'Not found: "data"',
  },
  {
    name: 'an absolute subPath (the path has no index, as Kubernetes prints it)',
    pod: mount({ subPath: '/etc' }),
    field: `${C0}.volumeMounts.subPath`,
    message: 'must be a relative path',
  },
  {
    name: 'a subPath with ..',
    pod: mount({ subPath: 'a/../../b' }),
    field: `${C0}.volumeMounts.subPath`,
    message: "must not contain '..'",
  },
  {
    name: 'subPath and subPathExpr',
    pod: mount({ subPath: 'a', subPathExpr: '$(POD)' }),
    field: `${C0}.volumeMounts[0].subPathExpr`,
  },
  { name: 'no mountPath', pod: mount({ mountPath: '' }), field: `${C0}.volumeMounts[0].mountPath`, message: 'Required value' },
  {
    name: 'the same mountPath twice',
    pod: {
      volumes: [{ name: 'data' }, { name: 'b' }],
      containers: [
        container({
          volumeMounts: [
            { name: 'data', mountPath: '/work' },
            { name: 'b', mountPath: '/work' },
          ],
        }),
      ],
    },
    field: `${C0}.volumeMounts[1].mountPath`,
    message: 'must be unique',
  },
  {
    name: 'Bidirectional propagation in an unprivileged container',
    pod: mount({ mountPropagation: 'Bidirectional' }),
    field: `${C0}.volumeMounts.mountPropagation`,
    message: 'available only to privileged containers',
  },
  {
    name: 'recursiveReadOnly without readOnly',
    pod: mount({ recursiveReadOnly: 'Enabled' }),
    field: `${C0}.volumeMounts.recursiveReadOnly`,
    message: 'may only be specified when readOnly is true',
  },
  {
    name: 'a block device from an emptyDir',
    pod: {
      volumes: [{ name: 'data', emptyDir: {} }],
      containers: [container({ volumeDevices: [{ name: 'data', devicePath: '/dev/x' }] })],
    },
    field: `${C0}.volumeDevices[0].name`,
    message: 'can only use volume source type of PersistentVolumeClaim or Ephemeral',
  },
]);
