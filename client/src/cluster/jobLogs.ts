import type { Transport } from '../../../kube/transport';
import type { LogEntry } from './logs';
import { LogFollower, fetchLogs } from './logs';
import type { Pod } from '../views/model/k8s';
import { errorMessage } from '../../../kube/apiError';

/** containersOf lists a pod's init and app containers, in start order. */
export function containersOf(pod: Pod): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
}

/**
 * JobLogs streams the logs of every container of every pod of a Job, starting a follower for
 * each new pod as the Job creates it, and reading previous-instance logs on demand.
 * Node-only (no VS Code), so tests can drive it against the test API server.
 */
export class JobLogs {
  private readonly followers = new Map<string, LogFollower>();
  private following = false;
  private stopped = false;

  constructor(
    private readonly transport: Transport,
    private readonly namespace: string,
    private readonly tailLines: number,
    private readonly onLines: (lines: LogEntry[]) => void,
    private readonly onStatus: (text: string) => void,
  ) {}

  /** follow starts (or stops) following; `pods` is the Job's current pod list. */
  setFollowing(on: boolean, pods: readonly Pod[]): void {
    this.following = on;
    if (on) this.sync(pods);
    else void this.stopAll();
  }

  /** sync starts followers for containers not yet followed (call when the Job's pods change). */
  sync(pods: readonly Pod[]): void {
    if (!this.following || this.stopped) return;
    for (const pod of pods) {
      const name = pod.metadata?.name ?? '';
      if (
        pod.status?.phase === 'Pending' &&
        !(pod.status.containerStatuses ?? []).some((s) => s.state?.running || s.state?.terminated)
      ) {
        continue;
      }
      for (const container of containersOf(pod)) {
        const key = `${name}/${container}`;
        if (this.followers.has(key)) continue;
        const follower = new LogFollower({
          transport: this.transport,
          namespace: this.namespace,
          pod: name,
          container,
          tailLines: this.tailLines,
          onLines: this.onLines,
          onState: (state, detail) => {
            if (state === 'reconnecting' || state === 'error' || state === 'waiting') {
              this.onStatus(`${key}: ${state}${detail ? ` — ${detail}` : ''}`);
            }
          },
        });
        this.followers.set(key, follower);
        void follower.start();
      }
    }
  }

  /** previous reads the last terminated instance of every container that restarted. */
  async previous(pods: readonly Pod[]): Promise<LogEntry[]> {
    const out: LogEntry[] = [];
    for (const pod of pods) {
      const name = pod.metadata?.name ?? '';
      const restarted = new Set(
        [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]
          .filter((s) => (s.restartCount ?? 0) > 0)
          .map((s) => s.name),
      );
      for (const container of containersOf(pod)) {
        if (!restarted.has(container)) continue;
        try {
          out.push(
            ...(await fetchLogs(this.transport, this.namespace, name, container, { previous: true, tailLines: this.tailLines })),
          );
        } catch (error) {
          this.onStatus(`${name}/${container} (previous): ${errorMessage(error)}`);
        }
      }
    }
    if (out.length === 0) this.onStatus('No container of this Job has restarted, so there is no previous log.');
    return out;
  }

  async stopAll(): Promise<void> {
    const all = [...this.followers.values()];
    this.followers.clear();
    await Promise.all(all.map((f) => f.stop()));
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    await this.stopAll();
  }
}
