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
  if (params.durationMs !== undefined && !(params.durationMs > 0 && params.durationMs <= MAX_DURATION_MS)) {
    return { ...described, error: `durationMs must be between 1 and ${MAX_DURATION_MS} (one year)` };
  }
  try {
    const answer = simulateManifest(entry.workload, entry.manifest.value, {
      startMs: params.startMs ?? nowMs,
      ...(params.durationMs !== undefined ? { durationMs: params.durationMs } : {}),
      ...(params.pods !== undefined ? { pods: params.pods } : {}),
      svg: params.svg !== false,
    });
    if ('errors' in answer) return { ...described, error: answer.errors.join('; '), errors: answer.errors };
    return { ...described, result: answer.result, ...(answer.svg !== undefined ? { svg: answer.svg } : {}) };
  } catch (error) {
    return { ...described, error: `simulation failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A simulated year is plenty for any CronJob question and keeps the request bounded. */
const MAX_DURATION_MS = 366 * 24 * 3600_000;

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
