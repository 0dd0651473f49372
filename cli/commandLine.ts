/** What every kube-jobs command does with its command line before its own work. */

/** The streams a command writes to (process streams in production, buffers in tests). */
export interface CommandOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * optionsOrExit takes a command's parsed arguments — its options, `'help'` for `--help`, or a
 * sentence saying what is wrong — and returns the options, or the exit status after printing
 * the usage (0 for `--help`; 2 for a mistake, said before the usage).
 */
export function optionsOrExit<T extends object>(
  command: string,
  usage: string,
  parsed: T | string,
  io: CommandOutput,
): T | number {
  if (parsed === 'help') {
    io.stdout.write(usage);
    return 0;
  }
  if (typeof parsed === 'string') {
    io.stderr.write(`kube-jobs ${command}: ${parsed}\n${usage}`);
    return 2;
  }
  return parsed;
}
