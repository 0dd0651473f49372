import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { CommandFactory } from './types';
import type { WorkloadCommandArguments } from '../../../src-engine';
import { parseManifestFile } from '../../../src-engine';
import { simulateDocument } from '../protocol';
import { SimulationPanel, svgDataUrl } from '../webviews/SimulationPanel';
import type { SimulationControls, SimulationPanelModel } from '../webviews/contract';
import { errorMessage } from '../../../kube/apiError';
import { cliCommand, controlsToRequest, defaultControls, podsWords, resultSummary } from '../views/model/simulationControls';

/** simulationEvents pulls a readable event list out of the simulator's JSON, whatever its exact shape. */
export function simulationEvents(result: unknown): { time: string; text: string }[] {
  const events = (result as { events?: unknown })?.events;
  if (!Array.isArray(events)) return [];
  return events.slice(0, 500).map((e: Record<string, unknown>) => {
    const t =
      typeof e.timeMs === 'number'
        ? e.timeMs
        : typeof e.atMs === 'number'
          ? e.atMs
          : typeof e.time === 'number'
            ? e.time
            : undefined;
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

/** The document a simulation is about: the code lens's arguments, or the document under the cursor. */
function target(arg: unknown): WorkloadCommandArguments {
  const a = arg as Partial<WorkloadCommandArguments> | undefined;
  if (a && typeof a.uri === 'string' && typeof a.documentIndex === 'number') {
    return { uri: a.uri, documentIndex: a.documentIndex, name: a.name ?? '', kind: a.kind === 'CronJob' ? 'CronJob' : 'Job' };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('Open a Job or CronJob manifest first.');
  const line = editor.selection.active.line;
  const docs = parseManifestFile(editor.document.getText()).documents;
  const here = [...docs].reverse().find((d) => d.chunk.startLine <= line) ?? docs[0];
  if (!here?.workload) throw new Error('Put the cursor in a Job or CronJob (or use the Simulate code lens above it).');
  return { uri: editor.document.uri.toString(), documentIndex: here.index, name: here.name ?? '', kind: here.workload };
}

/** run simulates `t` with `controls` through the language server and builds the panel's model. */
async function run(
  ctx: Ctx,
  t: WorkloadCommandArguments,
  controls: SimulationControls,
  windowNote: string | undefined,
): Promise<SimulationPanelModel> {
  const uri = vscode.Uri.parse(t.uri);
  const title = `Simulate ${t.kind} ${t.name}`.trim();
  const base = {
    view: 'simulation' as const,
    title,
    controls,
    ...(windowNote ? { windowNote } : {}),
    command: cliCommand(vscode.workspace.asRelativePath(uri), t.name || undefined, controls),
  };
  const request = controlsToRequest(controls);
  if (!request.ok) return { ...base, error: request.error, facts: [], events: [] };
  const result = await simulateDocument(ctx, { uri: t.uri, documentIndex: t.documentIndex, svg: true, ...request.params });
  const json = result.result as { start?: string; end?: string } | undefined;
  const summary = resultSummary(result.result);
  return {
    ...base,
    ...(result.error ? { error: result.error } : {}),
    ...(result.svg ? { svgDataUrl: svgDataUrl(result.svg) } : {}),
    ...(summary ? { summary } : {}),
    facts: [
      { label: 'File', value: vscode.workspace.asRelativePath(uri) },
      { label: t.kind, value: t.name || '(no name)' },
      ...(json?.start && json.end ? [{ label: 'Window', value: `${json.start} → ${json.end} (UTC)` }] : []),
      { label: 'Pods', value: podsWords(controls) },
      ...simulationWarnings(result.result).map((w) => ({ label: 'Warning', value: w })),
    ],
    events: simulationEvents(result.result),
  };
}

/**
 * simulate runs the engine's simulator on a Job or CronJob (code lens arguments, or the one
 * under the cursor) and shows the timeline in a panel whose controls re-run it: the window,
 * the pods' outcomes (scripted or random), as `kube-jobs simulate` takes them.
 */
export const simulate: CommandFactory = (ctx) => async (arg?: unknown) => {
  try {
    const t = target(arg);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(t.uri));
    const value = parseManifestFile(document.getText()).documents.find((d) => d.index === t.documentIndex)?.value;
    const { controls, windowNote } = defaultControls(t.kind, value, Date.now());
    const key = `${t.uri}#${t.documentIndex}`;
    let model = await run(ctx, t, controls, windowNote);
    const panel = SimulationPanel.show(ctx, key, model, async (next) => {
      // The note says why the default window is where it is; once the person moves it, it no longer applies.
      const note =
        next.start === controls.start && next.forAmount === controls.forAmount && next.forUnit === controls.forUnit
          ? windowNote
          : undefined;
      model = await run(ctx, t, next, note).catch((error: unknown) => ({
        ...model,
        controls: next,
        error: `Simulation failed: ${errorMessage(error)}`,
      }));
      panel.setModel(model);
    });
    return model;
  } catch (error) {
    void vscode.window.showErrorMessage(`Simulate: ${errorMessage(error)}`);
    return undefined;
  }
};
