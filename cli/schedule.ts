/**
 * `kube-jobs schedule`: validate a CronJob schedule the way the API server does and list its
 * next runs the way the CronJob controller computes them.
 *
 *   kube-jobs schedule EXPR [--time-zone TZ] [--from RFC3339] [--count N] [--format text|json]
 *   kube-jobs schedule --jsonl   < requests.jsonl   (one {"schedule","timeZone","from","count"} per line)
 *
 * Exit status: 0 valid, 1 invalid, 2 usage error (with --jsonl: 0 once every line is answered).
 */
import * as readline from 'node:readline';
import type { ScheduleProblem } from '../src-engine';
import { describeSchedule, formatUtcOffset, nextRuns, parseStandard, validateCronJobSchedule, zoneOffsetAt } from '../src-engine';
import { optionsOrExit } from './commandLine';
import type { CommandOutput } from './commandLine';

/** Where the command reads and writes (process streams in production, buffers in tests). */
export interface ScheduleCommandIo extends CommandOutput {
  stdin: NodeJS.ReadableStream;
}

/** The answer for one schedule, as printed by --format json and --jsonl. */
export interface ScheduleAnswer {
  valid: boolean;
  description?: string;
  next?: string[];
  error?: string;
  problems?: ScheduleProblem[];
}

export const USAGE = `usage: kube-jobs schedule EXPR [--time-zone TZ] [--from RFC3339] [--count N] [--format text|json]
       kube-jobs schedule --jsonl < requests.jsonl
Validates a CronJob spec.schedule (and spec.timeZone) as the Kubernetes API server does and
prints its next run times as the CronJob controller computes them (robfig/cron v3).
  --time-zone TZ   spec.timeZone (IANA name, case-sensitive); default: none (UTC)
  --from TIME      RFC 3339 instant to search from (default: now); runs are strictly after it
  --count N        how many runs to list (default 5, at most ${'100000'})
  --format F       text (default) or json
  --jsonl          read {"schedule","timeZone","from","count"} per stdin line, answer one JSON object per line
`;

const DEFAULT_COUNT = 5;
const MAX_COUNT = 100_000;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** runScheduleCommand runs `kube-jobs schedule` with the arguments after `schedule`; resolves to the exit status. */
export async function runScheduleCommand(args: string[], io: ScheduleCommandIo): Promise<number> {
  const parsed = optionsOrExit('schedule', USAGE, parseArgs(args), io);
  if (typeof parsed === 'number') return parsed;
  if (parsed.jsonl) return runJsonl(io, parsed.nowMs);
  const answer = answerSchedule(parsed.expr as string, parsed.timeZone, parsed.fromMs ?? parsed.nowMs, parsed.count);
  if (parsed.format === 'json') {
    io.stdout.write(JSON.stringify(answer) + '\n');
  } else {
    io.stdout.write(renderText(answer, parsed.expr as string, parsed.timeZone, parsed.fromMs ?? parsed.nowMs));
  }
  return answer.valid ? 0 : 1;
}

interface ParsedArgs {
  expr?: string;
  timeZone?: string;
  fromMs?: number;
  count: number;
  format: 'text' | 'json';
  jsonl: boolean;
  help: boolean;
  nowMs: number;
}

function parseArgs(args: string[]): ParsedArgs | string {
  const out: ParsedArgs = { count: DEFAULT_COUNT, format: 'text', jsonl: false, help: false, nowMs: Date.now() };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const takeValue = (): string | undefined => {
      if (eq >= 0) return arg.slice(eq + 1);
      i++;
      return args[i];
    };
    switch (name) {
      case '--help':
        out.help = true;
        break;
      case '--jsonl':
        out.jsonl = true;
        break;
      case '--time-zone':
      case '--timezone': {
        const v = takeValue();
        if (v === undefined) return `${name} needs a value`;
        out.timeZone = v;
        break;
      }
      case '--from': {
        const v = takeValue();
        if (v === undefined) return '--from needs a value';
        const ms = parseRfc3339(v);
        if (ms === undefined) return `--from: not an RFC 3339 time: ${JSON.stringify(v)} (example: 2026-03-29T00:00:00Z)`;
        out.fromMs = ms;
        break;
      }
      case '--count': {
        const v = takeValue();
        const n = v !== undefined && /^[0-9]+$/.test(v) ? Number(v) : NaN;
        if (!(n >= 0 && n <= MAX_COUNT)) {
          return `--count: expected a whole number from 0 to ${MAX_COUNT}, got ${JSON.stringify(v ?? '')}`;
        }
        out.count = n;
        break;
      }
      case '--format': {
        const v = takeValue();
        if (v !== 'text' && v !== 'json') return `--format: expected text or json, got ${JSON.stringify(v ?? '')}`;
        out.format = v;
        break;
      }
      default:
        return `unknown option ${name}`;
    }
  }
  if (out.help) return 'help';
  if (out.jsonl) {
    if (positional.length > 0) return '--jsonl reads schedules from stdin; do not also give EXPR';
    return out;
  }
  if (positional.length === 0) return 'missing EXPR (quote it: kube-jobs schedule "0 3 * * *")';
  // An unquoted schedule arrives as several words; rejoin them with single spaces.
  out.expr = positional.join(' ');
  return out;
}

function parseRfc3339(text: string): number | undefined {
  if (!RFC3339.test(text)) return undefined;
  const ms = Date.parse(text.replace(' ', 'T').toUpperCase());
  return Number.isFinite(ms) ? ms : undefined;
}

/** answerSchedule validates like the API server (create) and lists `count` runs after `fromMs`. */
export function answerSchedule(schedule: string, timeZone: string | undefined, fromMs: number, count: number): ScheduleAnswer {
  const problems = validateCronJobSchedule(schedule, timeZone);
  if (problems.length > 0) {
    const first = problems[0] as ScheduleProblem;
    const error = first.type === 'Required value' ? `${first.field}: Required value` : first.message;
    return { valid: false, error, problems };
  }
  const parsed = parseStandard(schedule);
  if (!parsed.ok) return { valid: false, error: parsed.error };
  const next = nextRuns(parsed.schedule, fromMs, count, timeZone).map(formatUtc);
  return { valid: true, description: describeSchedule(parsed.schedule, timeZone), next };
}

/** formatUtc renders epoch ms as RFC 3339 in UTC with whole seconds and `Z`. */
function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function renderText(answer: ScheduleAnswer, expr: string, timeZone: string | undefined, fromMs: number): string {
  if (!answer.valid) {
    const lines = [
      `invalid schedule ${JSON.stringify(expr)}${timeZone !== undefined ? ` with timeZone ${JSON.stringify(timeZone)}` : ''}:`,
    ];
    for (const p of answer.problems ?? []) {
      lines.push(`  ${p.field}: ${p.type}${p.message !== '' ? `: ${p.message}` : ''}`);
    }
    if ((answer.problems ?? []).length === 0 && answer.error !== undefined) lines.push(`  ${answer.error}`);
    return lines.join('\n') + '\n';
  }
  const zone = timeZone ?? 'UTC';
  const lines = [
    answer.description ?? '',
    `Next runs after ${formatUtc(fromMs)}${timeZone === undefined ? ' (no timeZone: UTC)' : ''}:`,
  ];
  const next = answer.next ?? [];
  if (next.length === 0) lines.push('  none within the next five years (the controller reports InvalidSchedule)');
  for (const iso of next) {
    const ms = Date.parse(iso);
    lines.push(`  ${formatInZone(ms, timeZone)} ${zone}   ${iso}`);
  }
  return lines.join('\n') + '\n';
}

/** `2026-03-29 03:00:00 +02:00`: wall time in the zone with its offset. */
function formatInZone(ms: number, timeZone: string | undefined): string {
  const offset = zoneOffsetAt(timeZone, ms);
  const wall = new Date(ms + offset * 1000).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 19)} ${formatUtcOffset(offset)}`;
}

interface JsonlRequest {
  schedule?: unknown;
  timeZone?: unknown;
  from?: unknown;
  count?: unknown;
}

async function runJsonl(io: ScheduleCommandIo, nowMs: number): Promise<number> {
  const lines = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    io.stdout.write(JSON.stringify(answerJsonlLine(line, nowMs)) + '\n');
  }
  return 0;
}

/** answerJsonlLine answers one --jsonl request line; malformed lines get `{"valid":false,"error":"bad request: …"}`. */
export function answerJsonlLine(line: string, nowMs: number): ScheduleAnswer {
  let request: JsonlRequest;
  try {
    const value: unknown = JSON.parse(line);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return badRequest('expected a JSON object');
    request = value as JsonlRequest;
  } catch (err) {
    return badRequest(`not JSON: ${(err as Error).message}`);
  }
  if (typeof request.schedule !== 'string') return badRequest('"schedule" must be a string');
  if (request.timeZone !== undefined && request.timeZone !== null && typeof request.timeZone !== 'string') {
    return badRequest('"timeZone" must be a string or null');
  }
  let fromMs = nowMs;
  if (request.from !== undefined && request.from !== null) {
    const ms = typeof request.from === 'string' ? parseRfc3339(request.from) : undefined;
    if (ms === undefined) return badRequest('"from" must be an RFC 3339 time');
    fromMs = ms;
  }
  let count = DEFAULT_COUNT;
  if (request.count !== undefined && request.count !== null) {
    if (typeof request.count !== 'number' || !Number.isInteger(request.count) || request.count < 0 || request.count > MAX_COUNT) {
      return badRequest(`"count" must be a whole number from 0 to ${MAX_COUNT}`);
    }
    count = request.count;
  }
  const timeZone = typeof request.timeZone === 'string' ? request.timeZone : undefined;
  try {
    return answerSchedule(request.schedule, timeZone, fromMs, count);
  } catch (err) {
    return { valid: false, error: `internal error: ${(err as Error).message}` };
  }
}

function badRequest(message: string): ScheduleAnswer {
  return { valid: false, error: `bad request: ${message}` };
}
