/**
 * Custom LSP requests between the extension (client/) and the language server (server/).
 * Declared once here; each side wraps the method name in one line
 * (`new RequestType<P, R, void>(SimulateDocumentRequest.method)`). No imports, so both
 * sides (and the pure engine) can compile against it.
 */

/** Severity a user can give a rule in `kubeJobs.rules`, or 'off' to silence it. */
export type RuleSetting = 'error' | 'warning' | 'info' | 'hint' | 'off';

/**
 * The `kubeJobs` settings section the server reads (workspace/configuration, section
 * `kubeJobs`), also accepted at start-up as `initializationOptions.settings`.
 */
export interface KubeJobsSettings {
  /** `kubeJobs.rules`: rule id → severity or 'off'; rules not named keep their default. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** `kubeJobs.inlayHints.schedule`: words after each schedule value. */
  readonly inlayHints: { readonly schedule: boolean };
  /** `kubeJobs.codeLens.enabled`: Simulate · Run locally · Apply to cluster above each workload. */
  readonly codeLens: { readonly enabled: boolean };
  /**
   * `kubeJobs.fixAll.includeAdvice`: "Fix all" also applies the fixes of info and hint findings
   * (TTL, history limits, concurrencyPolicy…); by default it fixes errors and warnings only.
   */
  readonly fixAll: { readonly includeAdvice: boolean };
  /**
   * `kubeJobs.redHatYamlInstalled`: the client sets it when the Red Hat YAML extension is
   * active, so the server leaves generic YAML syntax errors to it.
   */
  readonly redHatYamlInstalled: boolean;
  /** `kubeJobs.trace.server`: read by the client's LanguageClient; listed for completeness. */
  readonly trace: { readonly server: 'off' | 'messages' | 'verbose' };
  /**
   * `kubeJobs.kubernetesVersion`: the Kubernetes version whose API server judges manifests
   * ("1.32" … "1.36"), or "auto": the version of the cluster the cluster view is connected to
   * (`connectedCluster`), else the newest version kube-jobs follows.
   */
  readonly kubernetesVersion: string;
  /**
   * Set by the client, not the user: the context the cluster view is connected to and the
   * `gitVersion` its /version reports; null while it is not connected.
   */
  readonly connectedCluster: ConnectedCluster | null;
}

/** The cluster the cluster view is connected to, as the client tells the server. */
export interface ConnectedCluster {
  readonly context: string;
  /** `/version`'s gitVersion (`v1.33.4`, `v1.33.4-eks-1a2b3c`). */
  readonly gitVersion: string;
}

export const KUBE_JOBS_SETTINGS_SECTION = 'kubeJobs';

export const DEFAULT_KUBE_JOBS_SETTINGS: KubeJobsSettings = {
  rules: {},
  inlayHints: { schedule: true },
  codeLens: { enabled: true },
  fixAll: { includeAdvice: false },
  redHatYamlInstalled: false,
  trace: { server: 'off' },
  kubernetesVersion: 'auto',
  connectedCluster: null,
};

/** `initializationOptions` the client passes when it starts the server. */
export interface KubeJobsInitializationOptions {
  /** Initial settings (same shape as the `kubeJobs` section; partial is fine). */
  readonly settings?: DeepPartial<KubeJobsSettings>;
  /** Shorthand for settings.redHatYamlInstalled. */
  readonly redHatYamlInstalled?: boolean;
  /** The user's IANA zone for "local time" in hovers; the server's own zone when absent. */
  readonly localTimeZone?: string;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Arguments of the code lens commands `kubeJobs.simulate`, `kubeJobs.runLocally`, `kubeJobs.applyToCluster`. */
export interface WorkloadCommandArguments {
  readonly uri: string;
  /** Index of the document in the file (0-based, counting non-empty documents). */
  readonly documentIndex: number;
  readonly name: string;
  readonly kind: 'Job' | 'CronJob';
}

/** Command ids the server puts on code lenses; the client registers them. */
export const KUBE_JOBS_COMMANDS = {
  simulate: 'kubeJobs.simulate',
  runLocally: 'kubeJobs.runLocally',
  applyToCluster: 'kubeJobs.applyToCluster',
} as const;

export interface SimulateDocumentParams {
  readonly uri: string;
  readonly documentIndex: number;
  /** Virtual start time (epoch ms); the server's clock when absent. */
  readonly startMs?: number;
  /** How long to simulate (ms); the simulator's default when absent (a Job to its end, a CronJob 24 h). */
  readonly durationMs?: number;
  /** Pod outcomes in the CLI's `--pods` grammar (`succeed@20s,fail@5s:137`); every pod succeeds after 10 s when absent. */
  readonly pods?: string;
  /** The seeded random pod model instead (the CLI's `--seed`, `--failure-rate`, `--durations`); not with `pods`. */
  readonly random?: SimulateRandomPods;
  /** Also render the SVG timeline (default true). */
  readonly svg?: boolean;
}

/** The random pod model: each run fails with probability failureRate and lasts a whole number of seconds in [min, max]. */
export interface SimulateRandomPods {
  readonly seed: number;
  /** 0..1 */
  readonly failureRate: number;
  readonly minDurationMs: number;
  readonly maxDurationMs: number;
}

export interface SimulateDocumentResult {
  readonly uri: string;
  readonly documentIndex: number;
  readonly kind?: 'Job' | 'CronJob';
  readonly name?: string;
  /** The simulation as JSON (src-engine/sim `simulationToJson`, the CLI's `simulate --format json`). */
  readonly result?: unknown;
  /** The timeline as SVG (src-engine/render), when asked for and available. */
  readonly svg?: string;
  /** Why there is no result (not a workload, invalid manifest, document not found). */
  readonly error?: string;
  /** Every reason the manifest cannot be simulated, when there are several. */
  readonly errors?: readonly string[];
}

/** kubeJobs/simulateDocument: run the simulator on one document of an open file. */
export const SimulateDocumentRequest = { method: 'kubeJobs/simulateDocument' } as const;

export interface DescribeScheduleParams {
  readonly schedule: string;
  readonly timeZone?: string;
  /** Runs after this instant (epoch ms); the server's clock when absent. */
  readonly afterMs?: number;
  /** How many next runs (default 5, at most 100). */
  readonly count?: number;
  /** Zone for the `local` column; the client's zone from initializationOptions when absent. */
  readonly localTimeZone?: string;
}

export interface ScheduleRun {
  readonly epochMs: number;
  /** ISO-8601 with offset in the schedule's zone (UTC when none). */
  readonly inZone: string;
  readonly utc: string;
  readonly local: string;
}

export interface DescribeScheduleResult {
  readonly valid: boolean;
  /** The parser's error, Kubernetes wording, when not valid. */
  readonly error?: string;
  /** The schedule in words. */
  readonly description?: string;
  readonly timeZone: string;
  readonly localTimeZone: string;
  readonly nextRuns: readonly ScheduleRun[];
  /** "never fires", "day-of-month OR day-of-week", DST notes. */
  readonly warnings: readonly string[];
}

/** kubeJobs/describeSchedule: words and next runs for a schedule (the CLI's `schedule` in LSP). */
export const DescribeScheduleRequest = { method: 'kubeJobs/describeSchedule' } as const;

export interface ServerStatsResult {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly openDocuments: number;
  /** Server-side milliseconds of the last full diagnostic pass per uri (parse + lint). */
  readonly lastDiagnosticsMs: Readonly<Record<string, number>>;
  /** Whether the server started with V8's code cache (server/src/startWithCodeCache.ts). */
  readonly codeCache: CodeCacheState;
}

/**
 * The code cache at the server's start: `off` when started without a cache directory (as
 * `node dist/server.js`), `none` when there was no cache yet, `used`, or `refused` by V8.
 */
export type CodeCacheState = 'off' | 'none' | 'used' | 'refused';

/** Where the launcher leaves the code cache state for the server it starts (both are separate bundles). */
export const CODE_CACHE_STATE_KEY = Symbol.for('kube-jobs.codeCacheState');

/** kubeJobs/serverStats: memory and timings, for bench/lsp.mjs and the client's status view. */
export const ServerStatsRequest = { method: 'kubeJobs/serverStats' } as const;

/**
 * The Node options the extension starts the language server with (bench/lsp.mjs starts it the
 * same way to time it). Each sizes V8's heap for a server that holds the syntax trees of its
 * open files:
 * - `--max-semi-space-size=2`: a small young generation keeps the resident set near the live
 *   heap (96 MiB instead of 112 MiB with a 1,000-document file open and edited 10 times).
 * - `--initial-old-space-size=32`: the old generation starts at 32 MB instead of growing from a
 *   few MB through full collections. Opening a big file promotes its trees, which all stay
 *   live, so those collections freed almost nothing while competing with the compiler for the
 *   second core: open → diagnostics of the 1,000-document file takes about 8 % less, with the
 *   same resident set.
 */
export const LANGUAGE_SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2', '--initial-old-space-size=32'];
