import type { Severity } from '../model/diagnostic';
import type { JobSpecView, RuleContext } from './context';
import { str } from './context';

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

/** What a rule says of itself; its kind (validation or advice) supplies the severity and category. */
export type RuleText = Pick<RuleInfo, 'id' | 'title' | 'description' | 'docsUrl'>;

/** validationRule is the catalogue entry of a rule the API server enforces: its findings are errors. */
export function validationRule(text: RuleText): RuleInfo {
  return ruleInfo(text, 'error', 'validation');
}

/** practiceRule is the catalogue entry of advice, reported at `defaultSeverity` unless the settings say otherwise. */
export function practiceRule(defaultSeverity: Severity, text: RuleText): RuleInfo {
  return ruleInfo(text, defaultSeverity, 'practice');
}

function ruleInfo(text: RuleText, defaultSeverity: Severity, category: RuleInfo['category']): RuleInfo {
  // The catalogue's key order (id, severity, category, title, description, link), as SARIF and the CLI print it.
  return { id: text.id, defaultSeverity, category, title: text.title, description: text.description, docsUrl: text.docsUrl };
}

/**
 * jobSpecRule checks each Job spec of the document: a Job's `spec`, or a CronJob's
 * `spec.jobTemplate.spec` (which ValidateCronJobSpec validates with the Job spec's rules).
 */
export function jobSpecRule(
  rules: RuleInfo | readonly RuleInfo[],
  check: (view: JobSpecView, ctx: RuleContext) => void,
): RuleDefinition {
  return {
    rules: Array.isArray(rules) ? rules : [rules as RuleInfo],
    check(ctx) {
      const views = ctx.jobSpecs;
      for (let i = 0; i < views.length; i++) check(views[i] as JobSpecView, ctx);
    },
  };
}

/** cronJobRule checks a CronJob's `spec` (when it is an object); a Job has nothing for it. */
export function cronJobRule(info: RuleInfo, check: (spec: Record<string, unknown>, ctx: RuleContext) => void): RuleDefinition {
  return {
    rules: [info],
    check(ctx) {
      const spec = ctx.spec;
      if (ctx.kind === 'CronJob' && spec) check(spec, ctx);
    },
  };
}

/**
 * cronJobStringRule checks a CronJob's string field `spec.<field>` (other JSON types are the
 * `field-type` rule's business).
 */
export function cronJobStringRule(
  info: RuleInfo,
  field: string,
  check: (value: string, ctx: RuleContext) => void,
): RuleDefinition {
  return cronJobRule(info, (spec, ctx) => {
    const value = str(spec[field]);
    if (value !== undefined) check(value, ctx);
  });
}
