/**
 * Completion: schema keys that fit the position (with their docs), allowed values (enums,
 * booleans, IANA zones, schedule presets with their words) and snippets for a Job, a CronJob
 * and an Indexed Job with safe defaults. The position is read from indentation, not from the
 * YAML tree, because a document being typed is usually not valid YAML yet.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver';
import type { CompletionItem, CompletionList, Position, Range as LspRange } from 'vscode-languageserver';
import { valueAtPath } from '../../../src-engine';
import type { KubernetesVersion, ManifestDocument, PathSegment, WorkloadKind } from '../../../src-engine';
import type { ParsedDocument } from '../documents';
import { describeType, ianaZoneNames, propertiesOf, schemaAt } from '../engineApi';
import type { SchemaNode } from '../engineApi';
import { dotted } from '../locate';
import { scheduleWords } from '../scheduleFacts';
import type { Settings } from '../settings';
import { fieldHover } from './hover';
import SNIPPETS from '../../../snippets/kube-jobs.json';

/** Schedules people reach for; the engine's words for each are shown next to it. */
export const SCHEDULE_PRESETS: readonly string[] = [
  '*/5 * * * *',
  '*/15 * * * *',
  '0 * * * *',
  '0 */6 * * *',
  '0 3 * * *',
  '0 9 * * 1-5',
  '0 0 * * 0',
  '0 0 1 * *',
  '@hourly',
  '@daily',
  '@weekly',
  '@monthly',
  '@yearly',
];

export function provideCompletion(doc: ParsedDocument, position: Position, settings: Settings): CompletionList {
  const entry = doc.entryAtLine(position.line);
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const lineText = doc.lineText(position.line);
  const prefix = lineText.slice(0, position.character);
  const manifest = entry?.manifest;
  const kind = entry?.workload ?? (manifest ? kindFromText(manifest) : undefined);
  if (!manifest || !kind) {
    // Only a document that is not something else yet gets the snippets.
    const hasKind = manifest ? /^kind[ \t]*:/m.test(manifest.chunk.text) : false;
    return hasKind || !/^[\w-]*$/.test(prefix) ? empty : { isIncomplete: false, items: snippetItems() };
  }
  const localLine = position.line - manifest.chunk.startLine;

  const valueMatch = /^([ \t]*(?:-[ \t]+)?)([^\s:#'"][^:#]*?)[ \t]*:[ \t]+(["']?)([^"'#]*)$/.exec(prefix);
  if (valueMatch) {
    const keyColumn = (valueMatch[1] ?? '').length;
    const key = valueMatch[2] ?? '';
    const parent = containerPath(manifest, localLine, keyColumn, (valueMatch[1] ?? '').includes('-'));
    if (!parent) return empty;
    const valueStart = prefix.length - (valueMatch[4] ?? '').length - (valueMatch[3] ?? '').length;
    const range: LspRange = {
      start: { line: position.line, character: valueStart },
      end: { line: position.line, character: valueEnd(lineText, valueStart) },
    };
    return { isIncomplete: false, items: valueItems(kind, [...parent, key], range, settings.judged.version) };
  }

  const keyMatch = /^([ \t]*)(-[ \t]+)?([\w.\-/]*)$/.exec(prefix);
  if (!keyMatch) return empty;
  const indent = (keyMatch[1] ?? '').length;
  const dash = keyMatch[2];
  let parent: PathSegment[] | undefined;
  if (dash) {
    const listPath = containerPath(manifest, localLine, indent, true);
    parent = listPath ? [...listPath, 0] : undefined;
  } else {
    parent = containerPath(manifest, localLine, indent, false);
  }
  if (!parent) return empty;
  const items = keyItems(kind, parent, manifest, settings.judged.version);
  if (parent.length === 0 && indent === 0 && !dash && !entry?.workload) items.push(...snippetItems());
  return { isIncomplete: false, items };
}

/** A kind written in the text when the document does not parse yet. */
function kindFromText(manifest: ManifestDocument): WorkloadKind | undefined {
  const match = /^kind[ \t]*:[ \t]*["']?(Job|CronJob)["']?[ \t]*$/m.exec(manifest.chunk.text);
  return match ? (match[1] as WorkloadKind) : undefined;
}

function valueEnd(lineText: string, valueStart: number): number {
  const rest = lineText.slice(valueStart);
  const comment = rest.search(/[ \t]#/);
  const content = comment >= 0 ? rest.slice(0, comment) : rest;
  return valueStart + content.trimEnd().length;
}

interface LineShape {
  readonly blank: boolean;
  readonly indent: number;
  readonly dashColumn?: number;
  readonly keyColumn?: number;
  readonly key?: string;
  readonly hasValue: boolean;
}

const LINE_SHAPE = /^([ \t]*)(-[ \t]+)?(?:([^\s:#'"-][^:#]*?|"[^"]*"|'[^']*')[ \t]*:(?=[ \t]|$)[ \t]*(.*))?/;

function shapeOf(text: string): LineShape {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^(---|\.\.\.)(\s|$)/.test(text)) {
    return { blank: true, indent: 0, hasValue: false };
  }
  const match = LINE_SHAPE.exec(text);
  const indent = (match?.[1] ?? '').length;
  const dash = match?.[2];
  const key = match?.[3];
  const rest = (match?.[4] ?? '').replace(/(^|[ \t])#.*$/, '').trim();
  return {
    blank: false,
    indent,
    ...(dash ? { dashColumn: indent } : {}),
    ...(key !== undefined ? { keyColumn: indent + (dash?.length ?? 0), key: key.replace(/^["']|["']$/g, '') } : {}),
    hasValue: rest !== '' && rest !== '|' && rest !== '>',
  };
}

/**
 * containerPath is the field path of the mapping a key at `column` on `line` belongs to,
 * found by walking up to less-indented `key:` and `- ` lines. `forList` asks for the
 * mapping holding a list whose `- ` is at `column` (YAML lets it sit at its key's indent).
 */
export function containerPath(
  manifest: ManifestDocument,
  line: number,
  column: number,
  forList: boolean,
): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  let limit = column;
  let inclusive = forList;
  for (let l = line - 1; l >= 0 && limit > 0; l--) {
    const shape = shapeOf(manifest.lines.lineText(l));
    if (shape.blank) continue;
    const keyColumn = shape.keyColumn;
    if (
      keyColumn !== undefined &&
      shape.key !== undefined &&
      !shape.hasValue &&
      (keyColumn < limit || (inclusive && keyColumn === limit))
    ) {
      segments.push(shape.key);
      limit = keyColumn;
      inclusive = false;
      if (shape.dashColumn !== undefined) {
        segments.push(0);
        limit = shape.dashColumn;
        inclusive = true;
      }
      continue;
    }
    if (shape.dashColumn !== undefined && shape.dashColumn < limit) {
      segments.push(0);
      limit = shape.dashColumn;
      inclusive = true;
      continue;
    }
    if (shape.indent < limit && !(inclusive && shape.indent === limit)) {
      // A less-indented line that opens nothing (`key: value`): the position is not inside a mapping we know.
      return undefined;
    }
  }
  return segments.reverse();
}

/** The fields of the position's object in the version that judges the file: a field it lacks is not offered. */
function keyItems(
  kind: WorkloadKind,
  parent: readonly PathSegment[],
  manifest: ManifestDocument,
  version: KubernetesVersion,
): CompletionItem[] {
  const node = schemaAt(kind, parent, version);
  if (!node) return [];
  const present = valueAtPath(manifest.value, parent);
  const existing =
    present && typeof present === 'object' && !Array.isArray(present) ? new Set(Object.keys(present)) : new Set<string>();
  const items: CompletionItem[] = [];
  for (const property of propertiesOf(node)) {
    if (existing.has(property.name) || property.name === 'status') continue;
    items.push({
      label: property.name,
      kind: CompletionItemKind.Property,
      detail: describeType(property),
      documentation: { kind: MarkupKind.Markdown, value: fieldHover([...parent, property.name], property) },
      insertText: keyInsertText(property.name, property),
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `${property.required ? '0' : '1'}${property.name}`,
    });
  }
  return items;
}

function keyInsertText(name: string, node: SchemaNode): string {
  if (node.type === 'object' || node.type === 'map') return `${name}:\n  $0`;
  if (node.type === 'array') return node.items?.type === 'object' ? `${name}:\n  - $0` : `${name}:\n  - $0`;
  return `${name}: $0`;
}

function valueItems(kind: WorkloadKind, path: PathSegment[], range: LspRange, version: KubernetesVersion): CompletionItem[] {
  const where = dotted(path);
  if (where === 'apiVersion') return [valueItem('batch/v1', range)];
  if (where === 'kind') return [valueItem('Job', range), valueItem('CronJob', range)];
  if (kind === 'CronJob' && where === 'spec.schedule') {
    return SCHEDULE_PRESETS.map((schedule, index) => ({
      label: schedule,
      kind: CompletionItemKind.Value,
      detail: scheduleWords(schedule),
      textEdit: { range, newText: JSON.stringify(schedule) },
      filterText: `"${schedule}" ${schedule}`,
      sortText: String(index).padStart(3, '0'),
    }));
  }
  if (kind === 'CronJob' && where === 'spec.timeZone') {
    return ianaZoneNames().map((zone) => ({
      label: zone,
      kind: CompletionItemKind.Value,
      textEdit: { range, newText: JSON.stringify(zone) },
      filterText: `"${zone}" ${zone}`,
    }));
  }
  const node = schemaAt(kind, path, version);
  if (!node) return [];
  if (node.enum?.length) {
    return node.enum.map((value) => valueItem(value, range, node.default === value ? '(default)' : undefined));
  }
  if (node.type === 'boolean') return [valueItem('true', range), valueItem('false', range)];
  return [];
}

function valueItem(value: string, range: LspRange, detail?: string): CompletionItem {
  return {
    label: value,
    kind: CompletionItemKind.EnumMember,
    textEdit: { range, newText: value },
    ...(detail ? { detail } : {}),
  };
}

/**
 * snippetItems: whole manifests with the defaults that avoid the common mistakes. The bodies
 * live in snippets/kube-jobs.json, which the extension also contributes to VS Code (Insert
 * Snippet, and "fill with template" in a new untitled YAML file).
 */
export function snippetItems(): CompletionItem[] {
  return Object.entries(SNIPPETS).map(([label, s]) => snippet(label, s.description, s.body.join('\n') + '\n'));
}

function snippet(label: string, detail: string, body: string): CompletionItem {
  return {
    label,
    filterText: label.replace(/^kube-jobs: /, ''),
    kind: CompletionItemKind.Snippet,
    detail,
    documentation: {
      kind: MarkupKind.Markdown,
      value: '```yaml\n' + body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '') + '\n```',
    },
    insertText: body,
    insertTextFormat: InsertTextFormat.Snippet,
  };
}
