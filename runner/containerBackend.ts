import { execFile, spawn } from 'node:child_process';
import type { Backend, ContainerLaunch, LaunchPlan, RunningContainer, RuntimeKind } from './backend';
import { markerEnv, shellLine } from './backend';
import { expandVars } from './env';
import { spawnGroup } from './processGroup';
import { milliValue, parseQuantity, quantityValue } from '../src-engine';

export type ContainerEngine = 'docker' | 'podman';

/** Result of probing a container engine: its CLI may exist without a running engine. */
export interface EngineProbe {
  readonly engine: ContainerEngine;
  readonly available: boolean;
  /** Why it is not usable ("docker CLI not found", "Cannot connect to the Docker daemon …"). */
  readonly reason?: string;
}

const PROBE_TIMEOUT_MS = 10_000;

/** probeEngine runs `<engine> info` and reports whether containers can be started. */
export function probeEngine(engine: ContainerEngine): Promise<EngineProbe> {
  return new Promise((resolve) => {
    execFile(engine, ['info', '--format', '{{json .}}'], { timeout: PROBE_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (error === null) return resolve({ engine, available: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return resolve({ engine, available: false, reason: `${engine} CLI not found` });
      const firstLine =
        `${stderr}`
          .split('\n')
          .map((l) => l.trim())
          .find((l) => l !== '' && !l.startsWith('Client')) ?? error.message;
      resolve({ engine, available: false, reason: `${engine} info failed: ${firstLine}` });
    });
  });
}

/** containerNameFor gives each local container a unique, valid docker/podman name. */
export function containerNameFor(runId: string, podName: string, container: string): string {
  return `kube-jobs-${runId}-${podName}-${container}`.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 200);
}

/** resourceArgs maps resources.limits to --memory (bytes) and --cpus (cores). */
export function resourceArgs(limits: Readonly<Record<string, string | number>> | undefined): string[] {
  const args: string[] = [];
  const memory = limits?.['memory'] === undefined ? undefined : parseQuantity(String(limits['memory']).trim());
  if (memory !== undefined && memory.nanos > 0n) args.push('--memory', String(quantityValue(memory)));
  const cpu = limits?.['cpu'] === undefined ? undefined : parseQuantity(String(limits['cpu']).trim());
  if (cpu !== undefined && cpu.nanos > 0n) args.push('--cpus', String(Number(milliValue(cpu)) / 1000));
  return args;
}

/**
 * A backend that runs each container with `docker run` / `podman run`: the image, command as
 * --entrypoint + the rest, args, env (passed as `-e NAME` so values never appear on a command
 * line) and resource limits. Kubernetes' rule is kept: command replaces the image ENTRYPOINT
 * (and drops its CMD), args alone replace only CMD.
 */
export function containerBackend(engine: ContainerEngine): Backend {
  return {
    kind: engine as RuntimeKind,
    plan(launch: ContainerLaunch): LaunchPlan {
      const { container } = launch;
      const problems: string[] = [];
      if (container.image === undefined || container.image === '') {
        problems.push(`container ${container.name}: image is required for --runtime ${engine}`);
      }
      const values = new Map(launch.env.map((v) => [v.name, v.value]));
      const lookup = (name: string): string | undefined => values.get(name);
      const command = (container.command ?? []).map((a) => expandVars(a, lookup));
      const args = (container.args ?? []).map((a) => expandVars(a, lookup));
      const name = containerNameFor(launch.runId, launch.podName, container.name);
      const runArgs = [
        'run',
        '--rm',
        '--name',
        name,
        '--label',
        `kube-jobs.run=${launch.runId}`,
        '--hostname',
        launch.hostname.slice(0, 63),
      ];
      // No prototype: a variable named __proto__ is set like any other (an object literal would drop it).
      const env: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
      const markers = markerEnv(launch);
      for (const v of [...launch.env, ...markers]) {
        runArgs.push('-e', v.name);
        env[v.name] = v.value;
      }
      runArgs.push(...resourceArgs(container.resources?.limits));
      if (container.workingDir !== undefined) runArgs.push('--workdir', container.workingDir);
      const [entrypoint, ...commandRest] = command;
      if (entrypoint !== undefined) runArgs.push('--entrypoint', entrypoint);
      runArgs.push(container.image ?? '', ...commandRest, ...args);
      return {
        file: engine,
        args: runArgs,
        env,
        display: shellLine(engine, runArgs, launch.env),
        problems,
        containerName: name,
        markers: markers.map((m) => `${m.name}=${m.value}`),
      };
    },
    start(plan: LaunchPlan): RunningContainer {
      const group = spawnGroup(plan.file, plan.args, { env: plan.env, markers: plan.markers });
      const name = plan.containerName ?? '';
      return {
        pid: group.pgid,
        stdout: group.child.stdout,
        stderr: group.child.stderr,
        exited: group.exited,
        stop: async (graceMs) => {
          await new Promise<void>((resolve) => {
            execFile(
              engine,
              ['stop', '--time', String(Math.ceil(graceMs / 1000)), name],
              { timeout: graceMs + PROBE_TIMEOUT_MS },
              () => resolve(),
            );
          });
          await group.stop(1000);
        },
        forceKill: () => {
          // Detached and unref'd so the removal finishes even when this process is exiting.
          const rm = spawn(engine, ['rm', '--force', name], { detached: true, stdio: 'ignore' });
          rm.on('error', () => undefined);
          rm.unref();
          group.kill();
        },
      };
    },
  };
}
