/** One log line as the local-run panel shows it. */
export interface PanelLogLine {
  readonly pod: string;
  readonly line: string;
}

/** A batch for the page: the lines to add, and how many lines before them were dropped. */
export interface LogBatch {
  readonly lines: readonly PanelLogLine[];
  readonly skipped: number;
}

/**
 * LogBatcher keeps the newest `max` lines that wait for the panel, and counts the ones it drops:
 * the page shows only the last `max` lines anyway, so a chatty pod costs the extension host a
 * bounded amount of memory however slowly the page takes its messages. (The run record keeps
 * every line.)
 */
export class LogBatcher {
  private lines: PanelLogLine[] = [];
  private skipped = 0;

  constructor(private readonly max: number) {}

  add(line: PanelLogLine): void {
    this.lines.push(line);
    // Trim in bulk, so each line costs O(1) on average.
    if (this.lines.length >= 2 * this.max) {
      const drop = this.lines.length - this.max;
      this.lines = this.lines.slice(drop);
      this.skipped += drop;
    }
  }

  get size(): number {
    return this.lines.length;
  }

  /** take returns what waits (at most `max` lines) and empties the batcher; undefined when nothing waits. */
  take(): LogBatch | undefined {
    if (this.lines.length === 0 && this.skipped === 0) return undefined;
    const drop = Math.max(0, this.lines.length - this.max);
    const batch = { lines: this.lines.slice(drop), skipped: this.skipped + drop };
    this.lines = [];
    this.skipped = 0;
    return batch;
  }
}
