/**
 * The custom requests: kubeJobs/simulateDocument (the simulator's result and SVG timeline for
 * one document, computed in slices between other requests) and kubeJobs/describeSchedule
 * (words and next runs, as the CLI prints them).
 */
import type {
  DescribeScheduleParams,
  DescribeScheduleResult,
  SimulateDocumentParams,
  SimulateDocumentResult,
} from '../../../src-engine';
import { formatInZone } from '../convert';
import type { ParsedDocument } from '../documents';
import { simulationAnswer, startDocumentSimulation } from '../engineApi';
import { scheduleFacts } from '../scheduleFacts';
import type { Settings } from '../settings';

/** Work one slice of a simulation may do before the server answers other requests again (a few ms). */
export const SIMULATION_SLICE_WORK = 25_000;

/** What the request handler passes to stop a simulation the client no longer waits for. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

/** yieldToRequests lets the server read and answer the requests that came in meanwhile. */
function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * provideSimulation simulates one document of an open file, a slice at a time so that the
 * server keeps answering other requests (hover, diagnostics, other files) while it runs. The
 * engine bounds its total work: a Job too large to simulate is refused at once, and a run
 * that reaches the bound stops and says so (`error`, with the part it simulated in `result`).
 */
export async function provideSimulation(
  doc: ParsedDocument,
  params: SimulateDocumentParams,
  nowMs: number,
  token?: Cancellation,
): Promise<SimulateDocumentResult> {
  const base = { uri: params.uri, documentIndex: params.documentIndex };
  const entry = doc.entries.find((candidate) => candidate.manifest.index === params.documentIndex);
  if (!entry) return { ...base, error: `no document ${params.documentIndex} in ${params.uri}` };
  const described = {
    ...base,
    ...(entry.workload ? { kind: entry.workload } : {}),
    ...(entry.manifest.name !== undefined ? { name: entry.manifest.name } : {}),
  };
  if (!entry.workload) return { ...described, error: 'this document is not a batch/v1 Job or CronJob' };
  if (entry.manifest.value === undefined) {
    return {
      ...described,
      error: `the document is not valid YAML: ${entry.manifest.valueError ?? entry.manifest.syntaxErrors[0]?.message ?? 'parse error'}`,
    };
  }
  if (params.durationMs !== undefined && !(params.durationMs > 0 && params.durationMs <= MAX_DURATION_MS)) {
    return { ...described, error: `durationMs must be between 1 and ${MAX_DURATION_MS} (one year)` };
  }
  try {
    const started = startDocumentSimulation(entry.workload, entry.manifest.value, {
      startMs: params.startMs ?? nowMs,
      ...(params.durationMs !== undefined ? { durationMs: params.durationMs } : {}),
      ...(params.pods !== undefined ? { pods: params.pods } : {}),
      ...(params.random !== undefined ? { random: params.random } : {}),
      svg: params.svg !== false,
    });
    if ('errors' in started) return { ...described, error: started.errors.join('; '), errors: started.errors };
    const run = started.run;
    while (!run.advance(SIMULATION_SLICE_WORK)) {
      await yieldToRequests();
      if (token?.isCancellationRequested === true) return { ...described, error: 'simulation cancelled' };
    }
    const simulation = run.result();
    await yieldToRequests();
    const answer = simulationAnswer(simulation, params.svg !== false);
    return { ...described, ...answer, ...(simulation.stopped !== null ? { error: simulation.stopped.message } : {}) };
  } catch (error) {
    return { ...described, error: `simulation failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A simulated year is plenty for any CronJob question and keeps the request bounded. */
const MAX_DURATION_MS = 366 * 24 * 3600_000;

export function provideScheduleDescription(
  params: DescribeScheduleParams,
  settings: Settings,
  nowMs: number,
): DescribeScheduleResult {
  const count = Math.max(0, Math.min(100, Math.floor(params.count ?? 5)));
  const local = params.localTimeZone ?? settings.localTimeZone;
  const facts = scheduleFacts(String(params.schedule), params.timeZone, params.afterMs ?? nowMs, count);
  return {
    valid: facts.valid,
    ...(facts.error ? { error: facts.error } : {}),
    ...(facts.description ? { description: facts.description } : {}),
    timeZone: facts.timeZone,
    localTimeZone: local,
    nextRuns: facts.runs.map((epochMs) => ({
      epochMs,
      inZone: formatInZone(epochMs, facts.timeZone),
      utc: new Date(epochMs).toISOString(),
      local: formatInZone(epochMs, local),
    })),
    warnings: facts.warnings,
  };
}
