/**
 * Backoff computes reconnect delays: exponential from `initialMs`, capped at `maxMs`, with
 * ±20 % jitter so many watches that broke together do not reconnect together.
 * Like client-go's `wait.Backoff` used by the reflector.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly initialMs = 500,
    private readonly maxMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** next returns the delay before the next attempt and counts one more failure. */
  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** this.failures);
    this.failures++;
    return Math.round(base * (0.8 + 0.4 * this.random()));
  }

  /** reset forgets past failures (after a success). */
  reset(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}
