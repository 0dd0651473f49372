import type { Clock } from '../src-engine/sim/clock';

/**
 * The real clock a local run drives the controllers with. Controller time starts at the wall
 * time the run began and runs `scale` times faster, so backoff delays, deadlines, TTLs and
 * schedule waits (all measured by the controllers) shrink by `scale` while processes run in
 * real time. With scale 1 controller time is wall time.
 */
export class ScaledClock implements Clock {
  readonly origin: number;

  constructor(
    readonly scale = 1,
    origin = Date.now(),
  ) {
    if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`time scale must be a positive number, got ${scale}`);
    this.origin = origin;
  }

  /** now is the controllers' time (epoch ms). */
  now(): number {
    return this.origin + (Date.now() - this.origin) * this.scale;
  }

  /** realMs converts a controller duration to the wall-clock wait. */
  realMs(controllerMs: number): number {
    return Math.max(0, controllerMs / this.scale);
  }

  /** after calls fn once controllerMs of controller time have passed; returns a cancel function. */
  after(controllerMs: number, fn: () => void): () => void {
    const timer = setTimeout(fn, this.realMs(controllerMs));
    return () => clearTimeout(timer);
  }

  /** sleep resolves after controllerMs of controller time, or early (false) when the signal aborts. */
  sleep(controllerMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal?.aborted === true) return resolve(false);
      const cancel = this.after(controllerMs, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      });
      const onAbort = (): void => {
        cancel();
        resolve(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
