/**
 * Hover: on a schedule, its words, the next five runs in the CronJob's zone, UTC and the
 * user's zone, and warnings (DST change among them, never fires, day-of-month OR
 * day-of-week); on timeZone, the zone's offset now and its next change; on any other field,
 * what the API docs say, its type, default, limits, the Kubernetes version that added it and,
 * where versions differ, what each does with it and what the version that judges the file does.
 * Every hover ends with that version and where it comes from.
 */
import { MarkupKind } from 'vscode-languageserver';
import type { Hover, Position } from 'vscode-languageserver';
import { isScalar } from 'yaml';
import { findNode } from '../../../src-engine';
import type { PathSegment } from '../../../src-engine';
import { formatShort, toLspRange } from '../convert';
import type { ParsedDocument } from '../documents';
import {
  describeFieldAvailability,
  describeType,
  formatUtcOffset,
  nextZoneTransition,
  schemaAt,
  schemaInSomeVersion,
  validateTimeZone,
  zoneOffsetSeconds,
} from '../engineApi';
import type { SchemaNode } from '../engineApi';
import { dotted, locate, rawValueOnLine, scalarText } from '../locate';
import type { Location } from '../locate';
import { scheduleFacts } from '../scheduleFacts';
import type { Settings } from '../settings';

export function provideHover(doc: ParsedDocument, position: Position, settings: Settings, nowMs: number): Hover | null {
  const location = locate(doc, position.line, position.character);
  const kind = location?.entry.workload;
  if (!location || !kind) return null;
  const path = dotted(location.path.segments);
  if (kind === 'CronJob' && path === 'spec.schedule') {
    const schedule = scheduleAt(doc, location, position.line);
    if (schedule !== undefined && !location.path.onKey) {
      return markdown(withJudge(scheduleHover(schedule, timeZoneOf(location), settings, nowMs), settings), location);
    }
  }
  if (kind === 'CronJob' && path === 'spec.timeZone' && !location.path.onKey) {
    const zone = scalarText(location);
    if (zone !== undefined) return markdown(zoneHover(zone, nowMs), location);
  }
  if (location.path.segments.length === 0) return null;
  const segments = location.path.segments;
  const version = settings.judged.version;
  // A field the judging version lacks still gets its docs, from a version that has it.
  const node = schemaAt(kind, segments, version) ?? schemaInSomeVersion(kind, segments)?.node;
  if (!node) return null;
  const last = segments[segments.length - 1];
  const parent = typeof last === 'string' ? schemaInSomeVersion(kind, segments.slice(0, -1))?.node.typeName : undefined;
  const availability =
    parent && typeof last === 'string' ? describeFieldAvailability(parent, last, version, settings.judged.where) : undefined;
  // What the judging version does with the field comes right under its name, before the docs.
  const help = fieldHover(segments, node);
  const title = help.indexOf('\n');
  const cut = title < 0 ? help.length : title;
  const text = availability ? `${help.slice(0, cut)}\n\n${availability}${help.slice(cut)}` : help;
  return markdown(withJudge(text, settings), location);
}

/** The closing line of a hover: which Kubernetes version judges the file, and why that one. */
function withJudge(text: string, settings: Settings): string {
  return `${text}\n\n---\n\n_Checked as ${settings.judged.why}._`;
}

/** The CronJob's timeZone, read from the tree so it is found even when the document has YAML errors. */
function timeZoneOf(location: Location): string | undefined {
  const node = findNode(location.entry.manifest, ['spec', 'timeZone']).node;
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function scheduleAt(doc: ParsedDocument, location: Location, line: number): string | undefined {
  return scalarText(location) ?? rawValueOnLine(doc.lineText(line), 'schedule')?.value;
}

export function scheduleHover(schedule: string, timeZone: string | undefined, settings: Settings, nowMs: number): string {
  const facts = scheduleFacts(schedule, timeZone, nowMs, 5);
  const out: string[] = [];
  if (!facts.valid) {
    out.push(`**Invalid schedule** \`${schedule}\``, '', facts.error ?? '');
    return out.join('\n');
  }
  out.push(facts.description ? `**${facts.description}** — \`${schedule}\`` : `\`${schedule}\``);
  if (facts.zoneFromController) {
    out.push(
      '',
      "_No `timeZone`: the schedule runs in the kube-controller-manager's zone (UTC on most clusters); times below assume UTC._",
    );
  }
  if (facts.runs.length > 0) {
    const local = settings.localTimeZone;
    const columns = uniqueZones([facts.timeZone, 'UTC', local]);
    out.push(
      '',
      `Next ${facts.runs.length} runs:`,
      '',
      `| ${columns.map((zone) => (zone === local && zone !== facts.timeZone && zone !== 'UTC' ? `${zone} (you)` : zone)).join(' | ')} |`,
      `|${columns.map(() => '---').join('|')}|`,
    );
    for (const run of facts.runs) out.push(`| ${columns.map((zone) => formatShort(run, zone)).join(' | ')} |`);
  }
  for (const warning of facts.warnings) out.push('', `⚠️ ${warning}`);
  out.push('', '[Schedule syntax](https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax)');
  return out.join('\n');
}

function uniqueZones(zones: string[]): string[] {
  return zones.filter((zone, index) => zones.indexOf(zone) === index);
}

export function zoneHover(zone: string, nowMs: number): string {
  const check = validateTimeZone(zone);
  if (check && !check.ok) return `**Invalid timeZone** \`${zone}\`\n\n${check.error ?? ''}`;
  const offset = zoneOffsetSeconds(zone, nowMs);
  const out = [`**${zone}**${offset === undefined ? '' : ` — now UTC${formatUtcOffset(offset)}`}`];
  const transition = nextZoneTransition(zone, nowMs);
  if (transition) {
    const forward = transition.offsetAfterSeconds > transition.offsetBeforeSeconds;
    out.push(
      '',
      `Next change: ${formatShort(transition.atMs, zone)} — clocks go ${forward ? 'forward' : 'back'} (UTC${formatUtcOffset(transition.offsetBeforeSeconds)} → UTC${formatUtcOffset(transition.offsetAfterSeconds)}).`,
    );
  } else if (offset !== undefined) {
    out.push('', 'No offset change in the next ten years.');
  }
  out.push('', '[Time zones](https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones)');
  return out.join('\n');
}

export function fieldHover(segments: readonly PathSegment[], node: SchemaNode): string {
  const name = [...segments].reverse().find((segment): segment is string => typeof segment === 'string') ?? '';
  const out = [`**${name}**: \`${describeType(node)}\`${node.required ? ' (required)' : ''}`];
  if (node.description) out.push('', node.description);
  const facts: string[] = [];
  if (node.enum?.length) facts.push(`Values: ${node.enum.map((value) => `\`${value}\``).join(', ')}`);
  if (node.default !== undefined) facts.push(`Default: \`${String(node.default)}\``);
  if (node.minimum !== undefined) facts.push(`Minimum: ${node.minimum}`);
  if (node.maximum !== undefined) facts.push(`Maximum: ${node.maximum}`);
  if (node.addedIn) facts.push(`Added in Kubernetes ${node.addedIn}`);
  if (facts.length) out.push('', facts.join(' · '));
  if (node.docsUrl) out.push('', `[Kubernetes docs](${node.docsUrl})`);
  return out.join('\n');
}

function markdown(value: string, location: Location): Hover {
  const node = location.path.node;
  const range = node?.range
    ? {
        start: location.entry.manifest.lines.positionAt(node.range[0]),
        end: location.entry.manifest.lines.positionAt(node.range[1]),
      }
    : undefined;
  const start = location.entry.manifest.chunk.startLine;
  return {
    contents: { kind: MarkupKind.Markdown, value },
    ...(range
      ? {
          range: toLspRange({
            start: { line: range.start.line + start, character: range.start.character },
            end: { line: range.end.line + start, character: range.end.character },
          }),
        }
      : {}),
  };
}
