import { stringify } from 'yaml';
import type { Finding, LintOptions, TextEdit } from '../../../src-engine';
import { GO_YAML_SCALAR_TAGS, LineIndex, lintFile, parseManifestFile } from '../../../src-engine';

/** Written as kubectl reads it: a string kubectl's go-yaml would take for a boolean or number is quoted. */
const AS_KUBECTL_READS = { schema: 'failsafe', customTags: GO_YAML_SCALAR_TAGS } as const;

/** A minimal valid Job; `spec` and `podSpec` entries are merged in (undefined deletes). */
export function jobYaml(
  spec: Record<string, unknown> = {},
  podSpec: Record<string, unknown> = {},
  extra: { name?: string; metadata?: Record<string, unknown>; template?: Record<string, unknown> } = {},
): string {
  const pod = merge(
    { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', resources: { requests: { cpu: '100m' } } }] },
    podSpec,
  );
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: extra.name ?? 'demo', ...extra.metadata },
    spec: merge({ ttlSecondsAfterFinished: 600, template: { ...extra.template, spec: pod } }, spec),
  };
  return stringify(job, AS_KUBECTL_READS);
}

/** A minimal valid CronJob (quoted schedule, time zone, history limits, Forbid). */
export function cronJobYaml(
  spec: Record<string, unknown> = {},
  jobSpec: Record<string, unknown> = {},
  podSpec: Record<string, unknown> = {},
  name = 'nightly',
): string {
  const pod = merge(
    {
      restartPolicy: 'OnFailure',
      containers: [{ name: 'work', image: 'busybox:1.36', resources: { requests: { cpu: '100m' } } }],
    },
    podSpec,
  );
  const cron = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: merge(
      {
        schedule: '0 3 * * *',
        timeZone: 'Europe/Berlin',
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: { spec: merge({ template: { spec: pod } }, jobSpec) },
      },
      spec,
    ),
  };
  return stringify(cron, { ...AS_KUBECTL_READS, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
}

function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

export function lint(text: string, options?: LintOptions): Finding[] {
  return lintFile(parseManifestFile(text), options);
}

export function errors(text: string): Finding[] {
  return lint(text).filter((f) => f.severity === 'error');
}

/** applyEdits applies LSP-style edits (non-overlapping; inserts at one point keep their order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const indexed = edits.map((e, i) => ({
    i,
    start: lines.offsetAt(e.range.start),
    end: lines.offsetAt(e.range.end),
    newText: e.newText,
  }));
  indexed.sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const e of indexed) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
