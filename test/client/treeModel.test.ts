import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ClusterIndex } from '../../client/src/views/model/clusterIndex';
import { childrenOf, rowOf, snapshot } from '../../client/src/views/model/treeModel';
import { cronJobRow, jobRow, podRow } from '../../client/src/views/model/treeRows';
import { T0, crashLooping, cronJob, iso, job, pod, running, terminated, unschedulable, waiting } from './fixtures';
import { objectOfNodeId } from '../../client/src/views/model/clusterIndex';
import { toObjectRef } from '../../client/src/webviews/objectRef';

const opts = { nowMs: T0 };

function world(): ClusterIndex {
  const index = new ClusterIndex();
  index.setNamespaces(['demo']);
  index.apply(
    'CronJob',
    'ADDED',
    cronJob(
      'nightly',
      { timeZone: 'America/New_York' },
      { lastScheduleTime: iso(T0 - 3600_000), lastSuccessfulTime: iso(T0 - 7200_000), active: [{ name: 'nightly-2' }] },
    ),
  );
  index.apply(
    'Job',
    'ADDED',
    job('nightly-1', {
      owner: 'nightly',
      created: T0 - 7200_000,
      status: {
        conditions: [{ type: 'Complete', status: 'True' }],
        succeeded: 1,
        startTime: iso(T0 - 7200_000),
        completionTime: iso(T0 - 7140_000),
      },
      spec: { completions: 1 },
    }),
  );
  index.apply(
    'Job',
    'ADDED',
    job('nightly-2', {
      owner: 'nightly',
      created: T0 - 60_000,
      status: { active: 1, startTime: iso(T0 - 60_000) },
      spec: { completions: 1 },
    }),
  );
  index.apply(
    'Job',
    'ADDED',
    job('adhoc', {
      status: {
        conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }],
        failed: 7,
        startTime: iso(T0 - 600_000),
      },
    }),
  );
  index.apply('Pod', 'ADDED', pod('nightly-2-abcde', 'nightly-2', running(2)));
  index.apply('Pod', 'ADDED', pod('adhoc-fghij', 'adhoc', terminated(137, 'OOMKilled')));
  return index;
}

describe('cluster tree model', () => {
  it('CronJob rows: schedule in words, next run in its time zone, last schedule and success, active count', () => {
    const row = cronJobRow(
      cronJob(
        'nightly',
        { timeZone: 'America/New_York' },
        { lastScheduleTime: iso(T0 - 3600_000), lastSuccessfulTime: iso(T0 - 7200_000), active: [{ name: 'x' }] },
      ),
      opts,
    );
    assert.equal(row.label, 'nightly');
    // 12:00 UTC is 07:00 in New York; the next 02:00 there is 2026-12-01 02:00 EST.
    assert.match(row.description ?? '', /^At 02:00 · next 2026-12-01 02:00 America\/New_York · 1 active$/);
    assert.match(row.tooltip ?? '', /Last schedule: 1h ago/);
    assert.match(row.tooltip ?? '', /Last success: 2h ago/);
    assert.equal(row.icon, 'cronjob');
    assert.equal(row.contextValue, 'cronJob;running;can-trigger;can-patch');
  });

  it('suspended CronJobs say so and have no next run', () => {
    const row = cronJobRow(cronJob('paused', { suspend: true, schedule: '@hourly' }), opts);
    assert.match(row.description ?? '', /suspended/);
    assert.doesNotMatch(row.description ?? '', /next/);
    assert.equal(row.icon, 'cronjob-suspended');
  });

  it('Job rows: status icon, completions, duration', () => {
    const complete = jobRow(
      job('a', {
        spec: { completions: 3 },
        status: {
          conditions: [{ type: 'Complete', status: 'True' }],
          succeeded: 3,
          startTime: iso(T0 - 125_000),
          completionTime: iso(T0),
        },
      }),
      opts,
    );
    assert.equal(complete.icon, 'job-complete');
    assert.equal(complete.description, 'Complete · 3/3 · 2m 5s');
    assert.equal(jobRow(job('b', { status: { active: 2, startTime: iso(T0 - 30_000) } }), opts).icon, 'job-running');
    assert.equal(jobRow(job('c', { spec: { suspend: true } }), opts).icon, 'job-suspended');
    assert.equal(
      jobRow(job('d', { status: { conditions: [{ type: 'FailureTarget', status: 'True' }] } }), opts).icon,
      'job-failed',
    );
    assert.equal(jobRow(job('e'), opts).icon, 'job-pending');
  });

  it('Pod rows: the kubectl STATUS people know, restarts, exit code', () => {
    assert.equal(podRow(pod('p1', 'j', terminated(137, 'OOMKilled'))).description, 'OOMKilled · exit 137');
    assert.equal(podRow(pod('p2', 'j', running(3))).description, 'Running · 3 restarts');
    assert.equal(podRow(pod('p3', 'j', waiting('ImagePullBackOff'))).description, 'ImagePullBackOff');
    assert.equal(podRow(pod('p4', 'j', terminated(0, 'Completed'))).description, 'Completed');
    assert.equal(podRow(pod('p4', 'j', terminated(0, 'Completed'))).icon, 'pod-succeeded');
    assert.equal(podRow(pod('p5', 'j', terminated(1, 'Error'))).description, 'Error · exit 1');
    assert.equal(podRow(pod('p6', 'j', waiting('ContainerCreating'))).description, 'ContainerCreating');
    assert.match(podRow(pod('p6', 'j', waiting('ContainerCreating'))).tooltip ?? '', /phase Pending/);
  });

  it('Pod rows: Init, signals and Terminating as kubectl prints them', () => {
    const initPod = pod('p7', 'j', {
      phase: 'Pending',
      initContainerStatuses: [
        {
          name: 'setup',
          image: 'busybox',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { running: { startedAt: iso(T0) } },
        },
      ],
      containerStatuses: [
        {
          name: 'main',
          image: 'busybox',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'PodInitializing' } },
        },
      ],
    });
    initPod.spec = { ...initPod.spec!, initContainers: [{ name: 'setup', image: 'busybox' }] };
    assert.equal(podRow(initPod).description, 'Init:0/1');
    const killed = pod('p8', 'j', {
      phase: 'Failed',
      containerStatuses: [
        {
          name: 'main',
          image: 'busybox',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 143, signal: 15 } },
        },
      ],
    });
    assert.match(podRow(killed).description ?? '', /^Signal:15/);
    const leaving = pod('p9', 'j', running());
    leaving.metadata = { ...leaving.metadata, deletionTimestamp: iso(T0) };
    assert.equal(podRow(leaving).description, 'Terminating');
  });

  it('Pod rows: a crash loop or an image that cannot be pulled looks failing, with restarts and the last exit code', () => {
    const loop = podRow(pod('p1', 'j', crashLooping(3, 2)));
    assert.equal(loop.description, 'CrashLoopBackOff · 3 restarts · last exit 2 (Error)');
    assert.equal(loop.icon, 'pod-failing');
    assert.match(loop.tooltip ?? '', /Container main last exited with code 2 \(Error\)/);
    for (const reason of ['ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError']) {
      assert.equal(podRow(pod('p2', 'j', waiting(reason))).icon, 'pod-failing', reason);
    }
    assert.equal(podRow(pod('p3', 'j', waiting('ContainerCreating'))).icon, 'pod-pending');
  });

  it("Pod rows: the scheduler's reason for an unschedulable pod, Terminating with its grace period", () => {
    const big = podRow(
      pod(
        'p1',
        'j',
        unschedulable(
          '0/3 nodes are available: 3 Insufficient memory. ' +
            'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        ),
      ),
    );
    assert.equal(big.description, 'Pending · Unschedulable: 0/3 nodes are available: 3 Insufficient memory');
    assert.equal(big.icon, 'pod-stuck');
    const leaving = pod('p2', 'j', running());
    leaving.metadata = { ...leaving.metadata, deletionTimestamp: iso(T0 + 30_000), deletionGracePeriodSeconds: 30 };
    assert.deepEqual([podRow(leaving).description, podRow(leaving).icon], ['Terminating · grace period 30s', 'pod-terminating']);
  });

  it("Job rows: flagged by their pods' trouble; an empty status reads as kubectl prints it", () => {
    const running1 = job('r', { status: { active: 1, startTime: iso(T0 - 30_000) }, spec: { completions: 1 } });
    const failing = jobRow(running1, opts, [pod('r-a', 'r', crashLooping(4, 1))]);
    assert.equal(failing.icon, 'job-failing');
    assert.equal(failing.description, 'Running · 0/1 · 1 pod CrashLoopBackOff · under 1m');
    assert.equal(jobRow(running1, opts, [pod('r-b', 'r', waiting('ImagePullBackOff'))]).icon, 'job-stuck');
    assert.equal(jobRow(running1, opts, [pod('r-c', 'r', running())]).icon, 'job-running');
    const fresh = jobRow(job('fresh', { spec: { completions: 1 } }), opts);
    assert.deepEqual([fresh.description, fresh.icon], ['Running · 0/1', 'job-pending']);
    assert.equal(jobRow(job('queue', { spec: { parallelism: 3 } }), opts).description, 'Running · 0/1 of 3');
  });

  it('rows say when their text goes stale: the next run passing, a running duration ticking', () => {
    assert.equal(cronJobRow(cronJob('nightly', { schedule: '0 13 * * *' }), opts).refreshAtMs, T0 + 3600_000 + 1);
    assert.equal(cronJobRow(cronJob('paused', { suspend: true }), opts).refreshAtMs, undefined);
    assert.equal(jobRow(job('r', { status: { active: 1, startTime: iso(T0 - 30_500) } }), opts).refreshAtMs, T0 + 29_500);
    const long = jobRow(job('r', { status: { active: 1, startTime: iso(T0 - 7_230_000) } }), opts);
    assert.deepEqual(
      [long.description?.endsWith('· 2h'), long.refreshAtMs],
      [true, T0 + 30_000],
      'a running duration to the minute, redrawn at the next minute',
    );
    assert.equal(
      jobRow(job('d', { status: { active: 1, startTime: iso(T0 - 2 * 86_400_000 - 60_000) } }), opts).refreshAtMs,
      T0 + 3_540_000,
      'after a day, hourly',
    );
    assert.equal(
      jobRow(
        job('done', {
          status: { conditions: [{ type: 'Complete', status: 'True' }], startTime: iso(T0 - 60_000), completionTime: iso(T0) },
        }),
        opts,
      ).refreshAtMs,
      undefined,
    );
  });

  it('namespace rows count in words: 1 CronJob, 2 Jobs', () => {
    assert.equal(rowOf(world(), 'ns/demo', opts)?.description, '1 CronJob · 3 Jobs');
  });

  it('a tree row element names its object, so menu commands act on the row they were invoked on', () => {
    assert.deepEqual(toObjectRef({ type: 'row', key: 'row:cj/demo/nightly', id: 'cj/demo/nightly' }), {
      kind: 'CronJob',
      namespace: 'demo',
      name: 'nightly',
    });
    assert.deepEqual(toObjectRef({ type: 'row', key: 'row:job/demo/nightly-2', id: 'job/demo/nightly-2' }), {
      kind: 'Job',
      namespace: 'demo',
      name: 'nightly-2',
    });
    assert.deepEqual(objectOfNodeId('pod/demo/nightly-2-abcde'), { kind: 'Pod', namespace: 'demo', name: 'nightly-2-abcde' });
    for (const id of ['ns/demo', 'problem/demo/pods', 'cj/demo', 'cj/demo/a/b', 'constructor/demo/x', 'cj//x']) {
      assert.equal(objectOfNodeId(id), undefined, id);
    }
  });

  it('a pod whose health changes redraws its Job row too', () => {
    const index = world();
    assert.deepEqual(
      [...index.apply('Pod', 'MODIFIED', pod('nightly-2-abcde', 'nightly-2', crashLooping(1, 1))).nodeIds].sort(),
      ['job/demo/nightly-2', 'pod/demo/nightly-2-abcde'],
    );
  });

  it('nests Contexts → Namespaces → CronJobs → Jobs → Pods, with Jobs without a CronJob under the namespace', () => {
    const tree = snapshot(world(), opts);
    assert.deepEqual(
      tree.map((n) => [
        n.label,
        n.children?.map((c) => [c.label, c.children?.map((j) => [j.label, j.children?.map((p) => p.label)])]),
      ]),
      [
        [
          'demo',
          [
            [
              'nightly',
              [
                ['nightly-2', ['nightly-2-abcde']],
                ['nightly-1', []],
              ],
            ],
            ['adhoc', [['adhoc-fghij', undefined]]],
          ],
        ],
      ],
    );
  });

  it('one pod update redraws one row; a new pod redraws its Job; a new Job redraws its CronJob', () => {
    const index = world();
    assert.deepEqual(
      [...index.apply('Pod', 'MODIFIED', pod('nightly-2-abcde', 'nightly-2', running(3))).nodeIds],
      ['pod/demo/nightly-2-abcde'],
    );
    assert.deepEqual(
      [...index.apply('Pod', 'ADDED', pod('nightly-2-zzzzz', 'nightly-2', running())).nodeIds],
      ['job/demo/nightly-2'],
    );
    assert.deepEqual([...index.apply('Job', 'ADDED', job('nightly-3', { owner: 'nightly' })).nodeIds], ['cj/demo/nightly']);
    assert.deepEqual(
      [...index.apply('Job', 'MODIFIED', job('nightly-3', { owner: 'nightly', status: { active: 1 } })).nodeIds],
      ['job/demo/nightly-3'],
    );
    assert.deepEqual([...index.apply('Job', 'DELETED', job('adhoc')).nodeIds], ['ns/demo']);
    assert.deepEqual(
      [
        ...index.apply('Event', 'ADDED', {
          metadata: { name: 'e', namespace: 'demo' },
          involvedObject: { kind: 'Job', name: 'x' },
        }).nodeIds,
      ],
      [],
    );
    assert.equal(rowOf(index, 'pod/demo/nightly-2-abcde', opts)?.description, 'Running · 3 restarts');
  });

  it('filters by CronJob or Job name, and caps long Job lists with a "more" row', () => {
    const index = world();
    assert.deepEqual(
      childrenOf(index, 'ns/demo', { ...opts, filter: 'ADHOC' }).map((r) => r.label),
      ['adhoc'],
    );
    assert.deepEqual(
      childrenOf(index, 'ns/demo', { ...opts, filter: 'nightly-1' }).map((r) => r.label),
      ['nightly'],
    );
    assert.deepEqual(
      childrenOf(index, 'cj/demo/nightly', { ...opts, filter: 'nightly-1' }).map((r) => r.label),
      ['nightly-1'],
    );
    assert.deepEqual(
      childrenOf(index, 'cj/demo/nightly', { ...opts, maxJobs: 1 }).map((r) => r.label),
      ['nightly-2', '… 1 more'],
    );
    assert.deepEqual(
      childrenOf(index, 'ns/demo', { ...opts, showStandaloneJobs: false }).map((r) => r.label),
      ['nightly'],
    );
  });

  it('shows watch problems as rows, and hides actions RBAC forbids', () => {
    const index = world();
    index.setProblem('demo', 'pods', {
      resource: 'pods',
      message: 'pods is forbidden: User "dev" cannot list resource "pods"',
      forbidden: true,
    });
    const rows = childrenOf(index, 'ns/demo', { ...opts, access: (_ns, verb) => verb !== 'create' });
    assert.equal(rows[0]?.label, 'forbidden: cannot list pods in ns demo');
    assert.equal(rows[0]?.tooltip, 'pods is forbidden: User "dev" cannot list resource "pods"');
    assert.equal(rows[1]?.contextValue, 'cronJob;running;can-patch');
    index.setProblem('demo', 'pods', undefined);
    assert.equal(childrenOf(index, 'ns/demo', opts)[0]?.kind, 'cronJob');
  });
});
