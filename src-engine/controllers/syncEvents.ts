import type { ControllerEvent } from './types';

/**
 * EventSink receives events a driver only counts: type and reason, nothing formatted and no
 * event object built (a year-long simulation records millions of events it never shows).
 */
export type EventSink = (type: 'Normal' | 'Warning', reason: string) => void;

/**
 * How a sync reports its events: true, in full; false, with empty message and object (for
 * drivers that only count events past the ones they keep); an EventSink, not returned at all
 * but passed to the sink as they happen.
 */
export type EventDetail = boolean | EventSink;

const NO_EVENTS: readonly ControllerEvent[] = Object.freeze([]);

/**
 * SyncEvents is where one controller sync writes its events (the Job and the CronJob
 * controller alike). With `details` false message and object stay empty, so nothing is
 * formatted; with a sink, events go to it instead of the list.
 */
export class SyncEvents {
  // Created with its first event: an empty literal grows to 17 slots on the first push.
  private items: ControllerEvent[] | null = null;
  private ref: string | null = null;
  /** Whether messages are wanted (callers skip formatting them when not). */
  readonly details: boolean;
  private readonly sink: EventSink | null;
  constructor(
    private readonly kind: 'Job' | 'CronJob',
    private readonly name: string,
    private readonly now: number,
    detail: EventDetail,
  ) {
    this.details = detail === true;
    this.sink = typeof detail === 'function' ? detail : null;
  }
  add(type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (this.sink !== null) {
      this.sink(type, reason);
      return;
    }
    const object = this.details ? (this.ref ??= `${this.kind}/${this.name}`) : '';
    const event: ControllerEvent = { time: this.now, type, reason, message, object };
    if (this.items === null) this.items = [event];
    else this.items.push(event);
  }
  /** The events recorded (empty when none, or when they went to a sink). */
  get list(): readonly ControllerEvent[] {
    return this.items ?? NO_EVENTS;
  }
}
