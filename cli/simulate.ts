/**
 * `kube-jobs simulate`: run the Job / CronJob controllers on a virtual clock and show what a
 * cluster would do with a manifest.
 *
 *   kube-jobs simulate FILE [--name NAME] [--start RFC3339] [--until RFC3339 | --for DURATION]
 *     [--pods SPEC] [--seed N] [--failure-rate F] [--durations MIN[-MAX]] [--start-latency DUR]
 *     [--timing cluster|ideal] [--format text|json] [--svg OUT.svg] [--html OUT.html]
 *
 * Exit status: 0 simulated, 2 usage error, unreadable file, a manifest that cannot run, or a
 * simulation too large to finish within a few seconds (simulate a shorter window instead).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KubernetesVersion, PodModel, SimTiming } from '../src-engine';
import { optionsOrExit } from './commandLine';
import type { CommandOutput } from './commandLine';
import { KUBERNETES_VERSION_USAGE, parseKubernetesVersionArg, versionOrExit } from './kubernetesVersionArg';
import {
  controllersNote,
  formatSimulationText,
  isKubernetesVersion,
  lintDocument,
  parseGoDuration,
  parseManifestFile,
  parseRfc3339,
  randomPodModel,
  renderSimulationHtml,
  renderSimulationSvg,
  simulate,
  simulationToJson,
  specPodModel,
} from '../src-engine';

/** Where the command reads and writes (process streams in production, buffers in tests). */
export interface SimulateCommandIo extends CommandOutput {
  stdin?: NodeJS.ReadableStream;
  /** The wall clock for the default --start (tests pass a fixed one). */
  now?: () => number;
}

export const USAGE = `usage: kube-jobs simulate FILE [options]
Simulates the Kubernetes Job and CronJob controllers for the Job or CronJob in FILE ("-" = stdin)
on a virtual clock, with pods that succeed or fail as you say.
  --name NAME           which Job/CronJob when FILE holds several
  --start TIME          RFC 3339 creation time (default: now, rounded down to the minute)
  --until TIME          RFC 3339 end of the simulation (default: a Job until it finishes,
                        plus its TTL; a CronJob 24h)
  --for DURATION        simulate this long instead (Go duration, also Nd for days: 90m, 7d)
  --pods SPEC           pod outcomes, e.g. "fail@5s:137,succeed@20s" or "1=fail@5s,succeed"
                        (default: every pod succeeds after 10s)
  --seed N              random outcomes from seed N (with --failure-rate and --durations)
  --failure-rate F      probability 0..1 that a pod fails (random model; default 0.2)
  --durations MIN[-MAX] pod run time range for the random model (default 10s-60s)
  --start-latency DUR   delay between pod creation and start (default 0s)
  --timing MODEL        cluster (default): the Job controller sees pod events in syncs batched
                        by 1 s and times are whole seconds, as on a real cluster; ideal: every
                        controller reacts at once (the model of the conformance vectors)
  --format text|json    output format (default text)
  --svg FILE            also write the timeline picture as SVG
  --html FILE           also write a standalone HTML page with the picture and events
  ${KUBERNETES_VERSION_USAGE}
A simulation that would take more than a few seconds (a Job too large to simulate pod by pod)
is refused with exit code 2; simulate a shorter window with --for or --until instead.
`;

interface Options {
  file: string;
  name?: string;
  start?: number;
  until?: number;
  forMs?: number;
  pods?: string;
  seed?: number;
  failureRate?: number;
  durations?: [number, number];
  startLatencyMs: number;
  timing: SimTiming;
  format: 'text' | 'json';
  svg?: string;
  html?: string;
  kubernetesVersion?: KubernetesVersion;
}

/** parseDurationFlag reads a Go duration, plus a whole-days form (`7d`) for convenience. */
function parseDurationFlag(text: string): number | string {
  const days = /^(\d+)d$/.exec(text);
  if (days !== null) return Number(days[1]) * 86400_000;
  const d = parseGoDuration(text);
  if (!d.ok) return d.error;
  if (d.nanoseconds < 0n) return `negative duration ${text}`;
  return Number(d.nanoseconds / 1_000_000n);
}

function parseArgs(args: readonly string[]): Options | string {
  const o: Partial<Options> & Pick<Options, 'startLatencyMs' | 'timing' | 'format'> = {
    startLatencyMs: 0,
    timing: 'cluster',
    format: 'text',
  };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
    const v = flag === '--help' ? '' : value();
    if (v === undefined) return `${flag} needs a value`;
    switch (flag) {
      case '--help':
        return 'help';
      case '--name':
        o.name = v;
        break;
      case '--start':
      case '--until': {
        const t = parseRfc3339(v);
        if (t === null) return `${flag}: not an RFC 3339 time: ${JSON.stringify(v)} (e.g. 2026-01-05T00:00:00Z)`;
        if (flag === '--start') o.start = t;
        else o.until = t;
        break;
      }
      case '--for': {
        const d = parseDurationFlag(v);
        if (typeof d === 'string') return `--for: ${d}`;
        o.forMs = d;
        break;
      }
      case '--pods':
        o.pods = v;
        break;
      case '--seed':
        if (!/^-?\d+$/.test(v)) return `--seed: not an integer: ${JSON.stringify(v)}`;
        o.seed = Number(v);
        break;
      case '--failure-rate': {
        const f = Number(v);
        if (v.trim() === '' || !Number.isFinite(f) || f < 0 || f > 1) {
          return `--failure-rate: must be a number from 0 to 1: ${JSON.stringify(v)}`;
        }
        o.failureRate = f;
        break;
      }
      case '--durations': {
        const [a, b] = v.split('-');
        const lo = parseDurationFlag(a ?? '');
        const hi = b === undefined ? lo : parseDurationFlag(b);
        if (typeof lo === 'string') return `--durations: ${lo}`;
        if (typeof hi === 'string') return `--durations: ${hi}`;
        o.durations = [Math.min(lo, hi), Math.max(lo, hi)];
        break;
      }
      case '--start-latency': {
        const d = parseDurationFlag(v);
        if (typeof d === 'string') return `--start-latency: ${d}`;
        o.startLatencyMs = d;
        break;
      }
      case '--timing':
        if (v !== 'cluster' && v !== 'ideal') return `--timing: expected cluster or ideal, got ${JSON.stringify(v)}`;
        o.timing = v;
        break;
      case '--format':
        if (v !== 'text' && v !== 'json') return `--format: expected text or json, got ${JSON.stringify(v)}`;
        o.format = v;
        break;
      case '--svg':
        o.svg = v;
        break;
      case '--html':
        o.html = v;
        break;
      case '--kubernetes-version': {
        const version = parseKubernetesVersionArg(v, '--kubernetes-version');
        if (!isKubernetesVersion(version)) return version;
        o.kubernetesVersion = version;
        break;
      }
      default:
        return `unknown option ${flag}`;
    }
  }
  if (positional.length !== 1) return positional.length === 0 ? 'missing FILE' : `expected one FILE, got ${positional.length}`;
  if (o.until !== undefined && o.forMs !== undefined) return 'give --until or --for, not both';
  if (o.pods !== undefined && (o.seed !== undefined || o.failureRate !== undefined || o.durations !== undefined)) {
    return '--pods cannot be combined with the random model (--seed, --failure-rate, --durations)';
  }
  return { ...o, file: positional[0] as string };
}

async function readInput(file: string, io: SimulateCommandIo): Promise<string> {
  if (file !== '-') return fs.promises.readFile(file, 'utf8');
  const stdin = io.stdin;
  if (stdin === undefined) throw new Error('no standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** runSimulateCommand implements `kube-jobs simulate`; resolves to the exit status. */
export async function runSimulateCommand(args: readonly string[], io: SimulateCommandIo): Promise<number> {
  const parsed = optionsOrExit('simulate', USAGE, parseArgs(args), io);
  if (typeof parsed === 'number') return parsed;
  let text: string;
  try {
    text = await readInput(parsed.file, io);
  } catch (error) {
    io.stderr.write(
      `kube-jobs simulate: cannot read ${parsed.file}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const file = parseManifestFile(text);
  if (file.skipped !== undefined) {
    io.stderr.write(`kube-jobs simulate: ${parsed.file}: ${file.skipped.message}\n`);
    return 2;
  }
  const workloads = file.documents.filter((d) => d.workload !== undefined);
  let doc = workloads[0];
  if (parsed.name !== undefined) {
    doc = workloads.find((d) => d.name === parsed.name);
    if (doc === undefined) {
      io.stderr.write(
        `kube-jobs simulate: ${parsed.file} has no Job or CronJob named ${JSON.stringify(parsed.name)}; it has: ${names(workloads)}\n`,
      );
      return 2;
    }
  } else if (workloads.length > 1) {
    io.stderr.write(
      `kube-jobs simulate: ${parsed.file} holds ${workloads.length} Jobs/CronJobs; pick one with --name: ${names(workloads)}\n`,
    );
    return 2;
  }
  if (doc?.workload === undefined) {
    io.stderr.write(`kube-jobs simulate: ${parsed.file} holds no batch/v1 Job or CronJob\n`);
    return 2;
  }
  const version = versionOrExit('simulate', parsed.kubernetesVersion, io);
  if (typeof version === 'number') return version;
  const errors = lintDocument(doc, { kubernetesVersion: version }).filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    io.stderr.write(
      `kube-jobs simulate: ${doc.kind ?? 'object'} ${doc.name ?? ''} would be rejected by the API server, so it cannot run:\n`,
    );
    for (const f of errors) {
      io.stderr.write(
        `  ${parsed.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.field === '' ? '' : `${f.field}: `}${f.message} [${f.rule}]\n`,
      );
    }
    return 2;
  }
  const model = buildModel(parsed);
  if (typeof model === 'string') {
    io.stderr.write(`kube-jobs simulate: --pods: ${model}\n`);
    return 2;
  }
  const start = parsed.start ?? Math.floor((io.now ?? Date.now)() / 60000) * 60000;
  const until = parsed.until ?? (parsed.forMs !== undefined ? start + parsed.forMs : undefined);
  if (until !== undefined && until < start) {
    io.stderr.write(`kube-jobs simulate: --until is before --start\n`);
    return 2;
  }
  const result = simulate(doc.workload, doc.value, {
    start,
    ...(until !== undefined ? { until } : {}),
    podModel: model,
    timing: parsed.timing,
  });
  if (!result.ok) {
    if (result.tooLarge === true) io.stderr.write(`kube-jobs simulate: ${result.errors.join(' ')} Use --for or --until.\n`);
    else {
      const why = result.errors.map((e) => `  ${e}\n`).join('');
      io.stderr.write(`kube-jobs simulate: ${doc.kind ?? 'object'} ${doc.name ?? ''} cannot run:\n${why}`);
    }
    return 2;
  }
  const sim = result.simulation;
  // A simulation that stopped early is refused rather than shown as if it were complete.
  if (sim.stopped !== null) {
    io.stderr.write(`kube-jobs simulate: ${sim.kind} ${sim.name}: ${sim.stopped.message} Use --for or --until.\n`);
    return 2;
  }
  const summary = formatSimulationText(sim);
  try {
    if (parsed.svg !== undefined) writeOut(parsed.svg, renderSimulationSvg(sim));
    if (parsed.html !== undefined) writeOut(parsed.html, renderSimulationHtml(sim, { summary }));
  } catch (error) {
    io.stderr.write(`kube-jobs simulate: cannot write: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const withNote = `${summary}\n${controllersNote(version)}\n`;
  io.stdout.write(parsed.format === 'json' ? JSON.stringify(simulationToJson(sim), null, 2) + '\n' : withNote);
  return 0;
}

function writeOut(file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, content);
}

function names(docs: readonly { kind?: string; name?: string }[]): string {
  return docs.map((d) => `${d.kind ?? '?'}/${d.name ?? '(no name)'}`).join(', ');
}

function buildModel(o: Options): PodModel | string {
  if (o.seed !== undefined || o.failureRate !== undefined || o.durations !== undefined) {
    const [lo, hi] = o.durations ?? [10_000, 60_000];
    return randomPodModel({
      seed: o.seed ?? 1,
      failureRate: o.failureRate ?? 0.2,
      minDurationMs: lo,
      maxDurationMs: hi,
      startLatencyMs: o.startLatencyMs,
    });
  }
  const m = specPodModel(o.pods ?? 'succeed@10s', o.startLatencyMs);
  return m.ok ? m.model : m.error;
}
