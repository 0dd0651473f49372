// What a user sees on one field of one manifest as each Kubernetes version judges it: an error
// (the server refuses it), an unknown field (the version's API has no such field), a warning that
// the server silently drops it (its feature gate is off there), or nothing. The behaviours are
// the ones real v1.32.13–v1.36.3 servers showed (issue #17) and the version differences read
// from each release's pkg/apis/core/validation, pkg/api/pod/util.go and batch defaults.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { KUBERNETES_VERSIONS } from '../../../src-engine';
import type { Finding, KubernetesVersion } from '../../../src-engine';
import { cronJobYaml, jobYaml, lint } from './helpers';

/** `clean`: no finding on the field; `dropped`: a field-dropped warning and no error; otherwise the erroring rule. */
type Seen = 'clean' | 'dropped' | 'unknown-field' | string;

interface VersionCase {
  readonly name: string;
  readonly text: string;
  readonly field: string;
  /** What each version shows; a version left out shows what the one before it does. */
  readonly seen: Partial<Record<KubernetesVersion, Seen>> & { '1.32': Seen };
  /** A substring of the finding's message, per version (kept for the next versions until `seen` changes). */
  readonly says?: Partial<Record<KubernetesVersion, string>>;
}

const POD = 'spec.template.spec';
const work = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'work',
  image: 'busybox:1.36',
  ...extra,
});
const init = (extra: Record<string, unknown>): Record<string, unknown> => ({ name: 'setup', image: 'busybox:1.36', ...extra });
const EXIT_42 = { action: 'Restart', exitCodes: { operator: 'In', values: [42] } };

const CASES: readonly VersionCase[] = [
  {
    name: 'an init container with restartPolicy Never',
    text: jobYaml({}, { initContainers: [init({ restartPolicy: 'Never' })] }),
    field: `${POD}.initContainers[0].restartPolicy`,
    seen: { '1.32': 'containers', '1.34': 'dropped', '1.35': 'clean' },
    says: { '1.32': 'Unsupported value: "Never": supported values: "Always"', '1.34': 'gate ContainerRestartRules is alpha' },
  },
  {
    name: 'an init container with restartPolicy ""',
    text: jobYaml({}, { initContainers: [init({ restartPolicy: '' })] }),
    field: `${POD}.initContainers[0].restartPolicy`,
    seen: { '1.32': 'containers', '1.34': 'dropped', '1.35': 'containers' },
    says: { '1.35': 'supported values: "Always", "Never", "OnFailure"' },
  },
  {
    name: "a regular container's restartPolicy",
    text: jobYaml({}, { containers: [work({ restartPolicy: 'Never' })] }),
    field: `${POD}.containers[0].restartPolicy`,
    seen: { '1.32': 'containers', '1.34': 'dropped', '1.35': 'clean' },
    says: { '1.33': 'Forbidden: may not be set for non-init containers' },
  },
  {
    name: 'restartPolicyRules with a bad operator',
    text: jobYaml(
      {},
      {
        containers: [
          work({ restartPolicy: 'Never', restartPolicyRules: [{ ...EXIT_42, exitCodes: { operator: 'Is', values: [1] } }] }),
        ],
      },
    ),
    field: `${POD}.containers[0].restartPolicyRules`,
    seen: { '1.32': 'unknown-field', '1.34': 'dropped', '1.35': 'containers' },
  },
  {
    name: 'the RestartAllContainers action',
    text: jobYaml(
      {},
      { containers: [work({ restartPolicy: 'Never', restartPolicyRules: [{ ...EXIT_42, action: 'RestartAllContainers' }] })] },
    ),
    field: `${POD}.containers[0].restartPolicyRules[0].action`,
    seen: { '1.32': 'clean', '1.35': 'containers', '1.36': 'clean' },
  },
  {
    name: 'env valueFrom.fileKeyRef',
    text: jobYaml(
      {},
      {
        volumes: [{ name: 'config', emptyDir: {} }],
        containers: [
          work({ env: [{ name: 'TOKEN', valueFrom: { fileKeyRef: { volumeName: 'config', path: 'env', key: 'TOKEN' } } }] }),
        ],
      },
    ),
    field: `${POD}.containers[0].env[0].valueFrom`,
    // 1.34 drops fileKeyRef, which leaves an empty valueFrom: a 422 on valueFrom itself.
    seen: { '1.32': 'unknown-field', '1.34': 'env', '1.35': 'clean' },
    says: { '1.34': 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`' },
  },
  {
    name: 'hostnameOverride',
    text: jobYaml({}, { hostnameOverride: 'worker' }),
    field: `${POD}.hostnameOverride`,
    seen: { '1.32': 'unknown-field', '1.34': 'dropped', '1.35': 'clean' },
  },
  {
    name: 'pod-level limits below a container limit',
    text: jobYaml({}, { resources: { limits: { cpu: '1' } }, containers: [work({ resources: { limits: { cpu: '2' } } })] }),
    field: `${POD}.resources`,
    seen: { '1.32': 'dropped', '1.34': 'resource-limits' },
  },
  {
    name: "a CronJob's onPodConditions pattern without status",
    text: cronJobYaml(
      {},
      { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } },
      { restartPolicy: 'Never' },
    ),
    field: 'spec.jobTemplate.spec.podFailurePolicy.rules[0].onPodConditions[0].status',
    seen: { '1.32': 'pod-failure-policy', '1.34': 'clean' },
    says: { '1.33': 'Required value: valid values: ["False" "True" "Unknown"]' },
  },
  {
    name: 'a TZ= schedule with nothing after the zone',
    text: cronJobYaml({ schedule: 'TZ=Europe/Berlin', timeZone: undefined }),
    field: 'spec.schedule',
    seen: { '1.32': 'schedule-syntax' },
    says: {
      '1.34': "makes the Kubernetes 1.34 API server's handler panic",
      '1.35': 'Invalid value: "TZ=Europe/Berlin": invalid schedule format: runtime error: slice bounds out of range [:-1]',
    },
  },
  {
    name: 'a required node affinity value that is not a label value',
    text: jobYaml(
      {},
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['eu west'] }] }],
            },
          },
        },
      },
    ),
    field:
      `${POD}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]` +
      '.matchExpressions[0].values[0]',
    seen: { '1.32': 'clean', '1.33': 'scheduling' },
  },
  {
    name: 'hostUsers: false (UserNamespacesSupport beta and off in 1.32)',
    text: jobYaml({}, { hostUsers: false }),
    field: `${POD}.hostUsers`,
    seen: { '1.32': 'dropped', '1.33': 'clean' },
  },
  {
    name: 'procMount Unmasked without hostUsers: false',
    text: jobYaml({}, { containers: [work({ securityContext: { procMount: 'Unmasked' } })] }),
    field: `${POD}.containers[0].securityContext.procMount`,
    seen: { '1.32': 'dropped', '1.33': 'security-context' },
    says: { '1.32': 'replaces "Unmasked" with "Default"' },
  },
  {
    name: 'a preStop sleep of 0 seconds',
    text: jobYaml({}, { containers: [work({ lifecycle: { preStop: { sleep: { seconds: 0 } } } })] }),
    field: `${POD}.containers[0].lifecycle.preStop.sleep`,
    seen: { '1.32': 'probes', '1.33': 'clean' },
    says: { '1.32': 'must be greater than 0' },
  },
  {
    name: 'a host alias IP with a leading zero',
    text: jobYaml({}, { hostAliases: [{ ip: '010.0.0.1', hostnames: ['db'] }] }),
    field: `${POD}.hostAliases[0].ip`,
    seen: { '1.32': 'clean', '1.36': 'pod-spec' },
    says: { '1.36': 'must not have leading 0s' },
  },
  {
    name: 'an image volume',
    text: jobYaml(
      {},
      {
        volumes: [{ name: 'models', image: { reference: 'registry.example/models:1' } }],
        containers: [work({ volumeMounts: [{ name: 'models', mountPath: '/models' }] })],
      },
    ),
    field: `${POD}.volumes[0].image`,
    seen: { '1.32': 'dropped', '1.35': 'clean' },
  },
  {
    name: 'a toleration with operator Lt (TaintTolerationComparisonOperators off)',
    text: jobYaml({}, { tolerations: [{ key: 'gpu', operator: 'Lt', value: '4' }] }),
    field: `${POD}.tolerations[0].operator`,
    seen: { '1.32': 'scheduling' },
    says: { '1.34': 'supported values: "Equal", "Exists"', '1.35': 'supported values: "Equal", "Exists", "Lt", "Gt"' },
  },
  {
    name: 'a label value of 64 characters (the wording moved to bytes in 1.35)',
    text: jobYaml({}, {}, { metadata: { labels: { team: 'a'.repeat(64) } } }),
    field: 'metadata.labels',
    seen: { '1.32': 'labels' },
    says: { '1.34': 'must be no more than 63 characters', '1.35': 'must be no more than 63 bytes' },
  },
  {
    name: 'too many nameservers (a list printed the Go way up to 1.33)',
    text: jobYaml({}, { dnsConfig: { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] } }),
    field: `${POD}.dnsConfig.nameservers`,
    seen: { '1.32': 'pod-spec' },
    says: { '1.33': 'Invalid value: []string{"1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4"}', '1.34': 'Invalid value: ["1.1.1.1",' },
  },
];

function show(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.severity} ${f.rule} ${f.field}: ${f.message}`).join('\n') || '  (none)';
}

/** The finding on the field (or a field below it) that decides what the user sees. */
function seenOn(findings: readonly Finding[], field: string): { seen: Seen; finding?: Finding } {
  const on = findings.filter((f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`));
  const error = on.find((f) => f.severity === 'error');
  if (error) return { seen: error.rule, finding: error };
  const dropped = on.find((f) => f.rule === 'field-dropped');
  return dropped ? { seen: 'dropped', finding: dropped } : { seen: 'clean' };
}

describe('a manifest as each Kubernetes version judges it', () => {
  for (const c of CASES) {
    it(c.name, () => {
      let seen: Seen = c.seen['1.32'];
      let says: string | undefined;
      for (const version of KUBERNETES_VERSIONS) {
        if (c.seen[version] !== undefined) says = undefined;
        seen = c.seen[version] ?? seen;
        says = c.says?.[version] ?? says;
        const findings = lint(c.text, { kubernetesVersion: version });
        const got = seenOn(findings, c.field);
        assert.equal(got.seen, seen, `Kubernetes ${version}: ${c.field}\n${show(findings)}`);
        if (says && got.finding) assert.ok(got.finding.message.includes(says), `Kubernetes ${version}: ${got.finding.message}`);
      }
    });
  }
});

describe('a field no version has', () => {
  it("is plainly unknown, also when it is named like a member of Object.prototype (no 'added in' or 'no longer has')", () => {
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'restartPolicyy']) {
      const findings = lint(jobYaml({}, { [name]: 'x' }));
      const unknown = findings.find((f) => f.field === `${POD}.${name}`);
      assert.equal(unknown?.rule, 'unknown-field', show(findings));
      assert.match(unknown.message, new RegExp(`^${POD}\\.${name}: unknown field "${name}" in ${POD} \\(PodSpec\\)`));
      assert.doesNotMatch(unknown.message, /no longer has|added in|only in/);
    }
  });
});
