import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Backend, ContainerLaunch, LaunchPlan, RunningContainer } from './backend';
import { markerEnv, shellLine } from './backend';
import { expandVars } from './env';
import { spawnGroup } from './processGroup';

/** Host variables a local process keeps; everything else of the host environment is withheld, as in a container. */
export const INHERITED_HOST_ENV = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'TZ'] as const;

/** How a person picks another runtime with the CLI; VS Code names its setting instead (ContainerLaunch.runtimeChoice). */
export const CLI_RUNTIME_CHOICE = 'use --runtime docker|podman';

/** noCommandMessage says why a container without command cannot run as a process, and what to do instead. */
export function noCommandMessage(runtimeChoice = CLI_RUNTIME_CHOICE): string {
  return (
    'has no command: the process runtime runs command + args and cannot know the image ENTRYPOINT. ' +
    `Add command (e.g. ["sh", "-c", "…"]) to the manifest, or ${runtimeChoice}.`
  );
}

/** containerArgv returns command + args with `$(VAR)` expanded against the container env (kubelet semantics). */
export function containerArgv(launch: ContainerLaunch): string[] {
  const values = new Map(launch.env.map((v) => [v.name, v.value]));
  const lookup = (name: string): string | undefined => values.get(name);
  return [...(launch.container.command ?? []), ...(launch.container.args ?? [])].map((arg) => expandVars(arg, lookup));
}

/**
 * The default backend: each container is a host process started with Kubernetes exec
 * semantics — command[0] is executed with the rest as arguments, no shell unless the
 * manifest names one — in its own process group.
 */
export const processBackend: Backend = {
  kind: 'process',
  plan(launch: ContainerLaunch): LaunchPlan {
    const problems: string[] = [];
    const { container } = launch;
    if (container.command === undefined || container.command.length === 0) {
      problems.push(`container ${container.name} ${noCommandMessage(launch.runtimeChoice)}`);
    }
    const argv = containerArgv(launch);
    // No prototype: a variable named __proto__ is set like any other (an object literal would drop it).
    const env: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const key of INHERITED_HOST_ENV) {
      const value = process.env[key];
      if (value !== undefined) env[key] = value;
    }
    env['HOSTNAME'] = launch.hostname;
    for (const v of launch.env) env[v.name] = v.value;
    const markers = markerEnv(launch);
    for (const marker of markers) env[marker.name] = marker.value;
    let cwd = launch.defaultCwd;
    if (container.workingDir !== undefined) {
      cwd = path.resolve(launch.defaultCwd, container.workingDir);
      if (!isDirectory(cwd)) {
        problems.push(`container ${container.name}: workingDir ${container.workingDir} does not exist on this machine`);
      }
    }
    const [file = '', ...args] = argv;
    return {
      file,
      args,
      env,
      cwd,
      display: argv.length === 0 ? '(no command)' : shellLine(file, args, launch.env),
      problems,
      markers: markers.map((m) => `${m.name}=${m.value}`),
    };
  },
  start(plan: LaunchPlan): RunningContainer {
    const cwd = plan.cwd === undefined ? {} : { cwd: plan.cwd };
    const group = spawnGroup(plan.file, plan.args, { env: plan.env, ...cwd, markers: plan.markers });
    return {
      pid: group.pgid,
      stdout: group.child.stdout,
      stderr: group.child.stderr,
      exited: group.exited,
      stop: (graceMs) => group.stop(graceMs),
      forceKill: () => group.kill(),
    };
  },
};

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
