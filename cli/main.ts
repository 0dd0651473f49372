/** Entry point of the `kube-jobs` command-line tool. */
import { runScheduleCommand } from './schedule';
import { runRunCommand } from './run';
import { runLintCommand } from './lint';
import { runSimulateCommand } from './simulate';
import { safeSink } from './terminalText';

/** main dispatches a subcommand; resolves to the process exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  // Every command writes through safeSink: no control character from a manifest or a log reaches the terminal.
  const io = { stdout: safeSink(process.stdout), stderr: safeSink(process.stderr), stdin: process.stdin };
  switch (argv[0]) {
    case 'lint':
      return runLintCommand(argv.slice(1), io);
    case 'schedule':
      return runScheduleCommand(argv.slice(1), io);
    case 'simulate':
      return runSimulateCommand(argv.slice(1), io);
    case 'run':
      return runRunCommand(argv.slice(1), { ...io, handleSignals: true });
    default:
      io.stderr.write(`kube-jobs: not yet implemented: ${argv.join(' ')}\n`);
      return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
