/**
 * The server-side Table cells kubectl prints, checked against what kubectl shows for the same
 * objects on a real cluster (pkg/printers/internalversion printers and duration.HumanDuration).
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jobStatusText, podStatusReason, tableRow } from './table';
import { formatNanos, humanDuration, parseTimeNanos } from './timefmt';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration', () => {
  const cases: Array<[number, string]> = [
    [-5 * S, '<invalid>'],
    [-0.5 * S, '0s'],
    [0, '0s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [5 * M + 2 * S, '5m2s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [3 * D + 4 * H, '3d4h'],
    [30 * D, '30d'],
    [800 * D, '2y70d'],
    [3000 * D, '8y'],
  ];
  for (const [ms, want] of cases) {
    it(`${ms} ms -> ${want}`, () => assert.equal(humanDuration(ms), want));
  }
});

describe('pod STATUS column', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const pod = (status: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, any> => ({
    metadata: { name: 'p', creationTimestamp: '2026-01-01T00:00:00Z', ...extra },
    spec: { containers: [{ name: 'c' }], initContainers: [{ name: 'init' }] },
    status,
  });
  it('shows the init container that blocks the pod', () => {
    assert.equal(
      podStatusReason(
        pod({ phase: 'Pending', initContainerStatuses: [{ name: 'init', state: { waiting: { reason: 'PodInitializing' } } }] }),
      ).reason,
      'Init:0/1',
    );
    assert.equal(
      podStatusReason(
        pod({ phase: 'Pending', initContainerStatuses: [{ name: 'init', state: { terminated: { exitCode: 3 } } }] }),
      ).reason,
      'Init:ExitCode:3',
    );
    assert.equal(
      podStatusReason(
        pod({ phase: 'Pending', initContainerStatuses: [{ name: 'init', state: { waiting: { reason: 'ImagePullBackOff' } } }] }),
      ).reason,
      'Init:ImagePullBackOff',
    );
  });
  it('shows exit codes and signals without a reason, and Terminating once deleted', () => {
    const done = { name: 'init', state: { terminated: { exitCode: 0 } } };
    assert.equal(
      podStatusReason(
        pod({
          phase: 'Failed',
          initContainerStatuses: [done],
          containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 2 } } }],
        }),
      ).reason,
      'ExitCode:2',
    );
    assert.equal(
      podStatusReason(
        pod({
          phase: 'Failed',
          initContainerStatuses: [done],
          containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 137, signal: 9 } } }],
        }),
      ).reason,
      'Signal:9',
    );
    assert.equal(
      podStatusReason(
        pod(
          {
            phase: 'Running',
            initContainerStatuses: [done],
            containerStatuses: [{ name: 'c', ready: true, state: { running: {} } }],
          },
          { deletionTimestamp: '2026-01-01T00:01:00Z' },
        ),
      ).reason,
      'Terminating',
    );
  });
  it('counts restarts with the age of the last one', () => {
    const p = pod({
      phase: 'Running',
      containerStatuses: [
        {
          name: 'c',
          restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:50:00Z' } },
        },
      ],
    });
    p.spec.initContainers = [];
    assert.deepEqual(tableRow('pods', p, Date.parse('2026-01-01T01:00:00Z')).slice(0, 5), [
      'p',
      '0/1',
      'CrashLoopBackOff',
      '4 (10m ago)',
      '60m',
    ]);
  });
});

describe('job STATUS and COMPLETIONS columns', () => {
  const cond = (type: string, status = 'True'): Record<string, string> => ({ type, status });
  it('orders conditions as printJob does', () => {
    assert.equal(jobStatusText({ status: { conditions: [cond('FailureTarget'), cond('Failed')] } }), 'Failed');
    assert.equal(jobStatusText({ status: { conditions: [cond('SuccessCriteriaMet'), cond('Complete')] } }), 'Complete');
    assert.equal(jobStatusText({ status: { conditions: [cond('Suspended')] } }), 'Suspended');
    assert.equal(jobStatusText({ status: { conditions: [cond('Suspended', 'False')] } }), 'Running');
    assert.equal(jobStatusText({ metadata: { deletionTimestamp: 'x' }, status: {} }), 'Terminating');
  });
  it('prints completions for fixed, work-queue and parallel jobs', () => {
    const now = Date.parse('2026-01-01T00:10:00Z');
    const row = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): unknown[] =>
      tableRow('jobs', { metadata: { name: 'j', creationTimestamp: '2026-01-01T00:00:00Z' }, spec, status }, now);
    assert.deepEqual(row({ completions: 3 }, { succeeded: 1, startTime: '2026-01-01T00:00:00Z' }).slice(1, 5), [
      'Running',
      '1/3',
      '10m',
      '10m',
    ]);
    assert.deepEqual(row({ parallelism: 4 }).slice(2, 4), ['0/1 of 4', '']);
    assert.deepEqual(
      row({ parallelism: 1 }, { startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:02:05Z' }).slice(2, 4),
      ['0/1', '2m5s'],
    );
  });
});

describe('log timestamps', () => {
  it('format as RFC3339Nano and parse back', () => {
    const ns = parseTimeNanos('2026-08-12T10:00:00.123456789Z');
    assert.equal(ns, 1786528800123456789n);
    assert.equal(formatNanos(ns ?? 0n), '2026-08-12T10:00:00.123456789Z');
    assert.equal(formatNanos(1786528800120000000n), '2026-08-12T10:00:00.12Z');
    assert.equal(formatNanos(1786528800000000000n), '2026-08-12T10:00:00Z');
    assert.equal(parseTimeNanos('yesterday'), undefined);
  });
});
