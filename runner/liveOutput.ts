import * as fs from 'node:fs';

/** The output a run's live lines go to: a Node stream (process.stdout), or a plain writer (tests). */
export interface LiveSink {
  write(text: string): unknown;
  once?(event: 'drain', listener: () => void): unknown;
  on?(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

export interface LiveOutputOptions {
  /** Where lines go once more than maxBufferedBytes wait (a file in the run record); undefined: nowhere yet. */
  readonly spillFile: () => string | undefined;
  /** Called once when the sink fails (EPIPE: the reader is gone; EIO: the terminal closed). */
  readonly onBroken?: (error: NodeJS.ErrnoException) => void;
  readonly maxBufferedBytes?: number;
}

/** What a slow reader may leave waiting in memory before lines go to the spill file. */
const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;
/** How much of the spill file is read back at a time. */
const SPILL_CHUNK_BYTES = 64 * 1024;

/**
 * LiveOutput writes a run's live lines (logs, events, pod status) to a terminal or pipe at the
 * pace its reader takes them, in order, with bounded memory. A container never waits for it —
 * as a container never waits for `kubectl logs -f` — so when the reader falls behind by more
 * than maxBufferedBytes, further lines go to a spill file in the run record and are read back
 * from there as the reader catches up; the file is removed once it is empty.
 */
export class LiveOutput {
  private readonly buffered: string[] = [];
  private bufferedBytes = 0;
  private blocked = false;
  private broken = false;
  private spill: { fd: number; path: string; written: number; read: number; pending: string[]; pendingBytes: number } | undefined;
  private readonly idle: Array<() => void> = [];
  private readonly maxBufferedBytes: number;
  constructor(
    private readonly sink: LiveSink,
    private readonly options: LiveOutputOptions,
  ) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    sink.on?.('error', (error) => this.fail(error));
  }

  /** line queues one line (without its newline). */
  line(text: string): void {
    if (this.broken) return;
    const chunk = `${text}\n`;
    if (this.spill !== undefined) return this.toSpill(chunk);
    if (!this.blocked) return this.write(chunk);
    if (this.bufferedBytes + chunk.length <= this.maxBufferedBytes || !this.openSpill()) {
      this.buffered.push(chunk);
      this.bufferedBytes += chunk.length;
      return;
    }
    this.toSpill(chunk);
  }

  /** The bytes held in memory for the reader now (bounded by maxBufferedBytes, plus one spill chunk). */
  get memoryBytes(): number {
    return this.bufferedBytes + (this.spill?.pendingBytes ?? 0);
  }

  /** flushed resolves once every line so far reached the sink (or the sink failed). */
  flushed(): Promise<void> {
    if (this.broken || (!this.blocked && this.spill === undefined && this.buffered.length === 0)) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** dispose removes the spill file. It keeps listening for the sink's errors: a late EPIPE must not crash the process. */
  dispose(): void {
    this.closeSpill();
  }

  private write(chunk: string): void {
    let ok: unknown;
    try {
      ok = this.sink.write(chunk);
    } catch (error) {
      return this.fail(error as NodeJS.ErrnoException);
    }
    if (ok === false && this.sink.once !== undefined) {
      this.blocked = true;
      this.sink.once('drain', () => this.pump());
    }
  }

  /** pump writes what waits, oldest first, until the sink is full again or nothing is left. */
  private pump(): void {
    this.blocked = false;
    while (!this.blocked && !this.broken) {
      if (this.buffered.length > 0) {
        const batch = this.takeBuffered();
        this.write(batch);
      } else if (this.spill !== undefined) {
        const chunk = this.readSpill();
        if (chunk !== '') this.write(chunk);
      } else {
        break;
      }
    }
    if (!this.blocked) for (const resolve of this.idle.splice(0)) resolve();
  }

  private takeBuffered(): string {
    let end = 0;
    let bytes = 0;
    while (end < this.buffered.length && bytes < SPILL_CHUNK_BYTES) bytes += (this.buffered[end++] as string).length;
    const batch = this.buffered.splice(0, end).join('');
    this.bufferedBytes -= batch.length;
    return batch;
  }

  private openSpill(): boolean {
    const file = this.options.spillFile();
    if (file === undefined) return false;
    try {
      this.spill = { fd: fs.openSync(file, 'w+'), path: file, written: 0, read: 0, pending: [], pendingBytes: 0 };
      return true;
    } catch {
      return false;
    }
  }

  private toSpill(chunk: string): void {
    const spill = this.spill as NonNullable<LiveOutput['spill']>;
    spill.pending.push(chunk);
    spill.pendingBytes += chunk.length;
    if (spill.pendingBytes >= SPILL_CHUNK_BYTES) this.flushSpill();
  }

  private flushSpill(): void {
    const spill = this.spill;
    if (spill === undefined || spill.pending.length === 0) return;
    const bytes = Buffer.from(spill.pending.join(''), 'utf8');
    fs.writeSync(spill.fd, bytes, 0, bytes.length, spill.written);
    spill.written += bytes.length;
    spill.pending = [];
    spill.pendingBytes = 0;
  }

  /** readSpill returns the next whole lines of the spill file; the file is dropped once read to its end. */
  private readSpill(): string {
    const spill = this.spill as NonNullable<LiveOutput['spill']>;
    this.flushSpill();
    const buffer = Buffer.alloc(Math.min(SPILL_CHUNK_BYTES, spill.written - spill.read));
    const n = buffer.length === 0 ? 0 : fs.readSync(spill.fd, buffer, 0, buffer.length, spill.read);
    if (n === 0) {
      this.closeSpill();
      return '';
    }
    // Cut after the last newline, so a UTF-8 sequence is never split between two reads.
    const end = n === spill.written - spill.read ? n : buffer.lastIndexOf(10, n - 1) + 1 || n;
    spill.read += end;
    if (spill.read >= spill.written) this.closeSpill();
    return buffer.toString('utf8', 0, end);
  }

  private closeSpill(): void {
    const spill = this.spill;
    if (spill === undefined) return;
    this.spill = undefined;
    try {
      fs.closeSync(spill.fd);
      fs.rmSync(spill.path, { force: true });
    } catch {
      // Already gone: nothing to clean.
    }
  }

  private fail(error: NodeJS.ErrnoException): void {
    if (this.broken) return;
    this.broken = true;
    this.buffered.length = 0;
    this.bufferedBytes = 0;
    this.closeSpill();
    for (const resolve of this.idle.splice(0)) resolve();
    this.options.onBroken?.(error);
  }
}
