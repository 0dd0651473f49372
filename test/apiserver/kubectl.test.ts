/**
 * Faithfulness tests: the real kubectl against the test API server. Whatever kubectl prints
 * or sends here is what it does against a real cluster, so a pass means the server speaks the
 * API the way kubectl expects.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as YAML from 'yaml';
import type { DemoWorld } from './demoWorld';
import { seedDemoWorld } from './demoWorld';
import type { TestApiServer } from './server';
import { startTestApiServer } from './server';
import type { KubectlEnv } from './testClient';
import { findKubectl, KubectlProcess, makeKubectlEnv, runKubectl } from './testClient';

const KUBECTL = findKubectl();
const skip = KUBECTL ? false : 'no kubectl binary on PATH (install Debian kubernetes-client to run these)';
/** A fixed "now" so AGE columns are deterministic. */
const NOW = Date.parse('2026-08-12T10:05:00Z');

const HELLO_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: hello-job
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: hello
        image: busybox:1.36
        command: ["echo", "hello"]
`;

describe('kubectl against the test API server', { skip }, () => {
  let server: TestApiServer;
  let world: DemoWorld;
  let k: KubectlEnv;

  before(async () => {
    server = await startTestApiServer({ now: () => NOW });
    world = seedDemoWorld(server.store, server.logs, NOW);
    k = makeKubectlEnv((p) => server.writeKubeconfig(p, { namespace: 'demo' }));
  });
  after(async () => {
    await server.close();
    fs.rmSync(k.dir, { recursive: true, force: true });
  });

  const jobOf = (cronJob: string, state: 'running' | 'complete' | 'failed'): string => {
    const j = world.jobs.find(
      (x) =>
        x.metadata.ownerReferences?.[0]?.name === cronJob &&
        (state === 'running'
          ? !x.status.conditions
          : (x.status.conditions ?? []).some((c: { type: string }) => c.type === (state === 'complete' ? 'Complete' : 'Failed'))),
    );
    assert.ok(j, `seeded ${state} job of ${cronJob}`);
    return j.metadata.name;
  };
  const podsOf = (job: string): string[] =>
    world.pods.filter((p) => p.metadata.labels['job-name'] === job).map((p) => p.metadata.name);

  it('kubectl get jobs,cronjobs,pods prints the server-side tables with the real columns', async () => {
    const r = await runKubectl(k, ['get', 'cronjobs,jobs,pods', '-n', 'demo']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$/m);
    assert.match(r.stdout, /^cronjob\.batch\/hourly-report\s+0 \* \* \* \*\s+<none>\s+False\s+1\s+5m\s+30d$/m);
    assert.match(r.stdout, /^cronjob\.batch\/nightly-cleanup\s+0 2 \* \* \*\s+Etc\/UTC\s+False\s+0\s+8h\s+30d$/m);
    assert.match(r.stdout, /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/m);
    assert.match(r.stdout, new RegExp(`^job\\.batch/${jobOf('hourly-report', 'running')}\\s+Running\\s+0/1\\s+5m\\s+5m$`, 'm'));
    assert.match(r.stdout, new RegExp(`^job\\.batch/${jobOf('nightly-cleanup', 'failed')}\\s+Failed\\s+0/1\\s+8h\\s+8h$`, 'm'));
    assert.match(r.stdout, /^job\.batch\/db-migrate\s+Complete\s+1\/1\s+2m\s+50m$/m);
    assert.match(r.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.match(r.stdout, /^pod\/db-migrate-\w+\s+0\/1\s+Completed\s+0\s+50m$/m);
    assert.match(r.stdout, /^pod\/nightly-cleanup-\d+-\w+\s+0\/1\s+OOMKilled\s+0\s+/m);
    assert.match(r.stdout, /^pod\/hourly-report-\d+-\w+\s+1\/1\s+Running\s+0\s+5m$/m);
    const other = await runKubectl(k, ['get', 'pods', '-n', 'batch-jobs', '-o', 'wide']);
    assert.match(other.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/m);
    assert.match(
      other.stdout,
      /\s0\/1\s+CrashLoopBackOff\s+3 \(119m ago\)\s+120m\s+10\.244\.0\.17\s+kind-worker\s+<none>\s+<none>/,
    );
    assert.match(other.stdout, /\s0\/1\s+ImagePullBackOff\s+0\s+10m\s/);
  });

  it('kubectl get with a label selector, across namespaces, and for a missing object', async () => {
    const job = jobOf('nightly-cleanup', 'failed');
    const r = await runKubectl(k, ['get', 'pods', '-l', `job-name=${job}`, '-o', 'name']);
    assert.deepEqual(
      r.stdout.trim().split('\n').sort(),
      podsOf(job)
        .map((n) => `pod/${n}`)
        .sort(),
    );
    const all = await runKubectl(k, ['get', 'jobs', '-A', '--selector=job-name', '--no-headers']);
    assert.equal(all.stdout.trim().split('\n').length, world.jobs.length);
    const missing = await runKubectl(k, ['get', 'job', 'nope']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.trim(), 'Error from server (NotFound): jobs.batch "nope" not found');
  });

  it('kubectl get pods -w prints a change made behind its back', async () => {
    const watch = new KubectlProcess(k, ['get', 'pods', '-w', '-n', 'demo']);
    try {
      await watch.waitFor(/db-migrate-\w+\s+0\/1\s+Completed/);
      const running = world.runningPods.find((p) => p.namespace === 'demo');
      assert.ok(running);
      server.store.mutate('pods', 'demo', running.pod, (p) => {
        p.status.phase = 'Succeeded';
        p.status.containerStatuses[0].ready = false;
        p.status.containerStatuses[0].state = {
          terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-08-12T09:55:00Z', finishedAt: '2026-08-12T09:59:00Z' },
        };
      });
      await watch.waitFor(new RegExp(`${running.pod}\\s+0/1\\s+Completed`));
      server.store.create('pods', {
        metadata: { name: 'late-pod', namespace: 'demo' },
        spec: { containers: [{ name: 'c', image: 'busybox' }] },
        status: { phase: 'Pending' },
      });
      await watch.waitFor(/late-pod\s+0\/1\s+Pending/);
    } finally {
      watch.kill();
    }
  });

  it('kubectl logs -f receives appended lines live and ends when the container ends', async () => {
    const p = world.runningPods.find((x) => x.namespace === 'batch-jobs') ?? world.runningPods[0];
    assert.ok(p);
    server.store.create('pods', {
      metadata: { name: 'tail-me', namespace: 'demo' },
      spec: { containers: [{ name: 'main', image: 'busybox' }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'main',
            ready: true,
            restartCount: 0,
            image: 'busybox',
            imageID: '',
            state: { running: { startedAt: '2026-08-12T09:00:00Z' } },
          },
        ],
      },
    });
    server.appendLog('demo', 'tail-me', 'main', 'first line');
    const logs = new KubectlProcess(k, ['logs', '-f', 'tail-me']);
    try {
      await logs.waitFor(/^first line$/m);
      server.appendLog('demo', 'tail-me', 'main', 'second line');
      await logs.waitFor(/^second line$/m);
      server.endLog('demo', 'tail-me', 'main');
      assert.equal(await logs.waitExit(), 0);
      assert.equal(logs.stdout, 'first line\nsecond line\n');
    } finally {
      logs.kill();
    }
  });

  it("kubectl logs: --previous, --tail, a selector, and the kubelet's errors for containers that have not started", async () => {
    const crashing = world.pods.find((x) => x.status.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff');
    assert.ok(crashing);
    const prev = await runKubectl(k, ['logs', '-n', 'batch-jobs', crashing.metadata.name, '--previous']);
    assert.match(prev.stdout, /\npanic: cannot reach upstream\n$/);
    const tail = await runKubectl(k, ['logs', '-l', 'job-name=db-migrate', '--tail=1']);
    assert.equal(tail.stdout, 'exit 0\n');
    const pulling = world.pods.find((x) => x.status.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff');
    assert.ok(pulling);
    const r = await runKubectl(k, ['logs', '-n', 'batch-jobs', pulling.metadata.name]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr.trim(),
      `Error from server (BadRequest): container "${pulling.spec.containers[0].name}" in pod "${pulling.metadata.name}" is waiting to start: trying and failing to pull image`,
    );
    const noPrev = await runKubectl(k, ['logs', podsOf('db-migrate')[0] ?? '', '--previous']);
    assert.match(noPrev.stderr, /previous terminated container "db-migrate" in pod "db-migrate-\w+" not found/);
  });

  it('kubectl create job --from=cronjob creates the Job the CronJob controller would (protobuf body decoded)', async () => {
    const r = await runKubectl(k, ['create', 'job', 'manual-1', '--from=cronjob/hourly-report']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'job.batch/manual-1 created');
    const job = server.store.get('jobs', 'demo', 'manual-1');
    const cj = server.store.get('cronjobs', 'demo', 'hourly-report');
    assert.ok(job && cj);
    assert.equal(job.metadata.annotations['cronjob.kubernetes.io/instantiate'], 'manual');
    assert.deepEqual(job.metadata.ownerReferences, [
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'hourly-report', uid: cj.metadata.uid, controller: true },
    ]);
    assert.deepEqual(job.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': job.metadata.uid } });
    assert.equal(job.spec.template.metadata.labels['job-name'], 'manual-1');
    assert.equal(job.spec.template.spec.containers[0].image, cj.spec.jobTemplate.spec.template.spec.containers[0].image);
    assert.equal(job.spec.backoffLimit, 2);
  });

  it('kubectl patch cronjob (strategic, merge and JSON patch) changes the stored object', async () => {
    const before = server.store.mustGet('cronjobs', 'demo', 'nightly-cleanup');
    const r = await runKubectl(k, ['patch', 'cronjob', 'nightly-cleanup', '-p', '{"spec":{"suspend":true}}']);
    assert.equal(r.stdout.trim(), 'cronjob.batch/nightly-cleanup patched');
    let now = server.store.mustGet('cronjobs', 'demo', 'nightly-cleanup');
    assert.equal(now.spec.suspend, true);
    assert.equal(now.metadata.generation, before.metadata.generation + 1);
    await runKubectl(k, ['patch', 'cronjob', 'nightly-cleanup', '--type=merge', '-p', '{"spec":{"schedule":"30 3 * * *"}}']);
    await runKubectl(k, [
      'patch',
      'cronjob',
      'nightly-cleanup',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/suspend","value":false}]',
    ]);
    now = server.store.mustGet('cronjobs', 'demo', 'nightly-cleanup');
    assert.equal(now.spec.schedule, '30 3 * * *');
    assert.equal(now.spec.suspend, false);
    const same = await runKubectl(k, ['patch', 'cronjob', 'nightly-cleanup', '-p', '{"spec":{"suspend":false}}']);
    assert.equal(same.stdout.trim(), 'cronjob.batch/nightly-cleanup patched (no change)');
  });

  it('kubectl get job -o yaml returns the stored object', async () => {
    const name = jobOf('nightly-cleanup', 'failed');
    const r = await runKubectl(k, ['get', 'job', name, '-o', 'yaml']);
    const obj = YAML.parse(r.stdout);
    const stored = server.store.mustGet('jobs', 'demo', name);
    assert.equal(obj.kind, 'Job');
    assert.equal(obj.apiVersion, 'batch/v1');
    assert.equal(obj.metadata.uid, stored.metadata.uid);
    assert.equal(obj.metadata.resourceVersion, stored.metadata.resourceVersion);
    assert.deepEqual(obj.status, stored.status);
  });

  it('kubectl delete job removes its pods through garbage collection', async () => {
    const name = jobOf('hourly-report', 'complete');
    const pods = podsOf(name);
    assert.ok(pods.length > 0);
    const r = await runKubectl(k, ['delete', 'job', name]);
    assert.equal(r.stdout.trim(), `job.batch "${name}" deleted`);
    assert.equal(server.store.get('jobs', 'demo', name), undefined);
    for (const p of pods) {
      assert.equal(server.store.get('pods', 'demo', p), undefined, `pod ${p} collected`);
    }
    const orphan = await runKubectl(k, ['delete', 'job', 'db-migrate', '--cascade=orphan']);
    assert.equal(orphan.code, 0, orphan.stderr);
    const left = server.store.get('pods', 'demo', podsOf('db-migrate')[0] ?? '');
    assert.ok(left, 'orphaned pod kept');
    assert.equal(left.metadata.ownerReferences, undefined);
  });

  it('kubectl apply, apply again, change an immutable field, server-side apply, create --dry-run=server', async () => {
    const file = path.join(k.dir, 'job.yaml');
    fs.writeFileSync(file, HELLO_JOB);
    let r = await runKubectl(k, ['apply', '-f', file]);
    assert.equal(r.stdout.trim(), 'job.batch/hello-job created', r.stderr);
    r = await runKubectl(k, ['apply', '-f', file]);
    assert.equal(r.stdout.trim(), 'job.batch/hello-job unchanged', r.stderr);
    fs.writeFileSync(file, HELLO_JOB.replace('busybox:1.36', 'busybox:1.37'));
    r = await runKubectl(k, ['apply', '-f', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /The Job "hello-job" is invalid: spec\.template: Invalid value: .*: field is immutable/);
    fs.writeFileSync(file, HELLO_JOB.replace('hello-job', 'hello-ssa'));
    r = await runKubectl(k, ['apply', '--server-side', '-f', file]);
    assert.equal(r.stdout.trim(), 'job.batch/hello-ssa serverside-applied', r.stderr);
    fs.writeFileSync(file, HELLO_JOB.replace('hello-job', 'hello-dry'));
    r = await runKubectl(k, ['create', '--dry-run=server', '-f', file]);
    assert.equal(r.stdout.trim(), 'job.batch/hello-dry created (server dry run)', r.stderr);
    assert.equal(server.store.get('jobs', 'demo', 'hello-dry'), undefined);
    r = await runKubectl(k, ['create', '-f', '-'], HELLO_JOB.replace('hello-job', 'hello-bad').replace('Never', 'Always'));
    assert.equal(
      r.stderr.trim(),
      'The Job "hello-bad" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
    r = await runKubectl(k, ['create', '-f', file]);
    assert.equal(r.code, 0, r.stderr);
    r = await runKubectl(k, ['create', '-f', file]);
    assert.equal(
      r.stderr.trim(),
      `Error from server (AlreadyExists): error when creating "${file}": jobs.batch "hello-dry" already exists`,
    );
  });

  it("kubectl describe cronjob shows its active Jobs and the controller's events", async () => {
    const r = await runKubectl(k, ['describe', 'cronjob', 'hourly-report']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Active Jobs:\\s+${jobOf('hourly-report', 'running')}`));
    assert.match(
      r.stdout,
      /Normal\s+SawCompletedJob\s+\S+\s+cronjob-controller\s+Saw completed job: hourly-report-\d+, condition: Complete/,
    );
  });
});

describe('kubectl and RBAC on the test API server', { skip }, () => {
  let server: TestApiServer;
  let alice: KubectlEnv;

  before(async () => {
    server = await startTestApiServer({
      users: { 'alice-token': 'alice', 'admin-token': 'admin' },
      deny: [{ user: 'alice', namespace: 'restricted' }],
    });
    server.store.create('namespaces', { metadata: { name: 'restricted' } });
    // kubectl sends no bearer token over plain HTTP, so it acts as alice through impersonation.
    alice = makeKubectlEnv((p) => server.writeKubeconfig(p, { namespace: 'restricted', as: 'alice' }));
  });
  after(async () => {
    await server.close();
    fs.rmSync(alice.dir, { recursive: true, force: true });
  });

  it('a forbidden list prints the RBAC message a real server gives', async () => {
    const r = await runKubectl(alice, ['get', 'jobs']);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr.trim(),
      'Error from server (Forbidden): jobs.batch is forbidden: User "alice" cannot list resource "jobs" in API group "batch" in the namespace "restricted"',
    );
    const ok = await runKubectl(alice, ['get', 'jobs', '-n', 'default']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stderr.trim(), 'No resources found in default namespace.');
  });

  it('kubectl auth can-i is answered by SelfSubjectAccessReview', async () => {
    const no = await runKubectl(alice, ['auth', 'can-i', 'list', 'jobs']);
    assert.equal(no.stdout.trim(), 'no');
    assert.equal(no.code, 1);
    const yes = await runKubectl(alice, ['auth', 'can-i', 'list', 'jobs', '-n', 'default']);
    assert.equal(yes.stdout.trim(), 'yes');
    assert.equal(yes.code, 0);
    server.faults.set({ forbid: [{ verb: 'get', resource: 'pods/log' }] });
    const logs = await runKubectl(alice, ['auth', 'can-i', 'get', 'pods', '--subresource=log', '-n', 'default']);
    assert.equal(logs.stdout.trim(), 'no');
    server.faults.clear();
  });
});
