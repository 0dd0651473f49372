/** Terminal questions for the CLI: a yes/no confirmation and a hidden secret entry. */

export interface PromptIo {
  readonly stdin: NodeJS.ReadableStream & {
    isTTY?: boolean;
    setRawMode?: (mode: boolean) => unknown;
    unshift(chunk: Buffer): void;
  };
  readonly stderr: { write(text: string): unknown };
}

/** readLine reads one line (visible) from stdin. */
function readLine(io: PromptIo, hidden: boolean): Promise<string | undefined> {
  return new Promise((resolve) => {
    const { stdin } = io;
    const raw = hidden && typeof stdin.setRawMode === 'function';
    if (raw) stdin.setRawMode?.(true);
    let text = '';
    const done = (value: string | undefined): void => {
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      if (raw) stdin.setRawMode?.(false);
      stdin.pause();
      resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      const input = chunk.toString();
      for (let i = 0; i < input.length; i++) {
        const ch = input[i] as string;
        if (ch === '\r' || ch === '\n') {
          if (raw) io.stderr.write('\n');
          // Typed-ahead input (the next answer, or the \n of a \r\n) stays for the next question.
          const rest = input.slice(ch === '\r' && input[i + 1] === '\n' ? i + 2 : i + 1);
          done(text);
          if (rest !== '') stdin.unshift(Buffer.from(rest));
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          if (raw) io.stderr.write('\n');
          return done(undefined);
        }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    const onEnd = (): void => done(text === '' ? undefined : text);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

/** confirm asks a yes/no question; anything but y/yes is no. */
export async function confirm(io: PromptIo, question: string): Promise<boolean> {
  io.stderr.write(`${question} [y/N] `);
  const answer = await readLine(io, false);
  return answer !== undefined && /^\s*y(es)?\s*$/i.test(answer);
}

/** askSecret reads a value without echoing it; undefined when the user gives up (Ctrl-C, end of input). */
export async function askSecret(io: PromptIo, question: string): Promise<string | undefined> {
  io.stderr.write(`${question}: `);
  return readLine(io, true);
}
