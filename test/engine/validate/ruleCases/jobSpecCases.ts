import { cronJobYaml, jobYaml } from '../helpers';
import { long, type RuleCase } from './ruleCase';

/** The Job and CronJob specs and the pod template as validateJobSpec and ValidatePodTemplateSpec check them. */
export const JOB_SPEC_CASES: readonly RuleCase[] = [
  {
    rule: 'non-negative',
    name: 'negative backoffLimit',
    text: jobYaml({ backoffLimit: -1 }),
    field: 'spec.backoffLimit',
    message: 'greater than or equal to 0',
  },
  {
    rule: 'non-negative',
    name: 'negative history limit',
    text: cronJobYaml({ successfulJobsHistoryLimit: -1 }),
    field: 'spec.successfulJobsHistoryLimit',
  },
  {
    rule: 'restart-policy',
    name: 'missing',
    text: jobYaml({}, { restartPolicy: undefined }),
    field: 'spec.template.spec.restartPolicy',
    message: 'Required value: valid values: "OnFailure", "Never"',
  },
  {
    rule: 'restart-policy',
    name: 'Always',
    text: jobYaml({}, { restartPolicy: 'Always' }),
    field: 'spec.template.spec.restartPolicy',
  },
  {
    rule: 'restart-policy',
    name: 'unknown',
    text: cronJobYaml({}, {}, { restartPolicy: 'never' }),
    field: 'spec.jobTemplate.spec.template.spec.restartPolicy',
    message: 'Unsupported value',
  },
  {
    rule: 'restart-policy',
    name: 'OnFailure with podFailurePolicy',
    text: jobYaml(
      { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } },
      { restartPolicy: 'OnFailure' },
    ),
    message: 'only "Never"',
  },
  { rule: 'completion-mode', name: 'lowercase', text: jobYaml({ completionMode: 'indexed' }), field: 'spec.completionMode' },
  {
    rule: 'indexed',
    name: 'no completions in a CronJob template',
    text: cronJobYaml({}, { completionMode: 'Indexed', parallelism: 2 }),
    field: 'spec.jobTemplate.spec.completions',
  },
  {
    rule: 'indexed',
    name: 'parallelism over 100000',
    text: jobYaml({ completionMode: 'Indexed', completions: 5, parallelism: 100001 }),
    field: 'spec.parallelism',
  },
  {
    rule: 'per-index',
    name: 'NonIndexed backoffLimitPerIndex',
    text: jobYaml({ backoffLimitPerIndex: 1 }),
    field: 'spec.backoffLimitPerIndex',
  },
  {
    rule: 'per-index',
    name: 'maxFailedIndexes without backoffLimitPerIndex',
    text: jobYaml({ completionMode: 'Indexed', completions: 4, maxFailedIndexes: 1 }),
    field: 'spec.backoffLimitPerIndex',
  },
  {
    rule: 'per-index',
    name: 'maxFailedIndexes over completions',
    text: jobYaml({ completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 1, maxFailedIndexes: 5 }),
    field: 'spec.maxFailedIndexes',
  },
  {
    rule: 'pod-failure-policy',
    name: 'unordered exit codes',
    text: jobYaml({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [3, 1] } }] } }),
    field: 'spec.podFailurePolicy.rules[0].onExitCodes.values',
    message: 'must be ordered',
  },
  {
    rule: 'pod-failure-policy',
    name: 'unknown action',
    text: jobYaml({ podFailurePolicy: { rules: [{ action: 'Retry', onExitCodes: { operator: 'In', values: [1] } }] } }),
    field: 'spec.podFailurePolicy.rules[0].action',
  },
  {
    rule: 'pod-failure-policy',
    name: 'missing operator',
    text: jobYaml({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { values: [1] } }] } }),
    field: 'spec.podFailurePolicy.rules[0].onExitCodes.operator',
  },
  {
    rule: 'pod-failure-policy',
    name: 'empty values',
    text: jobYaml({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [] } }] } }),
    field: 'spec.podFailurePolicy.rules[0].onExitCodes.values',
    message: 'at least one value',
  },
  {
    rule: 'pod-failure-policy',
    name: 'bad condition status',
    text: jobYaml({
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'Maybe' }] }] },
    }),
    field: 'spec.podFailurePolicy.rules[0].onPodConditions[0].status',
  },
  {
    rule: 'pod-failure-policy',
    name: 'too many rules',
    text: jobYaml({
      podFailurePolicy: {
        rules: Array.from({ length: 21 }, () => ({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] })),
      },
    }),
    field: 'spec.podFailurePolicy.rules',
    message: 'Too many: 21',
  },
  {
    rule: 'success-policy',
    name: 'NonIndexed',
    text: jobYaml({ successPolicy: { rules: [{ succeededCount: 1 }] } }),
    field: 'spec.successPolicy',
  },
  {
    rule: 'success-policy',
    name: 'bad interval',
    text: jobYaml({ completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{ succeededIndexes: '1--3' }] } }),
    field: 'spec.successPolicy.rules[0].succeededIndexes',
    message: 'at most two parts',
  },
  {
    rule: 'success-policy',
    name: 'count over listed indexes',
    text: jobYaml({
      completionMode: 'Indexed',
      completions: 5,
      successPolicy: { rules: [{ succeededIndexes: '0,2', succeededCount: 3 }] },
    }),
    field: 'spec.successPolicy.rules[0].succeededCount',
    message: 'the number of indexes',
  },
  {
    rule: 'success-policy',
    name: 'empty rule',
    text: jobYaml({ completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{}] } }),
    field: 'spec.successPolicy.rules[0]',
  },
  {
    rule: 'pod-replacement-policy',
    name: 'empty string',
    text: jobYaml({ podReplacementPolicy: '' }),
    field: 'spec.podReplacementPolicy',
  },
  {
    rule: 'managed-by',
    name: 'too long',
    text: jobYaml({ managedBy: `example.com/${long(60)}` }),
    field: 'spec.managedBy',
    message: 'Too long',
  },
  {
    rule: 'selector',
    name: 'selector without manualSelector',
    text: jobYaml({ selector: { matchLabels: { app: 'x' } } }),
    field: 'spec.selector',
    message: 'not auto-generated',
  },
  {
    rule: 'selector',
    name: 'manual selector not matching',
    text: jobYaml(
      { manualSelector: true, selector: { matchLabels: { app: 'x' } } },
      {},
      { template: { metadata: { labels: { app: 'y' } } } },
    ),
    field: 'spec.template.metadata.labels',
  },
  {
    rule: 'selector',
    name: 'CronJob manualSelector',
    text: cronJobYaml({}, { manualSelector: true }),
    field: 'spec.jobTemplate.spec.manualSelector',
  },
  { rule: 'containers', name: 'no containers', text: jobYaml({}, { containers: [] }), field: 'spec.template.spec.containers' },
  {
    rule: 'containers',
    name: 'no image',
    text: jobYaml({}, { containers: [{ name: 'w' }] }),
    field: 'spec.template.spec.containers[0].image',
  },
  {
    rule: 'containers',
    name: 'bad and duplicate names',
    text: jobYaml(
      {},
      {
        containers: [
          { name: 'W', image: 'a:1' },
          { name: 'W', image: 'a:1' },
        ],
      },
    ),
    field: 'spec.template.spec.containers[1].name',
    message: 'Duplicate',
  },
  {
    rule: 'volume-mounts',
    name: 'mount of a missing volume',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }),
    field: 'spec.template.spec.containers[0].volumeMounts[0].name',
    message: 'Not found: "data"',
  },
  {
    rule: 'volumes',
    name: 'duplicate volume',
    text: jobYaml(
      {},
      {
        volumes: [
          { name: 'a', emptyDir: {} },
          { name: 'a', emptyDir: {} },
        ],
      },
    ),
    field: 'spec.template.spec.volumes[1].name',
  },
  {
    rule: 'resource-limits',
    name: 'request over limit',
    text: jobYaml(
      {},
      {
        containers: [
          { name: 'w', image: 'a:1', resources: { requests: { memory: '2Gi', cpu: '500m' }, limits: { memory: '1Gi', cpu: 1 } } },
        ],
      },
    ),
    field: 'spec.template.spec.containers[0].resources.requests',
    message: 'Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
  },
  {
    rule: 'resources',
    name: 'fractional extended resource',
    text: jobYaml(
      {},
      {
        containers: [
          {
            name: 'w',
            image: 'a:1',
            resources: { limits: { 'example.com/gpu': '500m' }, requests: { 'example.com/gpu': '500m' } },
          },
        ],
      },
    ),
    field: 'spec.template.spec.containers[0].resources.limits[example.com/gpu]',
    message: 'must be an integer',
  },
  {
    rule: 'ports',
    name: 'port above 65535',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', ports: [{ containerPort: 70000 }] }] }),
    field: 'spec.template.spec.containers[0].ports[0].containerPort',
    message: 'must be between 1 and 65535, inclusive',
  },
  {
    rule: 'env',
    name: 'value and valueFrom',
    text: jobYaml(
      {},
      {
        containers: [
          { name: 'w', image: 'a:1', env: [{ name: 'A', value: 'x', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] },
        ],
      },
    ),
    field: 'spec.template.spec.containers[0].env[0].valueFrom',
    message: 'may not be specified when `value` is not empty',
  },
  {
    rule: 'probes',
    name: 'empty liveness probe',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', livenessProbe: {} }] }),
    field: 'spec.template.spec.containers[0].livenessProbe',
    message: 'must specify a handler type',
  },
  {
    rule: 'security-context',
    name: 'Unmasked procMount with host users',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', securityContext: { procMount: 'Unmasked' } }] }),
    field: 'spec.template.spec.containers[0].securityContext.procMount',
    message: '`hostUsers` must be false',
  },
  {
    rule: 'scheduling',
    name: 'toleration operator Equals',
    text: jobYaml({}, { tolerations: [{ key: 'a', operator: 'Equals', value: 'b' }] }),
    field: 'spec.template.spec.tolerations[0].operator',
    message: 'supported values: "Equal", "Exists"',
  },
  {
    rule: 'pod-spec',
    name: 'placeholder service account',
    text: jobYaml({}, { serviceAccountName: '$K8S_SA_NAME' }),
    field: 'spec.template.spec.serviceAccountName',
    message: 'RFC 1123 subdomain',
  },
  {
    rule: 'schedule-syntax',
    name: 'day of week 7',
    text: cronJobYaml({ schedule: '0 0 * * 7' }),
    field: 'spec.schedule',
    message: 'end of range (7) above maximum (6): 7',
  },
  {
    rule: 'schedule-syntax',
    name: 'null schedule',
    text: cronJobYaml({ schedule: null }),
    field: 'spec.schedule',
    message: 'Required value',
  },
  {
    rule: 'schedule-tz-prefix',
    name: 'CRON_TZ prefix',
    text: cronJobYaml({ schedule: 'CRON_TZ=UTC 0 3 * * *', timeZone: undefined }),
    field: 'spec.schedule',
    message: 'use timeZone field instead',
  },
  {
    rule: 'time-zone',
    name: 'Local',
    text: cronJobYaml({ timeZone: 'Local' }),
    field: 'spec.timeZone',
    message: 'explicit time zone',
  },
  {
    rule: 'time-zone',
    name: 'misspelled',
    text: cronJobYaml({ timeZone: 'America/New_Yrok' }),
    field: 'spec.timeZone',
    message: 'did you mean "America/New_York"',
  },
  { rule: 'concurrency-policy', name: 'Skip', text: cronJobYaml({ concurrencyPolicy: 'Skip' }), field: 'spec.concurrencyPolicy' },
  {
    rule: 'schedule-unquoted',
    name: 'plain scalar not starting with a digit',
    text: cronJobYaml().replace('"0 3 * * *"', '?/5 * * * *'),
    field: 'spec.schedule',
  },
];
