import { recordRemainingMs } from '../controllers/backoff';
import type { JobMemory } from '../controllers/jobMemory';
import { indexBackoffEnd } from '../controllers/jobMemory';
import type { BackoffWait } from './records';

/**
 * BackoffWaitLog records the spans in which the Job controller held pod creation back, for
 * the timeline: the Job's pod-failure backoff (one span, extended while it lasts) and each
 * index's own backoff (backoffLimitPerIndex). At most `max` spans are kept.
 */
export class BackoffWaitLog {
  readonly waits: BackoffWait[] = [];

  constructor(private readonly max: number) {}

  /** note looks at what the controller remembers after a sync that created no pod. */
  note(memory: JobMemory, now: number): void {
    const waits = this.waits;
    const backoff = memory.backoff;
    const remaining = recordRemainingMs(backoff, now);
    if (remaining > 0) {
      const until = now + remaining;
      const tail = waits[waits.length - 1];
      if (tail !== undefined && tail.index === null && tail.until >= now) tail.until = Math.max(tail.until, until);
      else if (waits.length < this.max) waits.push({ from: backoff.lastFailureTime ?? now, until, index: null });
    }
    for (const [index, f] of memory.indexFailures) {
      const until = indexBackoffEnd(f);
      if (until > now && !waits.some((w) => w.index === index && w.until === until) && waits.length < this.max) {
        waits.push({ from: f.lastFailureTime, until, index });
      }
    }
  }
}
