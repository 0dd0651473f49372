import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Finding, KubernetesVersion } from '../../../../src-engine';
import { jobYaml, lint } from '../helpers';

/**
 * Table tests for the pod-template rules: each case is a pod spec patch (merged into a valid
 * Job's pod spec) and either the finding the API server's rule gives or `valid` (no error at
 * all: a false rejection costs a user more than a miss).
 */
export interface PodCase {
  readonly name: string;
  readonly pod: Record<string, unknown>;
  /** Pod template metadata (labels, annotations). */
  readonly metadata?: Record<string, unknown>;
  readonly field?: string;
  readonly message?: string;
  readonly valid?: true;
  /** The Kubernetes version that judges the case (default: the newest). */
  readonly version?: KubernetesVersion;
}

/** A container with a name and an image, plus `extra`. */
export function container(extra: Record<string, unknown> = {}, name = 'work'): Record<string, unknown> {
  return { name, image: 'busybox:1.36', ...extra };
}

function show(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.severity} ${f.rule} ${f.field}: ${f.message}`).join('\n') || '  (none)';
}

export function podCases(title: string, rule: string, cases: readonly PodCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(`${c.valid ? 'accepts' : 'rejects'}: ${c.name}${c.version ? ` (${c.version})` : ''}`, () => {
        const yaml = jobYaml({}, c.pod, c.metadata ? { template: { metadata: c.metadata } } : {});
        const findings = lint(yaml, c.version ? { kubernetesVersion: c.version } : undefined).filter(
          (f) => f.severity === 'error',
        );
        if (c.valid) {
          assert.deepEqual(findings, [], show(findings));
          return;
        }
        const hit = findings.find(
          (f) =>
            f.rule === rule &&
            (c.field === undefined || f.field === c.field) &&
            (c.message === undefined || f.message.includes(c.message)),
        );
        assert.ok(
          hit,
          `no ${rule} finding${c.field ? ` on ${c.field}` : ''}${c.message ? ` saying "${c.message}"` : ''}; ` +
            `got:\n${show(findings)}`,
        );
        assert.ok(hit.message.startsWith(`${hit.field}: `), 'the message starts with the field, as the API server writes it');
      });
    }
  });
}

export const POD = 'spec.template.spec';
export const C0 = `${POD}.containers[0]`;
