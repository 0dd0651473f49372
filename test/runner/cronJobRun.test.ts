import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { leftoverProcesses, waitFor } from './helpers';
import { runManifest, startManifest } from './runHelpers';

function cronYaml(name: string, script: string, extra = ''): string {
  return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
  schedule: "* * * * *"
${extra
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => `  ${l}`)
  .join('\n')}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: main
              image: busybox:1.36
              command: ["sh", "-c", ${JSON.stringify(script)}]
`;
}

describe('local CronJob runs', () => {
  it('--cron-now creates one Job from the template, named <cronjob>-<minutes since epoch>, and runs it', async () => {
    const run = await runManifest(cronYaml('nightly', 'echo backup done'), { cron: 'now' });
    assert.equal(run.result.result, 'Complete');
    const jobs = run.handle.jobs();
    assert.equal(jobs.length, 1);
    assert.match(jobs[0]?.job.name ?? '', /^nightly-\d{8}$/);
    assert.equal(jobs[0]?.job.annotations['cronjob.kubernetes.io/instantiate'], 'manual');
    assert.deepEqual(
      run.logs.map((l) => l.line),
      ['backup done'],
    );
  });

  it('a CronJob needs --cron-now or --cron-schedule', async () => {
    await assert.rejects(() => startManifest(cronYaml('x', 'true')), /--cron-now .* or --cron-schedule/);
  });

  it('on its schedule with concurrencyPolicy Forbid: ticks while a Job runs are skipped (JobAlreadyActive)', async () => {
    // One minute of controller time per second of real time; each Job runs ~1.5 minutes of controller time.
    const started = await startManifest(cronYaml('forbid', 'echo tick; sleep 1.5', 'concurrencyPolicy: Forbid'), {
      cron: 'schedule',
      timeScale: 60,
    });
    await waitFor(() => started.handle.jobs().length >= 2, 15_000, 'two scheduled Jobs');
    await waitFor(() => started.events.some((e) => e.reason === 'JobAlreadyActive'), 15_000, 'a skipped tick');
    const running = started.handle.jobs().filter((j) => j.result === undefined);
    assert.ok(running.length <= 1, 'never two Jobs at once under Forbid');
    await started.handle.cancel();
    const result = await started.handle.finished;
    assert.equal(result.result, 'Cancelled');
    assert.deepEqual(leftoverProcesses(started.handle.runId), []);
    for (const job of started.handle.jobs()) assert.match(job.job.name, /^forbid-\d{8}$/);
  });

  it('on its schedule with concurrencyPolicy Replace: the running Job is deleted and its pods stopped', async () => {
    const started = await startManifest(cronYaml('replace', 'echo start; sleep 30', 'concurrencyPolicy: Replace'), {
      cron: 'schedule',
      timeScale: 60,
    });
    await waitFor(() => started.handle.jobs().length >= 2, 15_000, 'a second Job replacing the first');
    const first = started.handle.jobs()[0];
    await first?.finished;
    assert.equal(first?.result?.result, 'Cancelled');
    assert.ok(started.events.some((e) => e.reason === 'SuccessfulDelete' && e.object === 'CronJob/replace'));
    await started.handle.cancel();
    assert.deepEqual(leftoverProcesses(started.handle.runId), []);
  });
});
