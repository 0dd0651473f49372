import * as vscode from 'vscode';
import type { CommandFactory } from './types';
import type { WorkloadCommandArguments } from '../../../src-engine';
import { parseManifestFile } from '../../../src-engine';
import { simulateDocument } from '../protocol';
import { SimulationPanel, svgDataUrl } from '../webviews/SimulationPanel';
import type { SimulationPanelModel } from '../webviews/contract';
import { errorMessage } from '../cluster/apiError';

/** simulationEvents pulls a readable event list out of the simulator's JSON, whatever its exact shape. */
export function simulationEvents(result: unknown): { time: string; text: string }[] {
  const events = (result as { events?: unknown })?.events;
  if (!Array.isArray(events)) return [];
  return events.slice(0, 500).map((e: Record<string, unknown>) => {
    const t = typeof e.timeMs === 'number' ? e.timeMs : typeof e.atMs === 'number' ? e.atMs : typeof e.time === 'number' ? e.time : undefined;
    const object = typeof e.object === 'string' ? e.object : typeof e.involvedObject === 'string' ? e.involvedObject : '';
    return {
      time: t !== undefined ? new Date(t).toISOString().replace('.000Z', 'Z') : String(e.time ?? ''),
      text: [e.type, e.reason, object, e.message].filter((x) => typeof x === 'string' && x !== '').join(' · '),
    };
  });
}

/** simulationWarnings: the simulator's warnings (stopped early, records cut, a Job not finished). */
export function simulationWarnings(result: unknown): string[] {
  const warnings = (result as { warnings?: unknown })?.warnings;
  return Array.isArray(warnings) ? warnings.filter((w): w is string => typeof w === 'string') : [];
}

/** simulate runs the engine's simulator on a document (code lens arguments, or the one under the cursor) and shows the timeline. */
export const simulate: CommandFactory = (ctx) => async (arg?: unknown) => {
  try {
    let a = arg as Partial<WorkloadCommandArguments> | undefined;
    if (!a || typeof a.uri !== 'string' || typeof a.documentIndex !== 'number') {
      const editor = vscode.window.activeTextEditor;
      if (!editor) throw new Error('Open a Job or CronJob manifest first.');
      const line = editor.selection.active.line;
      const docs = parseManifestFile(editor.document.getText()).documents;
      const here = [...docs].reverse().find((d) => d.chunk.startLine <= line) ?? docs[0];
      if (!here) throw new Error('This file has no documents.');
      a = { uri: editor.document.uri.toString(), documentIndex: here.index, name: here.name ?? '', ...(here.workload ? { kind: here.workload } : {}) };
    }
    const result = await simulateDocument(ctx, { uri: a.uri ?? '', documentIndex: a.documentIndex ?? 0, svg: true });
    const model: SimulationPanelModel = {
      view: 'simulation',
      title: `Simulate ${result.kind ?? ''} ${result.name ?? a.name ?? ''}`.replace(/\s+/g, ' ').trim(),
      ...(result.error ? { error: result.error } : {}),
      ...(result.svg ? { svgDataUrl: svgDataUrl(result.svg) } : {}),
      facts: [
        { label: 'document', value: `${a.documentIndex ?? 0} of ${vscode.Uri.parse(a.uri ?? '').path.split('/').pop() ?? ''}` },
        ...(result.kind ? [{ label: 'kind', value: result.kind }] : []),
        ...simulationWarnings(result.result).map((w) => ({ label: 'warning', value: w })),
      ],
      events: simulationEvents(result.result),
    };
    new SimulationPanel(ctx, model);
    return model;
  } catch (error) {
    void vscode.window.showErrorMessage(`Simulate: ${errorMessage(error)}`);
    return undefined;
  }
};
