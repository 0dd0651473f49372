import { parseScript } from './shellScript';
import type { ScriptStep, SimpleCommand } from './shellScript';

/**
 * What a container runs, read from its command and args as the kubelet starts it: `command`
 * replaces the image's ENTRYPOINT and `args` its CMD. A shell given `-c` runs a script, read by
 * shellScript.ts; anything else is one program.
 */
export interface ContainerCommand {
  /** The command line as written (for messages). */
  readonly text: string;
  /** The steps of the shell script, or a single step for a program run directly. */
  readonly steps: readonly ScriptStep[];
  /** The image's repository name (`flyway` for `flyway/flyway:10`), used when the image's own entrypoint runs. */
  readonly imageName: string | undefined;
  /** True when neither command nor args are set: the image's own ENTRYPOINT and CMD run. */
  readonly imageDefault: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  // A loop rather than every(): this runs for every container of every document, mostly before it is optimised.
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return undefined;
  return value as string[];
}

/** basename of a program path (`/usr/bin/python3` → `python3`). */
export function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** imageRepositoryName is the last path part of an image without its tag or digest (`ghcr.io/a/flyway:10` → `flyway`). */
export function imageRepositoryName(image: unknown): string | undefined {
  if (typeof image !== 'string' || image === '') return undefined;
  const noDigest = image.split('@')[0] as string;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return (colon < 0 ? last : last.slice(0, colon)).toLowerCase();
}

/** Where the script a shell is asked to run sits in argv: `sh -c SCRIPT`, `bash -ec SCRIPT`, `sh -euo pipefail -c SCRIPT`. */
function shellScriptIndex(argv: readonly string[]): number | undefined {
  const shell = programName(argv[0] ?? '');
  let i = 1;
  if (shell === 'busybox') {
    if (!SHELLS.has(argv[1] ?? '')) return undefined;
    i = 2;
  } else if (!SHELLS.has(shell)) {
    return undefined;
  }
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-o') {
      i++;
      continue;
    }
    if (!arg.startsWith('-')) return undefined;
    if (/^-[a-z]*c[a-z]*$/.test(arg)) return i + 1 < argv.length ? i + 1 : undefined;
  }
  return undefined;
}

/** argvOf is what the kubelet runs when command is set, or what an image's entrypoint runs from args. */
function argvOf(container: Record<string, unknown>): { argv: string[]; commandLength: number } {
  const command = strings(container['command']) ?? [];
  const args = strings(container['args']) ?? [];
  // Without `command`, official images' entrypoints run args that name a program, and treat
  // args starting with `-` as options of their own program.
  if (command.length > 0) return { argv: command.concat(args), commandLength: command.length };
  return { argv: args.length > 0 && !(args[0] as string).startsWith('-') ? args : [], commandLength: 0 };
}

/** scriptField is the container field holding its shell script: `['command', 2]` or `['args', 0]`. */
export function scriptField(container: Record<string, unknown>): ['command' | 'args', number] | undefined {
  const { argv, commandLength } = argvOf(container);
  const index = shellScriptIndex(argv);
  if (index === undefined) return undefined;
  return index < commandLength ? ['command', index] : ['args', index - commandLength];
}

/** readContainerCommand reads a container's command; undefined when its script is beyond the shell reader. */
export function readContainerCommand(container: Record<string, unknown>): ContainerCommand | undefined {
  const args = strings(container['args']) ?? [];
  const imageName = imageRepositoryName(container['image']);
  const { argv } = argvOf(container);
  if (argv.length === 0) {
    const words = imageName !== undefined ? [imageName, ...args] : args;
    return { text: words.join(' '), steps: words.length > 0 ? [single(words)] : [], imageName, imageDefault: true };
  }
  const index = shellScriptIndex(argv);
  const script = index === undefined ? undefined : argv[index];
  if (script === undefined) return { text: argv.join(' '), steps: [single(argv)], imageName, imageDefault: false };
  const steps = parseScript(script);
  return steps ? { text: script.trim(), steps, imageName, imageDefault: false } : undefined;
}

function single(words: readonly string[]): ScriptStep {
  const command: SimpleCommand = { words };
  return { kind: 'commands', commands: [command], last: command, background: false, text: words.join(' ') };
}

/**
 * finalStep is the step whose end ends the container: the last one run in the foreground.
 * Undefined for an empty script, or one that ends waiting on background jobs (`wait`).
 */
export function finalStep(steps: readonly ScriptStep[]): ScriptStep | undefined {
  const last = steps[steps.length - 1];
  if (!last) return undefined;
  if (last.kind === 'commands' && (last.background || programName(last.last.words[0] ?? '') === 'wait')) return undefined;
  return last;
}
