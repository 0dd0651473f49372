import type { Transport } from '../../../kube/transport';
import { sleep } from './informer';

/** Whether the API server answers, and since when it has not. */
export type ReachabilityState =
  { readonly reachable: true } | { readonly reachable: false; readonly sinceMs: number; readonly message: string };

export interface ReachabilityOptions {
  /** How often to probe while informers wait after losing the server (default 1 s, ±20 % jitter). */
  readonly probeIntervalMs?: number;
  /** Deadline of one probe (default 2 s). */
  readonly probeTimeoutMs?: number;
  readonly onChange?: (state: ReachabilityState) => void;
  readonly random?: () => number;
  readonly now?: () => number;
}

/**
 * Reachability lets the informers of one session reconnect as soon as the API server answers
 * again, instead of each sleeping out a backoff that sits near its cap after a long outage.
 * While any informer waits after a request that got no answer, it probes `/readyz` (readable
 * by every user: the system:public-info-viewer ClusterRole) about once a second; the first
 * answer (an HTTP status below 500) wakes every waiting informer. One cheap probe per second
 * per session, whatever the number of watches.
 */
export class Reachability {
  private down: { sinceMs: number; message: string } | undefined;
  private readonly waiters = new Set<() => void>();
  private probing = false;
  private readonly stopped = new AbortController();

  constructor(
    private readonly transport: Transport,
    private readonly options: ReachabilityOptions = {},
  ) {}

  get state(): ReachabilityState {
    return this.down ? { reachable: false, ...this.down } : { reachable: true };
  }

  /** answered records whether a request got an answer from the server (any HTTP status) or none. */
  answered(yes: boolean, message = 'no answer'): void {
    if (yes) {
      if (!this.down) return;
      this.down = undefined;
      for (const wake of [...this.waiters]) wake();
      this.options.onChange?.(this.state);
    } else if (!this.down) {
      this.down = { sinceMs: (this.options.now ?? Date.now)(), message };
      this.options.onChange?.(this.state);
    }
  }

  /**
   * wait sleeps `ms`; after a request that got no answer (`afterNoAnswer`) it ends early, with
   * true, once the server answers again.
   */
  async wait(ms: number, signal: AbortSignal, afterNoAnswer: boolean): Promise<boolean> {
    if (!afterNoAnswer || !this.down) {
      await sleep(ms, signal);
      return false;
    }
    return new Promise<boolean>((resolve) => {
      const finish = (early: boolean): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiters.delete(wake);
        resolve(early);
      };
      const wake = (): void => finish(true);
      const onAbort = (): void => finish(false);
      const timer = setTimeout(() => finish(false), ms);
      signal.addEventListener('abort', onAbort);
      this.waiters.add(wake);
      void this.probe();
    });
  }

  /** stop ends probing (the session stops). */
  stop(): void {
    this.stopped.abort();
    for (const wake of [...this.waiters]) wake();
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const interval = this.options.probeIntervalMs ?? 1000;
      const random = this.options.random ?? Math.random;
      while (this.down && this.waiters.size > 0 && !this.stopped.signal.aborted) {
        await sleep(Math.round(interval * (0.8 + 0.4 * random())), this.stopped.signal);
        if (!this.down || this.stopped.signal.aborted) break;
        try {
          const response = await this.transport.request('GET', '/readyz', undefined, {
            timeoutMs: this.options.probeTimeoutMs ?? 2000,
            signal: this.stopped.signal,
          });
          if (response.status < 500) this.answered(true);
        } catch {
          // Still unreachable: probe again.
        }
      }
    } finally {
      this.probing = false;
    }
  }
}
