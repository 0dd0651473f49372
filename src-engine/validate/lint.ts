import type { Finding, Range, Severity } from '../model/diagnostic';
import { isPlainObject, parseManifestDocument, rangeInDocument, rangeOfField } from '../parse/manifests';
import type { ManifestDocument, ManifestFile } from '../parse/manifests';
import { NEWEST_KUBERNETES_VERSION } from '../schema/kubernetesVersion';
import type { KubernetesVersion } from '../schema/kubernetesVersion';
import { isLifecycleDocument, lintLifecycle } from '../lifecycle/lintLifecycle';
import { RuleContext } from './context';
import type { RuleLevel } from './context';
import { limitFindings } from './findingsLimit';
import { findFlattenedIndentation } from './flattenedIndentation';
import type { RuleInfo } from './rule';
import { RULE_DEFINITIONS, RULES } from './rules';
import { readFindings, syntaxFindings } from './yamlFindings';

/** Per-rule levels (a severity overrides the default, `off` disables the rule) and the version that judges. */
export interface LintOptions {
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
  /** The Kubernetes version whose API server the manifest is checked as (default: the newest supported). */
  readonly kubernetesVersion?: KubernetesVersion;
}

const RULE_BY_ID: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.id, r]));

/** ruleInfo looks up a rule of the catalogue. */
export function ruleInfo(id: string): RuleInfo | undefined {
  return RULE_BY_ID.get(id);
}

/** The levels of one rule setting, and the checks that report some rule it leaves on. */
interface RuleLevels {
  readonly levelOf: (rule: string) => RuleLevel;
  readonly checks: ReadonlyArray<(ctx: RuleContext) => void>;
}

/**
 * Worked out once per rule settings object (the language server and the CLI pass the same one
 * for every document), not per document: a 1,000-document file would otherwise look up every
 * rule's level a thousand times (bench/lsp.mjs, open → diagnostics).
 */
const levelsBySettings = new WeakMap<object, RuleLevels>();
let defaultLevels: RuleLevels | undefined;

function levels(options: LintOptions | undefined): RuleLevels {
  const overrides = options?.rules;
  if (!overrides) return (defaultLevels ??= ruleLevels(undefined));
  let found = levelsBySettings.get(overrides);
  if (!found) {
    found = ruleLevels(overrides);
    levelsBySettings.set(overrides, found);
  }
  return found;
}

function ruleLevels(overrides: LintOptions['rules']): RuleLevels {
  const known = new Map<string, RuleLevel>();
  for (const [id, rule] of RULE_BY_ID) known.set(id, overrides?.[id] ?? rule.defaultSeverity);
  const levelOf = (rule: string): RuleLevel => known.get(rule) ?? overrides?.[rule] ?? 'error';
  const checks: Array<(ctx: RuleContext) => void> = [];
  for (const definition of RULE_DEFINITIONS) {
    if (definition.check && definition.rules.some((r) => levelOf(r.id) !== 'off')) checks.push(definition.check);
  }
  return { levelOf, checks };
}

const docsOf = (rule: string): string | undefined => RULE_BY_ID.get(rule)?.docsUrl;
const WORKLOAD_TEXT = /^kind:[ \t]*["']?(?:Cron)?Job\b/m;
const ORIGIN: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** lintFile checks every Job and CronJob document of a parsed file. Never throws. */
export function lintFile(file: ManifestFile, options?: LintOptions): Finding[] {
  const { levelOf } = levels(options);
  if (file.skipped) return skippedFinding(`not checked: ${file.skipped.message}`, ORIGIN, levelOf);
  const findings: Finding[] = [];
  for (const doc of file.documents) {
    const tooDeep = doc.syntaxErrors.find((problem) => problem.code === 'TOO_DEEP');
    // A document too deep to parse says so when it looks like a Job (the language server does the same).
    const part = tooDeep
      ? WORKLOAD_TEXT.test(doc.chunk.text)
        ? skippedFinding(tooDeep.message, tooDeep.range, levelOf)
        : []
      : lintDocument(doc, options);
    for (const finding of part) findings.push(finding);
  }
  return findings;
}

function skippedFinding(message: string, range: Range, levelOf: (rule: string) => RuleLevel): Finding[] {
  const level = levelOf('file-skipped');
  if (level === 'off') return [];
  return [
    {
      rule: 'file-skipped',
      severity: level,
      message,
      field: '',
      range,
      ...(docsOf('file-skipped') ? { docsUrl: docsOf('file-skipped') } : {}),
    },
  ];
}

/**
 * lintDocument checks one document as the API server would on create (errors), plus advice
 * (warnings, infos, hints). Documents that are not batch Jobs or CronJobs (nor meant to be:
 * parse/kinds.ts) give nothing. Never throws: a rule that fails is skipped rather than losing
 * the other findings. At most MAX_FINDINGS_PER_DOCUMENT findings, plus a summary.
 */
export function lintDocument(doc: ManifestDocument, options?: LintOptions): Finding[] {
  const { levelOf, checks } = levels(options);
  const kind = doc.workload;
  if (doc.isTemplate) {
    if (!kind && !WORKLOAD_TEXT.test(doc.chunk.text)) return [];
    const level = levelOf('template-not-checked');
    if (level === 'off') return [];
    return [
      {
        rule: 'template-not-checked',
        severity: level,
        message:
          'this document contains template code ({{ ... }}); it is not plain YAML, so kube-jobs does not check it: check ' +
          'the rendered manifest instead (for example helm template ... | kube-jobs lint -)',
        field: '',
        range: rangeOfField(doc, []),
        docsUrl: docsOf('template-not-checked')!,
      },
    ];
  }
  if (!kind) return isLifecycleDocument(doc) ? lintLifecycle(doc, levelOf, docsOf) : [];
  const findings: Finding[] = [];
  const quoted = syntaxFindings(doc, levelOf, docsOf, findings);
  const brokenSchedule = findings.some((f) => f.rule === 'schedule-yaml');
  readFindings(doc, levelOf, docsOf, findings, brokenSchedule);
  const flattened = findFlattenedIndentation(doc, kind);
  if (flattened && levelOf('indentation-flattened') !== 'off') {
    return [
      ...findings.filter((f) => f.rule === 'yaml-syntax' || f.rule === 'schedule-yaml'),
      flattenedFinding(doc, flattened, levelOf),
    ];
  }
  // An unquoted `*` schedule stops the whole document from decoding; check the rest of it as
  // if the schedule were quoted (same lines, so every other range stays right).
  const checked =
    !isPlainObject(doc.value) && quoted !== undefined ? parseManifestDocument({ ...doc.chunk, text: quoted }, doc.index) : doc;
  const root = checked.value;
  if (!isPlainObject(root)) return sortByPosition(findings);
  const version = options?.kubernetesVersion ?? NEWEST_KUBERNETES_VERSION;
  const ctx = new RuleContext(checked, kind, root, levelOf, docsOf, version);
  // An indexed loop: a file's first documents run this before it is optimised, and there a
  // for-of makes an iterator result per rule and document (garbage while a big file opens).
  for (let i = 0; i < checks.length; i++) {
    try {
      (checks[i] as (ctx: RuleContext) => void)(ctx);
    } catch {
      // A rule bug must not hide the other findings; the rule's own tests catch it.
    }
  }
  // With a broken schedule line, the value-level findings about it are noise.
  for (const finding of ctx.findings) {
    if (!brokenSchedule || !finding.field.startsWith('spec.schedule')) findings.push(finding);
  }
  return limitFindings(sortByPosition(findings), ctx.suppressed, levelOf, docsOf, () => rangeOfField(doc, []));
}

/** Findings in reading order (stable: equal positions keep the rule order). */
function sortByPosition(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function flattenedFinding(
  doc: ManifestDocument,
  flattened: NonNullable<ReturnType<typeof findFlattenedIndentation>>,
  levelOf: (rule: string) => RuleLevel,
): Finding {
  const first = flattened.places[0] as (typeof flattened.places)[number];
  const line = (node: { range?: [number, number, number] | null }): number =>
    doc.chunk.startLine + doc.lines.positionAt(node.range?.[0] ?? 0).line + 1;
  const more = flattened.places.length - 1;
  const range = first.child.range ? rangeInDocument(doc, first.child.range[0], first.child.range[1]) : rangeOfField(doc, []);
  return {
    rule: 'indentation-flattened',
    severity: levelOf('indentation-flattened') as Severity,
    message:
      `indentation looks flattened: "${first.childName}:" (line ${line(first.child)}) sits in the same column as ` +
      `"${first.parentName}:" (line ${line(first.parent)}), so ${first.parentName} is empty and ${first.childName} is read ` +
      `one level up; ${more} more place${more === 1 ? '' : 's'} like it. Indent each field under its parent (text copied ` +
      `from a PDF or a web page often loses its indentation); the other checks wait until then`,
    field: flattened.field,
    range,
    ...(docsOf('indentation-flattened') ? { docsUrl: docsOf('indentation-flattened') } : {}),
  };
}
