import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { containerBackend, probeEngine, resourceArgs } from '../../runner/containerBackend';
import type { ContainerEngine } from '../../runner/containerBackend';
import { RefValues } from '../../runner/envFile';
import { prepareLocalRun } from '../../runner/localRun';
import { jobYaml } from './runHelpers';
import { tempWorkspace } from './helpers';

describe('docker / podman backend', () => {
  it('maps command to --entrypoint + the rest, keeps args after the image, passes env by name only', () => {
    const plan = containerBackend('docker').plan({
      runId: 'r1',
      podName: 'job-abcde',
      hostname: 'job-abcde',
      container: {
        name: 'main',
        image: 'busybox:1.36',
        command: ['sh', '-c'],
        args: ['echo $(GREETING)'],
        resources: { limits: { memory: '64Mi', cpu: '500m' } },
        workingDir: '/work',
      },
      env: [
        { name: 'GREETING', value: 'hi', secret: false, from: 'value' },
        { name: 'TOKEN', value: 'top-secret', secret: true, from: 'secret api/token' },
      ],
      defaultCwd: '/tmp',
    });
    assert.deepEqual(plan.problems, []);
    assert.equal(plan.file, 'docker');
    const args = plan.args.join(' ');
    assert.match(args, /^run --rm --name kube-jobs-r1-job-abcde-main --label kube-jobs\.run=r1 --hostname job-abcde /);
    assert.match(args, / -e GREETING -e TOKEN -e KUBE_JOBS_RUN_ID -e KUBE_JOBS_POD /);
    assert.match(args, / --memory 67108864 --cpus 0\.5 --workdir \/work --entrypoint sh busybox:1\.36 -c echo hi$/);
    assert.ok(!plan.display.includes('top-secret'), 'values never on the command line');
    assert.equal(plan.env['TOKEN'], 'top-secret');
  });

  it('passes a variable named like a member of Object.prototype (__proto__, constructor) like any other', () => {
    const plan = containerBackend('docker').plan({
      runId: 'r',
      podName: 'p',
      hostname: 'p',
      container: { name: 'c', image: 'alpine', command: ['env'] },
      env: [
        { name: '__proto__', value: 'proto-value', secret: false, from: 'value' },
        { name: 'constructor', value: 'ctor-value', secret: false, from: 'value' },
      ],
      defaultCwd: '/',
    });
    assert.match(plan.args.join(' '), / -e __proto__ -e constructor /);
    assert.ok(Object.hasOwn(plan.env, '__proto__'), 'docker reads the value of -e __proto__ from its environment');
    assert.equal(plan.env['__proto__'], 'proto-value');
    assert.equal(plan.env['constructor'], 'ctor-value');
  });

  it('without command the image ENTRYPOINT stays and args replace CMD', () => {
    const plan = containerBackend('podman').plan({
      runId: 'r',
      podName: 'p',
      hostname: 'p',
      container: { name: 'c', image: 'alpine', args: ['date'] },
      env: [],
      defaultCwd: '/',
    });
    assert.equal(plan.file, 'podman');
    assert.ok(!plan.args.includes('--entrypoint'));
    assert.deepEqual(plan.args.slice(-2), ['alpine', 'date']);
  });

  it('resource limits: quantities to bytes and cores', () => {
    assert.deepEqual(resourceArgs({ memory: '1Gi', cpu: '2' }), ['--memory', String(2 ** 30), '--cpus', '2']);
    assert.deepEqual(resourceArgs({ memory: '500M', cpu: 0.25 }), ['--memory', '500000000', '--cpus', '0.25']);
    assert.deepEqual(resourceArgs(undefined), []);
  });

  for (const engine of ['docker', 'podman'] as ContainerEngine[]) {
    it(`runs a Job in ${engine} containers where a ${engine} engine runs`, async (t) => {
      const probe = await probeEngine(engine);
      if (!probe.available) {
        t.skip(
          `${engine} is not usable here (${probe.reason ?? 'unknown'}); the container backend is covered by the plan tests above`,
        );
        return;
      }
      const workspace = tempWorkspace();
      const prepared = await prepareLocalRun({ text: jobYaml('ctr', 'echo in-container $HOSTNAME'), workspace, runtime: engine });
      assert.ok(prepared.values instanceof RefValues);
      const lines: string[] = [];
      const handle = prepared.start({ onLog: (l) => lines.push(l.line) });
      const result = await handle.finished;
      assert.equal(result.result, 'Complete');
      assert.ok(lines.some((l) => l.startsWith('in-container ctr-')));
    });
  }
});
