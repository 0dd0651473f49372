/**
 * Helpers for the test API server's own tests: a raw HTTP client, a watch-stream reader that
 * waits for a matching event (no fixed sleeps), and a runner for the real kubectl.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** request sends one HTTP request and collects the whole answer. */
export function request(
  base: string,
  method: string,
  urlPath: string,
  opts: { body?: unknown; contentType?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const req = http.request(
      `${base}${urlPath}`,
      {
        method,
        headers: {
          ...(body !== undefined
            ? { 'Content-Type': opts.contentType ?? 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }
            : {}),
          ...(opts.headers ?? {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) {
      req.write(body);
    }
    req.end();
  });
}

/** StreamReader reads a streaming response line by line and lets a test wait for lines. */
export class StreamReader {
  readonly lines: string[] = [];
  status = 0;
  ended = false;
  /** Set when the connection broke instead of ending cleanly. */
  aborted = false;
  private waiters: Array<() => void> = [];
  private req: http.ClientRequest;
  readonly ready: Promise<void>;

  constructor(base: string, urlPath: string, headers: Record<string, string> = {}) {
    let resolveReady: () => void = () => undefined;
    this.ready = new Promise((r) => (resolveReady = r));
    this.req = http.get(`${base}${urlPath}`, { headers }, (res) => {
      this.status = res.statusCode ?? 0;
      resolveReady();
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          this.lines.push(buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
        this.notify();
      });
      res.on('end', () => {
        this.ended = true;
        this.notify();
      });
      res.on('aborted', () => {
        this.aborted = true;
      });
      res.on('close', () => {
        this.ended = true;
        this.notify();
      });
      res.on('error', () => {
        this.aborted = true;
        this.ended = true;
        this.notify();
      });
    });
    this.req.on('error', () => {
      this.aborted = true;
      this.ended = true;
      resolveReady();
      this.notify();
    });
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) {
      w();
    }
  }

  /** events parses every line as JSON (watch streams). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  events(): any[] {
    return this.lines.map((l) => JSON.parse(l));
  }

  /** waitFor resolves once `pred` holds; rejects if the stream ends first or after a safety timeout. */
  async waitFor(pred: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (this.ended) {
        if (pred()) {
          return;
        }
        throw new Error(`stream ended before: ${what}; got ${JSON.stringify(this.lines.slice(-5))}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`timed out waiting for: ${what}; got ${JSON.stringify(this.lines.slice(-5))}`);
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** waitEnd resolves when the stream has ended. */
  waitEnd(what = 'end of stream'): Promise<void> {
    return this.waitFor(() => this.ended, what).catch((e: unknown) => {
      if (!this.ended) {
        throw e;
      }
    });
  }

  close(): void {
    this.req.destroy();
  }
}

/** findKubectl returns the kubectl on PATH, or undefined when there is none. */
export function findKubectl(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p !== '' ? p : undefined;
}

/** KubectlEnv isolates kubectl: its own kubeconfig, discovery cache and HOME. */
export interface KubectlEnv {
  dir: string;
  kubeconfig: string;
  env: NodeJS.ProcessEnv;
}

/** makeKubectlEnv creates a temporary directory with a kubeconfig written by `write`. */
export function makeKubectlEnv(write: (kubeconfigPath: string) => void): KubectlEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-kubectl-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  write(kubeconfig);
  const env = { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: path.join(dir, 'cache'), HOME: dir };
  return { dir, kubeconfig, env };
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** runKubectl runs kubectl to completion. */
export function runKubectl(k: KubectlEnv, args: string[], input?: string): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, { env: k.env, cwd: k.dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    if (input !== undefined) {
      child.stdin.write(input);
    }
    child.stdin.end();
  });
}

/** KubectlProcess is a long-running kubectl (`get -w`, `logs -f`) whose output a test waits on. */
export class KubectlProcess {
  stdout = '';
  stderr = '';
  exitCode: number | null | undefined;
  private waiters: Array<() => void> = [];
  private readonly child;

  constructor(k: KubectlEnv, args: string[]) {
    this.child = spawn('kubectl', args, { env: k.env, cwd: k.dir });
    this.child.stdout.on('data', (c: Buffer) => {
      this.stdout += c.toString('utf8');
      this.notify();
    });
    this.child.stderr.on('data', (c: Buffer) => {
      this.stderr += c.toString('utf8');
      this.notify();
    });
    this.child.on('close', (code) => {
      this.exitCode = code;
      this.notify();
    });
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) {
      w();
    }
  }

  /** waitFor resolves once stdout matches; rejects if kubectl exits first or after a safety timeout. */
  async waitFor(re: RegExp, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!re.test(this.stdout)) {
      if (this.exitCode !== undefined) {
        throw new Error(
          `kubectl exited (${String(this.exitCode)}) before printing ${re}: stdout=${this.stdout} stderr=${this.stderr}`,
        );
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`timed out waiting for ${re}: stdout=${this.stdout} stderr=${this.stderr}`);
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** waitExit resolves with the exit code. */
  async waitExit(timeoutMs = 15_000): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.exitCode === undefined) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`kubectl did not exit: stdout=${this.stdout} stderr=${this.stderr}`);
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.exitCode;
  }

  kill(): void {
    if (this.exitCode === undefined) {
      this.child.kill('SIGTERM');
    }
  }
}
