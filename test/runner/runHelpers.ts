import type { LogLine } from '../../runner/localPod';
import { prepareLocalRun } from '../../runner/localRun';
import type { LocalRunHandle, LocalRunRequest, LocalRunResult } from '../../runner/localRun';
import type { TimelineEvent } from '../../runner/records';
import { tempWorkspace } from './helpers';

export interface Observed {
  readonly handle: LocalRunHandle;
  readonly events: TimelineEvent[];
  readonly logs: LogLine[];
  /** Highest number of pods running at the same time. */
  maxRunning: number;
}

/** startManifest prepares and starts a local run of a manifest text with the process backend. */
export async function startManifest(text: string, request: Partial<LocalRunRequest> = {}): Promise<Observed> {
  const prepared = await prepareLocalRun({ text, workspace: request.workspace ?? tempWorkspace(), ...request });
  const events: TimelineEvent[] = [];
  const logs: LogLine[] = [];
  const observed: Observed = {
    handle: undefined as unknown as LocalRunHandle,
    events,
    logs,
    maxRunning: 0,
  };
  const handle = prepared.start({
    onEvent: (e) => events.push(e),
    onLog: (l) => logs.push(l),
    onChange: () => {
      const running = handle
        .jobs()
        .flatMap((j) => j.pods)
        .filter((p) => p.phase === 'Running' && p.deletionTimestamp === undefined).length;
      observed.maxRunning = Math.max(observed.maxRunning, running);
    },
  });
  (observed as { handle: LocalRunHandle }).handle = handle;
  return observed;
}

/** runManifest runs a manifest to its end. */
export async function runManifest(
  text: string,
  request: Partial<LocalRunRequest> = {},
): Promise<Observed & { result: LocalRunResult }> {
  const observed = await startManifest(text, request);
  const result = await observed.handle.finished;
  return Object.assign(observed, { result });
}

/** jobYaml builds a Job manifest around one `sh -c` script; `spec` lines are indented Job spec YAML. */
export function jobYaml(name: string, script: string, spec = '', podSpec = ''): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => `  ${l}`)
  .join('\n')}
  template:
    spec:
      restartPolicy: Never
${podSpec
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => `      ${l}`)
  .join('\n')}
      containers:
        - name: main
          image: busybox:1.36
          command: ["sh", "-c", ${JSON.stringify(script)}]
`;
}
