import type { Readable } from 'node:stream';

/**
 * The longest log line kept whole. containerd's CRI plugin splits longer lines into parts of
 * this size (its max_container_log_line_size default, 16 KiB; the CRI marks them with
 * LogTagPartial "P", staging/src/k8s.io/cri-api/pkg/apis/runtime/v1/constants.go). Here it also
 * bounds what a process that never prints a newline can make the runner hold.
 */
export const MAX_LOG_LINE_LENGTH = 16 * 1024;

/** Where a long line may be cut: never inside a secret, so that each part can be masked (secretMask.ts). */
export interface LineCutter {
  /** How far past a cut the text must be known to see a secret that spans it. */
  readonly longest: number;
  safeCut(text: string, at: number): number;
}

export interface PipeLinesOptions {
  /**
   * Called after each chunk; a promise pauses reading until it resolves, so a slow writer (the
   * run record's file) holds the process back through the pipe instead of filling memory.
   */
  readonly room?: () => Promise<void> | undefined;
  readonly cutter?: LineCutter;
}

/**
 * pipeLines calls onLine for every complete line of a stream (and the unterminated tail at
 * its end), so logs can be prefixed and streamed while the process runs. Lines longer than
 * MAX_LOG_LINE_LENGTH come in parts.
 */
export function pipeLines(
  stream: Readable | null,
  onLine: (line: string) => void,
  options: PipeLinesOptions = {},
): Promise<void> {
  if (stream === null) return Promise.resolve();
  const { room, cutter } = options;
  const cut = (text: string): number => cutter?.safeCut(text, MAX_LOG_LINE_LENGTH) ?? MAX_LOG_LINE_LENGTH;
  return new Promise((resolve) => {
    let tail = '';
    const emit = (line: string): void => {
      let rest = line;
      while (rest.length > MAX_LOG_LINE_LENGTH) {
        const at = cut(rest);
        onLine(rest.slice(0, at));
        rest = rest.slice(at);
      }
      onLine(rest);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const text = tail + chunk;
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        emit(text.charCodeAt(end - 1) === 13 && end > start ? text.slice(start, end - 1) : text.slice(start, end));
        start = end + 1;
      }
      tail = text.slice(start);
      // A part is cut only once enough follows it to see a secret that would span the cut.
      while (tail.length >= MAX_LOG_LINE_LENGTH + (cutter?.longest ?? 0)) {
        const at = cut(tail);
        onLine(tail.slice(0, at));
        tail = tail.slice(at);
      }
      const wait = room?.();
      if (wait !== undefined) {
        stream.pause();
        void wait.then(() => stream.resume());
      }
    });
    const finish = (): void => {
      if (tail !== '') emit(tail);
      tail = '';
      resolve();
    };
    stream.once('end', finish);
    stream.once('close', finish);
    stream.once('error', finish);
  });
}
