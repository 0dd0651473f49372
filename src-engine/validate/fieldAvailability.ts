import { KUBERNETES_VERSIONS } from '../schema/kubernetesVersion';
import type { KubernetesVersion } from '../schema/kubernetesVersion';
import { typeSchema, propertyOf, versionsOfField } from '../schema/query';
import { featureGatesOf } from './featureGates';
import type { GateStage } from './featureGates';
import { gatedField } from './gatedFields';

/** What one version's API server does with a field a manifest sets. */
export type FieldTreatment = 'unknown' | 'dropped' | 'kept';

/** A run of consecutive versions that treat a field the same way. */
export interface FieldPeriod {
  readonly from: KubernetesVersion;
  readonly to: KubernetesVersion;
  readonly treatment: FieldTreatment;
  /** The field's feature gate and its stage and default in these versions (gated fields only). */
  readonly gate?: { readonly name: string; readonly stage: GateStage; readonly on: boolean };
}

/** treatmentIn: unknown where the version's schema lacks it, dropped where its gate is off, else kept. */
export function treatmentIn(typeName: string, field: string, version: KubernetesVersion): FieldTreatment {
  if (!propertyOf(typeSchema(typeName, version), field)) return 'unknown';
  const gated = gatedField(typeName, field);
  if (!gated) return 'kept';
  const state = featureGatesOf(version).state(gated.gate);
  return state.stage !== 'absent' && !state.on ? 'dropped' : 'kept';
}

/**
 * fieldAvailability lists how the supported versions treat `typeName.field`, oldest first, or
 * undefined when every version keeps it alike (most fields): hover says nothing then.
 */
export function fieldAvailability(typeName: string, field: string): readonly FieldPeriod[] | undefined {
  if (!versionsOfField(typeName, field)) return undefined;
  const gated = gatedField(typeName, field);
  const periods: FieldPeriod[] = [];
  for (const version of KUBERNETES_VERSIONS) {
    const treatment = treatmentIn(typeName, field, version);
    const state = gated && treatment !== 'unknown' ? featureGatesOf(version).state(gated.gate) : undefined;
    const gate = gated && state && state.stage !== 'absent' ? { name: gated.gate, stage: state.stage, on: state.on } : undefined;
    const last = periods[periods.length - 1];
    if (last && last.treatment === treatment && last.gate?.stage === gate?.stage && last.gate?.on === gate?.on) {
      periods[periods.length - 1] = { ...last, to: version };
    } else {
      periods.push({ from: version, to: version, treatment, ...(gate ? { gate } : {}) });
    }
  }
  const alike = periods.length === 1 && periods[0]!.treatment === 'kept';
  return alike && !(periods[0]!.gate && periods[0]!.gate.stage !== 'GA') ? undefined : periods;
}

const span = (p: FieldPeriod): string => (p.from === p.to ? p.from : `${p.from}–${p.to}`);

function periodWords(p: FieldPeriod): string {
  if (p.treatment === 'unknown') return 'unknown field';
  const gate = p.gate ? `${p.gate.stage}, ${p.gate.on ? 'on' : 'off'} by default` : '';
  if (p.treatment === 'dropped') return `${gate}: silently dropped`;
  return gate || 'kept';
}

/**
 * describeFieldAvailability renders the periods for hover, and what the judging version does:
 * `where` names it ("your cluster (1.33)" or "Kubernetes 1.33").
 */
export function describeFieldAvailability(
  typeName: string,
  field: string,
  version: KubernetesVersion,
  where: string,
): string | undefined {
  const periods = fieldAvailability(typeName, field);
  if (!periods) return undefined;
  const history = periods.map((p) => `${span(p)}: ${periodWords(p)}`).join(' · ');
  const added = periods[0]!.treatment === 'unknown' ? periods.find((p) => p.treatment !== 'unknown') : undefined;
  const gate = gatedField(typeName, field)?.gate;
  const verdict = {
    unknown: 'unknown field — the API server rejects the manifest',
    dropped: `accepted, but ${gate} is off there: the server silently removes the field`,
    kept: gate ? `kept (${gate} is on there)` : 'kept',
  }[treatmentIn(typeName, field, version)];
  const lead = added ? `Added in Kubernetes ${added.from}. ` : '';
  return `${lead}Kubernetes ${history}${gate ? ` (feature gate ${gate})` : ''}.\n\n**On ${where}: ${verdict}.**`;
}
