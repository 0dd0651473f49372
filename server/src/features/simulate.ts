/**
 * The custom requests: kubeJobs/simulateDocument (the simulator's result and SVG timeline for
 * one document) and kubeJobs/describeSchedule (words and next runs, as the CLI prints them).
 */
import type { DescribeScheduleParams, DescribeScheduleResult, SimulateDocumentParams, SimulateDocumentResult } from '../../../src-engine';
import { formatInZone } from '../convert';
import type { ParsedDocument } from '../documents';
import { simulateManifest } from '../engineApi';
import { scheduleFacts } from '../scheduleFacts';
import type { Settings } from '../settings';

export function provideSimulation(doc: ParsedDocument, params: SimulateDocumentParams, nowMs: number): SimulateDocumentResult {
  const base = { uri: params.uri, documentIndex: params.documentIndex };
  const entry = doc.entries.find((candidate) => candidate.manifest.index === params.documentIndex);
  if (!entry) return { ...base, error: `no document ${params.documentIndex} in ${params.uri}` };
  const described = { ...base, ...(entry.workload ? { kind: entry.workload } : {}), ...(entry.manifest.name !== undefined ? { name: entry.manifest.name } : {}) };
  if (!entry.workload) return { ...described, error: 'this document is not a batch/v1 Job or CronJob' };
  if (entry.manifest.value === undefined) return { ...described, error: `the document is not valid YAML: ${entry.manifest.valueError ?? entry.manifest.syntaxErrors[0]?.message ?? 'parse error'}` };
  try {
    const simulated = simulateManifest(entry.manifest, {
      startMs: params.startMs ?? nowMs,
      ...(params.durationMs !== undefined ? { durationMs: params.durationMs } : {}),
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
    });
    if (!simulated) return { ...described, error: 'the simulator is not available in this build' };
    return { ...described, result: simulated.result, ...(params.svg !== false && simulated.svg !== undefined ? { svg: simulated.svg } : {}) };
  } catch (error) {
    return { ...described, error: `simulation failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function provideScheduleDescription(params: DescribeScheduleParams, settings: Settings, nowMs: number): DescribeScheduleResult {
  const count = Math.max(0, Math.min(100, Math.floor(params.count ?? 5)));
  const local = params.localTimeZone ?? settings.localTimeZone;
  const facts = scheduleFacts(String(params.schedule), params.timeZone, params.afterMs ?? nowMs, count);
  return {
    valid: facts.valid,
    ...(facts.error ? { error: facts.error } : {}),
    ...(facts.description ? { description: facts.description } : {}),
    timeZone: facts.timeZone,
    localTimeZone: local,
    nextRuns: facts.runs.map((epochMs) => ({ epochMs, inZone: formatInZone(epochMs, facts.timeZone), utc: new Date(epochMs).toISOString(), local: formatInZone(epochMs, local) })),
    warnings: facts.warnings,
  };
}
