import type { Transport } from '../../../kube/transport';
import { ApiError, errorMessage, statusFromBody } from '../../../kube/apiError';
import { LogPosition } from './logPosition';
import { PODS, objectPath, query } from '../../../kube/resources';
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
  if (space > 0 && logTimestampKey(line.slice(0, space)) !== undefined) {
    return { timestamp: line.slice(0, space), text: line.slice(space + 1) };
  }
  return { timestamp: '', text: line };
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
  /** How long a (re)connect may wait for the server's answer (default 30 s). */
  readonly responseTimeoutMs?: number;
}

/** containerFinished tells whether a container has terminated for good (no restart will follow). */
export function containerFinished(pod: Pod | undefined, container: string): boolean {
  if (!pod) return true;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return true;
  const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(
    (s) => s.name === container,
  );
  return status?.state?.terminated !== undefined && pod.spec?.restartPolicy === 'Never';
}

/**
 * instanceOf identifies the container instance whose log the kubelet serves now: its
 * containerID (a restart makes a new container), else its restart count.
 */
function instanceOf(pod: Pod | undefined, container: string): string | undefined {
  const statuses = [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? [])];
  const status = statuses.find((s) => s.name === container);
  return status ? (status.containerID ?? `restart ${status.restartCount ?? 0}`) : undefined;
}

/**
 * LogFollower streams one container's log (`follow=true&timestamps=true`) and keeps
 * following across dropped connections and container restarts. It keeps its place by stream
 * offset (LogPosition): a reconnect reads the container's log from its first line and skips
 * the lines already shown, so no line is lost or shown twice, even when the node's clock steps
 * back. It ends when the container has finished for good or on stop().
 */
export class LogFollower {
  private readonly abort = new AbortController();
  private readonly position: LogPosition;
  private running: Promise<void> | undefined;

  constructor(private readonly options: FollowOptions) {
    this.position = new LogPosition(options.tailLines === undefined);
  }

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
    let instance: string | undefined;
    let connected = false;
    while (!signal.aborted) {
      o.onState?.(connected ? 'reconnecting' : 'connecting');
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
      const hand = (lines: readonly string[]): void => {
        for (const line of lines) batch.push({ pod: o.pod, container: o.container, ...splitTimestamp(line) });
        if (lines.length > 0 && !flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      };
      try {
        const pod = await this.getPod();
        if (!pod) {
          o.onState?.('ended', 'the pod is gone');
          return;
        }
        const now = instanceOf(pod, o.container);
        if (instance !== undefined && now !== undefined && now !== instance) this.position.restart();
        instance = now ?? instance;
        // Nothing read yet: the last tailLines lines. Otherwise the whole log, to find our place in it.
        const resume = this.position.hasRead ? this.position.resume() : undefined;
        const tail = resume === undefined && o.tailLines !== undefined ? { tailLines: o.tailLines } : {};
        const params = { container: o.container, follow: true, timestamps: true, ...tail };
        const path = objectPath(PODS, o.namespace, o.pod, 'log') + query(params);
        await o.transport.stream(
          path,
          (line) => {
            backoff.reset();
            if (resume) return hand(resume.accept(line));
            this.position.read(line);
            hand([line]);
          },
          signal,
          // A log may stay quiet for hours, but its answer must come: a hung connect is retried.
          { onResponse: () => (connected = true), responseTimeoutMs: o.responseTimeoutMs ?? 30_000 },
        );
        if (resume) hand(resume.end());
        flush();
        if (signal.aborted) break;
        // The stream ended: the container stopped, or the connection was cut.
        if (containerFinished(await this.getPod(), o.container)) {
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
        await sleep(backoff.next(), signal);
      }
    }
    o.onState?.('ended');
  }

  private async getPod(): Promise<Pod | undefined> {
    const response = await this.options.transport.request('GET', objectPath(PODS, this.options.namespace, this.options.pod));
    if (response.status === 404) return undefined;
    if (response.status !== 200) {
      throw new ApiError(response.status, statusFromBody(response.body), `GET pod ${this.options.pod}`);
    }
    return JSON.parse(response.body) as Pod;
  }
}

/** fetchLogs reads a container's log once (last `tailLines` lines; `previous` for the terminated instance). */
export async function fetchLogs(
  transport: Transport,
  namespace: string,
  pod: string,
  container: string,
  options: { tailLines?: number; previous?: boolean } = {},
): Promise<LogEntry[]> {
  const response = await transport.request(
    'GET',
    objectPath(PODS, namespace, pod, 'log') +
      query({ container, timestamps: true, tailLines: options.tailLines, previous: options.previous || undefined }),
  );
  if (response.status !== 200) {
    throw new ApiError(
      response.status,
      (() => {
        try {
          return JSON.parse(response.body);
        } catch {
          return { message: response.body };
        }
      })(),
      `logs of ${pod}/${container}`,
    );
  }
  return response.body
    .split('\n')
    .filter((l, i, all) => l !== '' || i < all.length - 1)
    .map((l) => ({ pod, container, ...splitTimestamp(l), ...(options.previous ? { previous: true } : {}) }));
}
