import type { PodFailurePolicyRule, PodObject } from './types';

/** Outcome of matching one failed pod against spec.podFailurePolicy. */
export interface PodFailurePolicyMatch {
  /** The action of the first matching rule; null when no rule matched (count normally). */
  readonly action: PodFailurePolicyRule['action'] | null;
  readonly ruleIndex: number | null;
  /** For FailJob/FailIndex: the condition message Kubernetes writes. */
  readonly message: string | null;
}

const NO_MATCH: PodFailurePolicyMatch = { action: null, ruleIndex: null, message: null };

/**
 * matchPodFailurePolicy evaluates the rules in order against a failed pod; the first match
 * wins. onExitCodes looks at the terminated main container with a non-zero exit code (and,
 * if set, the named container); onPodConditions matches a pod condition with the same type
 * and status. Returns {action, ruleIndex, message}.
 * Mirrors pkg/controller/job/pod_failure_policy.go `matchPodFailurePolicy`.
 */
export function matchPodFailurePolicy(
  rules: readonly PodFailurePolicyRule[] | null,
  pod: PodObject,
  namespace: string,
  containerName: string,
): PodFailurePolicyMatch {
  if (rules === null || pod.phase !== 'Failed') return NO_MATCH;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as PodFailurePolicyRule;
    const onExit = rule.onExitCodes;
    if (onExit !== undefined) {
      const code = pod.exitCode;
      if (code === null || code === 0) continue;
      if (onExit.containerName !== undefined && onExit.containerName !== containerName) continue;
      const listed = onExit.values.includes(code);
      if (onExit.operator === 'In' ? listed : !listed) {
        return {
          action: rule.action,
          ruleIndex: i,
          message: `Container ${containerName} for pod ${namespace}/${pod.name} failed with exit code ${code} matching ${rule.action} rule at index ${i}`,
        };
      }
      continue;
    }
    for (const pattern of rule.onPodConditions ?? []) {
      const hit = pod.conditions.find((c) => c.type === pattern.type && c.status === pattern.status);
      if (hit !== undefined) {
        return {
          action: rule.action,
          ruleIndex: i,
          message: `Pod ${namespace}/${pod.name} has condition ${hit.type} matching ${rule.action} rule at index ${i}`,
        };
      }
    }
  }
  return NO_MATCH;
}
