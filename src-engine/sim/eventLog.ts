import type { ControllerEvent } from '../controllers/types';

/** EventLog collects a simulation's events: exact counts per reason, and the first `max` in detail. */
export class EventLog {
  readonly events: ControllerEvent[] = [];
  dropped = 0;
  /** Whether the next event is kept in detail (else it is only counted, so need not be formatted). */
  detailed: boolean;
  // Counts per reason in first-seen order; a few reasons, found by a short scan.
  private readonly reasons: string[] = [];
  private readonly reasonCounts: number[] = [];
  constructor(private readonly max: number) {
    this.detailed = max > 0;
  }
  add(e: ControllerEvent): void {
    this.countReason(e.reason);
    if (this.detailed) {
      this.events.push(e);
      this.detailed = this.events.length < this.max;
    } else {
      this.dropped++;
    }
  }
  /** drop counts one event of `reason` that is not kept (the log is full, so it was never formatted). */
  drop(reason: string): void {
    this.countReason(reason);
    this.dropped++;
  }
  /** Exact number of events per reason, in the order reasons first appeared. */
  get counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < this.reasons.length; i++) out[this.reasons[i] as string] = this.reasonCounts[i] as number;
    return out;
  }
  private countReason(reason: string): void {
    const i = this.reasons.indexOf(reason);
    if (i >= 0) this.reasonCounts[i] = (this.reasonCounts[i] as number) + 1;
    else {
      this.reasons.push(reason);
      this.reasonCounts.push(1);
    }
  }
}
