import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../helpers/paths';
import { runRunCommand } from '../../cli/run';
import type { RunCommandIo } from '../../cli/run';
import { probeEngine } from '../../runner/containerBackend';
import { readLog, readRun } from '../../runner/records';
import { jobYaml } from '../runner/runHelpers';
import { tempWorkspace } from '../runner/helpers';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  workspace: string;
}

async function cli(files: Record<string, string>, args: string[], extra: Partial<RunCommandIo> = {}): Promise<CliResult> {
  const workspace = tempWorkspace();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(workspace, name), text);
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end();
  const code = await runRunCommand(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin,
    cwd: workspace,
    ...extra,
  });
  return { code, stdout, stderr, workspace };
}

describe('kube-jobs run', () => {
  it('exit 0 when the Job completes: the preview, live pod status and pod-prefixed logs', async () => {
    const r = await cli({ 'job.yaml': jobYaml('hello', 'echo "hello from $HOSTNAME"', 'completions: 2') }, ['job.yaml', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Run Job hello locally with the process runtime/);
    assert.match(r.stderr, /Checked as Kubernetes 1\.36; the Job and CronJob controllers of 1\.32–1\.36 do the same/);
    assert.match(r.stderr, /\$ sh -c 'echo "hello from \$HOSTNAME"'/);
    assert.match(r.stdout, /\[hello-[a-z0-9]{5}\] hello from hello-[a-z0-9]{5}/);
    assert.match(r.stdout, /pod hello-[a-z0-9]{5}: Succeeded — main exit 0/);
    assert.match(r.stdout, /Job hello completed \(CompletionsReached\)\./);
    const record = /Run record: (\S+)/.exec(r.stdout)?.[1] ?? '';
    assert.match(record, /^\.kube-jobs\/runs\/\d{8}-\d{6}-hello$/);
    assert.equal(readRun(path.join(r.workspace, record)).summary.pods.length, 2);
  });

  it('the command ends with the Job, not an hour later when its TTL would delete it', { timeout: 60_000 }, async () => {
    const workspace = tempWorkspace();
    fs.writeFileSync(path.join(workspace, 'job.yaml'), jobYaml('tidy', 'echo done', 'ttlSecondsAfterFinished: 3600'));
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'out/cli/main.js'), 'run', 'job.yaml', '--yes'], {
      cwd: workspace,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    assert.match(stdout, /Job tidy completed/);
    assert.match(stdout, /a cluster would delete the Job 3600 s after it finished \(--wait-ttl waits for that here\)/);
  });

  it('exit 1 when the Job fails, with the reason', async () => {
    const r = await cli({ 'job.yaml': jobYaml('boom', 'echo nope >&2; exit 5', 'backoffLimit: 0') }, ['job.yaml', '--yes']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\[boom-[a-z0-9]{5}\] nope/);
    assert.match(r.stdout, /main exit 5/);
    assert.match(r.stdout, /Job boom failed: BackoffLimitExceeded: Job has reached the specified backoff limit/);
  });

  it('exit 1 when cancelled (Ctrl-C) and nothing is left running', async () => {
    const r = await cli({ 'job.yaml': jobYaml('slow', 'echo up; sleep 60') }, ['job.yaml', '--yes'], {
      onStarted: (run) => {
        const timer = setInterval(() => {
          if (run.jobs().some((j) => j.pods.some((p) => p.phase === 'Running'))) {
            clearInterval(timer);
            void run.cancel('Cancelled by the test');
          }
        }, 5);
      },
    });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Job slow cancelled: every pod was stopped\./);
  });

  it('exit 2 on bad input, each with a clear message', async () => {
    const cases: Array<[Record<string, string>, string[], RegExp]> = [
      [{}, ['missing.yaml', '--yes'], /cannot read missing\.yaml: ENOENT/],
      [{}, [], /FILE is required/],
      [{ 'j.yaml': jobYaml('a', 'true') }, ['j.yaml', '--time-scale', '0'], /--time-scale must be a positive number/],
      [{ 'j.yaml': jobYaml('a', 'true') }, ['j.yaml', '--runtime', 'lxc'], /--runtime must be process, docker or podman/],
      [{ 'j.yaml': jobYaml('a', 'true') }, ['j.yaml', '--bogus'], /unknown option --bogus/],
      [
        { 'j.yaml': jobYaml('a', 'true').replace('restartPolicy: Never', 'restartPolicy: Always') },
        ['j.yaml', '--yes'],
        /would be rejected by the API server[\s\S]*restartPolicy/,
      ],
      [
        { 'j.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' },
        ['j.yaml', '--yes'],
        /no batch\/v1 Job or CronJob in the file/,
      ],
      [
        { 'j.yaml': `${jobYaml('a', 'true')}---\n${jobYaml('b', 'true')}` },
        ['j.yaml', '--yes'],
        /several Jobs\/CronJobs: pick one with --name\n {2}Job a\n {2}Job b/,
      ],
      [{ 'j.yaml': jobYaml('a', 'true') }, ['j.yaml', '--cron-now', '--yes'], /apply to CronJobs only/],
      [
        { 'j.yaml': jobYaml('a', 'true').replace(/command: .*\n/, 'args: ["echo", "hi"]\n') },
        ['j.yaml', '--yes'],
        /has no command: the process runtime runs command \+ args and cannot know the image ENTRYPOINT\. .* or use --runtime docker\|podman\./,
      ],
      [{ 'j.yaml': jobYaml('a', 'true') }, ['j.yaml'], /not a terminal, so there is no one to confirm: pass --yes/],
      [
        { 'j.yaml': jobYaml('a', 'true') },
        ['j.yaml', '--env-file', 'nope.env', '--yes'],
        /cannot read env file .*nope\.env: ENOENT/,
      ],
      [
        { 'j.yaml': jobYaml('a', 'true', 'suspend: true') },
        ['j.yaml', '--yes'],
        /would never start a pod here: spec\.suspend is true/,
      ],
      [
        { 'j.yaml': jobYaml('a', 'true', 'parallelism: 0') },
        ['j.yaml', '--yes'],
        /would never start a pod here: spec\.parallelism is 0/,
      ],
      [{ 'j.yaml': jobYaml('a', 'true') }, ['j.yaml', '--kubernetes-version', '1.29'], /--kubernetes-version must be one of/],
      [
        { 'j.yaml': jobYaml('a', 'true', '', 'hostnameOverride: a') },
        ['j.yaml', '--kubernetes-version', '1.33', '--yes'],
        /would be rejected by the API server[\s\S]*Kubernetes 1\.33 does not have this field yet/,
      ],
    ];
    for (const [files, args, expected] of cases) {
      const r = await cli(files, args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, expected, args.join(' '));
      assert.ok(!fs.existsSync(path.join(r.workspace, '.kube-jobs')), 'nothing ran, no run folder');
    }
  });

  const secretJob = jobYaml('secret', 'echo "token is $TOKEN"; echo "mode is $MODE"').replace(
    'command:',
    `env:
            - name: TOKEN
              valueFrom:
                secretKeyRef: { name: api, key: token }
            - name: MODE
              valueFrom:
                configMapKeyRef: { name: settings, key: mode }
          command:`,
  );

  it('secrets from --env-file: masked in the preview, the live logs and the record', async () => {
    const r = await cli({ 'job.yaml': secretJob, '.env': 'api/token=s3cr3t-value\nsettings/mode=fast\n' }, [
      'job.yaml',
      '--env-file',
      '.env',
      '--yes',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!`${r.stdout}${r.stderr}`.includes('s3cr3t-value'), 'the secret never appears');
    assert.match(r.stderr, /TOKEN=\*\*\*\* {3}\(secret api\/token\)/);
    assert.match(r.stderr, /MODE=fast {3}\(configMap settings\/mode\)/);
    assert.match(r.stdout, /token is \*\*\*\*/);
    const record = path.join(r.workspace, /Run record: (\S+)/.exec(r.stdout)?.[1] ?? '');
    const pod = readRun(record).summary.pods[0]?.name ?? '';
    assert.equal(readLog(record, pod, 'main'), 'token is ****\nmode is fast\n');
  });

  it('secrets inside other strings, in any form, of any length: not in the preview, the live log, the events, the record', async () => {
    const script = [
      "console.log(process.argv.slice(1).join(' '))",
      'console.log(process.env.DSN)',
      "console.log('url: https://api.example/?t=' + encodeURIComponent(process.env.TOKEN))",
      "console.log('json: ' + JSON.stringify({ t: process.env.TOKEN }))",
      "console.log('pin ' + process.env.PIN)",
      'process.exit(Number(process.env.PIN === "Q!" ? 0 : 1))',
    ].join('; ');
    const job = jobYaml('leaky', 'true', 'backoffLimit: 0').replace(
      /command: .*\n/,
      `env:
            - name: TOKEN
              valueFrom:
                secretKeyRef: { name: api, key: token }
            - name: PIN
              valueFrom:
                secretKeyRef: { name: api, key: pin }
            - name: DSN
              value: "postgres://app:$(TOKEN)@db:5432/app"
          command: ["node", "-e", ${JSON.stringify(script)}]
          args: ["token=$(TOKEN)", "pin=$(PIN)"]
`,
    );
    const env = 'secret/api/token="p@ss w0rd/1\\\\"\nsecret/api/pin=Q!\n';
    const r = await cli({ 'job.yaml': job, '.env': env }, ['job.yaml', '--env-file', '.env', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\$ node -e .* 'token=\*\*\*\*' 'pin=\*\*\*\*'\n/, 'the preview masks the secrets in the command');
    assert.match(r.stderr, /DSN=postgres:\/\/app:\*\*\*\*@db:5432\/app\n/, 'and the env value that expands a secret');
    assert.match(r.stdout, /\] token=\*\*\*\* pin=\*\*\*\*\n/);
    assert.match(r.stdout, /\] url: https:\/\/api\.example\/\?t=\*\*\*\*\n/, 'the URL-encoded form too');
    assert.match(r.stdout, /\] json: \{"t":"\*\*\*\*"\}\n/, 'the JSON-escaped form too');
    assert.match(r.stdout, /\] pin \*\*\*\*\n/, 'a 2-character secret too');
    const record = path.join(r.workspace, /Run record: (\S+)/.exec(r.stdout)?.[1] ?? '');
    const recorded = [
      r.stdout,
      r.stderr,
      ...fs
        .readdirSync(record, { recursive: true, encoding: 'utf8' })
        .filter((f) => fs.statSync(path.join(record, f)).isFile() && f !== 'manifest.yaml')
        .map((f) => fs.readFileSync(path.join(record, f), 'utf8')),
    ].join('\n');
    for (const form of ['p@ss w0rd/1', 'w0rd', 'p%40ss', 'Q!']) assert.ok(!recorded.includes(form), `${form} appears`);
  });

  it('in a terminal: asks for a missing secret without echoing it, then for confirmation', async () => {
    const stdin = Object.assign(new PassThrough(), {
      isTTY: true,
      rawModes: [] as boolean[],
      setRawMode(mode: boolean) {
        this.rawModes.push(mode);
      },
    });
    stdin.write('typed-secret\ry\n');
    const r = await cli({ 'job.yaml': secretJob, '.env': 'settings/mode=fast\n' }, ['job.yaml', '--env-file', '.env'], { stdin });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /Value for secret api\/token \(env TOKEN of container main\) \(hidden, not stored\): \nRun these commands\? \[y\/N\] /,
    );
    assert.deepEqual(stdin.rawModes, [true, false], 'the secret was read with echo off');
    assert.ok(!`${r.stdout}${r.stderr}`.includes('typed-secret'));
    assert.match(r.stdout, /token is \*\*\*\*/);
  });

  it('in a terminal: answering no runs nothing (exit 2)', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    stdin.write('n\n');
    const r = await cli({ 'job.yaml': jobYaml('declined', 'echo ran') }, ['job.yaml'], { stdin });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Nothing was run\./);
    assert.ok(!fs.existsSync(path.join(r.workspace, '.kube-jobs')));
  });

  it('a missing secret without a terminal to ask: exit 2, names the reference, shows no value', async () => {
    const r = await cli({ 'job.yaml': secretJob, '.env': 'settings/mode=fast\n' }, ['job.yaml', '--env-file', '.env', '--yes']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /values needed for:\n {2}secret api\/token \(env TOKEN of container main\)/);
    assert.match(r.stderr, /secret\/api\/token=…/);
  });

  it('--runtime docker without a running engine: exit 2 with the reason (skipped where an engine runs)', async (t) => {
    const probe = await probeEngine('docker');
    if (probe.available) {
      t.skip('docker engine is running here');
      return;
    }
    const r = await cli({ 'job.yaml': jobYaml('d', 'true') }, ['job.yaml', '--runtime', 'docker', '--yes']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--runtime docker is not usable here: docker (CLI not found|info failed)/);
  });
});
