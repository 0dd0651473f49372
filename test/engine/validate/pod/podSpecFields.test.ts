import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { jobYaml, lint } from '../helpers';
import { POD, container, podCases } from './podCases';

podCases("pod-spec (the pod spec's own fields)", 'pod-spec', [
  {
    name: 'DNS settings, names, a deadline and a DRA claim',
    pod: {
      dnsPolicy: 'None',
      dnsConfig: {
        nameservers: ['10.0.0.10'],
        searches: ['svc.cluster.local', '_tcp.example.com'],
        options: [{ name: 'ndots', value: '2' }],
      },
      hostname: 'worker',
      subdomain: 'batch',
      serviceAccountName: 'etl-runner',
      priorityClassName: 'batch-low',
      activeDeadlineSeconds: 600,
      resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'single-gpu' }],
      hostnameOverride: 'worker.example',
    },
    valid: true,
  },
  {
    name: 'dnsPolicy Sometimes',
    pod: { dnsPolicy: 'Sometimes' },
    field: `${POD}.dnsPolicy`,
    message: 'supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
  },
  {
    name: 'dnsPolicy None without dnsConfig',
    pod: { dnsPolicy: 'None' },
    field: `${POD}.dnsConfig`,
    message: 'must provide `dnsConfig` when `dnsPolicy` is None',
  },
  {
    name: 'a nameserver that is not an IP',
    pod: { dnsConfig: { nameservers: ['dns.local'] } },
    field: `${POD}.dnsConfig.nameservers[0]`,
  },
  {
    name: 'a placeholder service account',
    pod: { serviceAccountName: '$K8S_SA_NAME' },
    field: `${POD}.serviceAccountName`,
    message: 'Invalid value: "$K8S_SA_NAME"',
  },
  {
    name: 'the deprecated serviceAccount is read as serviceAccountName',
    pod: { serviceAccount: 'Bad_SA' },
    field: `${POD}.serviceAccountName`,
  },
  { name: 'a hostname with an underscore', pod: { hostname: 'Bad_Host' }, field: `${POD}.hostname`, message: 'RFC 1123 label' },
  { name: 'a priority class in capitals', pod: { priorityClassName: 'Bad_Class' }, field: `${POD}.priorityClassName` },
  {
    name: 'activeDeadlineSeconds 0',
    pod: { activeDeadlineSeconds: 0 },
    field: `${POD}.activeDeadlineSeconds`,
    message: 'must be between 1 and 2147483647, inclusive',
  },
  {
    name: 'a resource claim with both references',
    pod: { resourceClaims: [{ name: 'gpu', resourceClaimName: 'a', resourceClaimTemplateName: 'b' }] },
    field: `${POD}.resourceClaims[0]`,
    message: 'at most one of',
  },
  {
    name: 'os windows with Linux-only settings',
    pod: { os: { name: 'windows' }, securityContext: { runAsUser: 1000 } },
    field: `${POD}.securityContext.runAsUser`,
    message: 'cannot be set for a windows pod',
  },
  {
    name: 'os Linux in capitals',
    pod: { os: { name: 'Linux' } },
    field: `${POD}.os`,
    message: 'supported values: "linux", "windows"',
  },
  {
    name: 'a bad pod-deletion-cost annotation',
    pod: { containers: [container()] },
    metadata: { annotations: { 'controller.kubernetes.io/pod-deletion-cost': '1.5' } },
    field: 'spec.template.annotations[controller.kubernetes.io/pod-deletion-cost]',
    message: 'must be a 32bit integer',
  },
  {
    name: 'an AppArmor annotation for a container the pod does not have',
    pod: {},
    metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/other': 'runtime/default' } },
    message: 'container not found',
  },
]);

describe('pod-spec restartPolicy', () => {
  it("reports the pod's own supported values beside the Job's, and leaves the fix to the restart-policy rule", () => {
    const findings = lint(jobYaml({}, { restartPolicy: 'always' })).filter((f) => f.field === `${POD}.restartPolicy`);
    const pod = findings.find((f) => f.rule === 'pod-spec');
    assert.equal(
      pod?.message,
      `${POD}.restartPolicy: Unsupported value: "always": supported values: "Always", "OnFailure", "Never"`,
    );
    assert.equal(pod?.fixes, undefined, 'Always would be wrong for a Job');
    assert.ok(findings.some((f) => f.rule === 'restart-policy' && (f.fixes?.length ?? 0) > 0));
  });
});
