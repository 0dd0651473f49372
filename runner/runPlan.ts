import type { Backend } from './backend';
import type { RefValues } from './envFile';
import { resolveContainerEnv } from './env';
import type { MissingRef, PodIdentity } from './env';
import { isRecord, readPodSpec, readTemplateMetadata } from './podSpec';
import type { PodSpec } from './podSpec';
import { MASK } from './secretMask';

/** One container as the confirmation step shows it. */
export interface PlannedContainer {
  readonly name: string;
  readonly init: boolean;
  readonly image?: string;
  /** The exact command line (shell-quoted), secrets never included. */
  readonly command: string;
  readonly cwd?: string;
  /** name=value lines, secret values masked. */
  readonly env: readonly { readonly name: string; readonly value: string; readonly from: string; readonly secret: boolean }[];
}

/** What a local run will do, shown (and confirmed) before anything runs. */
export interface RunPreview {
  readonly kind: 'Job' | 'CronJob';
  readonly name: string;
  readonly namespace: string;
  readonly runtime: string;
  readonly samplePod: string;
  readonly podSpec?: PodSpec;
  readonly containers: readonly PlannedContainer[];
  /** Secrets / config values the run still needs (ask, or refuse). */
  readonly missing: readonly MissingRef[];
  /** Reasons the run cannot start at all. */
  readonly problems: readonly string[];
}

/** jobTemplateOf returns the Job-shaped object a document runs: the Job itself or the CronJob's jobTemplate. */
export function jobTemplateOf(value: unknown, kind: 'Job' | 'CronJob'): Record<string, unknown> | undefined {
  if (!isRecord(value) || !isRecord(value['spec'])) return undefined;
  if (kind === 'Job') return value;
  const template = value['spec']['jobTemplate'];
  return isRecord(template) ? template : undefined;
}

export interface PreviewOptions {
  readonly kind: 'Job' | 'CronJob';
  readonly value: unknown;
  readonly backend: Backend;
  readonly values: RefValues;
  readonly cwd: string;
  /** How the person picks another runtime (see ContainerLaunch.runtimeChoice). */
  readonly runtimeChoice?: string;
}

/**
 * previewRun plans every container of the pod template for a sample pod (index 0) and returns
 * the exact commands, environment (secrets masked) and what is missing, without running anything.
 */
export function previewRun(options: PreviewOptions): RunPreview {
  const { kind, value } = options;
  const metadata = isRecord(value) && isRecord(value['metadata']) ? value['metadata'] : {};
  const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
  const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : 'default';
  const problems: string[] = [];
  if (name === '') problems.push('metadata.name: Required value');
  const job = jobTemplateOf(value, kind);
  const template = isRecord(job?.['spec']) ? job['spec']['template'] : undefined;
  const { spec, problems: specProblems } = readPodSpec(template);
  problems.push(...specProblems);
  const jobSpec = isRecord(job?.['spec']) ? job['spec'] : {};
  const indexed = jobSpec['completionMode'] === 'Indexed';
  const samplePod = `${name}-${indexed ? '0-' : ''}xxxxx`;
  // The sample pod as the run makes it (jobRun.ts createPod): the template's labels and
  // annotations, then the controller's.
  const templateMetadata = readTemplateMetadata(template);
  const identity: PodIdentity = {
    name: samplePod,
    namespace,
    uid: '00000000-0000-0000-0000-000000000000',
    labels: {
      ...templateMetadata.labels,
      'batch.kubernetes.io/job-name': name,
      'job-name': name,
      ...(indexed ? { 'batch.kubernetes.io/job-completion-index': '0' } : {}),
    },
    annotations: {
      ...templateMetadata.annotations,
      ...(indexed ? { 'batch.kubernetes.io/job-completion-index': '0' } : {}),
    },
    hostname: (indexed ? `${name}-0` : (spec?.hostname ?? samplePod)).slice(0, 63),
  };
  const containers: PlannedContainer[] = [];
  const missing: MissingRef[] = [];
  for (const [init, list] of [
    [true, spec?.initContainers ?? []],
    [false, spec?.containers ?? []],
  ] as const) {
    for (const container of list) {
      const resolved = resolveContainerEnv(container, identity, options.values);
      missing.push(...resolved.missing);
      problems.push(...resolved.problems);
      const plan = options.backend.plan({
        runId: 'preview',
        podName: samplePod,
        hostname: identity.hostname,
        container,
        env: resolved.vars,
        defaultCwd: options.cwd,
        ...(options.runtimeChoice === undefined ? {} : { runtimeChoice: options.runtimeChoice }),
      });
      problems.push(...plan.problems);
      containers.push({
        name: container.name,
        init,
        ...(container.image === undefined ? {} : { image: container.image }),
        command: plan.display,
        ...(plan.cwd === undefined ? {} : { cwd: plan.cwd }),
        // A secret also hides inside other values: `postgres://app:$(PASSWORD)@db` expands to it.
        env: resolved.vars.map((v) => ({
          name: v.name,
          value: v.secret ? MASK : options.values.secrets.mask(v.value),
          from: v.from,
          secret: v.secret,
        })),
      });
    }
  }
  return {
    kind,
    name,
    namespace,
    runtime: options.backend.kind,
    samplePod,
    ...(spec === undefined ? {} : { podSpec: spec }),
    containers,
    missing,
    problems,
  };
}

/** formatPreview renders a preview for a terminal or a modal dialog. */
export function formatPreview(preview: RunPreview, extra: readonly string[] = []): string {
  const lines = [
    `Run ${preview.kind} ${preview.name} locally with the ${preview.runtime} runtime${extra.length > 0 ? ` (${extra.join(', ')})` : ''}.`,
  ];
  if (preview.runtime === 'process') {
    lines.push(
      'Each container runs as a host process (no image, no shell unless the command names one); host environment withheld except PATH, HOME, LANG, TMPDIR, TZ.',
    );
  }
  lines.push(`Commands for pod ${preview.samplePod}:`);
  for (const c of preview.containers) {
    lines.push(
      `  ${c.init ? 'init container' : 'container'} ${c.name}${c.image === undefined ? '' : ` (image ${c.image}${preview.runtime === 'process' ? ', not used' : ''})`}:`,
    );
    lines.push(`    $ ${c.command}`);
    if (c.cwd !== undefined && preview.runtime === 'process') lines.push(`    in ${c.cwd}`);
    for (const v of c.env) lines.push(`    ${v.name}=${v.value}${v.from === 'value' ? '' : `   (${v.from})`}`);
  }
  return lines.join('\n');
}
