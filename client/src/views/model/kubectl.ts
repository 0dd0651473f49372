/** Identifies an object for kubectl. */
export interface KubectlTarget {
  readonly kind: 'CronJob' | 'Job' | 'Pod';
  readonly namespace: string;
  readonly name: string;
  readonly context?: string;
}

/** shellQuote quotes one argument for POSIX shells (only when needed). */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function base(t: KubectlTarget): string[] {
  return ['kubectl', ...(t.context ? ['--context', t.context] : []), '-n', t.namespace];
}

const resource = (t: KubectlTarget): string => t.kind.toLowerCase();

/** One equivalent kubectl command, with what it does. */
export interface KubectlCommand {
  readonly label: string;
  readonly command: string;
}

const line = (args: string[]): string => args.map(shellQuote).join(' ');

/** suspendAndResume are the merge patches that set spec.suspend of a CronJob or Job. */
const suspendAndResume = (b: string[], t: KubectlTarget): KubectlCommand[] =>
  [true, false].map((suspend) => ({
    label: suspend ? 'Suspend' : 'Resume',
    command: line([...b, 'patch', resource(t), t.name, '--type=merge', '-p', `{"spec":{"suspend":${suspend}}}`]),
  }));

/**
 * kubectlCommands lists the kubectl commands equivalent to the actions on an object, so
 * users can script what they did in the editor.
 */
export function kubectlCommands(
  t: KubectlTarget,
  options: { manualJobName?: string; propagationPolicy?: string } = {},
): KubectlCommand[] {
  const b = base(t);
  const out: KubectlCommand[] = [
    { label: 'Show', command: line([...b, 'get', resource(t), t.name, '-o', 'wide']) },
    { label: 'Live YAML', command: line([...b, 'get', resource(t), t.name, '-o', 'yaml']) },
    { label: 'Describe', command: line([...b, 'describe', resource(t), t.name]) },
  ];
  if (t.kind === 'CronJob') {
    out.push({
      label: 'Trigger now',
      command: line([...b, 'create', 'job', options.manualJobName ?? `${t.name}-manual`, `--from=cronjob/${t.name}`]),
    });
    out.push(...suspendAndResume(b, t));
  }
  if (t.kind === 'Job') {
    out.push({
      label: 'Logs (all pods, follow)',
      command: line([...b, 'logs', `job/${t.name}`, '--all-pods', '--all-containers', '--prefix', '--timestamps', '-f']),
    });
    out.push({
      label: 'Logs of the previous containers (the runs that crashed)',
      command: line([...b, 'logs', `job/${t.name}`, '--all-pods', '--all-containers', '--prefix', '--previous']),
    });
    out.push({
      label: 'Wait for completion',
      command: line([...b, 'wait', '--for=condition=complete', `job/${t.name}`, '--timeout=10m']),
    });
    out.push(...suspendAndResume(b, t));
    out.push({
      label: 'Delete',
      command: line([...b, 'delete', 'job', t.name, `--cascade=${(options.propagationPolicy ?? 'Background').toLowerCase()}`]),
    });
  }
  if (t.kind === 'Pod') {
    out.push({ label: 'Logs (follow)', command: line([...b, 'logs', t.name, '--all-containers', '--prefix', '-f']) });
    out.push({
      label: 'Logs of the previous container',
      command: line([...b, 'logs', t.name, '--all-containers', '--previous']),
    });
  }
  return out;
}

/** applyCommand is `kubectl apply --server-side` for a file (with `--dry-run=server` when validating). */
export function applyCommand(file: string, context: string | undefined, dryRun: boolean): string {
  return line([
    'kubectl',
    ...(context ? ['--context', context] : []),
    'apply',
    '--server-side',
    '--field-manager=kube-jobs',
    ...(dryRun ? ['--dry-run=server'] : []),
    '-f',
    file,
  ]);
}
