import { isMap, isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Finding } from '../model/diagnostic';
import { rangeInDocument } from '../parse/manifests';
import type { ManifestDocument } from '../parse/manifests';
import type { RuleLevel } from './context';
import { yamlString } from './edits';

/**
 * Findings about the YAML itself: the parser's errors (`yaml-syntax`), an unquoted schedule
 * that breaks the document (`schedule-yaml`, with a quoting fix), and where kubectl's reading
 * differs from the text (`yaml-syntax` for what makes it refuse the document,
 * `yaml-duplicate-key`, `yaml-line-ends`).
 */

const SCHEDULE_LINE = /^([ \t]*)schedule:[ \t]*([*@][^\r\n]*?)[ \t]*(?:[ \t]#[^\r\n]*)?$/gm;

/**
 * syntaxFindings adds the parser's errors. An unquoted schedule starting with `*` (alias) or
 * `@` (reserved) is reported once on spec.schedule with a quoting fix; other errors as
 * yaml-syntax. Returns the chunk text with such schedules quoted, when there were any.
 */
export function syntaxFindings(
  doc: ManifestDocument,
  levelOf: (rule: string) => RuleLevel,
  docsOf: (rule: string) => string | undefined,
  out: Finding[],
): string | undefined {
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
    const what = valueText.startsWith('*')
      ? 'YAML reads a leading * as an alias'
      : '@ is a reserved YAML character and cannot start a plain value';
    out.push({
      rule: 'schedule-yaml',
      severity: scheduleLevel,
      message:
        `spec.schedule: ${what}, so this document is not valid YAML: ` +
        `quote the schedule (schedule: ${yamlString(valueText)})`,
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

/**
 * readFindings adds where kubectl reads the document differently from the text. With a
 * broken schedule line the alias it makes is already reported (schedule-yaml).
 */
export function readFindings(
  doc: ManifestDocument,
  levelOf: (rule: string) => RuleLevel,
  docsOf: (rule: string) => string | undefined,
  out: Finding[],
  brokenSchedule: boolean,
): void {
  for (const problem of doc.readProblems) {
    if (brokenSchedule && problem.message.startsWith('yaml: unknown anchor')) continue;
    const level = levelOf(problem.rule);
    if (level === 'off') continue;
    const docsUrl = docsOf(problem.rule);
    out.push({
      rule: problem.rule,
      severity: level,
      message: problem.message,
      field: fieldAtOffset(doc, problem.offset),
      range: problem.range,
      ...(docsUrl ? { docsUrl } : {}),
    });
  }
}

/** The field path an offset falls in, best effort (syntax errors have no field of their own). */
export function fieldAtOffset(doc: ManifestDocument, offset: number): string {
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
