/**
 * Code lenses above each Job and CronJob: Simulate · Run locally · Apply to cluster (the
 * client implements the commands; the arguments say which document), and for a CronJob its
 * next run.
 */
import type { CodeLens } from 'vscode-languageserver';
import { isScalar } from 'yaml';
import { findNode, KUBE_JOBS_COMMANDS } from '../../../src-engine';
import type { WorkloadCommandArguments } from '../../../src-engine';
import { formatShort } from '../convert';
import type { Entry, ParsedDocument } from '../documents';
import { scheduleFacts } from '../scheduleFacts';
import type { Settings } from '../settings';

export function provideCodeLenses(doc: ParsedDocument, settings: Settings, nowMs: number): CodeLens[] {
  if (!settings.codeLens.enabled || !doc.hasWorkload) return [];
  const lenses: CodeLens[] = [];
  for (const entry of doc.entries) {
    if (!entry.workload || entry.manifest.isTemplate) continue;
    const line = headerLine(entry);
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const args: WorkloadCommandArguments = {
      uri: doc.uri,
      documentIndex: entry.manifest.index,
      name: nameOf(entry),
      kind: entry.workload,
    };
    lenses.push(
      { range, command: { title: '▶ Simulate', command: KUBE_JOBS_COMMANDS.simulate, arguments: [args] } },
      { range, command: { title: 'Run locally', command: KUBE_JOBS_COMMANDS.runLocally, arguments: [args] } },
      { range, command: { title: 'Apply to cluster', command: KUBE_JOBS_COMMANDS.applyToCluster, arguments: [args] } },
    );
    if (entry.workload === 'CronJob') {
      const title = nextRunTitle(entry, nowMs);
      if (title) lenses.push({ range, command: { title, command: '' } });
    }
  }
  return lenses;
}

/** metadata.name, read from the tree when the document has YAML errors (an unquoted schedule). */
function nameOf(entry: Entry): string {
  if (entry.manifest.name !== undefined) return entry.manifest.name;
  const node = findNode(entry.manifest, ['metadata', 'name']).node;
  return isScalar(node) && typeof node.value === 'string' ? node.value : '';
}

/** The first line with content (after a `---` marker and comments). */
function headerLine(entry: Entry): number {
  const lines = entry.manifest.lines;
  for (let l = 0; l < lines.lineCount; l++) {
    const text = lines.lineText(l);
    if (/^(---|\.\.\.)(\s|$)/.test(text) || /^\s*(#|$)/.test(text)) continue;
    return entry.manifest.chunk.startLine + l;
  }
  return entry.manifest.chunk.startLine;
}

function nextRunTitle(entry: Entry, nowMs: number): string | undefined {
  const spec = (entry.manifest.value as { spec?: { schedule?: unknown; timeZone?: unknown; suspend?: unknown } } | undefined)
    ?.spec;
  if (typeof spec?.schedule !== 'string') return undefined;
  if (spec.suspend === true) return 'Suspended: no runs';
  const zone = typeof spec.timeZone === 'string' ? spec.timeZone : undefined;
  const facts = scheduleFacts(spec.schedule, zone, nowMs, 1);
  if (!facts.valid) return undefined;
  const next = facts.runs[0];
  if (next === undefined) return 'Never runs';
  return `Next run: ${formatShort(next, facts.timeZone)}`;
}
