import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { findRunProcesses } from '../../runner/procScan';
import { LIVE_SPILL_FILE, listRuns, readRun } from '../../runner/records';
import { runNode } from '../../runner/runTree';
import { leaveGroup, leftoverProcesses, tempWorkspace, waitFor } from '../runner/helpers';
import { jobYaml } from '../runner/runHelpers';

const CLI = path.join(REPO_ROOT, 'out/cli/main.js');

/** A preload that reports the process's peak resident set size on stderr when it exits. */
function peakMemoryPreload(workspace: string): string {
  const file = path.join(workspace, 'peak-rss.js');
  fs.writeFileSync(file, "process.on('exit', () => process.stderr.write(`PEAK_RSS_KB ${process.resourceUsage().maxRSS}\\n`));\n");
  return file;
}

interface Cli {
  readonly child: ChildProcess;
  readonly workspace: string;
  stdout: string;
  stderr: string;
  readonly exit: Promise<number | null>;
}

/** spawnCli starts the real `kube-jobs run` on a manifest; stdout is left unread until the test reads it. */
function spawnCli(
  manifest: string,
  args: string[] = [],
  options: { nodeArgs?: string[]; readStdout?: boolean; workspace?: string } = {},
): Cli {
  const workspace = options.workspace ?? tempWorkspace();
  fs.writeFileSync(path.join(workspace, 'job.yaml'), manifest);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, 'run', 'job.yaml', '--yes', ...args], {
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const cli: Cli = {
    child,
    workspace,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  child.stderr?.on('data', (d: Buffer) => (cli.stderr += d.toString()));
  if (options.readStdout !== false) child.stdout?.on('data', (d: Buffer) => (cli.stdout += d.toString()));
  return cli;
}

/** The run folder of the only run in a workspace, once it exists. */
async function runFolder(workspace: string): Promise<string> {
  await waitFor(() => listRuns(workspace).length === 1, 20_000, 'the run folder');
  return listRuns(workspace)[0] as string;
}

/** The run id recorded in a run folder, once the first pod is running. */
async function runningRunId(dir: string): Promise<string> {
  await waitFor(() => readRun(dir).summary.pods.some((p) => p.phase === 'Running'), 20_000, 'a running pod');
  return readRun(dir).summary.runId as string;
}

describe('kube-jobs run against real faults', { timeout: 120_000 }, () => {
  it('stdout closed by its reader (| head): no crash, the run is cancelled and recorded so, nothing is left', async () => {
    const cli = spawnCli(jobYaml('piped', 'i=0; while :; do echo "line $i"; i=$((i+1)); sleep 0.01; done'), [], {
      readStdout: false,
    });
    let seen = '';
    await new Promise<void>((resolve) => {
      cli.child.stdout?.on('data', (d: Buffer) => {
        seen += d.toString();
        if (/\] line 3\n/.test(seen)) {
          cli.child.stdout?.destroy();
          resolve();
        }
      });
    });
    assert.equal(await cli.exit, 1, cli.stderr);
    assert.match(cli.stderr, /standard output was closed \(EPIPE\): stopping every pod/);
    assert.doesNotMatch(cli.stderr, /Unhandled|at .*\.js:\d+/, 'no stack trace');
    const { summary, state } = readRun(await runFolder(cli.workspace));
    assert.equal(state, 'finished');
    assert.equal(summary.outcome?.result, 'Cancelled');
    assert.match(summary.outcome?.message ?? '', /the output was closed/);
    assert.deepEqual(leftoverProcesses(summary.runId as string), []);
  });

  it('the terminal closes (SIGHUP from a real pty): the run is cancelled and recorded so, nothing is left', async (t) => {
    if (!fs.existsSync('/usr/bin/script')) return t.skip('util-linux script (a pty) is not installed');
    const workspace = tempWorkspace();
    fs.writeFileSync(path.join(workspace, 'job.yaml'), jobYaml('tty', `${leaveGroup('exec sleep 300')} echo up; sleep 300`));
    // script(1) gives the command a pseudo-terminal; killing script closes it, as closing a terminal window does.
    const command = `${process.execPath} ${CLI} run job.yaml --yes`;
    const terminal = spawn('/usr/bin/script', ['-qfec', command, '/dev/null'], {
      cwd: workspace,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    terminal.stdout.resume();
    const dir = await runFolder(workspace);
    const runId = await runningRunId(dir);
    terminal.kill('SIGKILL');
    await waitFor(() => readRun(dir).summary.outcome !== undefined, 30_000, 'the run to record its outcome');
    const { summary } = readRun(dir);
    assert.equal(summary.outcome?.result, 'Cancelled');
    assert.match(summary.outcome?.message ?? '', /the terminal was closed|the output was closed \(EIO\)/);
    await waitFor(
      () => leftoverProcesses(runId).length === 0,
      10_000,
      'every process of the run, the escaped sleep too, to be gone',
    );
  });

  it('Ctrl-C, then Ctrl-C again during a long grace period: the setsid child of a pod is gone too', async () => {
    const cli = spawnCli(
      jobYaml(
        'stubborn',
        `trap '' TERM INT; ${leaveGroup("trap '' TERM INT; sleep 300")} echo up; while :; do sleep 1; done`,
        '',
        'terminationGracePeriodSeconds: 300',
      ),
    );
    const dir = await runFolder(cli.workspace);
    const runId = await runningRunId(dir);
    await waitFor(() => findRunProcesses(runId).length >= 3, 10_000, 'the shell, its sleep and the escaped shell');
    cli.child.kill('SIGINT');
    await waitFor(() => /Ctrl-C again to kill at once/.test(cli.stderr), 10_000, 'the first Ctrl-C to be taken');
    cli.child.kill('SIGINT');
    assert.equal(await cli.exit, 1);
    assert.match(cli.stdout, /Job stubborn cancelled: every pod was stopped\./);
    assert.deepEqual(leftoverProcesses(runId), []);
  });

  it('a killed run is not shown as running afterwards; a live one (another process) is', async () => {
    const cli = spawnCli(jobYaml('killed', 'echo up; sleep 300'));
    const dir = await runFolder(cli.workspace);
    const runId = await runningRunId(dir);
    assert.equal(readRun(dir).state, 'running', 'the CLI is alive: its run is running');
    assert.match(runNode(readRun(dir).summary, dir, readRun(dir).state === 'running', Date.now()).description ?? '', /^Running/);
    cli.child.kill('SIGKILL');
    await cli.exit;
    const after = readRun(dir);
    assert.equal(after.state, 'interrupted');
    assert.equal(after.summary.pods[0]?.phase, 'Unknown', 'nobody knows how the pod ended');
    const row = runNode(after.summary, dir, false, Date.now());
    assert.doesNotMatch(row.description ?? '', /Running/);
    assert.match(row.description ?? '', /^Interrupted/);
    await waitFor(() => leftoverProcesses(runId).length === 0, 10_000, 'the watchdog to stop the pod');
  });

  it('60 MB of output read late: every line arrives in order, memory stays bounded, the spill file is removed', async () => {
    const workspace = tempWorkspace();
    const lines = 6_000_000;
    const cli = spawnCli(jobYaml('chatty', `seq 1 ${lines}`), [], {
      nodeArgs: ['-r', peakMemoryPreload(workspace)],
      readStdout: false,
      workspace,
    });
    const dir = await runFolder(workspace);
    // Nobody reads until the Job is over: a pager left open, a terminal scrolled back.
    await waitFor(() => readRun(dir).summary.outcome !== undefined, 60_000, 'the Job to finish while nobody reads');
    let next = 1;
    let tail = '';
    cli.child.stdout?.on('data', (d: Buffer) => {
      const parts = (tail + d.toString()).split('\n');
      tail = parts.pop() ?? '';
      for (const part of parts) {
        const match = /^\[chatty-[a-z0-9]{5}\] (\d+)$/.exec(part);
        if (match === null) continue;
        assert.equal(Number(match[1]), next, 'lines arrive in order, none lost');
        next++;
      }
    });
    assert.equal(await cli.exit, 0, cli.stderr);
    assert.equal(next - 1, lines);
    const peakKb = Number(/PEAK_RSS_KB (\d+)/.exec(cli.stderr)?.[1]);
    assert.ok(peakKb < 250 * 1024, `peak memory ${Math.round(peakKb / 1024)} MiB for 60 MB of output`);
    assert.ok(!fs.existsSync(path.join(dir, LIVE_SPILL_FILE)), 'the spill file is gone');
  });
});
