import * as os from 'node:os';
import type { RefKind, RefValues } from './envFile';
import type { ContainerSpec, EnvVarSource } from './podSpec';
import { milliValue, parseQuantity, quantityValue } from '../src-engine';

/** What the downward API can tell a local pod about itself. */
export interface PodIdentity {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly hostname: string;
}

export interface ResolvedEnvVar {
  readonly name: string;
  readonly value: string;
  /** Came from a Secret: show masked, never log. */
  readonly secret: boolean;
  /** Where the value came from, for the preview ("secret db/password", "fieldRef metadata.name"). */
  readonly from: string;
}

/** A configMapKeyRef / secretKeyRef / envFrom the run has no value for. */
export interface MissingRef {
  readonly kind: RefKind;
  readonly name: string;
  /** Undefined for a whole envFrom source. */
  readonly key?: string;
  readonly envName?: string;
  readonly container: string;
}

export interface ResolvedEnv {
  readonly vars: readonly ResolvedEnvVar[];
  readonly missing: readonly MissingRef[];
  readonly problems: readonly string[];
}

/** The node-level facts a local run reports for spec.nodeName and the IP fields. */
const LOCAL_IP = '127.0.0.1';

/**
 * expandVars expands `$(NAME)` references the way the kubelet does for env values, command
 * and args: `$$` is an escaped `$`, `$(NAME)` of an unknown variable stays as written, and a
 * lone `$` is literal. Mirrors k8s.io/kubernetes third_party/forked/golang/expansion `Expand`.
 */
export function expandVars(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      const value = lookup(name);
      out += value ?? `$(${name})`;
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

/** fieldRefValue resolves a downward-API fieldPath for env, or undefined when unsupported. */
export function fieldRefValue(path: string, pod: PodIdentity): string | undefined {
  const keyed = /^metadata\.(labels|annotations)\['([^']*)'\]$/.exec(path);
  if (keyed !== null) {
    // ExtractFieldPathAsString (pkg/fieldpath/fieldpath.go): "" for a key the pod lacks, `constructor` included.
    const map = keyed[1] === 'labels' ? pod.labels : pod.annotations;
    const key = keyed[2] ?? '';
    return Object.hasOwn(map, key) ? (map[key] as string) : '';
  }
  switch (path) {
    case 'metadata.name':
      return pod.name;
    case 'metadata.namespace':
      return pod.namespace;
    case 'metadata.uid':
      return pod.uid;
    case 'spec.nodeName':
      return os.hostname();
    case 'spec.serviceAccountName':
      return 'default';
    case 'status.hostIP':
    case 'status.hostIPs':
    case 'status.podIP':
    case 'status.podIPs':
      return LOCAL_IP;
    default:
      return undefined;
  }
}

/**
 * resourceFieldValue resolves a resourceFieldRef as the kubelet does (ExtractContainerResourceValue,
 * pkg/api/v1/resource): the container's limit (or request) divided by the divisor, rounded up — CPU
 * in thousandths (convertResourceCPUToString), the rest in whole units; with no limit set, the
 * machine's capacity.
 */
function resourceFieldValue(ref: NonNullable<EnvVarSource['resourceFieldRef']>, container: ContainerSpec): string | undefined {
  const resource = ref.resource ?? '';
  const [section, kind] = resource.split('.', 2) as [string, string | undefined];
  if ((section !== 'limits' && section !== 'requests') || (kind !== 'cpu' && kind !== 'memory' && kind !== 'ephemeral-storage')) {
    return undefined;
  }
  const raw =
    container.resources?.[section]?.[kind] ?? (section === 'requests' ? container.resources?.limits?.[kind] : undefined);
  const amount = raw === undefined ? undefined : parseQuantity(typeof raw === 'string' ? raw.trim() : raw);
  const divisor = parseQuantity(ref.divisor === undefined ? '1' : String(ref.divisor).trim());
  const unitsOf = kind === 'cpu' ? milliValue : quantityValue;
  const divisorUnits = divisor === undefined ? 0n : unitsOf(divisor);
  if (amount === undefined) {
    const capacity = kind === 'cpu' ? os.cpus().length * 1000 : kind === 'memory' ? os.totalmem() : 0;
    return String(Math.ceil(capacity / Math.max(Number(divisorUnits), 1)));
  }
  const units = unitsOf(amount);
  if (divisorUnits <= 0n) return String(units);
  return String(units / divisorUnits + (units % divisorUnits === 0n ? 0n : 1n));
}

/**
 * resolveContainerEnv builds a container's environment as the kubelet does
 * (kubelet_pods.go `makeEnvironmentVariables`): envFrom sources first, then env entries in
 * order, each value expanded against the variables defined before it. References the run has
 * no value for are returned in `missing` (optional ones are skipped silently).
 */
export function resolveContainerEnv(container: ContainerSpec, pod: PodIdentity, values: RefValues): ResolvedEnv {
  const vars = new Map<string, ResolvedEnvVar>();
  const missing: MissingRef[] = [];
  const problems: string[] = [];
  const lookup = (name: string): string | undefined => vars.get(name)?.value;

  for (const source of container.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    const ref = source.secretRef ?? source.configMapRef;
    const kind: RefKind = source.secretRef !== undefined ? 'secret' : 'configMap';
    if (ref?.name === undefined) continue;
    const entries = values.entriesOf(kind, ref.name);
    if (entries.length === 0 && ref.optional !== true) missing.push({ kind, name: ref.name, container: container.name });
    for (const [key, value] of entries) {
      vars.set(prefix + key, { name: prefix + key, value, secret: kind === 'secret', from: `${kind} ${ref.name}/${key}` });
    }
  }

  for (const entry of container.env ?? []) {
    const source = entry.valueFrom;
    if (source === undefined) {
      const value = expandVars(entry.value ?? '', lookup);
      vars.set(entry.name, { name: entry.name, value, secret: false, from: 'value' });
      continue;
    }
    if (source.fieldRef !== undefined) {
      const path = source.fieldRef.fieldPath ?? '';
      const value = fieldRefValue(path, pod);
      if (value === undefined) {
        problems.push(`${container.name}: env ${entry.name}: fieldRef ${path} is not supported by a local run`);
      } else vars.set(entry.name, { name: entry.name, value, secret: false, from: `fieldRef ${path}` });
    } else if (source.resourceFieldRef !== undefined) {
      const value = resourceFieldValue(source.resourceFieldRef, container);
      if (value === undefined) {
        problems.push(
          `${container.name}: env ${entry.name}: resourceFieldRef ${source.resourceFieldRef.resource ?? ''} is not supported`,
        );
      } else {
        vars.set(entry.name, {
          name: entry.name,
          value,
          secret: false,
          from: `resourceFieldRef ${source.resourceFieldRef.resource ?? ''}`,
        });
      }
    } else {
      const kind: RefKind = source.secretKeyRef !== undefined ? 'secret' : 'configMap';
      const ref = source.secretKeyRef ?? source.configMapKeyRef;
      if (ref?.name === undefined || ref.key === undefined) {
        problems.push(`${container.name}: env ${entry.name}: valueFrom needs a name and a key`);
        continue;
      }
      const value = values.lookup(kind, ref.name, ref.key, entry.name);
      if (value === undefined) {
        if (ref.optional !== true) {
          missing.push({ kind, name: ref.name, key: ref.key, envName: entry.name, container: container.name });
        }
        continue;
      }
      vars.set(entry.name, { name: entry.name, value, secret: kind === 'secret', from: `${kind} ${ref.name}/${ref.key}` });
    }
  }
  return { vars: [...vars.values()], missing, problems };
}

/** refKeyOf is the env-file key a prompted value is stored under. */
export function refKeyOf(ref: MissingRef): string {
  return ref.key === undefined
    ? `${ref.kind === 'secret' ? 'secret' : 'configmap'}/${ref.name}`
    : `${ref.kind === 'secret' ? 'secret' : 'configmap'}/${ref.name}/${ref.key}`;
}

/**
 * setPromptedValue stores a value typed at a prompt for a missing reference. A whole envFrom
 * source takes `KEY=value;KEY2=value2`. The values object is the run's, in memory only.
 */
export function setPromptedValue(values: { set(key: string, value: string): void }, ref: MissingRef, text: string): void {
  if (ref.key !== undefined) {
    values.set(refKeyOf(ref), text);
    return;
  }
  for (const pair of text.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) values.set(`${refKeyOf(ref)}/${pair.slice(0, eq).trim()}`, pair.slice(eq + 1));
  }
}
