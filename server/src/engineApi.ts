/**
 * The engine functions the server's features call, in one place, so the features read as
 * "what" and this module as "which engine call". Lookups that can throw (zones Go cannot
 * load) are wrapped to answer "nothing".
 */
import * as engine from '../../src-engine';
import type { Finding, ManifestDocument, Severity, WorkloadKind } from '../../src-engine';

// ---- validation ---------------------------------------------------------------------------

export { ruleInfo } from '../../src-engine';
export type { RuleInfo } from '../../src-engine';

export function lint(document: ManifestDocument, rules: Readonly<Record<string, Severity | 'off'>>): readonly Finding[] {
  return engine.lintDocument(document, { rules });
}

// ---- schema -------------------------------------------------------------------------------

export { describeType, propertiesOf, schemaAt } from '../../src-engine';
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
  readonly svg: boolean;
}

export type SimulationAnswer = { readonly result: unknown; readonly svg?: string } | { readonly errors: readonly string[] };

/** simulateManifest runs the simulator on one document's value: its JSON (and SVG timeline), or why it cannot. */
export function simulateManifest(kind: WorkloadKind, value: unknown, request: SimulationRequest): SimulationAnswer {
  let podModel: engine.PodModel | undefined;
  if (request.pods !== undefined) {
    const parsed = engine.specPodModel(request.pods);
    if (!parsed.ok) return { errors: [`pods: ${parsed.error}`] };
    podModel = parsed.model;
  }
  const outcome = engine.simulate(kind, value, {
    start: request.startMs,
    ...(request.durationMs !== undefined ? { until: request.startMs + request.durationMs } : {}),
    ...(podModel !== undefined ? { podModel } : {}),
  });
  if (!outcome.ok) return { errors: outcome.errors };
  return { result: engine.simulationToJson(outcome.simulation), ...(request.svg ? { svg: engine.renderSimulationSvg(outcome.simulation) } : {}) };
}
