import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cronJobFromManifest, jobFromManifest } from '../src-engine/controllers';
import type { CronJobObject, JobObject } from '../src-engine/controllers';
import { parseManifestFile } from '../src-engine/parse/manifests';
import { lintDocument } from '../src-engine/validate/lint';
import type { KubernetesVersion } from '../src-engine/schema/kubernetesVersion';
import type { ManifestDocument } from '../src-engine/parse/manifests';
import type { Backend, RuntimeKind } from './backend';
import { ScaledClock } from './clock';
import { containerBackend, probeEngine } from './containerBackend';
import { CronJobRun } from './cronJobRun';
import { RefValues, readEnvFile } from './envFile';
import type { MissingRef } from './env';
import { JobRun } from './jobRun';
import type { LogLine } from './localPod';
import { isRecord, readPodSpec, readTemplateMetadata } from './podSpec';
import type { PodSpec } from './podSpec';
import { processBackend } from './processBackend';
import { RunRecorder } from './records';
import type { RunSummary, TimelineEvent } from './records';
import { jobTemplateOf, previewRun } from './runPlan';
import type { RunPreview } from './runPlan';

/** What to run and how. */
export interface LocalRunRequest {
  /** The manifest file's text. */
  readonly text: string;
  /** Its path (recorded, and the default working directory's anchor). */
  readonly file?: string;
  /** Pick the document by metadata.name … */
  readonly name?: string;
  /** … or by position in the file (code lenses know it). */
  readonly documentIndex?: number;
  readonly runtime?: RuntimeKind;
  /** Controller time runs this many times faster than wall time (backoff, deadlines, TTL, schedule waits). */
  readonly timeScale?: number;
  readonly envFiles?: readonly string[];
  /** CronJobs only: one Job now, or the controller on its schedule. */
  readonly cron?: 'now' | 'schedule';
  /** Workspace: the run folder goes to <workspace>/.kube-jobs/runs/, processes start here. */
  readonly workspace: string;
  /** How the person picks another runtime, for messages: default the CLI's `--runtime`; VS Code names its setting. */
  readonly runtimeChoice?: string;
  /** Checks the document; returns error messages that stop the run. Default: the engine's lintDocument errors. */
  readonly lint?: (file: string, document: ManifestDocument) => readonly string[];
}

/** Why a run cannot start (bad input: CLI exit code 2). */
export class RunInputError extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export interface RunListeners {
  readonly onEvent?: (event: TimelineEvent) => void;
  readonly onLog?: (line: LogLine) => void;
  /** Any change of pods or status (redraw a live view). */
  readonly onChange?: () => void;
}

export interface LocalRunResult {
  readonly result: 'Complete' | 'Failed' | 'Cancelled';
  readonly reason?: string;
  readonly message?: string;
}

/** A run in progress. */
export interface LocalRunHandle {
  readonly runId: string;
  readonly kind: 'Job' | 'CronJob';
  readonly name: string;
  readonly recordDir: string;
  /** The run record, kept up to date while the run goes (pods, exit codes, outcome). */
  readonly summary: RunSummary;
  readonly clock: ScaledClock;
  /** The Job runs (one for a Job or --cron-now; one per scheduled Job otherwise). */
  jobs(): readonly JobRun[];
  readonly cronJob?: CronJobRun;
  readonly finished: Promise<LocalRunResult>;
  /** Resolves once a finished Job has been deleted by its ttlSecondsAfterFinished (never without one). */
  readonly ttlDeleted: Promise<void>;
  /** Stops waiting for TTL deletions of finished Jobs (their timers would keep the process alive). */
  stopTtl(): void;
  cancel(why?: string): Promise<void>;
  forceKill(): void;
}

/** A run checked and planned, waiting for confirmation. */
export interface PreparedRun {
  readonly kind: 'Job' | 'CronJob';
  readonly name: string;
  readonly preview: RunPreview;
  readonly backend: Backend;
  readonly values: RefValues;
  readonly timeScale: number;
  /** Values still needed (ask for them, `values.set(refKeyOf(ref), value)`, then start). */
  readonly missing: readonly MissingRef[];
  start(listeners?: RunListeners): LocalRunHandle;
}

/** Every run of this process, so an exit or shutdown can stop them all. */
const activeRuns = new Set<LocalRunHandle>();
let exitHookInstalled = false;

/** killAllRuns SIGKILLs every process of every run of this process (synchronous: usable in 'exit'). */
export function killAllRuns(): void {
  for (const run of activeRuns) run.forceKill();
}

/** stopAllRuns cancels every run gracefully (VS Code deactivate). */
export async function stopAllRuns(why = 'Stopped because the host is shutting down'): Promise<void> {
  await Promise.all([...activeRuns].map((r) => r.cancel(why)));
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killAllRuns);
}

/** pickDocument finds the Job or CronJob to run; throws RunInputError with the choices when ambiguous. */
export function pickDocument(documents: readonly ManifestDocument[], name?: string, documentIndex?: number): ManifestDocument {
  const runnable = documents.filter((d) => d.workload !== undefined);
  if (documentIndex !== undefined) {
    const doc = documents[documentIndex];
    // The file may have changed since the index was taken: the name decides then.
    if (doc?.workload !== undefined && (name === undefined || name === '' || doc.name === name)) return doc;
    if (name === undefined || name === '') {
      throw new RunInputError(`document ${documentIndex + 1} is not a batch/v1 Job or CronJob`);
    }
  }
  const matching = name === undefined ? runnable : runnable.filter((d) => d.name === name);
  if (matching.length === 1) return matching[0] as ManifestDocument;
  const choices = runnable.map((d) => `${d.workload ?? ''} ${d.name ?? '(no name)'}`);
  if (runnable.length === 0) throw new RunInputError('no batch/v1 Job or CronJob in the file');
  if (matching.length === 0) throw new RunInputError(`no Job or CronJob named ${name ?? ''} in the file`, choices);
  throw new RunInputError('the file has several Jobs/CronJobs: pick one with --name', choices);
}

/**
 * prepareLocalRun checks the request (document, manifest validity, runtime availability, env
 * files, that every container can be run) and plans it. Nothing runs until `start`.
 * Throws RunInputError for bad input.
 */
export async function prepareLocalRun(request: LocalRunRequest): Promise<PreparedRun> {
  const timeScale = request.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new RunInputError(`--time-scale must be a positive number, got ${timeScale}`);
  }
  const parsed = parseManifestFile(request.text);
  if (parsed.skipped !== undefined) throw new RunInputError(parsed.skipped.message);
  const doc = pickDocument(parsed.documents, request.name, request.documentIndex);
  const kind = doc.workload as 'Job' | 'CronJob';
  if (doc.isTemplate) {
    throw new RunInputError(`${kind} ${doc.name ?? ''} holds template code ({{ … }}); render it first (helm template …)`);
  }
  if (doc.syntaxErrors.length > 0) {
    throw new RunInputError(
      'the document has YAML errors',
      doc.syntaxErrors.map((e) => `line ${e.range.start.line + 1}: ${e.message}`),
    );
  }
  if (doc.valueError !== undefined) throw new RunInputError(`the document cannot be read: ${doc.valueError}`);
  const lintErrors = (request.lint ?? lintErrorsOf)(request.file ?? '', doc);
  if (lintErrors.length > 0) throw new RunInputError(`${kind} ${doc.name ?? ''} would be rejected by the API server`, lintErrors);
  if (kind === 'CronJob' && request.cron === undefined) {
    throw new RunInputError(
      'a CronJob runs with --cron-now (one Job from its template, now) or --cron-schedule (on its schedule, with its concurrencyPolicy)',
    );
  }
  if (kind === 'Job' && request.cron !== undefined) {
    throw new RunInputError('--cron-now / --cron-schedule apply to CronJobs only');
  }

  const runtime = request.runtime ?? 'process';
  let backend: Backend = processBackend;
  if (runtime === 'docker' || runtime === 'podman') {
    const probe = await probeEngine(runtime);
    if (!probe.available) throw new RunInputError(`--runtime ${runtime} is not usable here: ${probe.reason ?? 'unknown reason'}`);
    backend = containerBackend(runtime);
  } else if (runtime !== 'process') {
    throw new RunInputError(`unknown runtime ${String(runtime)} (process, docker or podman)`);
  }

  const values = new RefValues();
  for (const file of request.envFiles ?? []) {
    let problems: string[];
    try {
      problems = readEnvFile(path.resolve(request.workspace, file), values).problems;
    } catch (error) {
      throw new RunInputError((error as Error).message);
    }
    if (problems.length > 0) throw new RunInputError(`env file ${file} has lines kube-jobs cannot read`, problems);
  }

  const preview = previewRun({
    kind,
    value: doc.value,
    backend,
    values,
    cwd: request.workspace,
    ...(request.runtimeChoice === undefined ? {} : { runtimeChoice: request.runtimeChoice }),
  });
  if (preview.problems.length > 0) throw new RunInputError(`${kind} ${preview.name} cannot run locally`, preview.problems);
  const podSpec = preview.podSpec as PodSpec;
  const job = jobTemplateOf(doc.value, kind) ?? {};
  const { labels: templateLabels, annotations: templateAnnotations } = readTemplateMetadata(
    isRecord(job['spec']) ? job['spec']['template'] : undefined,
  );
  // Read once more to make sure the controllers accept the object (their own checks).
  const probeObject = kind === 'Job' ? jobFromManifest(doc.value, 0) : cronJobFromManifest(doc.value, 0);
  if (!probeObject.ok) throw new RunInputError(`${kind} ${preview.name} cannot be run`, probeObject.errors);
  if (readPodSpec(isRecord(job['spec']) ? job['spec']['template'] : undefined).spec === undefined) {
    throw new RunInputError('spec.template.spec: Required value');
  }
  const nothingWouldRun = whyNothingRuns(probeObject.value, request.cron);
  if (nothingWouldRun !== undefined) {
    throw new RunInputError(`${kind} ${preview.name} would never start a pod here: ${nothingWouldRun}`);
  }

  return {
    kind,
    name: preview.name,
    preview,
    backend,
    values,
    timeScale,
    missing: preview.missing,
    start(listeners: RunListeners = {}): LocalRunHandle {
      const clock = new ScaledClock(timeScale);
      const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
      const recorder = new RunRecorder(
        request.workspace,
        {
          runId,
          name: preview.name,
          kind,
          ...(request.file === undefined ? {} : { file: request.file }),
          runtime: backend.kind,
          timeScale,
          startedAt: Date.now(),
        },
        (text) => values.secrets.mask(text),
      );
      fs.writeFileSync(path.join(recorder.dir, 'manifest.yaml'), doc.chunk.text);
      const common = {
        podSpec,
        templateLabels,
        templateAnnotations,
        backend,
        clock,
        values,
        runId,
        cwd: request.workspace,
        recorder,
        ...(listeners.onEvent === undefined
          ? {}
          : { onEvent: (e: TimelineEvent) => listeners.onEvent?.({ ...e, message: values.secrets.mask(e.message) }) }),
        ...(listeners.onLog === undefined ? {} : { onLog: listeners.onLog }),
      };
      const onChange = (): void => listeners.onChange?.();
      let jobRuns: () => readonly JobRun[];
      let finished: Promise<LocalRunResult>;
      let ttlDeleted: Promise<void>;
      let cancel: (why?: string) => Promise<void>;
      let forceKill: () => void;
      let cronJob: CronJobRun | undefined;
      let startLater: () => void;
      if (kind === 'Job') {
        const object = jobFromManifest(doc.value, clock.now());
        const run = new JobRun({ ...common, job: (object as { value: JobObject }).value, onChange });
        recorder.summary.jobs.push(run.job.name);
        jobRuns = () => [run];
        finished = run.finished;
        ttlDeleted = run.deleted;
        cancel = (why) => run.cancel(why);
        forceKill = () => run.forceKill();
        startLater = () => run.start();
      } else {
        const object = cronJobFromManifest(doc.value, clock.now());
        const cron = new CronJobRun({
          ...common,
          cronJob: (object as { value: CronJobObject }).value,
          mode: request.cron ?? 'now',
          onChange,
        });
        cronJob = cron;
        jobRuns = () => cron.allJobs;
        finished = cron.finished;
        ttlDeleted = cron.finished.then(() =>
          request.cron === 'now' && cron.allJobs[0] !== undefined ? cron.allJobs[0].deleted : new Promise<void>(() => undefined),
        );
        cancel = (why) => cron.cancel(why);
        forceKill = () => cron.forceKill();
        startLater = () => cron.start();
      }
      const handle: LocalRunHandle = {
        runId,
        kind,
        name: preview.name,
        recordDir: recorder.dir,
        summary: recorder.summary,
        clock,
        jobs: () => jobRuns(),
        ...(cronJob === undefined ? {} : { cronJob }),
        finished: finished.then(async (result) => {
          activeRuns.delete(handle);
          await recorder.finish(
            {
              result: result.result,
              ...(result.reason === undefined ? {} : { reason: result.reason }),
              ...(result.message === undefined ? {} : { message: result.message }),
            },
            Date.now(),
          );
          return {
            result: result.result,
            ...(result.reason === undefined ? {} : { reason: result.reason }),
            ...(result.message === undefined ? {} : { message: result.message }),
          };
        }),
        ttlDeleted,
        stopTtl: () => {
          for (const jobRun of jobRuns()) jobRun.stopTtl();
        },
        cancel: async (why) => {
          await cancel(why);
          await handle.finished;
        },
        forceKill,
      };
      activeRuns.add(handle);
      installExitHook();
      // Start on the next turn, so the caller holds the handle before the first event or log line arrives.
      setImmediate(startLater);
      return handle;
    },
  };
}

/**
 * lintErrorsOf returns the error findings of `kube-jobs lint` for one document, as
 * `file:line: message (rule)`, judged as `kubernetesVersion` (default: the newest).
 */
export function lintErrorsOf(file: string, doc: ManifestDocument, kubernetesVersion?: KubernetesVersion): string[] {
  const where = file === '' ? 'line ' : `${path.basename(file)}:`;
  return lintDocument(doc, kubernetesVersion ? { kubernetesVersion } : undefined)
    .filter((f) => f.severity === 'error')
    .map((f) => `${where}${f.range.start.line + 1}: ${f.message} (${f.rule})`);
}

/**
 * whyNothingRuns explains a run that would wait forever without starting a pod: the controller
 * leaves a suspended Job, or one managed by another controller, alone; parallelism 0 creates
 * no pods; a suspended CronJob never schedules.
 */
function whyNothingRuns(object: JobObject | CronJobObject, cron: 'now' | 'schedule' | undefined): string | undefined {
  const spec = 'schedule' in object.spec ? object.spec.jobTemplate.spec : object.spec;
  if ('schedule' in object.spec && object.spec.suspend && cron === 'schedule') {
    return 'spec.suspend is true, so the CronJob controller schedules nothing (use --cron-now to run one Job)';
  }
  if (spec.suspend) return 'spec.suspend is true; the Job controller deletes or creates no pods until it is resumed';
  if (spec.managedBy !== null && spec.managedBy !== 'kubernetes.io/job-controller') {
    return `spec.managedBy is ${spec.managedBy}, so the built-in Job controller leaves the Job alone`;
  }
  if (spec.parallelism === 0) return 'spec.parallelism is 0, so no pod is created';
  return undefined;
}
