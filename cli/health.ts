/**
 * `kube-jobs health`: the live health of every CronJob in a cluster, for CI and monitoring.
 * Reads the kubeconfig as kubectl does, lists CronJobs, Jobs and CronJob events, and judges each
 * CronJob with the engine's health rules at the current time.
 *
 *   kube-jobs health [--kubeconfig FILE] [--context NAME] [-n NS | -A] [--format text|json] [--now RFC3339]
 *
 * Exit status: 0 no CronJob unhealthy, 1 at least one unhealthy, 2 usage error or cluster unreachable.
 */
import type { ApiListLike } from './healthCluster';
import { readCluster } from './healthCluster';
import type { HealthRow } from './healthReport';
import { renderJson, renderText } from './healthReport';
import { cronJobHealth, healthInput } from '../src-engine';
import { optionsOrExit } from './commandLine';
import type { CommandOutput } from './commandLine';

export interface HealthCommandIo extends CommandOutput {
  /** The environment kubectl would see ($KUBECONFIG); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The wall clock (tests pass a fixed one); default Date.now. */
  now?: () => number;
}

export const USAGE = `usage: kube-jobs health [--kubeconfig FILE] [--context NAME] [-n NAMESPACE | -A]
                        [--format text|json] [--now RFC3339]

Judges every CronJob of a namespace (or all of them) from its spec and status, its Jobs and its
events: behind schedule, TooManyMissedTimes (also predicted for suspended CronJobs), runs held by
Forbid or replaced, failed runs, an old last success, slow runs, runs past their deadline.
Reads the kubeconfig as kubectl does ($KUBECONFIG or ~/.kube/config; --kubeconfig overrides).
  --context NAME        the kubeconfig context (default: its current-context)
  -n, --namespace NS    the namespace (default: the context's, else default)
  -A, --all-namespaces  every namespace
  --format F            text (default) or json
  --now TIME            judge as of this RFC 3339 instant (default: now)
Exit status: 0 no CronJob unhealthy, 1 at least one unhealthy, 2 usage error or cluster not reachable.
`;

interface HealthArgs {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly allNamespaces: boolean;
  readonly format: 'text' | 'json';
  readonly nowMs?: number;
}

function parseArgs(args: readonly string[]): HealthArgs | string | 'help' {
  let kubeconfig: string | undefined;
  let context: string | undefined;
  let namespace: string | undefined;
  let allNamespaces = false;
  let format: 'text' | 'json' = 'text';
  let nowMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : args[++i]);
    switch (name) {
      case '-h':
      case '--help':
        return 'help';
      case '--kubeconfig':
        kubeconfig = value();
        if (!kubeconfig) return '--kubeconfig needs a file';
        break;
      case '--context':
        context = value();
        if (!context) return '--context needs a name';
        break;
      case '-n':
      case '--namespace':
        namespace = value();
        if (!namespace) return '--namespace needs a name';
        break;
      case '-A':
      case '--all-namespaces':
        allNamespaces = true;
        break;
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json') return `--format must be text or json, not ${JSON.stringify(f ?? '')}`;
        format = f;
        break;
      }
      case '--now': {
        const t = Date.parse(value() ?? '');
        if (Number.isNaN(t)) return '--now wants an RFC 3339 time such as 2026-01-05T09:00:00Z';
        nowMs = t;
        break;
      }
      default:
        return `unknown argument ${JSON.stringify(arg)}`;
    }
  }
  if (allNamespaces && namespace !== undefined) return '--namespace and --all-namespaces cannot be used together';
  return {
    ...(kubeconfig !== undefined ? { kubeconfig } : {}),
    ...(context !== undefined ? { context } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    allNamespaces,
    format,
    ...(nowMs !== undefined ? { nowMs } : {}),
  };
}

/** rowsFor judges each CronJob with the Jobs and events of its namespace. */
export function rowsFor(cluster: ApiListLike, now: number): HealthRow[] {
  return cluster.cronJobs
    .map((cronJob) => {
      const input = healthInput(cronJob, cluster.jobs, cluster.events, now);
      return {
        namespace: input.cronJob.namespace,
        name: input.cronJob.name,
        schedule: input.cronJob.schedule,
        timeZone: input.cronJob.timeZone,
        health: cronJobHealth(input),
      };
    })
    .sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
}

/** runHealthCommand runs `kube-jobs health ARGS`; resolves to the exit status. */
export async function runHealthCommand(args: string[], io: HealthCommandIo): Promise<number> {
  const parsed = optionsOrExit('health', USAGE, parseArgs(args), io);
  if (typeof parsed === 'number') return parsed;
  let cluster: ApiListLike;
  try {
    cluster = await readCluster({ ...parsed, env: io.env ?? process.env });
  } catch (error) {
    io.stderr.write(`kube-jobs health: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const now = parsed.nowMs ?? (io.now ?? Date.now)();
  const rows = rowsFor(cluster, now);
  io.stdout.write(parsed.format === 'json' ? renderJson(rows, now) : renderText(rows, now));
  return rows.some((r) => r.health.status === 'unhealthy') ? 1 : 0;
}
