import { C0, POD, container, podCases } from './podCases';

const env = (...vars: Record<string, unknown>[]): Record<string, unknown> => ({ containers: [container({ env: vars })] });
const envFrom = (...sources: Record<string, unknown>[]): Record<string, unknown> => ({
  containers: [container({ envFrom: sources })],
});
const from = (valueFrom: Record<string, unknown>): Record<string, unknown> => env({ name: 'X', valueFrom });

podCases('env (ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom)', 'env', [
  { name: 'relaxed names: dashes, dots, a leading digit', pod: env({ name: '1-my.var', value: 'x' }), valid: true },
  {
    name: 'downward API, resource, ConfigMap and Secret sources',
    pod: env(
      { name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'B', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
      { name: 'C', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a.b' } } },
      { name: 'D', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
    ),
    valid: true,
  },
  {
    name: 'a name with "="',
    pod: env({ name: 'A=B', value: 'x' }),
    field: `${C0}.env[0].name`,
    message: "printable ASCII characters other than '='",
  },
  { name: 'a name with a tab', pod: env({ name: 'A\tB', value: 'x' }), field: `${C0}.env[0].name` },
  { name: 'no name', pod: env({ value: 'x' }), field: `${C0}.env[0].name`, message: 'Required value' },
  {
    name: 'an empty valueFrom',
    pod: from({}),
    field: `${C0}.env[0].valueFrom`,
    message: 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`',
  },
  {
    name: 'two sources',
    pod: from({ fieldRef: { fieldPath: 'metadata.name' }, secretKeyRef: { name: 's', key: 'k' } }),
    message: 'may not have more than one field specified at a time',
  },
  {
    name: 'a field path the API does not have',
    pod: from({ fieldRef: { fieldPath: 'metadata.uid2' } }),
    field: `${C0}.env[0].valueFrom.fieldRef.fieldPath`,
    message: 'error converting fieldPath: field label not supported: metadata.uid2',
  },
  {
    name: 'apiVersion v2',
    pod: from({ fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } }),
    message: 'unsupported pod version: v2',
  },
  {
    name: 'labels without a key',
    pod: from({ fieldRef: { fieldPath: 'metadata.labels' } }),
    field: `${C0}.env[0].valueFrom.fieldRef.fieldPath`,
    message: 'Unsupported value: "metadata.labels"',
  },
  {
    name: 'a bad annotation key',
    pod: from({ fieldRef: { fieldPath: "metadata.annotations['bad key!']" } }),
    field: `${C0}.env[0].valueFrom.fieldRef`,
    message: 'Invalid value: "bad key!"',
  },
  {
    name: 'resource requests.foo',
    pod: from({ resourceFieldRef: { resource: 'requests.foo' } }),
    field: `${C0}.env[0].valueFrom.resourceFieldRef.resource`,
    message: 'supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu"',
  },
  {
    name: 'cpu divisor 1Mi',
    pod: from({ resourceFieldRef: { resource: 'limits.cpu', divisor: '1Mi' } }),
    field: `${C0}.env[0].valueFrom.resourceFieldRef.divisor`,
    message: "only divisor's values 1m and 1 are supported with the cpu resource",
  },
  {
    name: 'a Secret without a name',
    pod: from({ secretKeyRef: { key: 'k' } }),
    field: `${C0}.env[0].valueFrom.secretKeyRef.name`,
    message: 'Invalid value: ""',
  },
  {
    name: 'a ConfigMap key with a slash',
    pod: from({ configMapKeyRef: { name: 'c', key: 'a/b' } }),
    field: `${C0}.env[0].valueFrom.configMapKeyRef.key`,
    message: 'a valid config key',
  },
  {
    name: 'a file key from an emptyDir',
    pod: {
      volumes: [{ name: 'env', emptyDir: {} }],
      ...from({ fileKeyRef: { volumeName: 'env', path: 'app.env', key: 'TOKEN' } }),
    },
    valid: true,
  },
  {
    name: 'a file key from a missing volume',
    pod: from({ fileKeyRef: { volumeName: 'env', path: 'app.env', key: 'TOKEN' } }),
    field: `${C0}.env[0].valueFrom.fileKeyRef.volumeName`,
    message: 'Not found: "env"',
  },
  {
    name: 'a file key from a ConfigMap volume',
    pod: {
      volumes: [{ name: 'env', configMap: { name: 'c' } }],
      ...from({ fileKeyRef: { volumeName: 'env', path: 'app.env', key: 'TOKEN' } }),
    },
    message: 'referenced volume must be of type emptyDir',
  },
  {
    name: 'a file path with ..',
    pod: { volumes: [{ name: 'env' }], ...from({ fileKeyRef: { volumeName: 'env', path: '../x', key: 'T' } }) },
    field: `${C0}.env[0].valueFrom.fileKeyRef.path`,
    message: "must not contain '..'",
  },
  {
    name: 'envFrom with a ConfigMap and a prefix',
    pod: envFrom({ configMapRef: { name: 'app-config' }, prefix: 'APP_' }),
    valid: true,
  },
  {
    name: 'envFrom with no source (the error names the list)',
    pod: envFrom({ prefix: 'A_' }),
    field: `${C0}.envFrom`,
    message: 'must specify one of: `configMapRef` or `secretRef`',
  },
  {
    name: 'envFrom with a bad Secret name',
    pod: envFrom({ secretRef: { name: 'Bad_Name' } }),
    field: `${C0}.envFrom[0].secretRef.name`,
  },
  {
    name: 'init containers too',
    pod: { initContainers: [container({ env: [{ name: '', value: 'x' }] }, 'init')] },
    field: `${POD}.initContainers[0].env[0].name`,
  },
]);
