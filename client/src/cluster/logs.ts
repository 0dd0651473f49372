import type { Transport } from './transport';
import { ApiError, errorMessage } from './apiError';
import { PODS, objectPath, query } from './resources';
import { Backoff } from './backoff';
import { sleep } from './informer';
import type { Pod } from '../views/model/k8s';

/** One log line of one container. */
export interface LogEntry {
  readonly pod: string;
  readonly container: string;
  /** The kubelet's RFC 3339 timestamp as sent. */
  readonly timestamp: string;
  readonly text: string;
  /** From the previous (terminated) instance of the container. */
  readonly previous?: boolean;
}

/**
 * logTimestampKey turns an RFC3339Nano timestamp (the kubelet trims trailing zeros of the
 * fraction) into a string that sorts in time order, or undefined when it is not one.
 */
export function logTimestampKey(ts: string): string | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return `${String(Math.floor(ms / 1000)).padStart(12, '0')}.${(m[2] ?? '').padEnd(9, '0')}`;
}

/** splitTimestamp splits `<timestamp> <text>` as sent with `timestamps=true`. */
export function splitTimestamp(line: string): { timestamp: string; text: string } {
  const space = line.indexOf(' ');
  if (space > 0 && logTimestampKey(line.slice(0, space)) !== undefined) return { timestamp: line.slice(0, space), text: line.slice(space + 1) };
  return { timestamp: '', text: line };
}

/**
 * LogDeduper drops lines already delivered when a follow reconnects with `sinceTime`: the
 * API server forwards sinceTime to the kubelet with whole-second precision and includes lines
 * at that time, so the new stream repeats part of what we saw. Lines older than the newest
 * seen are dropped; lines at exactly the newest time are dropped when their text was seen at
 * that time.
 */
export class LogDeduper {
  private lastKey = '';
  private atLast = new Map<string, number>();
  private replay = new Map<string, number>();

  /** beginReconnect arms the replay filter for the lines a reconnect repeats. */
  beginReconnect(): void {
    this.replay = new Map(this.atLast);
  }

  /** accept tells whether a line is new, and records it. */
  accept(timestamp: string, text: string): boolean {
    const key = logTimestampKey(timestamp);
    if (key === undefined) return true;
    if (key < this.lastKey) return false;
    if (key === this.lastKey) {
      const seen = this.replay.get(text) ?? 0;
      if (seen > 0) {
        this.replay.set(text, seen - 1);
        return false;
      }
      this.atLast.set(text, (this.atLast.get(text) ?? 0) + 1);
      return true;
    }
    this.lastKey = key;
    this.atLast = new Map([[text, 1]]);
    this.replay = new Map();
    return true;
  }

  /** sinceTime is the whole-second RFC 3339 time to reconnect from, or undefined before any line. */
  get sinceTime(): string | undefined {
    if (this.lastKey === '') return undefined;
    const seconds = Number(this.lastKey.slice(0, 12));
    return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}

export type FollowState = 'connecting' | 'following' | 'reconnecting' | 'waiting' | 'ended' | 'error';

export interface FollowOptions {
  readonly transport: Transport;
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly tailLines?: number;
  readonly onLines: (lines: LogEntry[]) => void;
  readonly onState?: (state: FollowState, detail?: string) => void;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
}

/** containerFinished tells whether a container has terminated for good (no restart will follow). */
export function containerFinished(pod: Pod | undefined, container: string): boolean {
  if (!pod) return true;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return true;
  const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s) => s.name === container);
  return status?.state?.terminated !== undefined && pod.spec?.restartPolicy === 'Never';
}

/**
 * LogFollower streams one container's log (`follow=true&timestamps=true`) and keeps
 * following across dropped connections and container restarts: it reconnects from the last
 * line's time with `sinceTime` and drops the repeated lines (LogDeduper), so no line is lost
 * or shown twice. It ends when the container has finished for good or on stop().
 */
export class LogFollower {
  private readonly abort = new AbortController();
  private readonly dedupe = new LogDeduper();
  private running: Promise<void> | undefined;

  constructor(private readonly options: FollowOptions) {}

  start(): Promise<void> {
    this.running ??= this.run();
    return this.running;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const o = this.options;
    const backoff = new Backoff(o.backoffInitialMs ?? 500, o.backoffMaxMs ?? 10_000);
    const signal = this.abort.signal;
    let first = true;
    while (!signal.aborted) {
      const since = this.dedupe.sinceTime;
      if (!first) this.dedupe.beginReconnect();
      o.onState?.(first ? 'connecting' : 'reconnecting');
      const path =
        objectPath(PODS, o.namespace, o.pod, 'log') +
        query({ container: o.container, follow: true, timestamps: true, ...(since ? { sinceTime: since } : o.tailLines !== undefined ? { tailLines: o.tailLines } : {}) });
      let batch: LogEntry[] = [];
      let flushScheduled = false;
      const flush = (): void => {
        flushScheduled = false;
        if (batch.length > 0) {
          const out = batch;
          batch = [];
          o.onLines(out);
        }
      };
      try {
        await o.transport.stream(
          path,
          (line) => {
            const { timestamp, text } = splitTimestamp(line);
            if (!this.dedupe.accept(timestamp, text)) return;
            batch.push({ pod: o.pod, container: o.container, timestamp, text });
            backoff.reset();
            if (!flushScheduled) {
              flushScheduled = true;
              setImmediate(flush);
            }
          },
          signal,
        );
        flush();
        first = false;
        if (signal.aborted) break;
        // The stream ended: the container stopped, or the connection was cut.
        const pod = await this.getPod();
        if (containerFinished(pod, o.container)) {
          o.onState?.('ended');
          return;
        }
        await sleep(backoff.next(), signal);
      } catch (error) {
        flush();
        if (signal.aborted) break;
        if (error instanceof ApiError && error.code === 404) {
          o.onState?.('ended', 'the pod is gone');
          return;
        }
        // 400 "container … is waiting to start": keep waiting; other errors: retry with backoff.
        o.onState?.(error instanceof ApiError && error.code === 400 ? 'waiting' : 'error', errorMessage(error));
        first = false;
        await sleep(backoff.next(), signal);
      }
    }
    o.onState?.('ended');
  }

  private async getPod(): Promise<Pod | undefined> {
    const response = await this.options.transport.request('GET', objectPath(PODS, this.options.namespace, this.options.pod));
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new Error(`GET pod ${this.options.pod}: HTTP ${response.status}`);
    return JSON.parse(response.body) as Pod;
  }
}

/** fetchLogs reads a container's log once (last `tailLines` lines; `previous` for the terminated instance). */
export async function fetchLogs(transport: Transport, namespace: string, pod: string, container: string, options: { tailLines?: number; previous?: boolean } = {}): Promise<LogEntry[]> {
  const response = await transport.request('GET', objectPath(PODS, namespace, pod, 'log') + query({ container, timestamps: true, tailLines: options.tailLines, previous: options.previous || undefined }));
  if (response.status !== 200) throw new ApiError(response.status, (() => { try { return JSON.parse(response.body); } catch { return { message: response.body }; } })(), `logs of ${pod}/${container}`);
  return response.body
    .split('\n')
    .filter((l, i, all) => l !== '' || i < all.length - 1)
    .map((l) => ({ pod, container, ...splitTimestamp(l), ...(options.previous ? { previous: true } : {}) }));
}
