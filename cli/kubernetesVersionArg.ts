/**
 * The Kubernetes version a command judges a manifest as: `--kubernetes-version`, else the
 * KUBE_JOBS_KUBERNETES_VERSION environment variable, else the newest version kube-jobs follows.
 * One reader for lint, simulate and run, so they agree.
 */
import type { KubernetesVersion } from '../src-engine';
import { KUBERNETES_VERSIONS, NEWEST_KUBERNETES_VERSION, isKubernetesVersion } from '../src-engine';
import type { CommandOutput } from './commandLine';

/** The environment variable that names the version when the flag does not. */
export const KUBERNETES_VERSION_ENV = 'KUBE_JOBS_KUBERNETES_VERSION';

/** The usage line of the option. */
export const KUBERNETES_VERSION_USAGE =
  `--kubernetes-version V  judge as Kubernetes V (${KUBERNETES_VERSIONS.join(', ')}; default: ` +
  `$${KUBERNETES_VERSION_ENV}, else ${NEWEST_KUBERNETES_VERSION})`;

/** A version as written (`1.33` or `v1.33`), or why it is not one kube-jobs follows. */
export function parseKubernetesVersionArg(value: string | undefined, source: string): KubernetesVersion | string {
  const version = (value ?? '').trim().replace(/^v/, '');
  if (isKubernetesVersion(version)) return version;
  return `${source} must be one of ${KUBERNETES_VERSIONS.join(', ')}, not ${JSON.stringify(value ?? '')}`;
}

/**
 * versionOrExit is the version `command` judges as (chosenKubernetesVersion), or exit status 2
 * after saying why the environment variable names no version kube-jobs follows.
 */
export function versionOrExit(
  command: string,
  flag: KubernetesVersion | undefined,
  io: CommandOutput,
  env: Readonly<Record<string, string | undefined>> = process.env,
): KubernetesVersion | number {
  const version = chosenKubernetesVersion(flag, env);
  if (isKubernetesVersion(version)) return version;
  io.stderr.write(`kube-jobs ${command}: ${version}\n`);
  return 2;
}

/** chosenKubernetesVersion: the flag's version, else the environment's, else the newest; a string is an error. */
export function chosenKubernetesVersion(
  flag: KubernetesVersion | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): KubernetesVersion | string {
  if (flag) return flag;
  const fromEnv = env[KUBERNETES_VERSION_ENV];
  return fromEnv === undefined || fromEnv === ''
    ? NEWEST_KUBERNETES_VERSION
    : parseKubernetesVersionArg(fromEnv, KUBERNETES_VERSION_ENV);
}
