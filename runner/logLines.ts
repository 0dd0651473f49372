import type { Readable } from 'node:stream';

/**
 * pipeLines calls onLine for every complete line of a stream (and the unterminated tail at
 * its end), so logs can be prefixed and streamed while the process runs.
 */
export function pipeLines(stream: Readable | null, onLine: (line: string) => void): Promise<void> {
  if (stream === null) return Promise.resolve();
  return new Promise((resolve) => {
    let tail = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (tail + chunk).split('\n');
      tail = parts.pop() ?? '';
      for (const part of parts) onLine(part.endsWith('\r') ? part.slice(0, -1) : part);
    });
    const finish = (): void => {
      if (tail !== '') onLine(tail);
      tail = '';
      resolve();
    };
    stream.once('end', finish);
    stream.once('close', finish);
    stream.once('error', finish);
  });
}
