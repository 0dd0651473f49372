/** Entry point of the `kube-jobs` command-line tool. */
import { runScheduleCommand, USAGE as SCHEDULE_USAGE } from './schedule';
import { runRunCommand, USAGE as RUN_USAGE } from './run';
import { runLintCommand, USAGE as LINT_USAGE } from './lint';
import { runSimulateCommand, USAGE as SIMULATE_USAGE } from './simulate';
import { safeSink } from './terminalText';
import { runHealthCommand, USAGE as HEALTH_USAGE } from './health';

/** Every subcommand's own usage text, in the order the overview lists them. */
const USAGES: Readonly<Record<string, string>> = {
  lint: LINT_USAGE,
  schedule: SCHEDULE_USAGE,
  simulate: SIMULATE_USAGE,
  run: RUN_USAGE,
  health: HEALTH_USAGE,
};

/** overview lists every subcommand with its synopsis (the `usage:` lines of its own help). */
export function overview(): string {
  const synopses: string[] = [];
  for (const usage of Object.values(USAGES)) {
    for (const [i, line] of usage.split('\n').entries()) {
      if (i === 0 || /^\s+kube-jobs /.test(line)) synopses.push(`  ${line.replace(/^usage: /, '').trim()}`);
      // A synopsis wrapped onto the next line (run's options) continues the previous one.
      else if (i === 1 && /^\s+\[/.test(line)) synopses.push(`${synopses.pop() ?? ''} ${line.trim()}`);
      else break;
    }
  }
  return [
    'usage: kube-jobs <command> [options]',
    '',
    'Check, simulate and run Kubernetes Jobs and CronJobs the way the API server and the controllers do.',
    '',
    ...synopses,
    '',
    "kube-jobs <command> --help (or kube-jobs help <command>) describes a command's options.",
    'Exit codes: 0 success, 1 findings of severity error / a failed Job / an invalid schedule / an unhealthy CronJob,',
    '2 bad usage, unreadable input or an unreachable cluster.',
    '',
  ].join('\n');
}

/** main dispatches a subcommand; resolves to the process exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  // Every command writes through safeSink: no control character from a manifest or a log reaches the terminal.
  const io = { stdout: safeSink(process.stdout), stderr: safeSink(process.stderr), stdin: process.stdin };
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return runLintCommand(rest, io);
    case 'schedule':
      return runScheduleCommand(rest, io);
    case 'simulate':
      return runSimulateCommand(rest, io);
    case 'health':
      return runHealthCommand(rest, io);
    case 'run':
      return runRunCommand(rest, { ...io, handleSignals: true });
    case 'help':
    case '--help':
    case '-h': {
      const topic = rest[0] !== undefined && Object.hasOwn(USAGES, rest[0]) ? USAGES[rest[0]] : undefined;
      if (rest[0] !== undefined && topic === undefined) {
        io.stderr.write(`kube-jobs help: unknown command ${JSON.stringify(rest[0])}\n\n${overview()}`);
        return 2;
      }
      io.stdout.write(topic ?? overview());
      return 0;
    }
    case undefined:
      io.stderr.write(overview());
      return 2;
    default:
      io.stderr.write(`kube-jobs: unknown command ${JSON.stringify(command)}\n\n${overview()}`);
      return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
