/**
 * `kube-jobs run`: run a Job or CronJob on this machine with the engine's own controllers on
 * a real clock, each container a process group (or a docker/podman container).
 *
 *   kube-jobs run FILE [--name NAME] [--runtime process|docker|podman] [--time-scale N]
 *                      [--env-file F]... [--cron-now | --cron-schedule] [--yes]
 *
 * Exit status: 0 the Job completed, 1 it failed (or was cancelled), 2 bad input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuntimeKind } from '../runner/backend';
import { refKeyOf, setPromptedValue } from '../runner/env';
import type { LocalPod, LogLine } from '../runner/localPod';
import { RunInputError, lintErrorsOf, prepareLocalRun } from '../runner/localRun';
import type { KubernetesVersion } from '../src-engine';
import { controllersNote, isKubernetesVersion } from '../src-engine';
import { optionsOrExit } from './commandLine';
import { KUBERNETES_VERSION_USAGE, parseKubernetesVersionArg, versionOrExit } from './kubernetesVersionArg';
import type { LocalRunHandle, LocalRunRequest } from '../runner/localRun';
import { askSecret, confirm } from '../runner/prompt';
import type { PromptIo } from '../runner/prompt';
import type { TimelineEvent } from '../runner/records';
import { LIVE_SPILL_FILE } from '../runner/records';
import { LiveOutput } from '../runner/liveOutput';
import type { LiveSink } from '../runner/liveOutput';
import { formatPreview } from '../runner/runPlan';

export interface RunCommandIo {
  /** Live output; a Node stream's back-pressure and errors (EPIPE, EIO) are heeded. */
  stdout: LiveSink;
  stderr: { write(text: string): unknown; on?(event: 'error', listener: (error: Error) => void): unknown };
  stdin: PromptIo['stdin'];
  /** Directory the run folder goes under (default: process.cwd()). */
  cwd?: string;
  /** Install SIGINT/SIGTERM handlers that cancel the run (the real CLI; tests leave it off). */
  handleSignals?: boolean;
  /** Lets tests cancel a run as Ctrl-C would. */
  onStarted?: (run: LocalRunHandle) => void;
  /** Checks a document like `kube-jobs lint`; error findings stop the run. */
  lint?: LocalRunRequest['lint'];
}

export const USAGE = `usage: kube-jobs run FILE [--name NAME] [--runtime process|docker|podman] [--time-scale N]
                     [--env-file F]... [--cron-now | --cron-schedule] [--wait-ttl] [--yes]
Runs a Job (or a CronJob's Job) on this machine with the Job and CronJob controllers'
own rules: completions, parallelism, backoff, backoffLimit, activeDeadlineSeconds,
podFailurePolicy, Indexed mode, TTL; a CronJob now or on its schedule.
  --name NAME       the Job/CronJob to run when the file has several
  --runtime R       process (default: each container's command + args as a host process,
                    no image), docker or podman (the image, with resource limits)
  --time-scale N    run the controllers' clock N times faster (backoff delays, deadlines,
                    TTL, schedule waits are divided by N; processes run in real time)
  --env-file F      values for configMapKeyRef/secretKeyRef/envFrom: lines NAME/KEY=value,
                    secret/NAME/KEY=value, configmap/NAME/KEY=value or ENV_VAR=value
  --cron-now        CronJob: create one Job from its template now
  --cron-schedule   CronJob: run the CronJob controller on its schedule until Ctrl-C
  --wait-ttl        after the Job finishes, stay until its ttlSecondsAfterFinished deletes
                    it (scaled by --time-scale); by default the command ends with the Job
  --yes             do not ask for confirmation
  ${KUBERNETES_VERSION_USAGE.replace('--kubernetes-version V  ', '--kubernetes-version V\n                    ')}
Records go to .kube-jobs/runs/<timestamp>-<name>/ (pods, exit codes, logs, timeline).
Exit status: 0 the Job completed, 1 it failed or was cancelled, 2 bad input.
`;

interface RunArgs {
  file: string;
  name?: string;
  runtime: RuntimeKind;
  timeScale: number;
  envFiles: string[];
  cron?: 'now' | 'schedule';
  waitTtl: boolean;
  yes: boolean;
  help: boolean;
  kubernetesVersion?: KubernetesVersion;
}

export function parseRunArgs(args: readonly string[]): RunArgs | string {
  const out: Partial<RunArgs> & { envFiles: string[] } = {
    envFiles: [],
    runtime: 'process',
    timeScale: 1,
    waitTtl: false,
    yes: false,
    help: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--help':
      case '-h':
        out.help = true;
        break;
      case '--name': {
        const v = value();
        if (v === undefined || v === '') return '--name needs a value';
        out.name = v;
        break;
      }
      case '--runtime': {
        const v = value();
        if (v !== 'process' && v !== 'docker' && v !== 'podman') {
          return `--runtime must be process, docker or podman, got ${v ?? 'nothing'}`;
        }
        out.runtime = v;
        break;
      }
      case '--time-scale': {
        const v = value();
        const n = Number(v);
        if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n <= 0) {
          return `--time-scale must be a positive number, got ${v ?? 'nothing'}`;
        }
        out.timeScale = n;
        break;
      }
      case '--env-file': {
        const v = value();
        if (v === undefined || v === '') return '--env-file needs a file';
        out.envFiles.push(v);
        break;
      }
      case '--cron-now':
      case '--cron-schedule': {
        const mode = flag === '--cron-now' ? 'now' : 'schedule';
        if (out.cron !== undefined && out.cron !== mode) return '--cron-now and --cron-schedule exclude each other';
        out.cron = mode;
        break;
      }
      case '--wait-ttl':
        out.waitTtl = true;
        break;
      case '--yes':
      case '-y':
        out.yes = true;
        break;
      case '--kubernetes-version': {
        const version = parseKubernetesVersionArg(value(), '--kubernetes-version');
        if (!isKubernetesVersion(version)) return version;
        out.kubernetesVersion = version;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
        if (out.file !== undefined) return `one FILE only (got ${out.file} and ${arg})`;
        out.file = arg;
    }
  }
  if (out.help) return 'help';
  if (out.file === undefined) return 'FILE is required';
  return out as RunArgs;
}

/** clockTime renders a wall-clock time as HH:MM:SS.mmm (local time, for live output). */
function clockTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** runRunCommand runs `kube-jobs run` with the arguments after `run`; resolves to the exit status. */
export async function runRunCommand(args: readonly string[], io: RunCommandIo): Promise<number> {
  const parsed = optionsOrExit('run', USAGE, parseRunArgs(args), io);
  if (typeof parsed === 'number') return parsed;
  const version = versionOrExit('run', parsed.kubernetesVersion, io);
  if (typeof version === 'number') return version;
  const cwd = io.cwd ?? process.cwd();
  const file = path.resolve(cwd, parsed.file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    io.stderr.write(`kube-jobs run: cannot read ${parsed.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 2;
  }
  let prepared;
  try {
    prepared = await prepareLocalRun({
      text,
      file,
      ...(parsed.name === undefined ? {} : { name: parsed.name }),
      runtime: parsed.runtime,
      timeScale: parsed.timeScale,
      envFiles: parsed.envFiles,
      ...(parsed.cron === undefined ? {} : { cron: parsed.cron }),
      workspace: cwd,
      lint: io.lint ?? ((lintFile, doc) => lintErrorsOf(lintFile, doc, version)),
    });
  } catch (error) {
    if (!(error instanceof RunInputError)) throw error;
    io.stderr.write(`kube-jobs run: ${error.message}\n${error.details.map((d) => `  ${d}\n`).join('')}`);
    return 2;
  }

  const interactive = io.stdin.isTTY === true;
  const extras = [
    parsed.timeScale === 1 ? '' : `time scale ${parsed.timeScale}`,
    parsed.cron === 'now' ? 'one Job now' : parsed.cron === 'schedule' ? 'on its schedule until Ctrl-C' : '',
  ].filter((s) => s !== '');
  io.stderr.write(`${formatPreview(prepared.preview, extras)}\n${controllersNote(version)}\n`);
  if (prepared.missing.length > 0) {
    if (!interactive) {
      io.stderr.write(
        `kube-jobs run: values needed for:\n${prepared.missing.map((m) => `  ${describeRef(m)}\n`).join('')}give them in an --env-file (lines ${prepared.missing.map(refKeyOf).join(', ')}=…)\n`,
      );
      return 2;
    }
    for (const ref of prepared.missing) {
      const format = ref.key === undefined ? ', as KEY=value;KEY2=value2' : '';
      const value = await askSecret(
        io,
        `Value for ${describeRef(ref)} (${ref.kind === 'secret' ? 'hidden, ' : ''}not stored${format})`,
      );
      if (value === undefined) {
        io.stderr.write('kube-jobs run: no value given; nothing was run\n');
        return 2;
      }
      setPromptedValue(prepared.values, ref, value);
    }
  }
  if (!parsed.yes) {
    if (!interactive) {
      io.stderr.write('kube-jobs run: not a terminal, so there is no one to confirm: pass --yes to run\n');
      return 2;
    }
    if (!(await confirm(io, 'Run these commands?'))) {
      io.stderr.write('Nothing was run.\n');
      return 2;
    }
  }

  const multiContainer =
    (prepared.preview.podSpec?.containers.length ?? 1) + (prepared.preview.podSpec?.initContainers.length ?? 0) > 1;
  const phases = new Map<string, string>();
  // A closed stderr (the terminal went away) must not crash the run either.
  io.stderr.on?.('error', () => undefined);
  // The reader of stdout may be slow (a pager, a slow terminal) or gone (| head): the run goes on at
  // its own pace with bounded memory, or, when nobody reads any more, is cancelled and recorded so.
  const current: { run?: LocalRunHandle } = {};
  const live = new LiveOutput(io.stdout, {
    spillFile: () => (current.run === undefined ? undefined : path.join(current.run.recordDir, LIVE_SPILL_FILE)),
    onBroken: (error) => {
      io.stderr.write(`kube-jobs run: standard output was closed (${error.code ?? error.message}): stopping every pod\n`);
      void current.run?.cancel(`Cancelled: the output was closed (${error.code ?? error.message})`);
    },
  });
  const out = (line: string): void => live.line(line);
  const run = prepared.start({
    // Pod-level entries of the timeline are shown as the pod status lines below instead.
    onEvent: (e: TimelineEvent) =>
      e.object.startsWith('Pod/') ||
      out(`${clockTime(e.at)}  ${e.type === 'Warning' ? 'Warning ' : ''}${e.reason.padEnd(17)} ${e.object}: ${e.message}`),
    onLog: (l: LogLine) => out(`[${l.pod}${multiContainer ? `/${l.container}` : ''}] ${l.line}`),
    onChange: () => {
      for (const job of run.jobs()) for (const pod of job.pods) reportPhase(pod);
    },
  });
  const reportPhase = (pod: LocalPod): void => {
    const phase = `${pod.phase}${pod.deletionTimestamp !== undefined && pod.phase !== 'Succeeded' && pod.phase !== 'Failed' ? ' (terminating)' : ''}`;
    if (phases.get(pod.name) === phase) return;
    phases.set(pod.name, phase);
    const exits = [...pod.status.initContainerStatuses, ...pod.status.containerStatuses]
      .map((s) =>
        'terminated' in s.state
          ? `${s.name} exit ${s.state.terminated.exitCode}${s.state.terminated.reason === 'StartError' ? ' (StartError)' : ''}`
          : undefined,
      )
      .filter((s) => s !== undefined);
    const restarts = pod.status.containerStatuses.reduce((n, s) => n + s.restartCount, 0);
    out(
      `${clockTime(Date.now())}  pod ${pod.name}${pod.options.completionIndex === undefined ? '' : ` (index ${pod.options.completionIndex})`}: ${phase}${exits.length > 0 && (pod.phase === 'Succeeded' || pod.phase === 'Failed') ? ` — ${exits.join(', ')}` : ''}${restarts > 0 ? `, ${restarts} restart${restarts === 1 ? '' : 's'}` : ''}`,
    );
  };
  current.run = run;
  io.onStarted?.(run);

  let interrupted = 0;
  let finished = false;
  const onSignal = (): void => {
    // After the Job finished only the TTL wait is left; its own handler ends it.
    if (finished) return;
    interrupted++;
    if (interrupted === 1) {
      io.stderr.write('\nStopping every pod (Ctrl-C again to kill at once)…\n');
      void run.cancel(parsed.cron === 'schedule' ? 'Stopped by the user' : 'Cancelled by the user (Ctrl-C)');
    } else {
      run.forceKill();
    }
  };
  // A closed terminal hangs up: nobody is left to watch or to press Ctrl-C, so stop like Ctrl-C.
  const onHangup = (): void => {
    if (finished || interrupted > 0) return;
    interrupted++;
    void run.cancel('Cancelled: the terminal was closed (SIGHUP)');
  };
  if (io.handleSignals === true) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onHangup);
  }
  try {
    const result = await run.finished;
    finished = true;
    const what =
      prepared.kind === 'CronJob' && parsed.cron === 'schedule'
        ? `CronJob ${prepared.name}`
        : `Job ${run.jobs()[0]?.job.name ?? prepared.name}`;
    let code: number;
    if (result.result === 'Complete') {
      out(`${what} completed${result.reason === undefined ? '' : ` (${result.reason})`}.`);
      code = 0;
    } else if (result.result === 'Failed') {
      out(`${what} failed: ${result.reason ?? ''}${result.message === undefined ? '' : `: ${result.message}`}`);
      code = 1;
    } else if (parsed.cron === 'schedule') {
      const jobs = run.jobs();
      out(
        `${what} stopped after ${jobs.length} Job${jobs.length === 1 ? '' : 's'}: ${jobs.map((j) => `${j.job.name} ${j.result?.result ?? 'Cancelled'}`).join(', ') || 'none'}.`,
      );
      code = 0;
    } else {
      out(`${what} cancelled: every pod was stopped.`);
      code = 1;
    }
    const job = run.jobs()[0]?.job;
    const ttl = job?.spec.ttlSecondsAfterFinished;
    if (result.result !== 'Cancelled' && ttl !== null && ttl !== undefined && interrupted === 0) {
      if (parsed.waitTtl) {
        out(
          `ttlSecondsAfterFinished ${ttl}: waiting for the TTL controller to delete the Job${parsed.timeScale === 1 ? '' : ` (${(ttl / parsed.timeScale).toFixed(1)} s real time)`}; Ctrl-C to stop waiting.`,
        );
        await Promise.race([
          run.ttlDeleted,
          new Promise<void>((resolve) => process.once('SIGINT', resolve)),
          new Promise<void>((resolve) => process.once('SIGTERM', resolve)),
          new Promise<void>((resolve) => process.once('SIGHUP', resolve)),
        ]);
      } else {
        // A person running a Job wants the command back when the Job is done; the TTL is
        // what a cluster would do next, so say when, and keep the record.
        out(
          `ttlSecondsAfterFinished ${ttl}: a cluster would delete the Job ${ttl} s after it finished (--wait-ttl waits for that here).`,
        );
        run.stopTtl();
      }
    }
    out(`Run record: ${path.relative(cwd, run.recordDir) || run.recordDir}`);
    return code;
  } finally {
    if (io.handleSignals === true) {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      process.removeListener('SIGHUP', onHangup);
    }
    // A slow reader may still be catching up (from the spill file); Ctrl-C now just ends the command.
    await live.flushed();
    live.dispose();
  }
}

function describeRef(ref: { kind: string; name: string; key?: string; envName?: string; container: string }): string {
  return `${ref.kind} ${ref.name}${ref.key === undefined ? ' (envFrom)' : `/${ref.key}`}${ref.envName === undefined ? '' : ` (env ${ref.envName} of container ${ref.container})`}`;
}
