import { isPlainObject } from '../../../parse/manifests';
import type { PathSegment } from '../../../parse/fieldPath';
import { fieldNamesOfSomeVersion, propertiesByName, propertiesOf, propertyOf, typeSchema } from '../../../schema/query';
import type { SchemaNode } from '../../../schema/query';
import type { KubernetesVersion } from '../../../schema/kubernetesVersion';
import type { FeatureGates } from '../../featureGates';
import { gatedField, gatedFieldsOf } from '../../gatedFields';
import type { GatedField } from '../../gatedFields';

/** A field of the manifest the API server will not keep: where, which gate, and what it was. */
export interface DroppedField {
  /** The field's place in the document as written (list indexes of the manifest). */
  readonly path: readonly PathSegment[];
  readonly gated: GatedField;
  readonly value: unknown;
  /** Set for a volume mount removed because the image volume it mounts was removed. */
  readonly withVolume?: string;
}

export interface TemplateAfterDrops {
  /** The pod spec as validation sees it (the manifest's own objects where nothing changed). */
  readonly spec: Record<string, unknown>;
  readonly dropped: readonly DroppedField[];
}

const present = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * dropDisabledTemplateFields gives the pod spec as the API server validates it on create in one
 * Kubernetes version: DropDisabledTemplateFields → dropDisabledFields (pkg/api/pod/util.go) with
 * that version's gates removes (or resets) every field of GATED_FIELDS whose gate is off, and
 * fields the version does not know at all are gone too (the decoder refuses them; the
 * unknown-field rule says so), so no rule validates a field the server never sees. Objects are
 * copied only along the paths that change.
 */
export function dropDisabledTemplateFields(
  spec: Record<string, unknown>,
  specPath: readonly PathSegment[],
  gates: FeatureGates,
): TemplateAfterDrops {
  const node = typeSchema('PodSpec', gates.version);
  if (!mayDrop(node, gates)) return { spec, dropped: [] };
  const walker = new DropWalker(gates, [...specPath]);
  const walked = walker.object(spec, node, false);
  const after = isPlainObject(walked) ? walked : spec;
  return { spec: dropImageVolumes(after, spec, walker.dropped, specPath), dropped: walker.dropped };
}

class DropWalker {
  readonly dropped: DroppedField[] = [];

  constructor(
    private readonly gates: FeatureGates,
    private readonly path: PathSegment[],
  ) {}

  /** Returns `value` itself when nothing under it changed, REMOVE when it must go. */
  object(value: Record<string, unknown>, node: SchemaNode, inInit: boolean): Record<string, unknown> | typeof REMOVE {
    let out: Record<string, unknown> | undefined;
    let emptiedByDrop = false;
    const plan = dropPlan(node, this.gates);
    for (const key in value) {
      const step = plan.get(key);
      if (step === undefined) continue;
      if (step === ABSENT) {
        delete (out ??= { ...value })[key];
        continue;
      }
      const child = value[key];
      const gate = step.drops;
      if (gate && present(child) && !(inInit && child === gate.initContainersKeep)) {
        this.dropped.push({ path: [...this.path, key], gated: gate, value: child });
        out ??= { ...value };
        if (gate.replaceWith !== undefined) out[key] = gate.replaceWith;
        else delete out[key];
        emptiedByDrop ||= gate.field === 'stopSignal';
        continue;
      }
      if (!step.under) continue;
      // Whether anything under the field can be dropped is worked out the first time a manifest has the field.
      step.descend ??= mayDrop(step.under, this.gates);
      if (!step.descend) continue;
      this.path.push(key);
      const childInInit = node.typeName === 'PodSpec' ? key === 'initContainers' : inInit;
      const walked = this.value(child, step.under, childInInit);
      this.path.pop();
      if (walked === REMOVE) delete (out ??= { ...value })[key];
      else if (walked !== child) (out ??= { ...value })[key] = walked;
    }
    // dropContainerStopSignals: a lifecycle that held only the signal is removed with it.
    if (out && emptiedByDrop && !Object.values(out).some(present)) return REMOVE;
    return out ?? value;
  }

  value(value: unknown, node: SchemaNode, inInit: boolean): unknown {
    if (node.type === 'object' && isPlainObject(value)) return this.object(value, node, inInit);
    const inner = node.type === 'array' ? node.items : node.type === 'map' ? node.values : undefined;
    if (!inner || !mayDrop(inner, this.gates)) return value;
    if (node.type === 'array' && Array.isArray(value)) {
      let out: unknown[] | undefined;
      value.forEach((item, i) => {
        this.path.push(i);
        const walked = this.value(item, inner, inInit);
        this.path.pop();
        if (walked !== item) (out ??= value.slice())[i] = walked === REMOVE ? undefined : walked;
      });
      return out ?? value;
    }
    if (node.type === 'map' && isPlainObject(value)) {
      let out: Record<string, unknown> | undefined;
      for (const key in value) {
        this.path.push(key);
        const walked = this.value(value[key], inner, inInit);
        this.path.pop();
        if (walked !== value[key]) (out ??= { ...value })[key] = walked;
      }
      return out ?? value;
    }
    return value;
  }
}

const REMOVE = Symbol('remove');

/**
 * dropsWith: the version removes the field. Only a gate that exists and is off drops anything:
 * before a gate's release its drop function does not exist either (1.33 keeps an init
 * container's restartPolicy Never and rejects it, 1.34 drops it).
 */
function dropsWith(gated: GatedField, gates: FeatureGates): boolean {
  const state = gates.state(gated.gate);
  return !state.on && state.stage !== 'absent';
}

/**
 * dropImageVolumes (pkg/api/pod/util.go): with ImageVolume off an image volume is removed
 * whole, and so is every container's mount of it. The walk already recorded the `image` field;
 * this removes the volume and the mounts, recording each mount at its place in the manifest.
 */
function dropImageVolumes(
  spec: Record<string, unknown>,
  original: Record<string, unknown>,
  dropped: DroppedField[],
  specPath: readonly PathSegment[],
): Record<string, unknown> {
  const volumesAt = specPath.length + 2;
  const removed = dropped.filter(
    (d) => d.gated.field === 'image' && d.path.length === volumesAt + 1 && d.path[volumesAt - 1] === 'volumes',
  );
  if (removed.length === 0) return spec;
  const indexes = new Set(removed.map((d) => d.path[volumesAt]));
  const names = new Set<string>();
  const volumes = Array.isArray(original['volumes']) ? original['volumes'] : [];
  volumes.forEach((v, i) => {
    if (indexes.has(i) && isPlainObject(v) && typeof v['name'] === 'string') names.add(v['name']);
  });
  const out: Record<string, unknown> = { ...spec };
  out['volumes'] = (Array.isArray(spec['volumes']) ? spec['volumes'] : []).filter((_, i) => !indexes.has(i));
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers']) {
    const containers = spec[kind];
    if (!Array.isArray(containers)) continue;
    out[kind] = containers.map((container, c) => {
      if (!isPlainObject(container) || !Array.isArray(container['volumeMounts'])) return container;
      const mounts = container['volumeMounts'] as unknown[];
      const kept = mounts.filter((mount, m) => {
        const name = isPlainObject(mount) ? mount['name'] : undefined;
        if (typeof name !== 'string' || !names.has(name)) return true;
        const gated = removed[0]!.gated;
        dropped.push({ path: [...specPath, kind, c, 'volumeMounts', m], gated, value: mount, withVolume: name });
        return false;
      });
      return kept.length === mounts.length ? container : { ...container, volumeMounts: kept };
    });
  }
  return out;
}

/**
 * What the walk does with one field of a type: remove it (a field of another version), drop it
 * when written (its gate is off), and/or look under it when something there can be dropped.
 */
type FieldStep = typeof ABSENT | { readonly drops?: GatedField; readonly under?: SchemaNode; descend?: boolean };
const ABSENT = 'absent';
type FieldPlan = ReadonlyMap<string, FieldStep>;

/**
 * Per version and type, the fields the walk acts on (the others, most of a manifest, are passed
 * over with one lookup), worked out once from the schema and the gates, not for every field of
 * every document. Whether to look under a field is settled the first time a manifest has it:
 * settling it for every field of a pod spec at once meant walking the schema of every type a
 * pod can hold (volume sources, affinity…) during the first document of a file.
 */
const planCache = new Map<KubernetesVersion, Map<string, FieldPlan>>();

function dropPlan(node: SchemaNode, gates: FeatureGates): FieldPlan {
  const typeName = node.typeName!;
  let byType = planCache.get(gates.version);
  if (!byType) planCache.set(gates.version, (byType = new Map()));
  let plan = byType.get(typeName);
  if (plan) return plan;
  const steps = new Map<string, FieldStep>();
  const properties = propertiesByName(node);
  for (const field of fieldNamesOfSomeVersion(typeName)) {
    if (!properties.has(field)) steps.set(field, ABSENT);
  }
  for (const [field, property] of properties) {
    const gate = gatedField(typeName, field);
    const drops = gate && dropsWith(gate, gates) ? gate : undefined;
    const under = holdsObjects(property) ? property : undefined;
    if (drops || under) steps.set(field, { ...(drops ? { drops } : {}), ...(under ? { under } : {}) });
  }
  byType.set(typeName, (plan = steps));
  return plan;
}

/** An object, or a list or map of objects: a field something could be dropped under. */
function holdsObjects(node: SchemaNode): boolean {
  if (node.type === 'array') return node.items !== undefined && holdsObjects(node.items);
  if (node.type === 'map') return node.values !== undefined && holdsObjects(node.values);
  return node.type === 'object' && node.typeName !== undefined;
}

/** Per version and type: whether anything under a node of this type can be dropped. */
const dropCache = new Map<KubernetesVersion, Map<string, boolean>>();

function mayDrop(node: SchemaNode, gates: FeatureGates): boolean {
  if (node.type === 'array') return node.items ? mayDrop(node.items, gates) : false;
  if (node.type === 'map') return node.values ? mayDrop(node.values, gates) : false;
  if (node.type !== 'object' || !node.typeName) return false;
  let cache = dropCache.get(gates.version);
  if (!cache) dropCache.set(gates.version, (cache = new Map()));
  const known = cache.get(node.typeName);
  if (known !== undefined) return known;
  cache.set(node.typeName, false); // a type that reaches itself adds nothing
  const own = gatedFieldsOf(node.typeName).some((g) => dropsWith(g, gates)) || versionLacksSomeField(node);
  const result = own || propertiesOf(node).some((p) => mayDrop(p, gates));
  cache.set(node.typeName, result);
  return result;
}

/** The type has a field in some supported version that this node's version lacks. */
function versionLacksSomeField(node: SchemaNode): boolean {
  return fieldNamesOfSomeVersion(node.typeName!).some((name) => !propertyOf(node, name));
}
