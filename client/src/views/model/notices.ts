import type { SessionHealth, WatchScope } from '../../cluster/watchHealth';

/**
 * A notice shown at the top of the active context in the tree: the tree shows objects as last
 * seen, or the namespaces watched cannot be read. Plain data; the tree adapter draws it.
 */
export interface Notice {
  readonly id: 'stale' | 'no-access';
  readonly label: string;
  readonly description?: string;
  readonly tooltip: string;
  readonly icon: 'stale' | 'forbidden';
  /** The command a click runs. */
  readonly command?: 'kubeJobs.selectNamespaces' | 'kubeJobs.showOutput';
}

const clock = (ms: number): string => {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
};

/**
 * describeScope names the namespaces a session actually watches: `all namespaces` for
 * cluster-wide watches, the names (or how many) otherwise, leaving out those RBAC forbids;
 * `detail` lists them all.
 */
export function describeScope(scope: WatchScope): { label: string; detail: string } {
  const forbidden = new Set(scope.forbidden);
  if (scope.clusterWide) {
    return forbidden.has('')
      ? { label: 'no namespace readable', detail: 'Listing in all namespaces is forbidden (RBAC).' }
      : { label: 'all namespaces', detail: 'Watching all namespaces.' };
  }
  const readable = scope.namespaces.filter((n) => !forbidden.has(n));
  const hidden = scope.namespaces.filter((n) => forbidden.has(n));
  const label =
    readable.length === 0
      ? 'no namespace readable'
      : readable.length <= 3
        ? readable.join(', ')
        : `${readable.length} namespaces`;
  const lines = [readable.length > 0 ? `Watching ${readable.join(', ')}.` : 'Watching no namespace.'];
  if (hidden.length > 0) lines.push(`Forbidden to list (RBAC): ${hidden.join(', ')}.`);
  return { label, detail: lines.join('\n') };
}

/** notices lists what the tree must say above the namespaces of the active context. */
export function notices(health: SessionHealth | undefined, scope: WatchScope | undefined): Notice[] {
  const out: Notice[] = [];
  if (health?.stale) {
    const kept = 'The tree keeps the objects as last seen; the watches come back on their own when the server answers.';
    out.push(
      health.unreachable
        ? {
            id: 'stale',
            label: 'API server unreachable',
            description: `objects as last seen · since ${clock(health.unreachable.sinceMs)} · retrying`,
            tooltip: `${health.unreachable.message}\n${kept}`,
            icon: 'stale',
            command: 'kubeJobs.showOutput',
          }
        : {
            id: 'stale',
            label: 'Reconnecting',
            description: `objects may be out of date · ${health.watches - health.reconnecting} of ${health.watches} back`,
            tooltip: kept,
            icon: 'stale',
            command: 'kubeJobs.showOutput',
          },
    );
  }
  if (scope && !scope.clusterWide && scope.namespaces.length > 0 && scope.namespaces.every((n) => scope.forbidden.includes(n))) {
    const names = scope.namespaces.join(', ');
    out.push({
      id: 'no-access',
      label: 'Select Namespaces…',
      description: `no access to ${scope.namespaces.length === 1 ? 'namespace' : 'namespaces'} ${names}`,
      tooltip: `Your credentials may not list CronJobs or Jobs in ${names}. Click to choose the namespaces to watch.`,
      icon: 'forbidden',
      command: 'kubeJobs.selectNamespaces',
    });
  }
  return out;
}

/**
 * eventsNote says why a panel cannot list events — `Events are forbidden: …` for an RBAC
 * refusal — so an empty list never reads as "No events". Undefined when events are watched.
 */
export function eventsNote(
  problem: { readonly message: string; readonly forbidden: boolean } | undefined,
  namespace: string,
): string | undefined {
  if (!problem) return undefined;
  return problem.forbidden
    ? `Events are forbidden: your credentials may not list events in namespace ${namespace} (RBAC), so none can be shown.`
    : `Events cannot be read right now: ${problem.message}`;
}
