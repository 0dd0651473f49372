import { isMap, isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Finding, Range, Severity } from '../model/diagnostic';
import { findNode, isPlainObject, parseManifestDocument, rangeInDocument, rangeOfField } from '../parse/manifests';
import type { ManifestDocument, ManifestFile, WorkloadKind } from '../parse/manifests';
import { RuleContext } from './context';
import type { RuleLevel } from './context';
import { yamlString } from './edits';
import type { RuleInfo } from './rule';
import { RULE_DEFINITIONS, RULES } from './rules';

/** Per-rule levels: a severity overrides the default, `off` disables the rule. */
export interface LintOptions {
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
}

const RULE_BY_ID: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.id, r]));

/** ruleInfo looks up a rule of the catalogue. */
export function ruleInfo(id: string): RuleInfo | undefined {
  return RULE_BY_ID.get(id);
}

function levels(options: LintOptions | undefined): (rule: string) => RuleLevel {
  const overrides = options?.rules;
  return (rule) => overrides?.[rule] ?? RULE_BY_ID.get(rule)?.defaultSeverity ?? 'error';
}

const docsOf = (rule: string): string | undefined => RULE_BY_ID.get(rule)?.docsUrl;

/** lintFile checks every Job and CronJob document of a parsed file. Never throws. */
export function lintFile(file: ManifestFile, options?: LintOptions): Finding[] {
  if (file.skipped) {
    const level = levels(options)('file-skipped');
    if (level === 'off') return [];
    return [{
      rule: 'file-skipped',
      severity: level,
      message: `not checked: ${file.skipped.message}`,
      field: '',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      ...(docsOf('file-skipped') ? { docsUrl: docsOf('file-skipped') } : {}),
    }];
  }
  const findings: Finding[] = [];
  for (const doc of file.documents) findings.push(...lintDocument(doc, options));
  return findings;
}

/**
 * lintDocument checks one document as the API server would on create (errors), plus advice
 * (warnings, infos, hints). Documents that are not batch Jobs or CronJobs give nothing.
 * Never throws: a rule that fails is skipped rather than losing the other findings.
 */
export function lintDocument(doc: ManifestDocument, options?: LintOptions): Finding[] {
  const levelOf = levels(options);
  const kind = doc.workload ?? workloadFromSyntax(doc);
  if (doc.isTemplate) {
    if (!kind && !/^\s*kind:\s*["']?(?:Cron)?Job\b/m.test(doc.chunk.text)) return [];
    const level = levelOf('template-not-checked');
    if (level === 'off') return [];
    return [{
      rule: 'template-not-checked',
      severity: level,
      message: 'this document contains template code ({{ ... }}); it is not plain YAML, so kube-jobs does not check it: check the rendered manifest instead (for example helm template ... | kube-jobs lint -)',
      field: '',
      range: firstLine(doc),
      docsUrl: docsOf('template-not-checked')!,
    }];
  }
  if (!kind) return wrongApiVersion(doc, levelOf);
  const findings: Finding[] = [];
  const quoted = syntaxFindings(doc, levelOf, findings);
  // An unquoted `*` schedule stops the whole document from decoding; check the rest of it as
  // if the schedule were quoted (same lines, so every other range stays right).
  const checked = !isPlainObject(doc.value) && quoted !== undefined ? parseManifestDocument({ ...doc.chunk, text: quoted }, doc.index) : doc;
  const root = checked.value;
  if (!isPlainObject(root)) return findings;
  const ctx = new RuleContext(checked, kind, root, levelOf, docsOf);
  for (const definition of RULE_DEFINITIONS) {
    if (!definition.check || !definition.rules.some((r) => levelOf(r.id) !== 'off')) continue;
    try {
      definition.check(ctx);
    } catch {
      // A rule bug must not hide the other findings; the rule's own tests catch it.
    }
  }
  if (findings.length > 0) {
    // With a broken schedule line, the value-level findings about it are noise.
    const brokenSchedule = findings.some((f) => f.rule === 'schedule-yaml');
    findings.push(...(brokenSchedule ? ctx.findings.filter((f) => !f.field.startsWith('spec.schedule')) : ctx.findings));
    return sortByPosition(findings);
  }
  return sortByPosition(ctx.findings);
}

/** Findings in reading order (stable: equal positions keep the rule order). */
function sortByPosition(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** API groups the built-in Job/CronJob were (or are mistaken to be) in; other groups may own a CRD named Job. */
const BUILT_IN_GROUPS = new Set(['', 'batch', 'apps', 'extensions']);

/** A Job or CronJob under a built-in group but not batch/v1 (`apiVersion: v1`, `batch/v2alpha1`): kubectl finds no such kind. */
function wrongApiVersion(doc: ManifestDocument, levelOf: (rule: string) => RuleLevel): Finding[] {
  const { kind, apiVersion } = doc;
  if ((kind !== 'Job' && kind !== 'CronJob') || apiVersion === undefined || doc.isTemplate) return [];
  const slash = apiVersion.indexOf('/');
  if (!BUILT_IN_GROUPS.has(slash < 0 ? '' : apiVersion.slice(0, slash))) return [];
  const level = levelOf('api-version');
  if (level === 'off') return [];
  const range = rangeOfField(doc, ['apiVersion']);
  return [{
    rule: 'api-version',
    severity: level,
    message: `apiVersion: Invalid value: ${JSON.stringify(apiVersion)}: no kind "${kind}" is registered for version "${apiVersion}"; ${kind} is in batch/v1`,
    field: 'apiVersion',
    range,
    fixes: [{ title: 'Use apiVersion batch/v1', edits: [{ range, newText: 'batch/v1' }], isPreferred: true }],
    docsUrl: docsOf('api-version')!,
  }];
}

/** When the YAML could not be decoded (an unresolved alias), read apiVersion/kind from the syntax tree. */
function workloadFromSyntax(doc: ManifestDocument): WorkloadKind | undefined {
  if (doc.value !== undefined && !doc.valueError) return undefined;
  const contents = doc.yaml.contents;
  if (!isMap(contents)) return undefined;
  const scalar = (key: string): unknown => {
    const node = findNode(doc, [key]).node;
    return isScalar(node) ? node.value : undefined;
  };
  const kind = scalar('kind');
  const apiVersion = scalar('apiVersion');
  if (kind === 'Job' && apiVersion === 'batch/v1') return 'Job';
  if (kind === 'CronJob' && (apiVersion === 'batch/v1' || apiVersion === 'batch/v1beta1')) return 'CronJob';
  return undefined;
}

const SCHEDULE_LINE = /^([ \t]*)schedule:[ \t]*([*@][^\r\n]*?)[ \t]*(?:[ \t]#[^\r\n]*)?$/gm;

/**
 * YAML errors. An unquoted schedule starting with `*` (alias) or `@` (reserved) is reported
 * once on spec.schedule with a quoting fix; other errors as yaml-syntax. Returns the chunk
 * text with such schedules quoted, when there were any.
 */
function syntaxFindings(doc: ManifestDocument, levelOf: (rule: string) => RuleLevel, out: Finding[]): string | undefined {
  if (doc.syntaxErrors.length === 0) return undefined;
  const text = doc.chunk.text;
  let quoted: string | undefined;
  const scheduleSpans: Array<[number, number]> = [];
  const scheduleLevel = levelOf('schedule-yaml');
  for (const match of text.matchAll(SCHEDULE_LINE)) {
    const valueText = match[2] ?? '';
    const start = (match.index ?? 0) + match[0].indexOf(valueText, (match[1] ?? '').length + 'schedule:'.length);
    const end = start + valueText.length;
    const lineStart = match.index ?? 0;
    const lineEnd = lineStart + match[0].length;
    if (!doc.syntaxErrors.some((e) => e.offset >= lineStart && e.offset <= lineEnd)) continue;
    scheduleSpans.push([lineStart, lineEnd]);
    const base = quoted ?? text;
    const shift = base.length - text.length;
    quoted = base.slice(0, start + shift) + yamlString(valueText) + base.slice(end + shift);
    if (scheduleLevel === 'off') continue;
    const range = rangeInDocument(doc, start, end);
    const what = valueText.startsWith('*') ? 'YAML reads a leading * as an alias' : '@ is a reserved YAML character and cannot start a plain value';
    out.push({
      rule: 'schedule-yaml',
      severity: scheduleLevel,
      message: `spec.schedule: ${what}, so this document is not valid YAML: quote the schedule (schedule: ${yamlString(valueText)})`,
      field: 'spec.schedule',
      range,
      fixes: [{ title: 'Quote the schedule', edits: [{ range, newText: yamlString(valueText) }], isPreferred: true }],
      docsUrl: docsOf('schedule-yaml')!,
    });
  }
  const level = levelOf('yaml-syntax');
  if (level === 'off') return quoted;
  for (const problem of doc.syntaxErrors) {
    if (scheduleSpans.some(([s, e]) => problem.offset >= s && problem.offset <= e)) continue;
    out.push({
      rule: 'yaml-syntax',
      severity: level,
      message: problem.message,
      field: fieldAtOffset(doc, problem.offset),
      range: problem.range,
      docsUrl: docsOf('yaml-syntax')!,
    });
  }
  return quoted;
}

/** The field path an offset falls in, best effort (syntax errors have no field of their own). */
function fieldAtOffset(doc: ManifestDocument, offset: number): string {
  let current: unknown = doc.yaml.contents;
  const parts: string[] = [];
  while (isMap(current)) {
    const pair = current.items.find((p) => {
      const key = p.key as Node | null;
      const value = p.value as Node | null;
      const start = key?.range?.[0] ?? 0;
      const end = value?.range?.[2] ?? key?.range?.[2] ?? 0;
      return offset >= start && offset <= end;
    });
    if (!pair || !isScalar(pair.key)) break;
    parts.push(String(pair.key.value));
    current = pair.value;
  }
  return parts.join('.');
}

function firstLine(doc: ManifestDocument): Range {
  return rangeOfField(doc, []);
}
