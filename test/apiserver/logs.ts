/**
 * Container logs as the kubelet serves them through `pods/log`: each line carries the node's
 * wall-clock time in nanoseconds (increasing while the clock does; stepClock turns the clock
 * back or forward as NTP or an operator does, and later lines then carry earlier times),
 * `previous=true` reads the last terminated instance, and followers receive appended lines
 * live until the container ends.
 */
import { formatNanos } from './timefmt';

/** LogLine is one line of a container's output. */
export interface LogLine {
  readonly tsNanos: bigint;
  readonly text: string;
}

/** LogQuery mirrors the PodLogOptions the server honours. */
export interface LogQuery {
  timestamps?: boolean;
  tailLines?: number;
  sinceNanos?: bigint;
  limitBytes?: number;
}

interface ContainerLog {
  current: LogLine[];
  previous: LogLine[];
  ended: boolean;
  followers: Set<(line: LogLine | null) => void>;
}

/** renderLine formats a line as the kubelet sends it (`<RFC3339Nano> text\n` with timestamps). */
export function renderLine(line: LogLine, timestamps: boolean): string {
  return timestamps ? `${formatNanos(line.tsNanos)} ${line.text}\n` : `${line.text}\n`;
}

/** selectLines applies sinceTime (inclusive, as the kubelet does) and tailLines. */
export function selectLines(lines: readonly LogLine[], q: LogQuery): LogLine[] {
  let out = q.sinceNanos !== undefined ? lines.filter((l) => l.tsNanos >= (q.sinceNanos ?? 0n)) : [...lines];
  if (q.tailLines !== undefined && q.tailLines >= 0) {
    out = q.tailLines === 0 ? [] : out.slice(-q.tailLines);
  }
  return out;
}

/** LogStore keeps container logs per namespace/pod/container. */
export class LogStore {
  private readonly logs = new Map<string, ContainerLog>();
  private lastNanos = 0n;
  private clockOffsetMs = 0;

  constructor(private readonly now: () => number) {}

  private entry(ns: string, pod: string, container: string): ContainerLog {
    const k = `${ns}/${pod}/${container}`;
    let e = this.logs.get(k);
    if (!e) {
      e = { current: [], previous: [], ended: false, followers: new Set() };
      this.logs.set(k, e);
    }
    return e;
  }

  /**
   * stepClock moves the node's clock by `deltaMs` (negative: back). Lines appended afterwards
   * carry the stepped time, so they may sort before lines already written.
   */
  stepClock(deltaMs: number): void {
    this.clockOffsetMs += deltaMs;
    this.lastNanos = 0n;
  }

  private stamp(): bigint {
    const t = BigInt(Math.floor(this.now() + this.clockOffsetMs)) * 1_000_000n;
    this.lastNanos = t > this.lastNanos ? t : this.lastNanos + 1n;
    return this.lastNanos;
  }

  /** append adds one line (or several, split on newlines) and hands it to followers. */
  append(ns: string, pod: string, container: string, text: string): void {
    const e = this.entry(ns, pod, container);
    for (const part of text.replace(/\n$/, '').split('\n')) {
      const line = { tsNanos: this.stamp(), text: part };
      e.current.push(line);
      for (const f of [...e.followers]) {
        f(line);
      }
    }
  }

  /** lines returns the stored lines of the current (or previous) container instance. */
  lines(ns: string, pod: string, container: string, previous = false): readonly LogLine[] {
    const e = this.entry(ns, pod, container);
    return previous ? e.previous : e.current;
  }

  /** end marks the container as terminated: followers get the end of stream. */
  end(ns: string, pod: string, container: string): void {
    const e = this.entry(ns, pod, container);
    e.ended = true;
    for (const f of [...e.followers]) {
      f(null);
    }
  }

  /** restart moves the current log to `previous` (what `logs --previous` shows) and starts anew. */
  restart(ns: string, pod: string, container: string): void {
    const e = this.entry(ns, pod, container);
    for (const f of [...e.followers]) {
      f(null);
    }
    e.previous = e.current;
    e.current = [];
    e.ended = false;
  }

  /** isEnded tells whether the current instance has terminated. */
  isEnded(ns: string, pod: string, container: string): boolean {
    return this.entry(ns, pod, container).ended;
  }

  /** follow registers a follower; `null` means the stream ends. Returns the unsubscribe. */
  follow(ns: string, pod: string, container: string, fn: (line: LogLine | null) => void): () => void {
    const e = this.entry(ns, pod, container);
    e.followers.add(fn);
    return () => e.followers.delete(fn);
  }

  /** endPod ends every follower of a deleted pod's containers. */
  endPod(ns: string, pod: string): void {
    for (const [k, e] of this.logs) {
      if (k.startsWith(`${ns}/${pod}/`)) {
        for (const f of [...e.followers]) {
          f(null);
        }
        this.logs.delete(k);
      }
    }
  }
}
