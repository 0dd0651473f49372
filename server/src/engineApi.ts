/**
 * The engine functions the server's features call, in one place. Validation, schedules and
 * the simulator are written alongside the server; this module binds to them by name so the
 * server builds (and degrades to "no answer") while one of them is not exported yet.
 * TODO(server): replace the lookups with direct imports once validate/, schedule/ and sim/ land. #5
 */
import * as engine from '../../src-engine';
import type { Finding, ManifestDocument, PathSegment, Severity, WorkloadKind } from '../../src-engine';

const api = engine as unknown as Record<string, unknown>;

function fn<T>(name: string): T | undefined {
  const value = api[name];
  return typeof value === 'function' ? (value as T) : undefined;
}

// ---- validation ---------------------------------------------------------------------------

export interface RuleInfo {
  readonly id: string;
  readonly defaultSeverity?: Severity;
  readonly title?: string;
  readonly description?: string;
  readonly docsUrl?: string;
}

export function lint(document: ManifestDocument, rules: Readonly<Record<string, Severity | 'off'>>): readonly Finding[] {
  const lintDocument = fn<(d: ManifestDocument, o?: { rules?: Record<string, Severity | 'off'> }) => Finding[]>('lintDocument');
  return lintDocument ? lintDocument(document, { rules: { ...rules } }) : [];
}

export function ruleInfo(id: string): RuleInfo | undefined {
  const rules = api['RULES'];
  if (Array.isArray(rules)) return (rules as RuleInfo[]).find((rule) => rule.id === id);
  if (rules instanceof Map) return (rules as Map<string, RuleInfo>).get(id);
  if (rules && typeof rules === 'object') return (rules as Record<string, RuleInfo>)[id];
  return undefined;
}

// ---- schema -------------------------------------------------------------------------------

/** Mirrors src-engine/schema/query.ts SchemaNode. */
export interface SchemaNode {
  readonly type: string;
  readonly typeName?: string;
  readonly items?: SchemaNode;
  readonly values?: SchemaNode;
  readonly description?: string;
  readonly required?: boolean;
  readonly enum?: readonly string[];
  readonly default?: string | number | boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly addedIn?: string;
  readonly docsUrl?: string;
}

export interface SchemaProperty extends SchemaNode {
  readonly name: string;
}

export function schemaAt(kind: WorkloadKind, segments: readonly PathSegment[]): SchemaNode | undefined {
  const lookup = fn<(k: WorkloadKind, s: readonly PathSegment[]) => SchemaNode | undefined>('schemaAt');
  return lookup ? lookup(kind, segments) : undefined;
}

export function propertiesOf(node: SchemaNode): readonly SchemaProperty[] {
  const list = fn<(n: SchemaNode) => readonly SchemaProperty[]>('propertiesOf');
  return list ? list(node) : [];
}

export function describeType(node: SchemaNode): string {
  const describe = fn<(n: SchemaNode) => string>('describeType');
  if (describe) return describe(node);
  if (node.type === 'array') return `[]${node.items ? describeType(node.items) : 'any'}`;
  if (node.type === 'map') return `map[string]${node.values ? describeType(node.values) : 'any'}`;
  return node.typeName ?? node.type;
}

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

/** simulateManifest runs the simulator on one document's value; undefined while sim/ is not exported. */
export function simulateManifest(kind: WorkloadKind, value: unknown, request: SimulationRequest): SimulationAnswer | undefined {
  const simulate = fn<(k: WorkloadKind, v: unknown, o: unknown) => { ok: boolean; simulation?: unknown; errors?: readonly string[] }>('simulate');
  const toJson = fn<(s: unknown) => unknown>('simulationToJson');
  if (!simulate || !toJson) return undefined;
  let podModel: unknown;
  if (request.pods !== undefined) {
    const specPodModel = fn<(t: string) => { ok: boolean; model?: unknown; error?: string }>('specPodModel');
    const parsed = specPodModel?.(request.pods);
    if (!parsed?.ok) return { errors: [`pods: ${parsed?.error ?? 'pod models unavailable'}`] };
    podModel = parsed.model;
  }
  const outcome = simulate(kind, value, {
    start: request.startMs,
    ...(request.durationMs !== undefined ? { until: request.startMs + request.durationMs } : {}),
    ...(podModel !== undefined ? { podModel } : {}),
  });
  if (!outcome.ok || outcome.simulation === undefined) return { errors: outcome.errors ?? ['cannot simulate this manifest'] };
  const render = request.svg ? fn<(s: unknown) => string>('renderSimulationSvg') : undefined;
  return { result: toJson(outcome.simulation), ...(render ? { svg: render(outcome.simulation) } : {}) };
}
