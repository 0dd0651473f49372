// Entry point of the in-host integration suite: runs every *.test.js next to this file with
// mocha inside a VS Code extension host. Two hosts call it:
//   - @vscode/test-electron (test/integration/runElectron.mjs) as `extensionTestsPath`;
//   - code-server, through the test-only extension in test/vscode-host/
//     (test/integration/runInCodeServer.mjs).
// It writes a JSON summary when asked (option or KUBE_JOBS_TEST_RESULTS) and rejects when a
// test fails, which is the contract test-electron expects.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- type only: mocha's types use `export =`
import type Mocha = require('mocha');

export interface SuiteOptions {
  /** Where to write the JSON summary (see SuiteResults). */
  resultsFile?: string;
  /** Only tests whose full title matches this regular expression. */
  grep?: string;
  /** Run the tests that do NOT match `grep` instead. */
  invert?: boolean;
  /** Per-test timeout; the real VS Code is slow to start language servers on 2 cores. */
  timeoutMs?: number;
}

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: { message: string; stack?: string };
}

export interface SuiteResults {
  vscodeVersion: string;
  nodeVersion: string;
  passes: number;
  failures: number;
  pending: number;
  durationMs: number;
  tests: TestResult[];
  /** Set when the suite could not run at all (load error, crash). */
  error?: string;
}

function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/** Writes through a temporary file so a watcher never reads half a JSON document. */
export function writeResults(file: string, results: SuiteResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file);
}

/** Runs the suite; resolves when every test passed. */
export async function run(options: SuiteOptions = {}): Promise<void> {
  const resultsFile = options.resultsFile ?? process.env.KUBE_JOBS_TEST_RESULTS;
  const grep = options.grep ?? process.env.KUBE_JOBS_TEST_GREP;
  const invert = options.invert ?? process.env.KUBE_JOBS_TEST_GREP_INVERT === '1';
  const vscodeVersion = vscode.version;
  // mocha 12 is an ES module; import() works in both hosts (Electron's Node may lack require(esm)).
  const { default: MochaClass } = (await import('mocha')) as unknown as { default: typeof Mocha };
  const mocha = new MochaClass({ ui: 'bdd', color: false, reporter: 'spec', timeout: options.timeoutMs ?? 30_000 });
  if (grep) mocha.grep(new RegExp(grep));
  if (invert) mocha.invert();
  for (const file of findTestFiles(__dirname)) mocha.addFile(file);

  const started = Date.now();
  const tests: TestResult[] = [];
  const results = (): SuiteResults => ({
    vscodeVersion,
    nodeVersion: process.version,
    passes: tests.filter((t) => t.state === 'passed').length,
    failures: tests.filter((t) => t.state === 'failed').length,
    pending: tests.filter((t) => t.state === 'pending').length,
    durationMs: Date.now() - started,
    tests,
  });

  let failures: number;
  try {
    failures = await new Promise<number>((resolveRun) => {
      const runner = mocha.run((n) => resolveRun(n));
      runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
      runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending', durationMs: 0 }));
      runner.on('fail', (t, err: Error) => {
        const stack = err?.stack;
        tests.push({
          title: t.fullTitle(),
          state: 'failed',
          durationMs: t.duration ?? 0,
          error: { message: String(err?.message ?? err), ...(stack ? { stack } : {}) },
        });
      });
    });
  } catch (err) {
    // A test file that throws while loading ends up here.
    if (resultsFile) {
      writeResults(resultsFile, { ...results(), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
    throw err;
  }
  if (resultsFile) writeResults(resultsFile, results());
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
