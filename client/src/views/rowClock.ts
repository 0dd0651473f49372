/**
 * RowClock redraws tree rows whose text goes stale with time alone — a CronJob's "next run"
 * once that run has passed, a running Job's duration — at the instant the row model says
 * (`TreeRow.refreshAtMs`), with one timer for the earliest. No polling: a tree with nothing
 * running and no CronJob has no timer.
 */
export class RowClock<T> {
  private readonly due = new Map<T, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAtMs = Infinity;

  constructor(
    private readonly redraw: (items: T[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** note records when `item` must be redrawn (undefined or past: never, until noted again). */
  note(item: T, atMs: number | undefined): void {
    if (atMs === undefined || atMs <= this.now()) this.due.delete(item);
    else {
      this.due.set(item, atMs);
      if (atMs < this.timerAtMs) this.arm(atMs);
    }
  }

  private arm(atMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAtMs = atMs;
    // Timers are capped at 2^31-1 ms; a later instant is re-armed when this one fires.
    this.timer = setTimeout(() => this.tick(), Math.min(Math.max(0, atMs - this.now()), 2 ** 31 - 1));
  }

  private tick(): void {
    this.timer = undefined;
    this.timerAtMs = Infinity;
    const now = this.now();
    const ready: T[] = [];
    let next = Infinity;
    for (const [item, at] of this.due) {
      if (at <= now) ready.push(item);
      else next = Math.min(next, at);
    }
    for (const item of ready) this.due.delete(item);
    if (next < Infinity) this.arm(next);
    if (ready.length > 0) this.redraw(ready);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.due.clear();
  }
}
