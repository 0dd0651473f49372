import { cronJobYaml, jobYaml } from '../helpers';
import type { RuleCase } from './ruleCase';

/** Advice: what the API server accepts but users regret, and the lifecycle of other workload kinds. */
export const PRACTICE_CASES: readonly RuleCase[] = [
  { rule: 'schedule-never-fires', name: 'February 30', text: cronJobYaml({ schedule: '0 0 30 2 *' }), field: 'spec.schedule' },
  { rule: 'schedule-dom-dow-or', name: '13th or Friday', text: cronJobYaml({ schedule: '0 0 13 * 5' }), message: 'EITHER' },
  { rule: 'schedule-every-minute', name: '* * * * *', text: cronJobYaml({ schedule: '* * * * *' }) },
  { rule: 'time-zone-missing', name: 'no timeZone', text: cronJobYaml({ timeZone: undefined }) },
  {
    rule: 'starting-deadline-short',
    name: '5 s',
    text: cronJobYaml({ startingDeadlineSeconds: 5 }),
    field: 'spec.startingDeadlineSeconds',
  },
  {
    rule: 'every-deadline-never-runs',
    name: '@every 1h with 600 s',
    text: cronJobYaml({ schedule: '@every 1h', startingDeadlineSeconds: 600 }),
    field: 'spec.startingDeadlineSeconds',
  },
  {
    rule: 'job-ttl-missing',
    name: 'standalone Job',
    text: jobYaml({ ttlSecondsAfterFinished: undefined }),
    field: 'spec.ttlSecondsAfterFinished',
  },
  { rule: 'history-limits-missing', name: 'no limits', text: cronJobYaml({ successfulJobsHistoryLimit: undefined }) },
  {
    rule: 'concurrency-allow',
    name: 'defaulted Allow every 10 minutes',
    text: cronJobYaml({ concurrencyPolicy: undefined, schedule: '*/10 * * * *' }),
    field: 'spec.concurrencyPolicy',
  },
  {
    rule: 'lifecycle-one-off-task',
    name: 'migration in a Deployment',
    text:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: m}\nspec:\n' +
      '  selector: {matchLabels: {a: m}}\n  template:\n    metadata: {labels: {a: m}}\n    spec:\n' +
      '      containers:\n        - {name: m, image: "app:1", command: [python, manage.py, migrate]}\n',
    field: 'spec.template.spec.containers[0].command',
    message: 'again and again',
  },
  {
    rule: 'lifecycle-sleep-loop',
    name: 'hourly loop in a Deployment',
    text:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: m}\nspec:\n' +
      '  selector: {matchLabels: {a: m}}\n  template:\n    metadata: {labels: {a: m}}\n    spec:\n' +
      '      containers:\n' +
      '        - {name: m, image: "app:1", command: [sh, -c, "while true; do ./sync; sleep 3600; done"]}\n' +
      '',
    field: 'spec.template.spec.containers[0].command',
    message: 'schedule "0 * * * *"',
  },
  {
    rule: 'image-latest',
    name: 'untagged',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'busybox', resources: { requests: { cpu: '1' } } }] }),
    field: 'spec.template.spec.containers[0].image',
  },
  {
    rule: 'image-latest',
    name: ':latest with a registry port',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'registry:5000/app:latest', resources: { requests: { cpu: '1' } } }] }),
  },
  { rule: 'resources-missing', name: 'no requests', text: jobYaml({}, { containers: [{ name: 'w', image: 'busybox:1' }] }) },
  {
    rule: 'job-looks-like-server',
    name: 'ports and probe',
    text: jobYaml(
      {},
      { containers: [{ name: 'w', image: 'nginx:1', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '1' } } }] },
    ),
  },
  {
    rule: 'completion-index-not-indexed',
    name: "index annotation in a NonIndexed Job (the seed tutorial's shard-import)",
    text: jobYaml(
      { completions: 5, parallelism: 2 },
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
    field: 'spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath',
    message: 'always empty',
  },
  {
    rule: 'name-not-dns-label',
    name: 'dots',
    text: jobYaml({}, {}, { name: 'db.backup' }),
    field: 'metadata.name',
    message: 'must not contain dots',
  },
  {
    rule: 'indexed-tracking',
    name: 'huge Indexed Job',
    text: jobYaml({ completionMode: 'Indexed', completions: 200000, parallelism: 20000, backoffLimitPerIndex: undefined }),
  },
  {
    rule: 'template-not-checked',
    name: 'Helm template',
    text: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}\nspec: {{ toYaml .Values.spec | nindent 2 }}\n',
  },
  { rule: 'file-skipped', name: 'binary', text: 'apiVersion: batch/v1\u0000\u0001\u0002' },
];
