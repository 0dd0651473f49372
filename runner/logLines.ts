import type { Readable } from 'node:stream';

/**
 * The longest log line kept whole. containerd's CRI plugin splits longer lines into parts of
 * this size (its max_container_log_line_size default, 16 KiB; the CRI marks them with
 * LogTagPartial "P", staging/src/k8s.io/cri-api/pkg/apis/runtime/v1/constants.go). Here it also
 * bounds what a process that never prints a newline can make the runner hold.
 */
export const MAX_LOG_LINE_LENGTH = 16 * 1024;

/**
 * pipeLines calls onLine for every complete line of a stream (and the unterminated tail at
 * its end), so logs can be prefixed and streamed while the process runs. Lines longer than
 * MAX_LOG_LINE_LENGTH come in parts. After each chunk, `room` may return a promise: reading
 * pauses until it resolves, so a slow writer (the run record's file) holds the process back
 * through the pipe instead of filling memory.
 */
export function pipeLines(stream: Readable | null, onLine: (line: string) => void, room?: () => Promise<void> | undefined): Promise<void> {
  if (stream === null) return Promise.resolve();
  return new Promise((resolve) => {
    let tail = '';
    const emit = (line: string): void => {
      if (line.length <= MAX_LOG_LINE_LENGTH) return onLine(line);
      for (let start = 0; start < line.length; start += MAX_LOG_LINE_LENGTH) onLine(line.slice(start, start + MAX_LOG_LINE_LENGTH));
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
      while (tail.length >= MAX_LOG_LINE_LENGTH) {
        onLine(tail.slice(0, MAX_LOG_LINE_LENGTH));
        tail = tail.slice(MAX_LOG_LINE_LENGTH);
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
