import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from './clientNode';
import { ApiError, statusFromBody } from './apiError';

/** One HTTP response from the API server, body as text. */
export interface ApiResponse {
  readonly status: number;
  readonly body: string;
}

export interface RequestOptions {
  readonly contentType?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface StreamOptions {
  /**
   * Rejects when nothing (status line, headers or body bytes) arrives for this long: a watch
   * server that went silent, a connection that died without a reset. Default: no deadline.
   */
  readonly idleTimeoutMs?: number;
  /** Rejects when the status line has not arrived after this long (a followed log may then stay quiet for hours). */
  readonly responseTimeoutMs?: number;
  /** Called once the server answered with a 2xx status, before any line. */
  readonly onResponse?: () => void;
}

/**
 * Transport is the only way cluster code talks to the API server: a JSON request, and a
 * streamed GET whose body arrives line by line (watches and followed logs). Tests swap it for
 * one that injects faults.
 */
export interface Transport {
  /** The API server URL, for messages. */
  readonly server: string;
  request(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse>;
  /**
   * stream GETs `path` and calls `onLine` for every complete line; resolves when the server
   * ends the response, rejects on network errors, and rejects with ApiError on a non-2xx status.
   * Aborting `signal` ends it quietly (resolves).
   */
  stream(path: string, onLine: (line: string) => void, signal: AbortSignal, options?: StreamOptions): Promise<void>;
}

/** requestJson sends a request and parses the JSON answer; non-2xx statuses throw ApiError. */
export async function requestJson<T>(
  transport: Transport,
  method: string,
  path: string,
  body?: unknown,
  options?: RequestOptions,
): Promise<T> {
  const response = await transport.request(method, path, body, options);
  if (response.status < 200 || response.status >= 300) {
    throw new ApiError(response.status, statusFromBody(response.body), `${method} ${path}`);
  }
  return (response.body === '' ? {} : JSON.parse(response.body)) as T;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** formatMs renders a deadline for a message: `300 ms`, `90 s`. */
function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/**
 * createTransport builds a Transport for the kubeconfig's current context. The client library
 * computes the TLS material and the Authorization header (token, client certs, exec plugins,
 * OIDC refresh) before every request, so rotating credentials keep working; node's http(s)
 * carries the bytes, which lets us stream watches and logs line by line with our own
 * reconnect rules.
 */
export function createTransport(kc: KubeConfig, defaultTimeoutMs = DEFAULT_TIMEOUT_MS): Transport {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`context "${kc.getCurrentContext()}" names no cluster`);
  const base = new URL(cluster.server);
  const isHttps = base.protocol === 'https:';
  const prefix = base.pathname.replace(/\/$/, '');

  const prepare = async (method: string, path: string, headers: Record<string, string>): Promise<http.RequestOptions> => {
    const opts: https.RequestOptions = { headers: {} };
    if (isHttps) {
      await kc.applyToHTTPSOptions(opts);
    } else {
      // applyToHTTPSOptions refuses plain-HTTP clusters without skipTLSVerify; headers are still wanted.
      try {
        await kc.applyToHTTPSOptions(opts);
      } catch {
        opts.agent = undefined;
      }
      if (opts.agent instanceof https.Agent) opts.agent = undefined;
    }
    return {
      ...opts,
      protocol: base.protocol,
      hostname: base.hostname.replace(/^\[|\]$/g, ''),
      port: base.port || (isHttps ? 443 : 80),
      method,
      path: prefix + path,
      headers: { ...(opts.headers as Record<string, string>), Accept: 'application/json', ...headers },
    };
  };
  const send = isHttps ? https.request : http.request;

  return {
    server: cluster.server,
    async request(method, path, body, options = {}) {
      const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const headers: Record<string, string> = {};
      if (text !== undefined) {
        headers['Content-Type'] = options.contentType ?? 'application/json';
        headers['Content-Length'] = String(Buffer.byteLength(text));
      }
      const req = await prepare(method, path, headers);
      return new Promise<ApiResponse>((resolve, reject) => {
        const r = send(
          { ...req, timeout: options.timeoutMs ?? defaultTimeoutMs, ...(options.signal ? { signal: options.signal } : {}) },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
          },
        );
        const within = formatMs(options.timeoutMs ?? defaultTimeoutMs);
        r.on('timeout', () => r.destroy(new Error(`${method} ${path}: no answer from ${cluster.server} within ${within}`)));
        r.on('error', reject);
        r.end(text);
      });
    },
    async stream(path, onLine, signal, options = {}) {
      if (signal.aborted) return;
      const req = await prepare('GET', path, {});
      await new Promise<void>((resolve, reject) => {
        const idleMs = options.idleTimeoutMs;
        const r = send({ ...req, signal, ...(idleMs !== undefined ? { timeout: idleMs } : {}) }, (res) => {
          clearTimeout(answerDeadline);
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) options.onResponse?.();
          if (status < 200 || status >= 300) {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              reject(new ApiError(status, statusFromBody(Buffer.concat(chunks).toString('utf8')), `GET ${path}`)),
            );
            res.on('error', reject);
            return;
          }
          let pending = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            pending += chunk;
            let nl: number;
            while ((nl = pending.indexOf('\n')) >= 0) {
              const line = pending.slice(0, nl);
              pending = pending.slice(nl + 1);
              onLine(line);
            }
          });
          res.on('end', () => {
            if (pending !== '') onLine(pending);
            resolve();
          });
          res.on('error', (e) => (signal.aborted || e.name === 'AbortError' ? resolve() : reject(e)));
          res.on('aborted', () => (signal.aborted ? resolve() : reject(new Error(`GET ${path}: connection closed`))));
        });
        const waitMs = options.responseTimeoutMs;
        const noAnswer = (): void => {
          r.destroy(new Error(`GET ${path}: no answer from ${cluster.server} within ${formatMs(waitMs ?? 0)}`));
        };
        const answerDeadline = waitMs === undefined ? undefined : setTimeout(noAnswer, waitMs);
        r.on('close', () => clearTimeout(answerDeadline));
        // The socket's idle timer covers the wait for the status line and every gap between chunks.
        r.on('timeout', () => r.destroy(new Error(`GET ${path}: nothing from ${cluster.server} for ${formatMs(idleMs ?? 0)}`)));
        r.on('error', (e) => (signal.aborted || e.name === 'AbortError' ? resolve() : reject(e)));
        r.end();
      });
    },
  };
}
