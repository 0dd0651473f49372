/**
 * The typed messages between the extension and the panels' browser code (client/webview).
 * The single source of truth for both sides; it imports nothing, so the webview project can
 * compile it too. All data reaches the page through postMessage as these shapes and is
 * rendered with DOM text APIs, never as HTML.
 */

/** A label/value row; `note` explains why the value matters. */
export interface Fact {
  readonly label: string;
  readonly value: string;
  readonly note?: string;
}

export interface ConditionView {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
  readonly lastTransition: string;
}

export interface EventView {
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  readonly last: string;
  readonly object: string;
  readonly source: string;
}

export interface PodView {
  readonly name: string;
  readonly phase: string;
  readonly restarts: number;
  readonly outcome: string;
  readonly node: string;
  readonly started: string;
  /** Bar on the Job's timeline: offsets in ms from the timeline start. */
  readonly startOffsetMs?: number;
  readonly endOffsetMs?: number;
  readonly failed: boolean;
}

export interface FailingContainerView {
  readonly pod: string;
  readonly container: string;
  /** The exit code that tells: the current termination, or the last one of a restarting container. */
  readonly exitCode?: number;
  /** True when exitCode is from the previous instance (lastState.terminated) of a restarting container. */
  readonly lastExit?: boolean;
  readonly reason?: string;
  readonly restarts?: number;
  /** What the kubelet or scheduler said, with what it is: a termination message, a waiting message, the scheduler's reason. */
  readonly message?: string;
  readonly messageLabel?: string;
  readonly explanation?: string;
  readonly lastLines: readonly string[];
  /** The last log lines are from the previous instance (`kubectl logs --previous`). */
  readonly linesFromPrevious?: boolean;
  /** The container never ran (its image cannot be pulled, the pod is not scheduled): there is no log to show. */
  readonly neverRan?: boolean;
}

/**
 * The card that explains a Job in trouble: "Why it failed" (Failed condition), "Why it is
 * failing" (pods fail or crash, counting toward backoffLimit) or "Why it is stuck" (pods wait
 * without failing). Absent for a Job that is fine.
 */
export interface FailureCard {
  readonly title: string;
  readonly reason: string;
  readonly message: string;
  readonly explanation: string;
  readonly containers: readonly FailingContainerView[];
}

/** The panels' buttons; a page's `action` message must name one of them. */
export const ACTION_IDS = ['trigger', 'suspend', 'resume', 'delete', 'openYaml', 'copyKubectl', 'refresh'] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export interface ActionView {
  readonly id: ActionId;
  readonly label: string;
  readonly enabled: boolean;
  /** Why it is disabled (RBAC refusal, or the state of the object). */
  readonly reason?: string;
}

/** What the Job and CronJob panels both show of their object. */
export interface ObjectPanelModel {
  readonly context: string;
  readonly namespace: string;
  readonly name: string;
  /** False once the object is gone from the cluster (the panel says so and keeps its last facts). */
  readonly exists: boolean;
  readonly headline: string;
  readonly settings: readonly Fact[];
  readonly events: readonly EventView[];
  /** Why events cannot be shown (RBAC forbids listing them), instead of "No events". */
  readonly eventsNote?: string;
  readonly actions: readonly ActionView[];
}

export interface JobPanelModel extends ObjectPanelModel {
  readonly view: 'job';
  readonly phase: string;
  readonly owner?: string;
  readonly counts: readonly Fact[];
  readonly timing: readonly Fact[];
  readonly conditions: readonly ConditionView[];
  readonly pods: readonly PodView[];
  readonly timelineSpanMs: number;
  readonly failure?: FailureCard;
}

export interface CronJobRunView {
  readonly name: string;
  readonly phase: string;
  readonly completions: string;
  readonly duration: string;
  readonly started: string;
  readonly manual: boolean;
}

/** One day of the calendar: runs as minutes after midnight (in the CronJob's zone). */
export interface CalendarDay {
  readonly label: string;
  readonly runMinutes: readonly number[];
  /** Runs beyond the ones listed (very frequent schedules). */
  readonly more: number;
}

/** One CronJob health finding as the panel lists it (src-engine/health/). */
export interface HealthFindingView {
  readonly severity: 'error' | 'warning' | 'info';
  readonly rule: string;
  readonly title: string;
  readonly message: string;
  readonly fix?: string;
  readonly job?: string;
}

/** The CronJob panel's Health section. */
export interface HealthSectionView {
  readonly status: 'healthy' | 'warning' | 'unhealthy';
  readonly suspended: boolean;
  /** One sentence: "Healthy", "Unhealthy: 2 problems", … */
  readonly summary: string;
  readonly facts: readonly Fact[];
  readonly findings: readonly HealthFindingView[];
}

export interface CronJobPanelModel extends ObjectPanelModel {
  readonly view: 'cronJob';
  readonly schedule: string;
  readonly words: string;
  readonly timeZone: string;
  readonly suspended: boolean;
  readonly nextRuns: readonly string[];
  readonly status: readonly Fact[];
  readonly jobs: readonly CronJobRunView[];
  readonly calendar: readonly CalendarDay[];
  /** The engine's simulation of the coming days (timeline and calendar), as a data: URL image. */
  readonly simulationSvgDataUrl?: string;
  /** What the simulation covers, or why there is none. */
  readonly simulationNote?: string;
  /** The CronJob's live health (absent when it no longer exists). */
  readonly health?: HealthSectionView;
}

/** One scripted pod outcome: a `kube-jobs simulate --pods` entry (`1=fail@5s:137`). */
export interface PodOutcomeRow {
  /** The completion index it applies to (Indexed Jobs); absent: the next pod, whatever its index. */
  readonly index?: number;
  readonly outcome: 'succeed' | 'fail';
  readonly afterSeconds: number;
  /** Exit code of a failure (1–255). */
  readonly exitCode?: number;
}

/** What a person sets in the simulation panel; the panel re-runs the simulation with it. */
export interface SimulationControls {
  /** Window start, `YYYY-MM-DDTHH:MM`, UTC. */
  readonly start: string;
  /** Window length; absent: a Job until it finishes (and its TTL). */
  readonly forAmount?: number;
  readonly forUnit: 'minutes' | 'hours' | 'days';
  /** Every pod succeeds after 10 s, scripted outcomes (rows), or the seeded random model. */
  readonly pods: 'default' | 'scripted' | 'random';
  readonly rows: readonly PodOutcomeRow[];
  readonly random: {
    readonly seed: number;
    readonly failurePercent: number;
    readonly minSeconds: number;
    readonly maxSeconds: number;
  };
}

export interface SimulationPanelModel {
  readonly view: 'simulation';
  readonly title: string;
  readonly error?: string;
  /** The engine's SVG timeline, shown as an image (data: URL), so no markup of it runs in the page. */
  readonly svgDataUrl?: string;
  readonly facts: readonly Fact[];
  readonly events: readonly { readonly time: string; readonly text: string }[];
  /** The controls as last run (absent for a simulation that cannot be re-run). */
  readonly controls?: SimulationControls;
  /** Why the window is where it is (several days, a DST change). */
  readonly windowNote?: string;
  /** The same simulation from a terminal. */
  readonly command?: string;
  /** The outcome in one line. */
  readonly summary?: string;
}

export type PanelModel = JobPanelModel | CronJobPanelModel | SimulationPanelModel;

/** One log line as the page shows it. */
export interface LogLineView {
  readonly pod: string;
  readonly container: string;
  readonly timestamp: string;
  readonly text: string;
  readonly previous?: boolean;
}

export interface LogOptions {
  readonly follow: boolean;
  readonly previous: boolean;
  readonly timestamps: boolean;
}

/** Extension → page. */
export type ToWebview =
  | { readonly type: 'model'; readonly model: PanelModel }
  | { readonly type: 'logLines'; readonly lines: readonly LogLineView[]; readonly reset?: boolean }
  | { readonly type: 'logStatus'; readonly text: string }
  | { readonly type: 'logOptions'; readonly options: LogOptions };

/** Page → extension. */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'action'; readonly action: ActionId }
  | { readonly type: 'logOptions'; readonly options: LogOptions }
  | { readonly type: 'saveLogs'; readonly text: string }
  | { readonly type: 'openJob'; readonly name: string }
  | { readonly type: 'simulate'; readonly controls: SimulationControls };

/** The state the page persists with setState (restored when the panel is shown again). */
export interface PersistedState {
  /** The object shown, so VS Code can restore the panel after a reload. */
  readonly ref?: { readonly view: 'job' | 'cronJob'; readonly namespace: string; readonly name: string };
  readonly search?: string;
  readonly follow?: boolean;
  readonly timestamps?: boolean;
  readonly previous?: boolean;
  readonly tab?: string;
}

/** isFromWebview checks an untrusted message's shape. */
export function isFromWebview(m: unknown): m is FromWebview {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  switch (t) {
    case 'ready':
      return true;
    case 'action':
      return (ACTION_IDS as readonly unknown[]).includes((m as { action?: unknown }).action);
    case 'logOptions': {
      const o = (m as { options?: Record<string, unknown> }).options;
      return !!o && typeof o.follow === 'boolean' && typeof o.previous === 'boolean' && typeof o.timestamps === 'boolean';
    }
    case 'saveLogs':
      return typeof (m as { text?: unknown }).text === 'string';
    case 'openJob':
      return typeof (m as { name?: unknown }).name === 'string';
    case 'simulate':
      return isSimulationControls((m as { controls?: unknown }).controls);
    default:
      return false;
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** isSimulationControls checks the shape of controls a page sent (values are checked again when used). */
function isSimulationControls(c: unknown): c is SimulationControls {
  if (!c || typeof c !== 'object') return false;
  const o = c as Record<string, unknown>;
  const random = o.random as Record<string, unknown> | undefined;
  return (
    typeof o.start === 'string' &&
    (o.forAmount === undefined || isNumber(o.forAmount)) &&
    (o.forUnit === 'minutes' || o.forUnit === 'hours' || o.forUnit === 'days') &&
    (o.pods === 'default' || o.pods === 'scripted' || o.pods === 'random') &&
    Array.isArray(o.rows) &&
    o.rows.length <= 100 &&
    o.rows.every((r: unknown) => {
      const row = r as Record<string, unknown> | null;
      return (
        !!row &&
        (row.outcome === 'succeed' || row.outcome === 'fail') &&
        isNumber(row.afterSeconds) &&
        (row.index === undefined || isNumber(row.index)) &&
        (row.exitCode === undefined || isNumber(row.exitCode))
      );
    }) &&
    !!random &&
    isNumber(random.seed) &&
    isNumber(random.failurePercent) &&
    isNumber(random.minSeconds) &&
    isNumber(random.maxSeconds)
  );
}
