import type { Severity } from '../model/diagnostic';
import type { RuleContext } from './context';

/** Catalogue entry of one rule id (for docs, settings UIs, SARIF). */
export interface RuleInfo {
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** `validation`: the API server would reject the manifest. `practice`: advice. */
  readonly category: 'validation' | 'practice';
  readonly title: string;
  readonly description: string;
  readonly docsUrl: string;
}

/**
 * A check and the rule ids it reports. Most checks report one id; a small family (unknown
 * fields and wrong types, found in one walk) reports several.
 */
export interface RuleDefinition {
  readonly rules: readonly RuleInfo[];
  /** Runs on a decoded Job or CronJob (syntax-level rules run in lint.ts). */
  readonly check?: (ctx: RuleContext) => void;
}

export const JOB_DOCS = 'https://kubernetes.io/docs/concepts/workloads/controllers/job/';
export const CRON_DOCS = 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/';
