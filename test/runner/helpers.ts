import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ScaledClock } from '../../runner/clock';
import { RefValues } from '../../runner/envFile';
import { LocalPod } from '../../runner/localPod';
import type { LocalPodOptions, LogLine } from '../../runner/localPod';
import { processBackend } from '../../runner/processBackend';
import { readPodSpec } from '../../runner/podSpec';
import { findProcesses, findRunProcesses } from '../../runner/procScan';

/** A fresh temporary directory (the workspace of one test). */
export function tempWorkspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-runtime-'));
}

let counter = 0;
export function uniqueRunId(): string {
  return `t${process.pid}-${Date.now().toString(36)}-${counter++}`;
}

/** startPod runs a pod template spec (plain object) with the process backend and collects its logs. */
export function startPod(
  podTemplateSpec: Record<string, unknown>,
  overrides: Partial<LocalPodOptions> = {},
): { pod: LocalPod; logs: LogLine[]; runId: string } {
  const { spec, problems } = readPodSpec({ spec: podTemplateSpec });
  if (spec === undefined) throw new Error(problems.join('; '));
  const logs: LogLine[] = [];
  const runId = overrides.runId ?? uniqueRunId();
  const name = `pod-${counter++}`;
  const pod = new LocalPod({
    identity: { name, namespace: 'default', uid: 'uid-1', labels: {}, annotations: {}, hostname: name },
    spec,
    jobName: 'job',
    backend: processBackend,
    clock: new ScaledClock(1),
    values: new RefValues(),
    runId,
    cwd: os.tmpdir(),
    onLog: (l) => logs.push(l),
    ...overrides,
  });
  return { pod, logs, runId };
}

/**
 * leftoverProcesses lists what survives of a run: processes with its marker variable (and their
 * descendants), and live members of the given groups (a zombie is gone: it only waits to be reaped).
 */
export function leftoverProcesses(runId: string, pgids: readonly number[] = []): string[] {
  const problems: string[] = [];
  const byMarker = findRunProcesses(runId);
  if (byMarker.length > 0) problems.push(`processes with the run marker still alive: ${byMarker.join(', ')}`);
  for (const pgid of pgids) {
    const members = findProcesses({ env: [], pgids: [pgid] });
    if (members.length > 0) problems.push(`process group ${pgid} still has ${members.join(', ')}`);
  }
  return problems;
}

/** waitFor polls a condition (no fixed sleeps); rejects after timeoutMs. */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * leaveGroup is a shell line that starts `inner` (no double quotes in it) in a new session with
 * setsid — it leaves the container's process group — and goes on only once it has.
 */
export const leaveGroup = (inner: string, output = ''): string =>
  `f=$(mktemp -u); setsid sh -c "touch $f; ${inner}" ${output} & while [ ! -e "$f" ]; do sleep 0.01; done; rm -f "$f";`;

/**
 * podProcesses lists the processes (by /proc environ) of the local pods of the named Job. It reads
 * /proc itself, not through runner/procScan, so the tests do not take the scan's word for it.
 */
export function podProcesses(jobName: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = fs.readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0');
      if (env.some((v) => v.startsWith(`KUBE_JOBS_POD=${jobName}-`))) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}
