import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildJobPanelModel, jobSettings } from '../../client/src/views/model/jobPanelModel';
import { failureCard } from '../../client/src/views/model/failureCard';
import { T0, crashLooping, event, iso, job, pod, running, terminated, unschedulable, waiting } from './fixtures';

const failedJob = job('report-1', {
  owner: 'report',
  spec: { backoffLimit: 2, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600 },
  status: {
    failed: 3,
    startTime: iso(T0 - 300_000),
    conditions: [
      {
        type: 'Failed',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastTransitionTime: iso(T0 - 10_000),
      },
    ],
  },
});

describe('Job panel model', () => {
  it('explains why a Job failed: reason, exit codes, termination messages, last log lines', () => {
    const pods = [
      pod('report-1-a', 'report-1', terminated(137, 'OOMKilled')),
      pod('report-1-b', 'report-1', terminated(2, 'Error', 'config file missing')),
    ];
    const card = failureCard(failedJob, pods, new Map([['report-1-b/main', ['reading /etc/app.yaml', 'error: no such file']]]));
    assert.ok(card);
    assert.equal(card.title, 'Why it failed');
    assert.equal(card.reason, 'BackoffLimitExceeded');
    assert.match(card.explanation, /backoffLimit \(2\)/);
    assert.deepEqual(
      card.containers.map((c) => [c.pod, c.exitCode, c.reason]),
      [
        ['report-1-a', 137, 'OOMKilled'],
        ['report-1-b', 2, 'Error'],
      ],
    );
    assert.match(card.containers[0]?.explanation ?? '', /memory/);
    assert.deepEqual(
      [card.containers[1]?.messageLabel, card.containers[1]?.message],
      ['Termination message', 'config file missing'],
    );
    assert.deepEqual(card.containers[1]?.lastLines, ['reading /etc/app.yaml', 'error: no such file']);
  });

  it('explains DeadlineExceeded', () => {
    const deadline = job('slow', {
      spec: { activeDeadlineSeconds: 60 },
      status: { conditions: [{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded' }] },
    });
    const card = failureCard(deadline, []);
    assert.equal(card?.title, 'Why it failed');
    assert.match(card?.explanation ?? '', /activeDeadlineSeconds \(60 s\)/);
  });

  it('has no card for a Job that is fine, complete, or suspended, whatever its pods did before', () => {
    assert.equal(failureCard(job('fine', { status: { active: 1 } }), [pod('fine-x', 'fine', running())]), undefined);
    const complete = job('done', { status: { succeeded: 1, failed: 1, conditions: [{ type: 'Complete', status: 'True' }] } });
    assert.equal(
      failureCard(complete, [pod('done-a', 'done', terminated(1, 'Error')), pod('done-b', 'done', terminated(0, 'Completed'))]),
      undefined,
    );
  });

  it('a pulling pod makes the Job stuck, not failing, and the card does not contradict itself', () => {
    const pulling = failureCard(job('pull', { status: { active: 1 } }), [
      pod('pull-x', 'pull', waiting('ImagePullBackOff', 'Back-off pulling image "nope:1"')),
    ]);
    assert.equal(pulling?.title, 'Why it is stuck');
    assert.equal(pulling?.reason, 'ImagePullBackOff');
    assert.equal(pulling?.message, '1 pod ImagePullBackOff');
    assert.match(pulling?.explanation ?? '', /has not failed, and will not by itself/);
    assert.match(pulling?.explanation ?? '', /no activeDeadlineSeconds is set/);
    assert.doesNotMatch(`${pulling?.message} ${pulling?.explanation}`, /failing/);
    const c = pulling?.containers[0];
    assert.deepEqual([c?.messageLabel, c?.message], ['Waiting message', 'Back-off pulling image "nope:1"']);
    assert.match(c?.explanation ?? '', /cannot pull the image/);
    assert.equal(c?.neverRan, true, 'no log to fetch from a container that never ran');
  });

  it("a crash-looping pod makes the Job failing: restarts, last exit code, the last run's log lines, OnFailure", () => {
    const looping = job('loop', {
      spec: {
        backoffLimit: 6,
        template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: 'busybox' }] } },
      },
      status: { active: 1 },
    });
    const card = failureCard(looping, [pod('loop-x', 'loop', crashLooping(3, 2))]);
    assert.equal(card?.title, 'Why it is failing');
    assert.equal(card?.reason, 'CrashLoopBackOff');
    assert.match(
      card?.explanation ?? '',
      /3 restarts and 0 failed pods so far\. The Job fails when the restarts reach spec\.backoffLimit \(6\)/,
    );
    const c = card?.containers[0];
    assert.deepEqual(
      [c?.exitCode, c?.lastExit, c?.restarts, c?.linesFromPrevious, c?.messageLabel],
      [2, true, 3, true, 'Waiting message'],
    );
    assert.doesNotMatch(c?.messageLabel ?? '', /Termination/);
  });

  it("an unschedulable pod shows the scheduler's reason", () => {
    const card = failureCard(job('big', { status: { active: 1 } }), [
      pod(
        'big-x',
        'big',
        unschedulable(
          '0/3 nodes are available: 3 Insufficient memory. ' +
            'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        ),
      ),
    ]);
    assert.equal(card?.title, 'Why it is stuck');
    assert.equal(card?.message, '1 pod Unschedulable');
    assert.deepEqual(
      [card?.containers[0]?.messageLabel, card?.containers[0]?.message],
      ['Scheduler', '0/3 nodes are available: 3 Insufficient memory'],
    );
  });

  it('lists the settings that matter, with Kubernetes defaults when unset', () => {
    const s = Object.fromEntries(jobSettings(job('j')).map((f) => [f.label, f.value]));
    assert.equal(s.backoffLimit, '6');
    assert.equal(s.activeDeadlineSeconds, 'none');
    assert.equal(s.podReplacementPolicy, 'TerminatingOrFailed');
    const t = Object.fromEntries(jobSettings(failedJob).map((f) => [f.label, f.value]));
    assert.equal(t.ttlSecondsAfterFinished, '3600');
  });

  it('builds conditions, counts, events newest first, a pod timeline, and disables actions with the reason', () => {
    const model = buildJobPanelModel({
      context: 'kind',
      namespace: 'demo',
      name: 'report-1',
      job: failedJob,
      pods: [pod('report-1-a', 'report-1', terminated(1, 'Error'), 'demo', T0 - 290_000)],
      events: [
        event('e1', { kind: 'Job', name: 'report-1' }, 'SuccessfulCreate', 'Created pod: report-1-a', T0 - 290_000, 'Normal'),
        event(
          'e2',
          { kind: 'Job', name: 'report-1' },
          'BackoffLimitExceeded',
          'Job has reached the specified backoff limit',
          T0 - 10_000,
        ),
      ],
      nowMs: T0,
      access: (verb) =>
        verb === 'delete'
          ? { allowed: false, reason: 'forbidden: cannot delete jobs in ns demo' }
          : { allowed: true, reason: '' },
    });
    assert.equal(model.phase, 'failed');
    assert.equal(model.owner, 'report');
    assert.deepEqual(
      model.conditions.map((c) => [c.type, c.reason]),
      [['Failed', 'BackoffLimitExceeded']],
    );
    assert.deepEqual(
      model.events.map((e) => e.reason),
      ['BackoffLimitExceeded', 'SuccessfulCreate'],
    );
    assert.equal(model.pods[0]?.startOffsetMs, 300_000, 'the pod started 5 minutes after the Job');
    assert.equal(model.pods[0]?.failed, true);
    const actions = Object.fromEntries(model.actions.map((a) => [a.id, a]));
    assert.deepEqual([actions.delete?.enabled, actions.delete?.reason], [false, 'forbidden: cannot delete jobs in ns demo']);
    assert.deepEqual([actions.suspend?.enabled, actions.suspend?.reason], [false, 'the Job has finished']);
    assert.equal(model.failure?.reason, 'BackoffLimitExceeded');
  });

  it('a Job with an empty status reads as kubectl prints it', () => {
    const model = buildJobPanelModel({
      context: 'kind',
      namespace: 'demo',
      name: 'fresh',
      job: job('fresh', { spec: { completions: 1 } }),
      pods: [],
      events: [],
      nowMs: T0,
    });
    assert.equal(model.headline, 'Running · 0/1 succeeded');
  });

  it('says when the Job is gone', () => {
    const model = buildJobPanelModel({
      context: 'kind',
      namespace: 'demo',
      name: 'gone',
      job: undefined,
      pods: [],
      events: [],
      nowMs: T0,
    });
    assert.equal(model.exists, false);
    assert.equal(model.actions.length, 0);
  });
});
