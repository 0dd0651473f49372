/**
 * The engine functions the server's features call, in one place, so the features read as
 * "what" and this module as "which engine call". Lookups that can throw (zones Go cannot
 * load) are wrapped to answer "nothing".
 */
import * as engine from '../../src-engine';
import type { Finding, LintOptions, ManifestDocument, WorkloadKind } from '../../src-engine';

// ---- validation ---------------------------------------------------------------------------

export { ruleInfo } from '../../src-engine';
export type { RuleInfo } from '../../src-engine';

export function lint(document: ManifestDocument, options: LintOptions): readonly Finding[] {
  return engine.lintDocument(document, options);
}

// ---- schema -------------------------------------------------------------------------------

export { describeFieldAvailability, describeType, propertiesOf, schemaAt, schemaInSomeVersion } from '../../src-engine';
export type { SchemaNode, SchemaProperty } from '../../src-engine';

// ---- schedules and zones ------------------------------------------------------------------

export {
  describeSchedule,
  domDowIsOr,
  formatUtcOffset,
  ianaZoneNames,
  neverFiresReason,
  nextRuns,
  parseStandard as parseSchedule,
  validateTimeZone,
} from '../../src-engine';
export type { CronSchedule, ZoneTransition } from '../../src-engine';

/** Offset in seconds east of UTC, or undefined for a zone the engine cannot load. */
export function zoneOffsetSeconds(timeZone: string, atMs: number): number | undefined {
  try {
    return engine.zoneOffsetAt(timeZone, atMs);
  } catch {
    return undefined;
  }
}

/** The zone's next offset change after `afterMs` (up to `limitMs`), or null (also for unknown zones). */
export function nextZoneTransition(timeZone: string, afterMs: number, limitMs?: number): engine.ZoneTransition | null {
  try {
    return engine.nextZoneTransition(timeZone, afterMs, limitMs);
  } catch {
    return null;
  }
}

// ---- simulation ---------------------------------------------------------------------------

export interface SimulationRequest {
  readonly startMs: number;
  readonly durationMs?: number;
  /** Pod outcomes in the CLI's `--pods` grammar. */
  readonly pods?: string;
  /** The seeded random pod model (not with `pods`). */
  readonly random?: engine.SimulateRandomPods;
  readonly svg: boolean;
}

/**
 * Pods, Jobs and events the editor's simulation keeps in detail (counts stay exact): the panel
 * draws at most a few hundred rows and lists 500 events, and a smaller answer is built and
 * sent without holding the server up.
 */
export const EDITOR_MAX_RECORDS = 2_000;

/** The engine's simulation of one document, to be advanced in slices, or why there is none. */
export type SimulationStarted =
  { readonly run: engine.SimulationRun<engine.Simulation> } | { readonly errors: readonly string[] };

/** startDocumentSimulation sets up the simulator on one document's value (runs nothing yet). */
export function startDocumentSimulation(kind: WorkloadKind, value: unknown, request: SimulationRequest): SimulationStarted {
  let podModel: engine.PodModel | undefined;
  if (request.pods !== undefined) {
    const parsed = engine.specPodModel(request.pods);
    if (!parsed.ok) return { errors: [`pods: ${parsed.error}`] };
    podModel = parsed.model;
  }
  if (request.random !== undefined) {
    const r = request.random;
    if (request.pods !== undefined) {
      return { errors: ['pods and random cannot be combined: choose scripted outcomes or the random model'] };
    }
    const numbers = [r.seed, r.failureRate, r.minDurationMs, r.maxDurationMs];
    const finite = numbers.every((n) => typeof n === 'number' && Number.isFinite(n));
    if (!finite || r.failureRate < 0 || r.failureRate > 1 || r.minDurationMs < 0 || r.maxDurationMs < 0) {
      return { errors: ['random: the failure rate must be between 0 and 1, the durations not negative'] };
    }
    podModel = engine.randomPodModel({
      seed: Math.trunc(r.seed),
      failureRate: r.failureRate,
      minDurationMs: r.minDurationMs,
      maxDurationMs: r.maxDurationMs,
    });
  }
  const started = engine.startSimulation(kind, value, {
    start: request.startMs,
    maxRecords: EDITOR_MAX_RECORDS,
    ...(request.durationMs !== undefined ? { until: request.startMs + request.durationMs } : {}),
    ...(podModel !== undefined ? { podModel } : {}),
  });
  return started.ok ? { run: started.run } : { errors: started.errors };
}

/** simulationAnswer: a finished simulation as JSON (and its SVG timeline when asked for). */
export function simulationAnswer(simulation: engine.Simulation, svg: boolean): { result: unknown; svg?: string } {
  return { result: engine.simulationToJson(simulation), ...(svg ? { svg: engine.renderSimulationSvg(simulation) } : {}) };
}
