/**
 * `kube-jobs lint`: check Job and CronJob manifests the way the API server would on create,
 * plus best-practice advice. Output as compiler-style text, JSON or SARIF 2.1.0.
 * Exit status: 0 no error, 1 at least one error finding, 2 usage or read error.
 */
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding, KubernetesVersion, LintOptions, ManifestFile, RuleInfo, Severity } from '../src-engine';
import {
  DEFAULT_MAX_LENGTH,
  KUBERNETES_VERSIONS,
  RULES,
  isKubernetesVersion,
  lintFile,
  parseManifestFile,
  tooLargeMessage,
} from '../src-engine';
import { optionsOrExit } from './commandLine';
import type { CommandOutput } from './commandLine';
import { KUBERNETES_VERSION_USAGE, parseKubernetesVersionArg, versionOrExit } from './kubernetesVersionArg';

export interface LintCommandIo extends CommandOutput {
  /** Read for the path `-`. */
  stdin?: NodeJS.ReadableStream;
  /** Base for relative paths in the output (default: process.cwd()). */
  cwd?: string;
  /** Where KUBE_JOBS_KUBERNETES_VERSION is read (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

type Format = 'text' | 'json' | 'sarif';

const VERSIONS = KUBERNETES_VERSIONS.join('|');
export const USAGE = `usage: kube-jobs lint [--format text|json|sarif] [--rule ID=off|error|warning|info|hint]...
                      [--kubernetes-version ${VERSIONS}] PATH...

Checks Job and CronJob manifests as the API server would on create (errors) and reports
best-practice advice (warnings, infos, hints). Directories are searched for *.yaml and *.yml
files (node_modules and dot-directories are skipped); - reads standard input.
${KUBERNETES_VERSION_USAGE}:
  the API server whose fields, feature gates and rules judge the manifests.
Exit status: 0 no errors, 1 errors found, 2 usage or read error.
`;

const LEVELS: ReadonlySet<string> = new Set(['off', 'error', 'warning', 'info', 'hint']);

interface ParsedArgs {
  readonly format: Format;
  readonly rules: Record<string, Severity | 'off'>;
  readonly paths: string[];
  readonly kubernetesVersion?: KubernetesVersion;
}

function parseArgs(args: readonly string[]): ParsedArgs | string | 'help' {
  let format: Format = 'text';
  let kubernetesVersion: KubernetesVersion | undefined;
  const rules: Record<string, Severity | 'off'> = {};
  const paths: string[] = [];
  const known = new Set(RULES.map((r) => r.id));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const take = (name: string): string | undefined => {
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      i++;
      return args[i];
    };
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = take('--format');
      if (value !== 'text' && value !== 'json' && value !== 'sarif') {
        return `--format must be text, json or sarif, not ${JSON.stringify(value ?? '')}`;
      }
      format = value;
    } else if (arg === '--rule' || arg.startsWith('--rule=')) {
      const value = take('--rule') ?? '';
      const eq = value.lastIndexOf('=');
      const id = value.slice(0, eq);
      const level = value.slice(eq + 1);
      if (eq <= 0 || !LEVELS.has(level)) return `--rule wants ID=off|error|warning|info|hint, not ${JSON.stringify(value)}`;
      if (!known.has(id)) return `unknown rule ${JSON.stringify(id)}; rules: ${[...known].join(', ')}`;
      rules[id] = level as Severity | 'off';
    } else if (arg === '--kubernetes-version' || arg.startsWith('--kubernetes-version=')) {
      const version = parseKubernetesVersionArg(take('--kubernetes-version'), '--kubernetes-version');
      if (!isKubernetesVersion(version)) return version;
      kubernetesVersion = version;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option ${arg}`;
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) return 'no PATH given';
  return { format, rules, paths, ...(kubernetesVersion ? { kubernetesVersion } : {}) };
}

/** One checked file. */
interface FileResult {
  readonly path: string;
  readonly findings: Finding[];
}

/** runLintCommand runs `kube-jobs lint ARGS`; resolves to the exit status. */
export async function runLintCommand(args: string[], io: LintCommandIo): Promise<number> {
  const parsed = optionsOrExit('lint', USAGE, parseArgs(args), io);
  if (typeof parsed === 'number') return parsed;
  const cwd = io.cwd ?? process.cwd();
  const version = versionOrExit('lint', parsed.kubernetesVersion, io, io.env ?? process.env);
  if (typeof version === 'number') return version;
  const options: LintOptions = { rules: parsed.rules, kubernetesVersion: version };
  const results: FileResult[] = [];
  let readFailed = false;
  const fail = (target: string, error: unknown): void => {
    readFailed = true;
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT'
        ? 'no such file or directory'
        : error instanceof Error
          ? error.message
          : String(error);
    io.stderr.write(`kube-jobs lint: cannot read ${target}: ${reason}\n`);
  };
  for (const target of parsed.paths) {
    if (target === '-') {
      try {
        const read = io.stdin ? await readBounded(io.stdin) : '';
        results.push({ path: '<stdin>', findings: lintFile(manifestOf(read), options) });
      } catch (error) {
        fail('<stdin>', error);
      }
      continue;
    }
    const absolute = path.resolve(cwd, target);
    let files: string[];
    try {
      files = await expand(absolute);
    } catch (error) {
      fail(target, error);
      continue;
    }
    for (const file of files) {
      let read: string | TooLarge;
      try {
        read = await readFileBounded(file);
      } catch (error) {
        fail(displayPath(cwd, file), error);
        continue;
      }
      results.push({ path: displayPath(cwd, file), findings: lintFile(manifestOf(read), options) });
    }
  }
  if (parsed.format === 'json') io.stdout.write(JSON.stringify(toJson(results, version)) + '\n');
  else if (parsed.format === 'sarif') io.stdout.write(JSON.stringify(toSarif(results, version), null, 2) + '\n');
  else io.stdout.write(toText(results, version));
  if (readFailed) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** expand lists the YAML files under a path (the path itself when it is a file). */
async function expand(target: string): Promise<string[]> {
  const stat = await fs.stat(target);
  if (!stat.isDirectory()) return [target];
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) out.push(full);
    }
  };
  await walk(target);
  return out;
}

function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * Input is read up to a bound, like the 8 MiB of characters the engine checks: at most 3 bytes
 * of UTF-8 per character, so a longer input is over the limit whatever it holds. Past the
 * bound reading stops (and the stream is closed): `lint - < /dev/zero` answers at once.
 */
const MAX_INPUT_BYTES = 3 * DEFAULT_MAX_LENGTH + 3;

/** An input that was not read to its end because it is over the limit. */
interface TooLarge {
  readonly tooLarge: string;
}

function manifestOf(read: string | TooLarge): ManifestFile {
  if (typeof read === 'string') return parseManifestFile(read);
  return { text: '', documents: [], skipped: { reason: 'tooLarge', message: read.tooLarge } };
}

async function readBounded(stream: NodeJS.ReadableStream): Promise<string | TooLarge> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    if (bytes > MAX_INPUT_BYTES) {
      const limit = (DEFAULT_MAX_LENGTH / 1048576).toFixed(0);
      return {
        tooLarge: `input is over the ${limit} MiB limit kube-jobs checks (reading stopped after ${(bytes / 1048576).toFixed(1)} MiB)`,
      };
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A regular file too big is not read at all; anything else (a FIFO, a device) is read up to the bound. */
async function readFileBounded(file: string): Promise<string | TooLarge> {
  const stat = await fs.stat(file);
  if (stat.isFile()) return stat.size > MAX_INPUT_BYTES ? { tooLarge: tooLargeMessage(stat.size) } : fs.readFile(file, 'utf8');
  return readBounded(createReadStream(file));
}

function toText(results: readonly FileResult[], version: KubernetesVersion): string {
  let out = '';
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const result of results) {
    for (const f of result.findings) {
      counts[f.severity]++;
      out += `${result.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule} ${f.message}\n`;
    }
  }
  const files = `${results.length} file${results.length === 1 ? '' : 's'} (as Kubernetes ${version})`;
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return `${out}no problems in ${files}\n`;
  const parts = (['error', 'warning', 'info', 'hint'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}${counts[s] === 1 ? '' : 's'}`);
  return `${out}${parts.join(', ')} in ${files}\n`;
}

function toJson(results: readonly FileResult[], version: KubernetesVersion): unknown {
  return {
    kubernetesVersion: version,
    files: results.map((r) => ({
      path: r.path,
      diagnostics: r.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        field: f.field,
        range: f.range,
      })),
    })),
  };
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function toSarif(results: readonly FileResult[], version: KubernetesVersion): unknown {
  const index = new Map<string, number>(RULES.map((r, i) => [r.id, i]));
  const rule = (r: RuleInfo): unknown => ({
    id: r.id,
    name: r.title,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    helpUri: r.docsUrl,
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
    properties: { category: r.category },
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-jobs',
            informationUri: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/',
            rules: RULES.map(rule),
          },
        },
        columnKind: 'utf16CodeUnits',
        properties: { kubernetesVersion: version },
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.rule,
            ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.path.split(path.sep).join('/') },
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
                ...(f.field ? { logicalLocations: [{ fullyQualifiedName: f.field, kind: 'member' }] } : {}),
              },
            ],
            ...(f.fixes && f.fixes.length > 0
              ? {
                  fixes: f.fixes.map((fix) => ({
                    description: { text: fix.title },
                    artifactChanges: [
                      {
                        artifactLocation: { uri: r.path.split(path.sep).join('/') },
                        replacements: fix.edits.map((e) => ({
                          deletedRegion: {
                            startLine: e.range.start.line + 1,
                            startColumn: e.range.start.character + 1,
                            endLine: e.range.end.line + 1,
                            endColumn: e.range.end.character + 1,
                          },
                          insertedContent: { text: e.newText },
                        })),
                      },
                    ],
                  })),
                }
              : {}),
          })),
        ),
      },
    ],
  };
}
