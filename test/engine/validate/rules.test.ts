import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { RULES } from '../../../src-engine';
import type { Finding, KubernetesVersion } from '../../../src-engine';
import { cronJobYaml, jobYaml, lint } from './helpers';

interface RuleCase {
  readonly rule: string;
  readonly name: string;
  readonly text: string;
  /** The field the finding must name (API notation). */
  readonly field?: string;
  /** A substring of the message. */
  readonly message?: string;
  /** The Kubernetes version that judges it (default: the newest). */
  readonly version?: KubernetesVersion;
}

const long = (n: number): string => 'a'.repeat(n);
/** Nine levels of ten aliases each: "billion laughs" as top-level fields. */
const laughLevel = (i: number): string =>
  i === 0 ? `x0: &a0 [${'x, '.repeat(9)}x]\n` : `x${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
const LAUGHS = Array.from({ length: 9 }, (_, i) => laughLevel(i)).join('');
const OWNER = { apiVersion: 'v1', kind: 'ConfigMap' };

/** One or more failing manifests per rule id; each must produce that rule's finding. */
const INVALID: RuleCase[] = [
  { rule: 'yaml-syntax', name: 'unclosed flow sequence', text: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  parallelism: [1\n', message: 'Flow sequence' },
  {
    rule: 'yaml-duplicate-key',
    name: 'duplicate key (kubectl keeps the last)',
    text: jobYaml().replace('spec:\n', 'spec:\n  parallelism: 1\n  parallelism: 2\n'),
    field: 'spec.parallelism',
    message: 'kubectl keeps the last one',
  },
  {
    rule: 'yaml-syntax',
    name: 'billion laughs (go-yaml\'s excessive aliasing)',
    text: jobYaml().replace('spec:\n', `${LAUGHS}spec:\n`),
    message: 'excessive aliasing',
  },
  {
    rule: 'yaml-syntax',
    name: 'an anchor containing its own alias',
    text: jobYaml().replace('spec:\n', 'x: &loop [*loop]\nspec:\n'),
    message: 'contains itself',
  },
  {
    rule: 'yaml-syntax',
    name: 'a raw escape character',
    text: jobYaml().replace('name: demo', 'name: demo\x1b[2J'),
    message: 'control characters are not allowed (U+001B)',
  },
  {
    rule: 'yaml-syntax',
    name: '.inf (JSON has no infinity)',
    text: jobYaml({ activeDeadlineSeconds: 1 }).replace('activeDeadlineSeconds: 1', 'activeDeadlineSeconds: .inf'),
    message: 'unsupported value: +Inf',
  },
  {
    rule: 'yaml-line-ends',
    name: 'CR-only line ends hide the second document',
    text: `${jobYaml()}---\n${jobYaml({}, {}, { name: 'second' })}`.replace(/\n/g, '\r'),
    message: 'only its first YAML document',
  },
  {
    rule: 'indentation-flattened',
    name: 'text copied without its indentation',
    text: ['apiVersion: batch/v1', 'kind: Job', 'metadata:', 'name: flat', 'spec:', 'template:', 'spec:', 'restartPolicy: Never']
      .concat(['containers:', '- name: w', 'image: busybox:1.36', ''])
      .join('\n'),
    field: 'metadata',
    message: 'indentation looks flattened',
  },
  {
    rule: 'findings-limit',
    name: '150 containers without requests',
    text: jobYaml({}, { containers: Array.from({ length: 150 }, (_, i) => ({ name: `c${i}`, image: 'busybox:1.36' })) }),
    message: '50 more findings',
  },
  {
    rule: 'field-dropped',
    name: 'a stop signal (ContainerStopSignals is alpha and off)',
    text: jobYaml({}, {
      os: { name: 'linux' },
      containers: [{ name: 'w', image: 'busybox', lifecycle: { stopSignal: 'SIGUSR1' } }],
    }),
    field: 'spec.template.spec.containers[0].lifecycle.stopSignal',
    message: 'silently drops this field ("SIGUSR1"): its feature gate ContainerStopSignals is alpha and off by default there',
  },
  {
    rule: 'field-dropped',
    name: 'hostnameOverride on 1.34 (HostnameOverride alpha there, beta from 1.35)',
    text: jobYaml({}, { hostnameOverride: 'worker' }),
    version: '1.34',
    field: 'spec.template.spec.hostnameOverride',
    message:
      'Kubernetes 1.34 silently drops this field ("worker"): its feature gate HostnameOverride is alpha and off by default ' +
      'there (on by default from 1.35)',
  },
  { rule: 'schedule-yaml', name: 'leading *', text: cronJobYaml().replace('schedule: "0 3 * * *"', 'schedule: */5 * * * *'), field: 'spec.schedule' },
  { rule: 'schedule-yaml', name: 'leading @', text: cronJobYaml().replace('schedule: "0 3 * * *"', 'schedule: @hourly'), field: 'spec.schedule' },
  { rule: 'api-version', name: 'batch/v1beta1', text: cronJobYaml().replace('batch/v1', 'batch/v1beta1'), field: 'apiVersion', message: 'removed in Kubernetes 1.25, use batch/v1' },
  { rule: 'api-version', name: 'Job in v1', text: jobYaml().replace('batch/v1', 'v1'), field: 'apiVersion', message: 'is in batch/v1' },
  {
    rule: 'api-version',
    name: 'Job in batch/v1beta1',
    text: jobYaml().replace('batch/v1', 'batch/v1beta1'),
    field: 'apiVersion',
    message: 'no matches for kind "Job" in version "batch/v1beta1"',
  },
  {
    rule: 'api-version',
    name: 'apiVersion missing',
    text: jobYaml().replace('apiVersion: batch/v1\n', ''),
    field: 'apiVersion',
    message: 'apiVersion not set',
  },
  {
    rule: 'api-version',
    name: 'kind missing',
    text: cronJobYaml().replace('kind: "CronJob"\n', ''),
    field: 'kind',
    message: 'kind not set',
  },
  {
    rule: 'api-version',
    name: 'kind in lower case',
    text: jobYaml().replace('kind: Job', 'kind: job'),
    field: 'kind',
    message: 'no kind "job" is registered for version "batch/v1"',
  },
  {
    rule: 'api-version',
    name: 'kind misspelled',
    text: cronJobYaml().replace('kind: "CronJob"', 'kind: Cronjob'),
    field: 'kind',
    message: 'no matches for kind "Cronjob"',
  },
  { rule: 'containers', name: 'CronJob without a job template', text: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}\nspec:\n  schedule: "@daily"\n', field: 'spec.jobTemplate.spec.template.spec.containers' },
  { rule: 'schedule-syntax', name: 'CronJob without spec', text: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}\n', field: 'spec.schedule' },
  { rule: 'restart-policy', name: 'Job without spec', text: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\n', field: 'spec.template.spec.restartPolicy' },
  { rule: 'unknown-field', name: 'typo in the pod spec', text: jobYaml({}, { restartPolicyy: 'Never' }), field: 'spec.template.spec.restartPolicyy', message: 'did you mean "restartPolicy"' },
  { rule: 'unknown-field', name: 'misplaced field', text: jobYaml({ schedule: '0 * * * *' }), field: 'spec.schedule' },
  { rule: 'field-type', name: 'quoted integer', text: jobYaml({ parallelism: '3' }), field: 'spec.parallelism', message: 'must be of type integer' },
  { rule: 'field-type', name: 'int32 overflow', text: jobYaml({ backoffLimit: 3000000000 }), field: 'spec.backoffLimit', message: 'int32' },
  { rule: 'field-type', name: 'quoted boolean', text: jobYaml({ suspend: 'true' }), field: 'spec.suspend', message: 'must be of type boolean' },
  { rule: 'field-type', name: 'number schedule', text: cronJobYaml({ schedule: 5 }), field: 'spec.schedule', message: 'must be of type string' },
  { rule: 'field-type', name: 'bad quantity', text: jobYaml({}, { containers: [{ name: 'w', image: 'busybox:1', resources: { requests: { memory: '64 MB' } } }] }), field: 'spec.template.spec.containers[0].resources.requests[memory]' },
  { rule: 'field-type', name: 'list where an object belongs', text: jobYaml({ podFailurePolicy: [] }), field: 'spec.podFailurePolicy' },
  {
    rule: 'field-type',
    name: 'YAML 1.1 boolean in a string field',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', env: [{ name: 'DEBUG', value: 'x' }] }] })
      .replace('value: x', 'value: yes'),
    field: 'spec.template.spec.containers[0].env[0].value',
    message: 'YAML 1.1',
  },
  {
    rule: 'field-type',
    name: 'int64 overflow (arrives as a float64)',
    text: jobYaml({ activeDeadlineSeconds: 1 }).replace('activeDeadlineSeconds: 1', 'activeDeadlineSeconds: 9223372036854775808'),
    field: 'spec.activeDeadlineSeconds',
    message: '9223372036854776000',
  },
  {
    rule: 'field-type',
    name: 'int32 overflow written with underscores',
    text: jobYaml({ backoffLimit: 1 }).replace('backoffLimit: 1', 'backoffLimit: 3_000_000_000'),
    field: 'spec.backoffLimit',
    message: 'int32',
  },
  { rule: 'name', name: 'uppercase', text: jobYaml({}, {}, { name: 'Demo' }), field: 'metadata.name', message: 'RFC 1123 subdomain' },
  { rule: 'name', name: 'missing', text: jobYaml().replace('  name: demo\n', '  labels: {}\n'), field: 'metadata.name', message: 'Required value' },
  { rule: 'name', name: 'CronJob over 52', text: cronJobYaml({}, {}, {}, long(53)), field: 'metadata.name', message: 'no more than 52' },
  {
    rule: 'name',
    name: 'generateName in upper case',
    text: jobYaml().replace('name: demo', 'generateName: Demo-'),
    field: 'metadata.generateName',
    message: 'RFC 1123 subdomain',
  },
  {
    rule: 'name',
    name: 'generated CronJob name over 52',
    text: cronJobYaml().replace('name: "nightly"', `generateName: ${long(50)}-`),
    field: 'metadata.name',
    message: '5 random characters',
  },
  {
    rule: 'indexed-hostname',
    name: 'generated name too long for the hostname',
    text: jobYaml({ completionMode: 'Indexed', completions: 5 }).replace('name: demo', `generateName: ${long(60)}`),
    field: 'metadata.name',
    message: 'first 58 characters',
  },
  {
    rule: 'object-meta',
    name: 'namespace in upper case',
    text: jobYaml({}, {}, { metadata: { namespace: 'Batch' } }),
    field: 'metadata.namespace',
    message: 'RFC 1123 label',
  },
  {
    rule: 'object-meta',
    name: 'owner reference without uid',
    text: jobYaml({}, {}, { metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner' }] } }),
    field: 'metadata.ownerReferences.uid',
    message: 'must not be empty',
  },
  {
    rule: 'object-meta',
    name: 'two controllers',
    text: jobYaml({}, {}, { metadata: { ownerReferences: [1, 2].map((n) => ({ ...OWNER, name: `o${n}`, uid: `u${n}` })) } })
      .replace(/uid: (u\d)\n/g, 'uid: $1\n      controller: true\n'),
    field: 'metadata.ownerReferences',
    message: 'Only one reference',
  },
  {
    rule: 'object-meta',
    name: 'finalizer without a domain',
    text: jobYaml({}, {}, { metadata: { finalizers: ['cleanup'] } }),
    field: 'metadata.finalizers[0]',
    message: 'neither a standard finalizer name',
  },
  { rule: 'job-name-length', name: '64-character Job name', text: jobYaml({}, {}, { name: long(64) }), field: 'spec.template.labels' },
  { rule: 'indexed-hostname', name: 'hostname over 63', text: jobYaml({ completionMode: 'Indexed', completions: 10 }, {}, { name: long(62) }), field: 'metadata.name', message: 'invalid DNS label' },
  { rule: 'labels', name: 'label value with a space', text: jobYaml({}, {}, { template: { metadata: { labels: { app: 'my app' } } } }), field: 'spec.template.labels' },
  { rule: 'labels', name: 'bad label key', text: jobYaml({}, {}, { metadata: { labels: { '-bad': 'x' } } }), field: 'metadata.labels' },
  { rule: 'non-negative', name: 'negative backoffLimit', text: jobYaml({ backoffLimit: -1 }), field: 'spec.backoffLimit', message: 'greater than or equal to 0' },
  { rule: 'non-negative', name: 'negative history limit', text: cronJobYaml({ successfulJobsHistoryLimit: -1 }), field: 'spec.successfulJobsHistoryLimit' },
  { rule: 'restart-policy', name: 'missing', text: jobYaml({}, { restartPolicy: undefined }), field: 'spec.template.spec.restartPolicy', message: 'Required value: valid values: "OnFailure", "Never"' },
  { rule: 'restart-policy', name: 'Always', text: jobYaml({}, { restartPolicy: 'Always' }), field: 'spec.template.spec.restartPolicy' },
  { rule: 'restart-policy', name: 'unknown', text: cronJobYaml({}, {}, { restartPolicy: 'never' }), field: 'spec.jobTemplate.spec.template.spec.restartPolicy', message: 'Unsupported value' },
  { rule: 'restart-policy', name: 'OnFailure with podFailurePolicy', text: jobYaml({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } }, { restartPolicy: 'OnFailure' }), message: 'only "Never"' },
  { rule: 'completion-mode', name: 'lowercase', text: jobYaml({ completionMode: 'indexed' }), field: 'spec.completionMode' },
  { rule: 'indexed', name: 'no completions in a CronJob template', text: cronJobYaml({}, { completionMode: 'Indexed', parallelism: 2 }), field: 'spec.jobTemplate.spec.completions' },
  { rule: 'indexed', name: 'parallelism over 100000', text: jobYaml({ completionMode: 'Indexed', completions: 5, parallelism: 100001 }), field: 'spec.parallelism' },
  { rule: 'per-index', name: 'NonIndexed backoffLimitPerIndex', text: jobYaml({ backoffLimitPerIndex: 1 }), field: 'spec.backoffLimitPerIndex' },
  { rule: 'per-index', name: 'maxFailedIndexes without backoffLimitPerIndex', text: jobYaml({ completionMode: 'Indexed', completions: 4, maxFailedIndexes: 1 }), field: 'spec.backoffLimitPerIndex' },
  { rule: 'per-index', name: 'maxFailedIndexes over completions', text: jobYaml({ completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 1, maxFailedIndexes: 5 }), field: 'spec.maxFailedIndexes' },
  { rule: 'pod-failure-policy', name: 'unordered exit codes', text: jobYaml({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [3, 1] } }] } }), field: 'spec.podFailurePolicy.rules[0].onExitCodes.values', message: 'must be ordered' },
  { rule: 'pod-failure-policy', name: 'unknown action', text: jobYaml({ podFailurePolicy: { rules: [{ action: 'Retry', onExitCodes: { operator: 'In', values: [1] } }] } }), field: 'spec.podFailurePolicy.rules[0].action' },
  { rule: 'pod-failure-policy', name: 'missing operator', text: jobYaml({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { values: [1] } }] } }), field: 'spec.podFailurePolicy.rules[0].onExitCodes.operator' },
  { rule: 'pod-failure-policy', name: 'empty values', text: jobYaml({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [] } }] } }), field: 'spec.podFailurePolicy.rules[0].onExitCodes.values', message: 'at least one value' },
  {
    rule: 'pod-failure-policy',
    name: 'bad condition status',
    text: jobYaml({
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'Maybe' }] }] },
    }
    ),
    field: 'spec.podFailurePolicy.rules[0].onPodConditions[0].status',
  },
  { rule: 'pod-failure-policy', name: 'too many rules', text: jobYaml({ podFailurePolicy: { rules: Array.from({ length: 21 }, () => ({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] })) } }), field: 'spec.podFailurePolicy.rules', message: 'Too many: 21' },
  { rule: 'success-policy', name: 'NonIndexed', text: jobYaml({ successPolicy: { rules: [{ succeededCount: 1 }] } }), field: 'spec.successPolicy' },
  { rule: 'success-policy', name: 'bad interval', text: jobYaml({ completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{ succeededIndexes: '1--3' }] } }), field: 'spec.successPolicy.rules[0].succeededIndexes', message: 'at most two parts' },
  { rule: 'success-policy', name: 'count over listed indexes', text: jobYaml({ completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{ succeededIndexes: '0,2', succeededCount: 3 }] } }), field: 'spec.successPolicy.rules[0].succeededCount', message: 'the number of indexes' },
  { rule: 'success-policy', name: 'empty rule', text: jobYaml({ completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{}] } }), field: 'spec.successPolicy.rules[0]' },
  { rule: 'pod-replacement-policy', name: 'empty string', text: jobYaml({ podReplacementPolicy: '' }), field: 'spec.podReplacementPolicy' },
  { rule: 'managed-by', name: 'too long', text: jobYaml({ managedBy: `example.com/${long(60)}` }), field: 'spec.managedBy', message: 'Too long' },
  { rule: 'selector', name: 'selector without manualSelector', text: jobYaml({ selector: { matchLabels: { app: 'x' } } }), field: 'spec.selector', message: 'not auto-generated' },
  { rule: 'selector', name: 'manual selector not matching', text: jobYaml({ manualSelector: true, selector: { matchLabels: { app: 'x' } } }, {}, { template: { metadata: { labels: { app: 'y' } } } }), field: 'spec.template.metadata.labels' },
  { rule: 'selector', name: 'CronJob manualSelector', text: cronJobYaml({}, { manualSelector: true }), field: 'spec.jobTemplate.spec.manualSelector' },
  { rule: 'containers', name: 'no containers', text: jobYaml({}, { containers: [] }), field: 'spec.template.spec.containers' },
  { rule: 'containers', name: 'no image', text: jobYaml({}, { containers: [{ name: 'w' }] }), field: 'spec.template.spec.containers[0].image' },
  { rule: 'containers', name: 'bad and duplicate names', text: jobYaml({}, { containers: [{ name: 'W', image: 'a:1' }, { name: 'W', image: 'a:1' }] }), field: 'spec.template.spec.containers[1].name', message: 'Duplicate' },
  { rule: 'volume-mounts', name: 'mount of a missing volume', text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }), field: 'spec.template.spec.containers[0].volumeMounts[0].name', message: 'Not found: "data"' },
  { rule: 'volumes', name: 'duplicate volume',
    text: jobYaml({}, { volumes: [{ name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} }] }),
    field: 'spec.template.spec.volumes[1].name' },
  { rule: 'resource-limits', name: 'request over limit',
    text: jobYaml({},
      { containers: [{ name: 'w', image: 'a:1',
        resources: { requests: { memory: '2Gi', cpu: '500m' }, limits: { memory: '1Gi', cpu: 1 } } }] }),
    field: 'spec.template.spec.containers[0].resources.requests',
    message: 'Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi' },
  { rule: 'resources', name: 'fractional extended resource',
    text: jobYaml({},
      { containers: [{ name: 'w', image: 'a:1',
        resources: { limits: { 'example.com/gpu': '500m' }, requests: { 'example.com/gpu': '500m' } } }] }),
    field: 'spec.template.spec.containers[0].resources.limits[example.com/gpu]', message: 'must be an integer' },
  { rule: 'ports', name: 'port above 65535',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', ports: [{ containerPort: 70000 }] }] }),
    field: 'spec.template.spec.containers[0].ports[0].containerPort', message: 'must be between 1 and 65535, inclusive' },
  { rule: 'env', name: 'value and valueFrom',
    text: jobYaml({},
      { containers: [{ name: 'w', image: 'a:1',
        env: [{ name: 'A', value: 'x', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] }),
    field: 'spec.template.spec.containers[0].env[0].valueFrom', message: 'may not be specified when `value` is not empty' },
  { rule: 'probes', name: 'empty liveness probe',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', livenessProbe: {} }] }),
    field: 'spec.template.spec.containers[0].livenessProbe', message: 'must specify a handler type' },
  { rule: 'security-context', name: 'Unmasked procMount with host users',
    text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', securityContext: { procMount: 'Unmasked' } }] }),
    field: 'spec.template.spec.containers[0].securityContext.procMount', message: '`hostUsers` must be false' },
  { rule: 'scheduling', name: 'toleration operator Equals',
    text: jobYaml({}, { tolerations: [{ key: 'a', operator: 'Equals', value: 'b' }] }),
    field: 'spec.template.spec.tolerations[0].operator', message: 'supported values: "Equal", "Exists"' },
  { rule: 'pod-spec', name: 'placeholder service account', text: jobYaml({}, { serviceAccountName: '$K8S_SA_NAME' }),
    field: 'spec.template.spec.serviceAccountName', message: 'RFC 1123 subdomain' },
  { rule: 'schedule-syntax', name: 'day of week 7', text: cronJobYaml({ schedule: '0 0 * * 7' }), field: 'spec.schedule', message: 'end of range (7) above maximum (6): 7' },
  { rule: 'schedule-syntax', name: 'null schedule', text: cronJobYaml({ schedule: null }), field: 'spec.schedule', message: 'Required value' },
  { rule: 'schedule-tz-prefix', name: 'CRON_TZ prefix', text: cronJobYaml({ schedule: 'CRON_TZ=UTC 0 3 * * *', timeZone: undefined }), field: 'spec.schedule', message: 'use timeZone field instead' },
  { rule: 'time-zone', name: 'Local', text: cronJobYaml({ timeZone: 'Local' }), field: 'spec.timeZone', message: 'explicit time zone' },
  { rule: 'time-zone', name: 'misspelled', text: cronJobYaml({ timeZone: 'America/New_Yrok' }), field: 'spec.timeZone', message: 'did you mean "America/New_York"' },
  { rule: 'concurrency-policy', name: 'Skip', text: cronJobYaml({ concurrencyPolicy: 'Skip' }), field: 'spec.concurrencyPolicy' },
  {
    rule: 'schedule-unquoted', name: 'plain scalar not starting with a digit',
    text: cronJobYaml().replace('"0 3 * * *"', '?/5 * * * *'),
    field: 'spec.schedule',
  },
  { rule: 'schedule-never-fires', name: 'February 30', text: cronJobYaml({ schedule: '0 0 30 2 *' }), field: 'spec.schedule' },
  { rule: 'schedule-dom-dow-or', name: '13th or Friday', text: cronJobYaml({ schedule: '0 0 13 * 5' }), message: 'EITHER' },
  { rule: 'schedule-every-minute', name: '* * * * *', text: cronJobYaml({ schedule: '* * * * *' }) },
  { rule: 'time-zone-missing', name: 'no timeZone', text: cronJobYaml({ timeZone: undefined }) },
  { rule: 'starting-deadline-short', name: '5 s', text: cronJobYaml({ startingDeadlineSeconds: 5 }), field: 'spec.startingDeadlineSeconds' },
  { rule: 'every-deadline-never-runs', name: '@every 1h with 600 s', text: cronJobYaml({ schedule: '@every 1h', startingDeadlineSeconds: 600 }), field: 'spec.startingDeadlineSeconds' },
  { rule: 'job-ttl-missing', name: 'standalone Job', text: jobYaml({ ttlSecondsAfterFinished: undefined }), field: 'spec.ttlSecondsAfterFinished' },
  { rule: 'history-limits-missing', name: 'no limits', text: cronJobYaml({ successfulJobsHistoryLimit: undefined }) },
  {
    rule: 'concurrency-allow', name: 'defaulted Allow every 10 minutes',
    text: cronJobYaml({ concurrencyPolicy: undefined, schedule: '*/10 * * * *' }),
    field: 'spec.concurrencyPolicy',
  },
  {
    rule: 'lifecycle-one-off-task', name: 'migration in a Deployment',
    text:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: m}\nspec:\n' +
      '  selector: {matchLabels: {a: m}}\n  template:\n    metadata: {labels: {a: m}}\n    spec:\n' +
      '      containers:\n        - {name: m, image: "app:1", command: [python, manage.py, migrate]}\n',
    field: 'spec.template.spec.containers[0].command', message: 'again and again',
  },
  {
    rule: 'lifecycle-sleep-loop', name: 'hourly loop in a Deployment',
    text:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: m}\nspec:\n' +
      '  selector: {matchLabels: {a: m}}\n  template:\n    metadata: {labels: {a: m}}\n    spec:\n' +
      '      containers:\n' +
      '        - {name: m, image: "app:1", command: [sh, -c, "while true; do ./sync; sleep 3600; done"]}\n' +
      '',
    field: 'spec.template.spec.containers[0].command', message: 'schedule "0 * * * *"',
  },
  { rule: 'image-latest', name: 'untagged', text: jobYaml({}, { containers: [{ name: 'w', image: 'busybox', resources: { requests: { cpu: '1' } } }] }), field: 'spec.template.spec.containers[0].image' },
  { rule: 'image-latest', name: ':latest with a registry port', text: jobYaml({}, { containers: [{ name: 'w', image: 'registry:5000/app:latest', resources: { requests: { cpu: '1' } } }] }) },
  { rule: 'resources-missing', name: 'no requests', text: jobYaml({}, { containers: [{ name: 'w', image: 'busybox:1' }] }) },
  { rule: 'job-looks-like-server', name: 'ports and probe', text: jobYaml({}, { containers: [{ name: 'w', image: 'nginx:1', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '1' } } }] }) },
  { rule: 'completion-index-not-indexed', name: 'index annotation in a NonIndexed Job (the seed tutorial\'s shard-import)', text: jobYaml({ completions: 5, parallelism: 2 }, { containers: [{ name: 'w', image: 'importer:2', resources: { requests: { cpu: '1' } }, env: [{ name: 'SHARD_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }] }] }), field: 'spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath', message: 'always empty' },
  { rule: 'name-not-dns-label', name: 'dots', text: jobYaml({}, {}, { name: 'db.backup' }), field: 'metadata.name', message: 'must not contain dots' },
  { rule: 'indexed-tracking', name: 'huge Indexed Job', text: jobYaml({ completionMode: 'Indexed', completions: 200000, parallelism: 20000, backoffLimitPerIndex: undefined }) },
  { rule: 'template-not-checked', name: 'Helm template', text: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}\nspec: {{ toYaml .Values.spec | nindent 2 }}\n' },
  { rule: 'file-skipped', name: 'binary', text: 'apiVersion: batch/v1\u0000\u0001\u0002' },
];

/** Manifests every check must accept without an error (and practice rules quiet where stated). */
const VALID: { name: string; text: string; quiet?: boolean }[] = [
  { name: 'baseline Job', text: jobYaml(), quiet: true },
  { name: 'baseline CronJob', text: cronJobYaml(), quiet: true },
  { name: 'native sidecar init container', text: jobYaml({}, { initContainers: [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', resources: { requests: { cpu: '10m' } } }] }), quiet: true },
  { name: 'Indexed Job with per-index limits and FailIndex', text: jobYaml({ completionMode: 'Indexed', completions: 10, parallelism: 3, backoffLimitPerIndex: 1, maxFailedIndexes: 2, podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { containerName: 'work', operator: 'In', values: [1, 2, 42] } }, { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } }), quiet: true },
  { name: 'index annotation read in an Indexed Job', text: jobYaml({ completionMode: 'Indexed', completions: 5 }, { containers: [{ name: 'w', image: 'importer:2', resources: { requests: { cpu: '1' } }, env: [{ name: 'SHARD_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }] }] }), quiet: true },
  { name: 'success policy intervals', text: jobYaml({ completionMode: 'Indexed', completions: 10, successPolicy: { rules: [{ succeededIndexes: '0,2-4,7', succeededCount: 3 }] } }), quiet: true },
  { name: 'manual selector matching', text: jobYaml({ manualSelector: true, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['x'] }] } }, {}, { template: { metadata: { labels: { app: 'x' } } } }), quiet: true },
  { name: 'zero values', text: jobYaml({ parallelism: 0, activeDeadlineSeconds: 0, backoffLimit: 0, ttlSecondsAfterFinished: 0 }), quiet: true },
  { name: 'int-or-string and quantities', text: jobYaml({}, { containers: [{ name: 'w', image: 'a:1', resources: { requests: { cpu: 1, memory: '1.5Gi' } }, lifecycle: { preStop: { httpGet: { port: 'http' } } } }] }), quiet: true },
  { name: 'newer pod fields', text: jobYaml({}, { resources: { requests: { cpu: '1' } }, hostnameOverride: 'x' }), quiet: true },
  { name: 'YAML 1.1 booleans where booleans belong, quoted yes where strings belong', text: jobYaml({ suspend: true }).replace('suspend: true', 'suspend: on').replace('name: demo', 'name: demo\n  labels:\n    enabled: "yes"'), quiet: true },
  { name: 'YAML merge keys, as kubectl reads them', text: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: merged}\nspec:\n  ttlSecondsAfterFinished: 60\n  template:\n    spec:\n      <<: &pod\n        restartPolicy: Never\n      containers:\n        - {name: w, image: "a:1", resources: {requests: {cpu: 1}}}\n', quiet: true },
  { name: 'mounted volumes and requests within limits', text: jobYaml({}, { volumes: [{ name: 'scratch', emptyDir: {} }], containers: [{ name: 'w', image: 'a:1', volumeMounts: [{ name: 'scratch', mountPath: '/s' }], resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: 1, memory: '1024Mi' } } }] }), quiet: true },
  { name: 'managedBy built-in', text: jobYaml({ managedBy: 'kubernetes.io/job-controller' }), quiet: true },
  { name: 'a CRD named Job in another group is ignored', text: 'apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: x}\nspec: {tasks: []}\n', quiet: true },
  { name: 'a ConfigMap is ignored', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\ndata: {a: 1}\n', quiet: true },
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
    text: jobYaml({}, { containers: [{ name: 'a', image: 'busybox:1.36', resources: { requests: { cpu: '1' } } }] })
      .replace('resources:\n', 'resources: &res\n'),
    quiet: true,
  },
  {
    name: 'owner reference and finalizers in order',
    text: jobYaml({}, {}, {
      metadata: {
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd9607e19', controller: true }],
        finalizers: ['example.com/cleanup', 'orphan'],
      },
    }),
    quiet: true,
  },
  { name: 'CronJob @every with a long deadline', text: cronJobYaml({ schedule: '@every 1h', startingDeadlineSeconds: 7200 }), quiet: true },
];

describe('lint rules', () => {
  for (const c of INVALID) {
    it(`${c.rule}: ${c.name}`, () => {
      const findings = lint(c.text, c.version ? { kubernetesVersion: c.version } : undefined);
      const hit = findings.find((f) => f.rule === c.rule && (c.field === undefined || f.field === c.field) && (c.message === undefined || f.message.includes(c.message)));
      assert.ok(hit, `no ${c.rule} finding${c.field ? ` on ${c.field}` : ''}; got:\n${show(findings)}`);
      assert.equal(hit.severity, RULES.find((r) => r.id === c.rule)?.defaultSeverity);
      assert.ok(hit.docsUrl?.startsWith('https://kubernetes.io/docs/'), 'every finding links to the Kubernetes docs');
    });
  }

  for (const c of VALID) {
    it(`accepts: ${c.name}`, () => {
      const findings = lint(c.text);
      const shown = c.quiet ? findings : findings.filter((f) => f.severity === 'error');
      assert.deepEqual(shown, [], show(shown));
    });
  }

  it('has an invalid case for every rule in the catalogue', () => {
    const covered = new Set(INVALID.map((c) => c.rule));
    assert.deepEqual(RULES.map((r) => r.id).filter((id) => !covered.has(id)), []);
  });

  it('catalogue entries are complete and unique', () => {
    const ids = new Set<string>();
    for (const rule of RULES) {
      assert.ok(!ids.has(rule.id), `duplicate id ${rule.id}`);
      ids.add(rule.id);
      assert.match(rule.id, /^[a-z][a-z0-9-]*$/);
      assert.ok(rule.title && rule.description);
      assert.ok(rule.docsUrl.startsWith('https://kubernetes.io/docs/'), rule.id);
      assert.equal(rule.category === 'validation', rule.defaultSeverity === 'error', `${rule.id}: errors are exactly the validation rules`);
    }
  });

  it('can turn a rule off or change its severity', () => {
    const text = cronJobYaml({ timeZone: undefined, concurrencyPolicy: 'Skip' });
    assert.ok(lint(text).some((f) => f.rule === 'time-zone-missing'));
    assert.ok(!lint(text, { rules: { 'time-zone-missing': 'off' } }).some((f) => f.rule === 'time-zone-missing'));
    const demoted = lint(text, { rules: { 'concurrency-policy': 'warning' } }).find((f) => f.rule === 'concurrency-policy');
    assert.equal(demoted?.severity, 'warning');
  });

  it('reports restartPolicy Always with the API server\'s exact text', () => {
    const hit = lint(jobYaml({}, { restartPolicy: 'Always' })).find((f) => f.rule === 'restart-policy');
    assert.equal(hit?.message, 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  it('reports an unquoted * schedule once, on spec.schedule, without other YAML errors', () => {
    const findings = lint(cronJobYaml().replace('schedule: "0 3 * * *"', 'schedule: */5 * * * *'));
    assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.field}`), ['schedule-yaml spec.schedule']);
  });

  it('still checks the rest of a document whose unquoted * schedule breaks the YAML', () => {
    const findings = lint(cronJobYaml({ timeZone: 'europe/berlin' }).replace('schedule: "0 3 * * *"', 'schedule: */5 * * * *'));
    assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.field}`), ['schedule-yaml spec.schedule', 'time-zone spec.timeZone']);
  });

  it('places findings in whole-file coordinates in multi-document files', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n${jobYaml({ backoffLimit: -2 })}`;
    const hit = lint(text).find((f) => f.rule === 'non-negative');
    assert.ok(hit);
    const line = text.split('\n')[hit.range.start.line] ?? '';
    assert.match(line, /backoffLimit: -2/);
  });

  it('never throws on odd documents', () => {
    for (const text of ['', '---\n', 'kind: Job\napiVersion: batch/v1\n', 'apiVersion: batch/v1\nkind: Job\nspec: 3\n', 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate: []\n', 'apiVersion: batch/v1\nkind: Job\nmetadata: []\nspec:\n  template: {spec: {containers: [1, null, {name: [1]}]}}\n', '- a\n- b\n', 'a: &x [*x]\n']) {
      assert.doesNotThrow(() => lint(text), text);
    }
  });
});

function show(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.severity} ${f.rule} ${f.field}: ${f.message}`).join('\n');
}
