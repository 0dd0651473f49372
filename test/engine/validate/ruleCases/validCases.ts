import { cronJobYaml, jobYaml } from '../helpers';
import { long, type ValidCase } from './ruleCase';

/** Manifests every check must accept without an error (and practice rules quiet where stated). */
export const VALID_CASES: readonly ValidCase[] = [
  { name: 'baseline Job', text: jobYaml(), quiet: true },
  { name: 'baseline CronJob', text: cronJobYaml(), quiet: true },
  {
    name: 'native sidecar init container',
    text: jobYaml(
      {},
      { initContainers: [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', resources: { requests: { cpu: '10m' } } }] },
    ),
    quiet: true,
  },
  {
    name: 'Indexed Job with per-index limits and FailIndex',
    text: jobYaml({
      completionMode: 'Indexed',
      completions: 10,
      parallelism: 3,
      backoffLimitPerIndex: 1,
      maxFailedIndexes: 2,
      podFailurePolicy: {
        rules: [
          { action: 'FailIndex', onExitCodes: { containerName: 'work', operator: 'In', values: [1, 2, 42] } },
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
        ],
      },
    }),
    quiet: true,
  },
  {
    name: 'index annotation read in an Indexed Job',
    text: jobYaml(
      { completionMode: 'Indexed', completions: 5 },
      {
        containers: [
          {
            name: 'w',
            image: 'importer:2',
            resources: { requests: { cpu: '1' } },
            env: [
              {
                name: 'SHARD_INDEX',
                valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
              },
            ],
          },
        ],
      },
    ),
    quiet: true,
  },
  {
    name: 'success policy intervals',
    text: jobYaml({
      completionMode: 'Indexed',
      completions: 10,
      successPolicy: { rules: [{ succeededIndexes: '0,2-4,7', succeededCount: 3 }] },
    }),
    quiet: true,
  },
  {
    name: 'manual selector matching',
    text: jobYaml(
      { manualSelector: true, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['x'] }] } },
      {},
      { template: { metadata: { labels: { app: 'x' } } } },
    ),
    quiet: true,
  },
  {
    name: 'zero values',
    text: jobYaml({ parallelism: 0, activeDeadlineSeconds: 0, backoffLimit: 0, ttlSecondsAfterFinished: 0 }),
    quiet: true,
  },
  {
    name: 'int-or-string and quantities',
    text: jobYaml(
      {},
      {
        containers: [
          {
            name: 'w',
            image: 'a:1',
            resources: { requests: { cpu: 1, memory: '1.5Gi' } },
            lifecycle: { preStop: { httpGet: { port: 'http' } } },
          },
        ],
      },
    ),
    quiet: true,
  },
  { name: 'newer pod fields', text: jobYaml({}, { resources: { requests: { cpu: '1' } }, hostnameOverride: 'x' }), quiet: true },
  {
    name: 'YAML 1.1 booleans where booleans belong, quoted yes where strings belong',
    text: jobYaml({ suspend: true })
      .replace('suspend: true', 'suspend: on')
      .replace('name: demo', 'name: demo\n  labels:\n    enabled: "yes"'),
    quiet: true,
  },
  {
    name: 'YAML merge keys, as kubectl reads them',
    text: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: merged}\nspec:\n  ttlSecondsAfterFinished: 60\n  template:\n    spec:\n      <<: &pod\n        restartPolicy: Never\n      containers:\n        - {name: w, image: "a:1", resources: {requests: {cpu: 1}}}\n',
    quiet: true,
  },
  {
    name: 'mounted volumes and requests within limits',
    text: jobYaml(
      {},
      {
        volumes: [{ name: 'scratch', emptyDir: {} }],
        containers: [
          {
            name: 'w',
            image: 'a:1',
            volumeMounts: [{ name: 'scratch', mountPath: '/s' }],
            resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: 1, memory: '1024Mi' } },
          },
        ],
      },
    ),
    quiet: true,
  },
  { name: 'managedBy built-in', text: jobYaml({ managedBy: 'kubernetes.io/job-controller' }), quiet: true },
  {
    name: 'a CRD named Job in another group is ignored',
    text: 'apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: x}\nspec: {tasks: []}\n',
    quiet: true,
  },
  {
    name: 'a ConfigMap is ignored',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\ndata: {a: 1}\n',
    quiet: true,
  },
  {
    name: 'YAML 1.1 numbers kubectl reads as integers',
    text: jobYaml({ completions: 1, backoffLimit: 2, ttlSecondsAfterFinished: 3, parallelism: 4 })
      .replace('completions: 1', 'completions: 1_000')
      .replace('backoffLimit: 2', 'backoffLimit: 0b11')
      .replace('ttlSecondsAfterFinished: 3', 'ttlSecondsAfterFinished: 0755')
      .replace('parallelism: 4', 'parallelism: 2.0'),
    quiet: true,
  },
  {
    name: 'a quantity with surrounding spaces (Quantity.UnmarshalJSON trims them)',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', resources: { requests: { cpu: ' 500m ' } } }] }),
    quiet: true,
  },
  { name: 'a byte-order mark before apiVersion', text: `\ufeff${jobYaml()}`, quiet: true },
  {
    name: 'name and generateName: the name wins',
    text: cronJobYaml().replace('name: "nightly"', `name: nightly\n  generateName: ${long(80)}-`),
    quiet: true,
  },
  {
    name: 'anchors and aliases kubectl expands',
    text: jobYaml({}, { containers: [{ name: 'a', image: 'busybox:1.36', resources: { requests: { cpu: '1' } } }] }).replace(
      'resources:\n',
      'resources: &res\n',
    ),
    quiet: true,
  },
  {
    name: 'owner reference and finalizers in order',
    text: jobYaml(
      {},
      {},
      {
        metadata: {
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd9607e19', controller: true }],
          finalizers: ['example.com/cleanup', 'orphan'],
        },
      },
    ),
    quiet: true,
  },
  {
    name: 'CronJob @every with a long deadline',
    text: cronJobYaml({ schedule: '@every 1h', startingDeadlineSeconds: 7200 }),
    quiet: true,
  },
];
