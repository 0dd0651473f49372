import type { Finding, Range, Severity } from '../model/diagnostic';
import { setFixes } from '../model/lazyFixes';
import type { FixesSource } from '../model/lazyFixes';
import { formatFieldPath } from '../parse/fieldPath';
import type { PathSegment } from '../parse/fieldPath';
import { locateField } from '../parse/manifests';
import type { ManifestDocument, WorkloadKind } from '../parse/manifests';
import { NEWEST_KUBERNETES_VERSION } from '../schema/kubernetesVersion';
import type { KubernetesVersion } from '../schema/kubernetesVersion';
import { featureGatesOf } from './featureGates';
import type { FeatureGates } from './featureGates';
import { inVersionWords } from './wording';

/** The Job spec a rule checks: a Job's `spec`, or a CronJob's `spec.jobTemplate.spec`. */
export interface JobSpecView {
  readonly spec: Record<string, unknown>;
  /** Where the spec sits: `['spec']` or `['spec', 'jobTemplate', 'spec']`. */
  readonly path: readonly PathSegment[];
  readonly inCronJob: boolean;
  /**
   * completions/parallelism as validation sees them: a Job is defaulted first (neither set →
   * both 1; only completions set → parallelism 1); a CronJob's job template is not.
   */
  readonly completions: number | undefined;
  readonly parallelism: number | undefined;
  readonly indexed: boolean;
  /** `spec.template` and `spec.template.spec`, when they are objects. */
  readonly template: Record<string, unknown> | undefined;
  readonly podSpec: Record<string, unknown> | undefined;
}

/** What a rule reports; the context adds rule severity, range and docs link. */
export interface Report {
  readonly rule: string;
  readonly path: readonly PathSegment[];
  readonly message: string;
  /** The fixes, or how to work them out when a user asks for them (lazyFixes.ts). */
  readonly fixes?: FixesSource;
  /** Where to draw it: the field's value (default), its key, or an explicit range. */
  readonly at?: 'value' | 'key' | Range;
  /** Draw at this path instead of `path` (when the API names a different field than the one written). */
  readonly locate?: readonly PathSegment[];
  /** The field as printed, when `path` alone cannot say it (map keys print as `[key]`). */
  readonly field?: string;
  readonly docsUrl?: string;
  /**
   * Advice graded by its evidence: `lower` reports one severity below the rule's level (the
   * same concern with less at stake), `higher` one above. A rule set to off stays off.
   */
  readonly grade?: 'lower' | 'higher';
}

const SEVERITY_ORDER: readonly Severity[] = ['hint', 'info', 'warning', 'error'];

/** graded moves a severity one step down or up the scale, staying within it. */
function graded(severity: Severity, grade: 'lower' | 'higher' | undefined): Severity {
  if (grade === undefined) return severity;
  const i = SEVERITY_ORDER.indexOf(severity) + (grade === 'lower' ? -1 : 1);
  return SEVERITY_ORDER[Math.max(0, Math.min(SEVERITY_ORDER.length - 1, i))] as Severity;
}

/** A resolved rule level: a severity, or off. */
export type RuleLevel = Severity | 'off';

/**
 * Findings kept per rule and per document: past these, findings are only counted (a Job with
 * 100,000 containers would otherwise give a finding per container), and lint adds a summary.
 */
export const MAX_FINDINGS_PER_RULE = 100;
export const MAX_FINDINGS_PER_DOCUMENT = 1000;

/** Findings not kept, by rule: how many and the rule's severity. */
export type SuppressedFindings = Map<string, { count: number; readonly severity: Severity }>;

/**
 * FindingCollector turns the reports of one document's rules into findings: the rule's level
 * (or off), the range to draw, the docs link, the limits. The Job and CronJob rules
 * (RuleContext) and the lifecycle rules of the other workload kinds share it.
 *
 * A value reached through a YAML alias is the anchor's value, shared by every place that uses
 * it: a problem in it is reported once, at the anchor, saying how many more places repeat it.
 */
export class FindingCollector {
  private readonly kept: Finding[] = [];
  readonly suppressed: SuppressedFindings = new Map();
  /** Findings kept per rule (made at the first finding: most documents have none). */
  private perRule: Map<string, number> | undefined;
  /**
   * Findings drawn at an anchor, by rule, range and message (without the field path): index and
   * repeats. Only documents with aliases have one.
   */
  private atAnchor: Map<string, { readonly index: number; repeats: number }> | undefined;
  /** `spec` and `metadata` when they are objects: read once, as rules ask for them many times a document. */
  readonly spec: Record<string, unknown> | undefined;
  readonly metadata: Record<string, unknown> | undefined;

  constructor(
    readonly doc: ManifestDocument,
    /** The decoded document (a plain object). */
    readonly root: Record<string, unknown>,
    private readonly levelOf: (rule: string) => RuleLevel,
    private readonly docsOf: (rule: string) => string | undefined,
    /** The Kubernetes version whose words the messages use. */
    readonly version: KubernetesVersion = NEWEST_KUBERNETES_VERSION,
  ) {
    this.spec = obj(root['spec']);
    this.metadata = obj(root['metadata']);
  }

  enabled(rule: string): boolean {
    return this.levelOf(rule) !== 'off';
  }

  report(report: Report): void {
    const level = this.levelOf(report.rule);
    if (level === 'off') return;
    const severity = graded(level, report.grade);
    const shown = this.perRule?.get(report.rule) ?? 0;
    if (shown >= MAX_FINDINGS_PER_RULE || this.kept.length >= MAX_FINDINGS_PER_DOCUMENT) {
      const entry = this.suppressed.get(report.rule);
      if (entry) entry.count++;
      else this.suppressed.set(report.rule, { count: 1, severity });
      return;
    }
    const at = report.at ?? 'value';
    const location =
      typeof at === 'string' ? locateField(this.doc, report.locate ?? report.path, at) : { range: at, viaAlias: false };
    const field = report.field ?? formatFieldPath(report.path);
    let anchorKey: string | undefined;
    // In a document with aliases, the same problem at the same place is one problem at an anchor.
    if (this.doc.aliasTargets) {
      const { start, end } = location.range;
      const detail = report.message.startsWith(field) ? report.message.slice(field.length) : report.message;
      anchorKey = `${report.rule}|${start.line}:${start.character}|${end.line}:${end.character}|${detail}`;
      const earlier = (this.atAnchor ??= new Map()).get(anchorKey);
      if (earlier) {
        earlier.repeats++;
        return;
      }
    }
    const docsUrl = report.docsUrl ?? this.docsOf(report.rule);
    if (anchorKey !== undefined) this.atAnchor?.set(anchorKey, { index: this.kept.length, repeats: 0 });
    (this.perRule ??= new Map()).set(report.rule, shown + 1);
    const finding: Finding = {
      rule: report.rule,
      severity,
      message: inVersionWords(report.message, this.version),
      field,
      range: location.range,
    };
    setFixes(finding, report.fixes);
    if (docsUrl) (finding as { docsUrl?: string }).docsUrl = docsUrl;
    this.kept.push(finding);
  }

  /** The findings reported so far; one at an anchor that other places repeat says how many. */
  get findings(): Finding[] {
    const out = this.kept.slice();
    if (!this.atAnchor) return out;
    for (const { index, repeats } of this.atAnchor.values()) {
      if (repeats === 0) continue;
      const finding = out[index] as Finding;
      const places = repeats === 1 ? 'place' : 'places';
      const note = `(reported once, at the anchor: the alias repeats it in ${repeats} more ${places})`;
      out[index] = { ...finding, message: `${finding.message} ${note}` };
    }
    return out;
  }
}

/**
 * RuleContext is what every Job and CronJob rule sees: the document, its kind, the decoded
 * object, the Job spec(s) and the Kubernetes version (and its feature gates) that judges them,
 * plus `report`. One context serves all rules of a document.
 */
export class RuleContext extends FindingCollector {
  readonly jobSpecs: readonly JobSpecView[];
  readonly gates: FeatureGates;

  constructor(
    doc: ManifestDocument,
    readonly kind: WorkloadKind,
    root: Record<string, unknown>,
    levelOf: (rule: string) => RuleLevel,
    docsOf: (rule: string) => string | undefined,
    version: KubernetesVersion = NEWEST_KUBERNETES_VERSION,
  ) {
    super(doc, root, levelOf, docsOf, version);
    this.jobSpecs = collectJobSpecs(kind, root);
    this.gates = featureGatesOf(version);
  }
}

/** A missing spec (or job template) decodes as an empty one: the server validates it as such. */
function collectJobSpecs(kind: WorkloadKind, root: Record<string, unknown>): JobSpecView[] {
  const rawSpec = root['spec'];
  const spec = obj(rawSpec) ?? (rawSpec === undefined || rawSpec === null ? {} : undefined);
  if (!spec) return [];
  if (kind === 'Job') return [jobSpecView(spec, ['spec'], false)];
  const rawTemplate = spec['jobTemplate'];
  const template = obj(rawTemplate) ?? (rawTemplate === undefined || rawTemplate === null ? {} : undefined);
  const rawJobSpec = template?.['spec'];
  const jobSpec = obj(rawJobSpec) ?? (template && (rawJobSpec === undefined || rawJobSpec === null) ? {} : undefined);
  return jobSpec ? [jobSpecView(jobSpec, ['spec', 'jobTemplate', 'spec'], true)] : [];
}

function jobSpecView(spec: Record<string, unknown>, path: PathSegment[], inCronJob: boolean): JobSpecView {
  let completions = int(spec['completions']);
  let parallelism = int(spec['parallelism']);
  if (!inCronJob) {
    // SetDefaults_Job: both nil → 1 and 1; parallelism nil → 1.
    if (completions === undefined && parallelism === undefined) completions = 1;
    if (parallelism === undefined) parallelism = 1;
  }
  const template = obj(spec['template']);
  return {
    spec,
    path,
    inCronJob,
    completions,
    parallelism,
    indexed: spec['completionMode'] === 'Indexed',
    template,
    podSpec: obj(template?.['spec']),
  };
}

/** obj narrows to a plain object (isPlainObject's test, written out: rules call this for most fields they read). */
export function obj(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** int narrows to an integer number (other JSON types are the `field-type` rule's business). */
export function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function list(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** listOrEmpty: a list field as decoded into a Go slice: absent or null is empty, another type undefined. */
export function listOrEmpty(value: unknown): readonly unknown[] | undefined {
  return list(value) ?? (value === undefined || value === null ? [] : undefined);
}

/** fieldPath renders segments (for messages). */
export function fieldPath(...parts: ReadonlyArray<PathSegment | readonly PathSegment[]>): string {
  return formatFieldPath(parts.flat());
}
