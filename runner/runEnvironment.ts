import type { Backend } from './backend';
import type { ScaledClock } from './clock';
import type { RefValues } from './envFile';
import type { LogLine } from './localPod';
import type { PodSpec } from './podSpec';
import type { RunRecorder, TimelineEvent } from './records';

/**
 * RunEnvironment is what a local Job run and a local CronJob run both need: the pod template,
 * where its pods run, the (scaled) clock, the secret and config values, where records go, and
 * who listens to events and log lines.
 */
export interface RunEnvironment {
  readonly podSpec: PodSpec;
  /** Labels and annotations of the pod template (the controller adds its own). */
  readonly templateLabels?: Readonly<Record<string, string>>;
  readonly templateAnnotations?: Readonly<Record<string, string>>;
  readonly backend: Backend;
  readonly clock: ScaledClock;
  readonly values: RefValues;
  readonly runId: string;
  readonly cwd: string;
  readonly recorder?: RunRecorder;
  readonly onEvent?: (event: TimelineEvent) => void;
  readonly onLog?: (line: LogLine) => void;
}
