import { classifyCommand } from './commandIntent';
import type { CommandIntent } from './commandIntent';
import { finalStep, programName, readContainerCommand } from './containerCommand';
import type { ScriptStep, SimpleCommand } from './shellScript';

/**
 * How long a container runs, and the evidence for it:
 * - `finishes`: it ends on its own — its last command is one-off work, or every command it runs
 *   finishes (`exit` included);
 * - `runs`: it serves, consumes or waits until stopped;
 * - `loop`: a `while true` loop that repeats work with a sleep between runs;
 * - `unknown`: anything else (most programs: nothing can be said of `/app/run`).
 */
export type Lifetime =
  | { readonly kind: 'finishes'; readonly intent: CommandIntent; readonly endsWithExit: boolean }
  | { readonly kind: 'runs'; readonly intent: CommandIntent; readonly fromImage: boolean }
  | { readonly kind: 'loop'; readonly intervalSeconds: number; readonly workText: string; readonly sleepText: string }
  | { readonly kind: 'unknown' };

/** Images whose default command serves until stopped (run with neither command nor args). */
const SERVER_IMAGES: ReadonlySet<string> = new Set([
  'nginx',
  'nginx-unprivileged',
  'httpd',
  'caddy',
  'traefik',
  'haproxy',
  'envoy',
  'redis',
  'valkey',
  'postgres',
  'mysql',
  'mariadb',
  'mongo',
  'memcached',
  'rabbitmq',
  'elasticsearch',
  'opensearch',
  'grafana',
  'prometheus',
  'registry',
  'tomcat',
  'jetty',
  'wordpress',
  'keycloak',
  'consul',
  'nats',
  'zookeeper',
]);

/** Images whose ENTRYPOINT is a command-line tool, so `args` are that tool's arguments. */
const TOOL_IMAGES: Readonly<Record<string, string>> = {
  flyway: 'flyway',
  liquibase: 'liquibase',
  migrate: 'migrate',
  dbmate: 'dbmate',
  atlas: 'atlas',
  sqitch: 'sqitch',
  kubectl: 'kubectl',
  helm: 'helm',
  velero: 'velero',
  restic: 'restic',
  'aws-cli': 'aws',
  rclone: 'rclone',
  mc: 'mc',
  curl: 'curl',
};

const UNKNOWN: Lifetime = { kind: 'unknown' };

/** containerLifetime reads a container's command (and image) and says how long it runs. */
export function containerLifetime(container: Record<string, unknown>): Lifetime {
  const hasCommand = Array.isArray(container['command']) && container['command'].length > 0;
  const read = readContainerCommand(container);
  if (!read) return UNKNOWN;
  if (!hasCommand && read.imageName !== undefined) {
    const tool = Object.hasOwn(TOOL_IMAGES, read.imageName) ? TOOL_IMAGES[read.imageName] : undefined;
    const args = Array.isArray(container['args'])
      ? (container['args'] as unknown[]).filter((a): a is string => typeof a === 'string')
      : [];
    if (tool !== undefined) {
      const words = [tool, ...args];
      return lifetimeOfSteps([
        { kind: 'commands', commands: [{ words }], last: { words }, background: false, text: words.join(' ') },
      ]);
    }
    if (read.imageDefault && SERVER_IMAGES.has(read.imageName)) {
      return {
        kind: 'runs',
        intent: {
          kind: 'server',
          what: `the ${read.imageName} image's server`,
          command: `${read.imageName} (the image's default command)`,
        },
        fromImage: true,
      };
    }
    if (read.imageDefault) return UNKNOWN;
  }
  return lifetimeOfSteps(read.steps);
}

function lifetimeOfSteps(steps: readonly ScriptStep[]): Lifetime {
  const final = finalStep(steps);
  if (!final || final.kind === 'compound') return UNKNOWN;
  if (final.kind === 'forever') return loopLifetime(final.body);
  if (steps.some((s) => s.kind === 'commands' && s.background)) return UNKNOWN;
  const intents = steps
    .flatMap((s) => (s.kind === 'commands' ? s.commands : []))
    .map((c) => ({ c, intent: isExit(c) ? ('exit' as const) : classifyCommand(c) }));
  // A server, worker or wait in the foreground holds the container until it is stopped.
  const longRunning = intents.find(({ intent }) => intent !== 'exit' && intent !== undefined && isLongRunning(intent))?.intent;
  if (longRunning) return { kind: 'runs', intent: longRunning as CommandIntent, fromImage: false };
  const headline = intents.find(({ intent }) => intent !== 'exit' && intent?.kind === 'task')?.intent as
    CommandIntent | undefined;
  const endsWithExit = isExit(final.last);
  // The last command is usually among those just classified.
  const known = intents.find(({ c }) => c === final.last);
  const lastIntent = endsWithExit ? undefined : known ? (known.intent as CommandIntent | undefined) : classifyCommand(final.last);
  if (lastIntent?.kind === 'task') return { kind: 'finishes', intent: headline ?? lastIntent, endsWithExit };
  // Otherwise it finishes only if every command is known to finish.
  if (steps.some((s) => s.kind !== 'commands') || intents.some(({ intent }) => intent === undefined)) return UNKNOWN;
  // The command the script ends after, preferring one that does something over one that talks.
  const finites = intents.filter(({ intent }) => intent !== 'exit').reverse();
  const finite = (finites.find(({ c }) => !CHATTER.test(programName(c.words[0] ?? ''))) ?? finites[0])?.intent as
    CommandIntent | undefined;
  if (!headline && !finite && !endsWithExit) return UNKNOWN;
  const intent = headline ?? finite ?? { kind: 'finite', what: 'exit', command: final.last.words.join(' ') };
  return { kind: 'finishes', intent, endsWithExit };
}

function isLongRunning(intent: CommandIntent): boolean {
  return intent.kind === 'server' || intent.kind === 'worker' || intent.kind === 'idle';
}

function isExit(command: SimpleCommand): boolean {
  return programName(command.words[0] ?? '') === 'exit';
}

/** Programs that only say something: a loop of these and a sleep is a keep-alive, not work. */
const CHATTER = /^(?:echo|printf|date|true|:|logger)$/;

/** loopLifetime reads the body of a `while true` loop: work plus sleeps, or an idle keep-alive. */
function loopLifetime(body: readonly ScriptStep[]): Lifetime {
  let seconds = 0;
  const sleeps: string[] = [];
  const work: SimpleCommand[] = [];
  const workText: string[] = [];
  for (const step of body) {
    if (step.kind !== 'commands' || step.background) return UNKNOWN;
    const first = step.commands[0] as SimpleCommand;
    if (step.commands.length === 1 && programName(first.words[0] ?? '') === 'sleep') {
      const s = sleepSeconds(first.words.slice(1));
      if (s === undefined) return UNKNOWN;
      seconds += s;
      sleeps.push(step.text);
      continue;
    }
    const doing = step.commands.filter((c) => !CHATTER.test(programName(c.words[0] ?? '')));
    if (doing.length === 0) continue;
    work.push(...doing);
    workText.push(step.text);
  }
  if (work.length === 0) {
    return {
      kind: 'runs',
      intent: { kind: 'idle', what: 'a loop that only sleeps', command: sleeps.join('; ') || 'while true' },
      fromImage: false,
    };
  }
  if (
    work.some((c) => {
      const i = classifyCommand(c);
      return i !== undefined && isLongRunning(i);
    }) ||
    seconds === 0
  ) {
    return UNKNOWN;
  }
  return { kind: 'loop', intervalSeconds: seconds, workText: workText.join('; '), sleepText: sleeps.join('; ') };
}

const SLEEP_UNITS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** sleepSeconds reads `sleep` operands (`3600`, `1h`, `30m 10s`, `1.5h`); undefined for anything else. */
export function sleepSeconds(operands: readonly string[]): number | undefined {
  if (operands.length === 0) return undefined;
  let total = 0;
  for (const operand of operands) {
    const m = /^([0-9]+(?:\.[0-9]+)?)([smhd]?)$/.exec(operand);
    if (!m) return undefined;
    total += Number(m[1]) * (SLEEP_UNITS[m[2] as string] as number);
  }
  return total;
}
