import type { ControllerEvent } from '../controllers/types';

/** Who an event is recorded on: the CronJob itself, or one of the Jobs (the Job simulated). */
export type EventSubject = 'cronJob' | 'job';

/**
 * EventLog collects a simulation's events: exact counts per reason, kept apart for the events
 * recorded on the CronJob and on its Jobs (kubectl describe shows them on different objects),
 * and the first `max` events in detail.
 */
export class EventLog {
  readonly events: ControllerEvent[] = [];
  dropped = 0;
  /** Whether the next event is kept in detail (else it is only counted, so need not be formatted). */
  detailed: boolean;
  private readonly cronJobCounts = new ReasonCounts();
  private readonly jobCounts = new ReasonCounts();
  constructor(private readonly max: number) {
    this.detailed = max > 0;
  }
  add(e: ControllerEvent): void {
    this.countsOf(e.object.startsWith('CronJob/') ? 'cronJob' : 'job').add(e.reason);
    if (this.detailed) {
      this.events.push(e);
      this.detailed = this.events.length < this.max;
    } else {
      this.dropped++;
    }
  }
  /** drop counts one event of `reason` that is not kept (the log is full, so it was never formatted). */
  drop(reason: string, subject: EventSubject): void {
    this.countsOf(subject).add(reason);
    this.dropped++;
  }
  /** Exact number of events per reason recorded on `subject`, in the order reasons first appeared. */
  counts(subject: EventSubject): Record<string, number> {
    return this.countsOf(subject).toRecord();
  }
  private countsOf(subject: EventSubject): ReasonCounts {
    return subject === 'cronJob' ? this.cronJobCounts : this.jobCounts;
  }
}

/** Counts per reason in first-seen order; a few reasons, found by a short scan. */
class ReasonCounts {
  private readonly reasons: string[] = [];
  private readonly counts: number[] = [];
  add(reason: string): void {
    const i = this.reasons.indexOf(reason);
    if (i >= 0) this.counts[i] = (this.counts[i] as number) + 1;
    else {
      this.reasons.push(reason);
      this.counts.push(1);
    }
  }
  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < this.reasons.length; i++) out[this.reasons[i] as string] = this.counts[i] as number;
    return out;
  }
}
