import type { Readable } from 'node:stream';
import type { ResolvedEnvVar } from './env';
import type { ContainerSpec } from './podSpec';
import type { GroupExit } from './processGroup';
import { CONTAINER_MARKER_ENV, POD_MARKER_ENV, RUN_MARKER_ENV } from './procScan';
import { maskSecrets } from './secretMask';

export type RuntimeKind = 'process' | 'docker' | 'podman';

/** Everything a backend needs to start one container of one pod. */
export interface ContainerLaunch {
  readonly runId: string;
  readonly podName: string;
  readonly hostname: string;
  readonly container: ContainerSpec;
  readonly env: readonly ResolvedEnvVar[];
  /** Directory a process-backend container runs in when the manifest sets no workingDir. */
  readonly defaultCwd: string;
  /** How the person choosing this run picks another runtime, for messages (a CLI flag, a VS Code setting). */
  readonly runtimeChoice?: string;
}

/** The exact command a backend will run, before it runs. */
export interface LaunchPlan {
  readonly file: string;
  readonly args: readonly string[];
  /** The process environment (for docker/podman: the CLI's, carrying values for `-e NAME`). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** The command as a shell-quoted line, secrets never included. */
  readonly display: string;
  /** Why this container cannot be run by this backend (missing command, workingDir not found…). */
  readonly problems: readonly string[];
  /** A name to stop it by (docker/podman container name). */
  readonly containerName?: string;
  /** `NAME=value` marker variables every process of the container carries (see markerEnv). */
  readonly markers: readonly string[];
}

export interface RunningContainer {
  readonly pid: number | undefined;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  readonly exited: Promise<GroupExit>;
  /** stop sends SIGTERM to everything the container started, SIGKILL after graceMs. */
  stop(graceMs: number): Promise<void>;
  /** forceKill sends SIGKILL at once, synchronously (process exit, VS Code shutdown). */
  forceKill(): void;
}

export interface Backend {
  readonly kind: RuntimeKind;
  plan(launch: ContainerLaunch): LaunchPlan;
  start(plan: LaunchPlan): RunningContainer;
}

/** markerEnv is the marker variables of one container, in the order they are set. */
export function markerEnv(
  launch: Pick<ContainerLaunch, 'runId' | 'podName' | 'container'>,
): Array<{ name: string; value: string }> {
  return [
    { name: RUN_MARKER_ENV, value: launch.runId },
    { name: POD_MARKER_ENV, value: launch.podName },
    { name: CONTAINER_MARKER_ENV, value: `${launch.podName}/${launch.container.name}` },
  ];
}

/** shellQuote renders one argument so that it can be pasted into a POSIX shell. */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_\-+=/.,:@%^]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * shellLine renders a command for display, each argument masked before it is quoted (a quoted
 * secret would no longer look like itself): the secrets are the container's secret env values.
 */
export function shellLine(file: string, args: readonly string[], env: readonly ResolvedEnvVar[] = []): string {
  const secrets = env.filter((v) => v.secret).map((v) => v.value);
  return [file, ...args].map((arg) => shellQuote(secrets.length === 0 ? arg : maskSecrets(arg, secrets))).join(' ');
}
