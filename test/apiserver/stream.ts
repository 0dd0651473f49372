import type { ServerResponse } from 'node:http';

/**
 * StreamEnd is the ending bookkeeping of a long-lived chunked answer (a watch, a followed
 * log): it ends once, runs what was registered to undo subscriptions and timers, and can cut
 * the connection on purpose (fault injection) after what was written reached the socket.
 */
export class StreamEnd {
  private ended = false;
  private readonly cleanups: Array<() => void> = [];

  constructor(private readonly res: ServerResponse) {}

  get closed(): boolean {
    return this.ended;
  }

  /** onEnd registers an undo step (unsubscribe, clear a timer). */
  onEnd(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  /** finish ends the answer normally, or destroys the connection. */
  finish(destroy: boolean): void {
    if (!this.markEnded()) return;
    if (destroy) this.res.destroy();
    else this.res.end();
  }

  /** cut drops the connection once everything written so far reached the socket. */
  cut(): void {
    if (!this.markEnded()) return;
    this.res.write('', () => this.res.destroy());
  }

  private markEnded(): boolean {
    if (this.ended) return false;
    this.ended = true;
    for (const cleanup of this.cleanups) cleanup();
    return true;
  }
}
