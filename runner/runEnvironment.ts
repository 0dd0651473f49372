import type { PodRunContext } from './localPod';
import { podRunContext } from './localPod';
import type { PodSpec } from './podSpec';
import type { TimelineEvent } from './records';

/**
 * RunEnvironment is what a local Job run and a local CronJob run both need: the pod template,
 * where its pods run, the (scaled) clock, the secret and config values, where records go, and
 * who listens to events and log lines.
 */
export interface RunEnvironment extends PodRunContext {
  readonly podSpec: PodSpec;
  /** Labels and annotations of the pod template (the controller adds its own). */
  readonly templateLabels?: Readonly<Record<string, string>>;
  readonly templateAnnotations?: Readonly<Record<string, string>>;
  readonly onEvent?: (event: TimelineEvent) => void;
}

/** runEnvironment is the part of a CronJob run's options each of its Job runs gets (not the run's own listeners). */
export function runEnvironment(run: RunEnvironment): RunEnvironment {
  return {
    podSpec: run.podSpec,
    ...(run.templateLabels === undefined ? {} : { templateLabels: run.templateLabels }),
    ...(run.templateAnnotations === undefined ? {} : { templateAnnotations: run.templateAnnotations }),
    ...podRunContext(run),
    ...(run.onEvent === undefined ? {} : { onEvent: run.onEvent }),
  };
}
