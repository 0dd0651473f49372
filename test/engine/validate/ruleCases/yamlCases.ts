import { jobYaml } from '../helpers';
import { LAUGHS, type RuleCase } from './ruleCase';

/** YAML as kubectl reads it: syntax, duplicate keys, aliases, line ends, flattened indentation, the findings cap, fields a version drops. */
export const YAML_CASES: readonly RuleCase[] = [
  {
    rule: 'yaml-syntax',
    name: 'unclosed flow sequence',
    text: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  parallelism: [1\n',
    message: 'Flow sequence',
  },
  {
    rule: 'yaml-duplicate-key',
    name: 'duplicate key (kubectl keeps the last)',
    text: jobYaml().replace('spec:\n', 'spec:\n  parallelism: 1\n  parallelism: 2\n'),
    field: 'spec.parallelism',
    message: 'kubectl keeps the last one',
  },
  {
    rule: 'yaml-syntax',
    name: "billion laughs (go-yaml's excessive aliasing)",
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
    text: jobYaml(
      {},
      {
        os: { name: 'linux' },
        containers: [{ name: 'w', image: 'busybox', lifecycle: { stopSignal: 'SIGUSR1' } }],
      },
    ),
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
];
