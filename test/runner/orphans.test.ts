import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { findRunProcesses } from '../../runner/procScan';
import { leaveGroup, leftoverProcesses, tempWorkspace, waitFor } from './helpers';
import { jobYaml } from './runHelpers';

/** A host process (like the CLI or VS Code's extension host) that starts a run, then reports its id. */
const HOST_SCRIPT = `
const { prepareLocalRun } = require(${JSON.stringify(path.join(REPO_ROOT, 'out/runner/localRun.js'))});
(async () => {
  const prepared = await prepareLocalRun({ text: process.env.MANIFEST, workspace: process.env.WORKSPACE });
  let ups = 0;
  const handle = prepared.start({
    onLog: (l) => {
      if (l.line !== 'up' || ++ups !== 2) return;
      process.stdout.write('RUN ' + handle.runId + '\\n', () => {
        if (process.env.EXIT_NORMALLY === '1') process.exit(0);
      });
    },
  });
})();
`;

const PLAIN = "trap '' TERM; sleep 60 & echo up; wait";
/** A child that left the process group (setsid) and ignores SIGTERM too. */
const ESCAPING = `trap '' TERM; sleep 60 & ${leaveGroup("trap '' TERM; sleep 60")} echo up; wait`;

function startHost(exitNormally: boolean, script = PLAIN): Promise<{ runId: string; host: ReturnType<typeof spawn> }> {
  const host = spawn(process.execPath, ['-e', HOST_SCRIPT], {
    env: {
      ...process.env,
      MANIFEST: jobYaml('orphan', script, 'completions: 2\nparallelism: 2'),
      WORKSPACE: tempWorkspace(),
      EXIT_NORMALLY: exitNormally ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    host.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /RUN (\S+)\n/.exec(out);
      if (match !== null) resolve({ runId: match[1] as string, host });
    });
    host.once('exit', () => {
      if (!/RUN /.test(out)) reject(new Error(`host exited before the run started: ${out}`));
    });
  });
}

describe('no orphans when the host process goes away', () => {
  it('the host is SIGKILLed (a crashed extension host): the reaper stops every pod process group', async () => {
    const { runId, host } = await startHost(false);
    assert.ok(findRunProcesses(runId).length >= 4, 'two pods, each a shell and a sleep, are running');
    host.kill('SIGKILL');
    await waitFor(() => leftoverProcesses(runId).length === 0, 10_000, 'every process of the run to be gone');
  });

  it('the host is SIGKILLed: the reaper also stops the children that left their process group', async () => {
    const { runId, host } = await startHost(false, ESCAPING);
    assert.ok(findRunProcesses(runId).length >= 6, 'two pods, each a shell, a sleep and an escaped shell with its sleep');
    host.kill('SIGKILL');
    await waitFor(() => leftoverProcesses(runId).length === 0, 10_000, 'every process of the run to be gone');
  });

  it('the host exits normally mid-run: the exit hook kills every pod at once, escaped children too', async () => {
    const { runId, host } = await startHost(true, ESCAPING);
    await new Promise((resolve) => (host.exitCode !== null ? resolve(undefined) : host.once('exit', resolve)));
    await waitFor(() => leftoverProcesses(runId).length === 0, 10_000, 'every process of the run to be gone');
  });
});
