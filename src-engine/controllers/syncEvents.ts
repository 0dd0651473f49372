import type { ControllerEvent } from './types';

/**
 * SyncEvents is where one controller sync writes its events (the Job and the CronJob
 * controller alike). With `details` false (a driver that only counts events past the ones it
 * keeps) message and object stay empty, so nothing is formatted.
 */
export class SyncEvents {
  // Created with its first event: an empty literal grows to 17 slots on the first push.
  private items: ControllerEvent[] | null = null;
  private ref: string | null = null;
  constructor(
    private readonly kind: 'Job' | 'CronJob',
    private readonly name: string,
    private readonly now: number,
    readonly details: boolean,
  ) {}
  add(type: 'Normal' | 'Warning', reason: string, message: string): void {
    const object = this.details ? (this.ref ??= `${this.kind}/${this.name}`) : '';
    const event: ControllerEvent = { time: this.now, type, reason, message, object };
    if (this.items === null) this.items = [event];
    else this.items.push(event);
  }
  /** The events recorded (a new empty array when none). */
  get list(): ControllerEvent[] {
    return this.items ?? [];
  }
}
