/**
 * The parts of a Kubernetes pod spec the local runtime reads, as plain data. Manifests are
 * untrusted input, so readers here check every type instead of casting.
 */

export interface EnvVarSource {
  readonly fieldRef?: { readonly fieldPath?: string };
  readonly resourceFieldRef?: { readonly resource?: string; readonly containerName?: string; readonly divisor?: string | number };
  readonly configMapKeyRef?: { readonly name?: string; readonly key?: string; readonly optional?: boolean };
  readonly secretKeyRef?: { readonly name?: string; readonly key?: string; readonly optional?: boolean };
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: EnvVarSource;
}

export interface EnvFromSource {
  readonly prefix?: string;
  readonly configMapRef?: { readonly name?: string; readonly optional?: boolean };
  readonly secretRef?: { readonly name?: string; readonly optional?: boolean };
}

export interface ContainerSpec {
  readonly name: string;
  readonly image?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly EnvFromSource[];
  readonly workingDir?: string;
  readonly resources?: {
    readonly limits?: Readonly<Record<string, string | number>>;
    readonly requests?: Readonly<Record<string, string | number>>;
  };
}

export interface PodSpec {
  readonly initContainers: readonly ContainerSpec[];
  readonly containers: readonly ContainerSpec[];
  readonly restartPolicy: 'Never' | 'OnFailure' | 'Always';
  /** terminationGracePeriodSeconds, defaulted to 30 as the API server does. */
  readonly terminationGracePeriodSeconds: number;
  readonly hostname?: string;
  /** Pod-level deadline: the kubelet fails the pod (DeadlineExceeded) this long after it started. */
  readonly activeDeadlineSeconds?: number;
}

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, where: string, problems: string[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    problems.push(`${where}: must be a list of strings`);
    return undefined;
  }
  return value.map((item, i) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') {
      problems.push(`${where}[${i}]: must be a string (quote it in YAML)`);
      return String(item);
    }
    problems.push(`${where}[${i}]: must be a string`);
    return '';
  });
}

function readContainer(value: unknown, where: string, problems: string[]): ContainerSpec | undefined {
  if (!isRecord(value)) {
    problems.push(`${where}: must be an object`);
    return undefined;
  }
  const name = typeof value['name'] === 'string' ? value['name'] : '';
  if (name === '') problems.push(`${where}.name: Required value`);
  const command = stringList(value['command'], `${where}.command`, problems);
  const args = stringList(value['args'], `${where}.args`, problems);
  const env: EnvVar[] = [];
  if (Array.isArray(value['env'])) {
    value['env'].forEach((item, i) => {
      if (!isRecord(item) || typeof item['name'] !== 'string') {
        problems.push(`${where}.env[${i}].name: Required value`);
        return;
      }
      const v = item['value'];
      env.push({
        name: item['name'],
        ...(v === undefined || v === null ? {} : { value: String(v) }),
        ...(isRecord(item['valueFrom']) ? { valueFrom: item['valueFrom'] as EnvVarSource } : {}),
      });
    });
  }
  const envFrom = Array.isArray(value['envFrom']) ? (value['envFrom'].filter(isRecord) as EnvFromSource[]) : undefined;
  const resources = isRecord(value['resources']) ? (value['resources'] as ContainerSpec['resources']) : undefined;
  return {
    name,
    ...(typeof value['image'] === 'string' ? { image: value['image'] } : {}),
    ...(command === undefined ? {} : { command }),
    ...(args === undefined ? {} : { args }),
    env,
    ...(envFrom === undefined ? {} : { envFrom }),
    ...(typeof value['workingDir'] === 'string' && value['workingDir'] !== '' ? { workingDir: value['workingDir'] } : {}),
    ...(resources === undefined ? {} : { resources }),
  };
}

/** The labels and annotations a pod template gives its pods (string values only, as the API accepts). */
export interface TemplateMetadata {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** readTemplateMetadata reads a pod template's metadata: what the Job controller copies onto each pod. */
export function readTemplateMetadata(template: unknown): TemplateMetadata {
  const metadata = isRecord(template) && isRecord(template['metadata']) ? template['metadata'] : {};
  return { labels: stringRecord(metadata['labels']), annotations: stringRecord(metadata['annotations']) };
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * readPodSpec reads a pod template's spec. Returns the spec, or the problems that make it
 * impossible to run (a missing containers list, a non-string command element).
 */
export function readPodSpec(template: unknown): { spec?: PodSpec; problems: string[] } {
  const problems: string[] = [];
  const spec = isRecord(template) && isRecord(template['spec']) ? template['spec'] : undefined;
  if (spec === undefined) return { problems: ['spec.template.spec: Required value'] };
  const containers = Array.isArray(spec['containers'])
    ? spec['containers']
        .map((c, i) => readContainer(c, `containers[${i}]`, problems))
        .filter((c): c is ContainerSpec => c !== undefined)
    : [];
  if (containers.length === 0) problems.push('spec.template.spec.containers: Required value');
  const initContainers = Array.isArray(spec['initContainers'])
    ? spec['initContainers']
        .map((c, i) => readContainer(c, `initContainers[${i}]`, problems))
        .filter((c): c is ContainerSpec => c !== undefined)
    : [];
  const restartPolicy =
    spec['restartPolicy'] === 'Never' || spec['restartPolicy'] === 'OnFailure' ? spec['restartPolicy'] : 'Always';
  const grace = spec['terminationGracePeriodSeconds'];
  return {
    spec: {
      initContainers,
      containers,
      restartPolicy,
      terminationGracePeriodSeconds: typeof grace === 'number' && grace >= 0 ? grace : DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
      ...(typeof spec['hostname'] === 'string' ? { hostname: spec['hostname'] } : {}),
      ...(typeof spec['activeDeadlineSeconds'] === 'number' && spec['activeDeadlineSeconds'] > 0
        ? { activeDeadlineSeconds: spec['activeDeadlineSeconds'] }
        : {}),
    },
    problems,
  };
}
