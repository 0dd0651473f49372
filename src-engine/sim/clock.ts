/**
 * The clock the controllers are driven by. The controllers themselves only take `now` as an
 * argument; a driver owns a Clock and a wake-up queue. The simulator implements both
 * virtually (VirtualClock + EventQueue); the local runtime implements them with the real
 * clock and timers.
 */
export interface Clock {
  /** Current time, epoch ms. */
  now(): number;
}

/** Something that can wake a controller for an object later (workqueue AddAfter). */
export interface WakeupScheduler {
  /** Sync `key` again after `delayMs` (0 = as soon as possible); an earlier pending wake-up wins. */
  addAfter(key: string, delayMs: number): void;
}

/** VirtualClock: time moves only when the simulator advances it, never backwards. */
export class VirtualClock implements Clock {
  private current: number;

  constructor(startMs: number) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** advanceTo moves the clock forward to `ms` (no-op if it is in the past). */
  advanceTo(ms: number): void {
    if (ms > this.current) this.current = ms;
  }
}
