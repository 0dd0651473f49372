import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { cronJobHealth, mostRecentScheduleTime, nextFnFor, parseStandard, tooManyMissedAt } from '../../../src-engine';
import type { CronJobHealth, HealthFinding } from '../../../src-engine';
import { at, cronJob, event, HOUR, input, job, MIN } from './fixtures';

function rules(health: CronJobHealth): string[] {
  return health.findings.map((f) => `${f.rule}@${f.severity}`);
}

function finding(health: CronJobHealth, rule: string): HealthFinding {
  const f = health.findings.find((x) => x.rule === rule);
  assert.ok(f, `${rule} among ${rules(health).join(', ') || 'nothing'}`);
  return f;
}

const GRACE = 2 * MIN;

describe('health: behind-schedule', () => {
  it('an hourly CronJob whose 11:00 run did not start: healthy just inside the grace, behind just outside', () => {
    assert.deepEqual(rules(cronJobHealth(input(at('2026-01-05T11:00:00Z') + GRACE - 1000))), []);
    const late = cronJobHealth(input(at('2026-01-05T11:00:00Z') + GRACE + 1000));
    assert.equal(late.status, 'unhealthy');
    assert.match(
      finding(late, 'behind-schedule').message,
      /the run due at 2026-01-05 11:00 UTC \(2m1s ago\) has not started; the last run started for 2026-01-05 10:00 UTC/,
    );
  });

  it("says when to look again: when the due run's grace runs out, behind schedule starts to apply", () => {
    const health = cronJobHealth(input(at('2026-01-05T11:00:30Z')));
    assert.equal(health.recheckAt, at('2026-01-05T11:02:01Z'));
    assert.equal(cronJobHealth(input(health.recheckAt!)).status, 'unhealthy');
    const before = cronJobHealth(input(at('2026-01-05T10:30:00Z')));
    assert.equal(before.recheckAt, at('2026-01-05T11:02:01Z'), 'before it: the next run');
  });

  it('startingDeadlineSeconds shorter than the allowance is the grace, and past it the run is lost', () => {
    const cron = { startingDeadlineSeconds: 30 };
    assert.deepEqual(rules(cronJobHealth(input(at('2026-01-05T11:00:29Z'), cron))), []);
    const lost = finding(cronJobHealth(input(at('2026-01-05T11:00:31Z'), cron)), 'behind-schedule');
    assert.match(lost.message, /past startingDeadlineSeconds \(30 s\) that run is lost: the controller records MissSchedule/);
  });

  it('in Asia/Tokyo: 09:00 JST on a weekday is 00:00 UTC', () => {
    const cron = {
      schedule: '0 9 * * 1-5',
      timeZone: 'Asia/Tokyo',
      lastScheduleTime: at('2026-01-05T00:00:00Z'),
      lastSuccessfulTime: at('2026-01-05T00:04:00Z'),
    };
    assert.deepEqual(rules(cronJobHealth(input(at('2026-01-06T00:01:59Z'), cron))), []);
    const behind = finding(cronJobHealth(input(at('2026-01-06T00:02:01Z'), cron)), 'behind-schedule');
    assert.match(behind.message, /the run due at 2026-01-06 09:00 \+09:00/);
  });

  it('across the spring-forward gap: 02:30 does not exist in New York on 8 March, so nothing is missed', () => {
    const cron = {
      schedule: '30 2 * * *',
      timeZone: 'America/New_York',
      lastScheduleTime: at('2026-03-07T07:30:00Z'),
      lastSuccessfulTime: at('2026-03-07T07:35:00Z'),
    };
    const health = cronJobHealth(input(at('2026-03-08T12:00:00Z'), cron));
    assert.deepEqual(rules(health), []);
    assert.equal(health.nextRunTime, at('2026-03-09T06:30:00Z'), 'the next 02:30 is EDT (-04:00)');
  });

  it('across the fall-back repeat: 01:30 runs twice in New York on 1 November; the second, inside and outside the grace', () => {
    const cron = {
      schedule: '30 1 * * *',
      timeZone: 'America/New_York',
      lastScheduleTime: at('2026-11-01T05:30:00Z'),
      lastSuccessfulTime: at('2026-11-01T05:31:00Z'),
    };
    assert.deepEqual(rules(cronJobHealth(input(at('2026-11-01T06:31:59Z'), cron))), []);
    const behind = finding(cronJobHealth(input(at('2026-11-01T06:32:01Z'), cron)), 'behind-schedule');
    assert.match(behind.message, /the run due at 2026-11-01 01:30 -05:00/);
  });

  it('says nothing while suspended or while Forbid holds the run back (another rule says that)', () => {
    assert.deepEqual(
      rules(cronJobHealth(input(at('2026-01-05T13:00:00Z'), { suspend: true }))),
      ['too-many-missed-starts@info'],
      'only the prediction for resuming',
    );
    const held = cronJobHealth(
      input(at('2026-01-05T11:05:00Z'), { concurrencyPolicy: 'Forbid', active: ['report-29462460'] }, [
        job(at('2026-01-05T10:00:00Z'), 'running'),
      ]),
    );
    assert.deepEqual(rules(held), ['runs-held-by-forbid@warning']);
  });

  it('predicts when the missed count passes 100 while the controller stays down', () => {
    const behind = finding(cronJobHealth(input(at('2026-01-05T14:00:00Z'))), 'behind-schedule');
    assert.match(behind.message, /if nothing starts before 2026-01-09 15:00 UTC the missed count passes 100/);
  });
});

describe('health: too-many-missed-starts', () => {
  const next = nextFnFor((parseStandard('0 * * * *') as { ok: true; schedule: never }).schedule, undefined);
  const suspended = { suspend: true };
  const trap = at('2026-01-05T11:00:00Z') + 100 * HOUR;

  it('finds the first instant the controller itself counts more than 100 missed times', () => {
    assert.equal(tooManyMissedAt(cronJob(), next), trap);
    const c = cronJob();
    assert.equal(mostRecentScheduleTime(c.creationTimestamp, c.lastScheduleTime, null, trap - 1000, next, true).missed, 'few');
    assert.equal(mostRecentScheduleTime(c.creationTimestamp, c.lastScheduleTime, null, trap, next, true).missed, 'many');
  });

  it('a suspended CronJob: resuming after the trap time will hit it (info before, warning from then on)', () => {
    const before = finding(cronJobHealth(input(trap - 1000, suspended)), 'too-many-missed-starts');
    assert.equal(before.severity, 'info');
    assert.match(before.title, /Resuming after 1s hits TooManyMissedTimes/);
    assert.match(before.message, /resuming after 2026-01-09 15:00 UTC \(in 1s\)/);
    assert.match(before.fix ?? '', /startingDeadlineSeconds/);
    const after = finding(cronJobHealth(input(trap, suspended)), 'too-many-missed-starts');
    assert.equal(after.severity, 'warning');
    assert.match(
      after.message,
      /resuming now .* starts one Job at once for the most recent missed time and drops all the others/,
    );
    assert.equal(cronJobHealth(input(trap, suspended)).status, 'warning');
  });

  it('startingDeadlineSeconds keeps the count under 100: no prediction', () => {
    assert.deepEqual(rules(cronJobHealth(input(trap + 50 * HOUR, { suspend: true, startingDeadlineSeconds: 3600 }))), []);
  });

  it('a running CronJob the controller has not synced for days: one Job for the most recent time, the others dropped', () => {
    const health = cronJobHealth(
      input(
        at('2026-01-12T10:30:00Z'),
        {},
        [],
        [event('TooManyMissedTimes', 'too many missed start times', at('2026-01-12T10:00:00Z'), 'Warning')],
      ),
    );
    assert.deepEqual(rules(health), ['too-many-missed-starts@error', 'last-success-old@error']);
    assert.match(
      finding(health, 'too-many-missed-starts').message,
      new RegExp(
        'counts 168 missed start times .* \\(TooManyMissedTimes seen 1 times, last at 2026-01-12 10:00 UTC\\): ' +
          'it records TooManyMissedTimes and it starts one Job, for 2026-01-12 10:00 UTC, and drops the other 167',
      ),
    );
  });

  it("an irregular schedule after a long gap: the controller's estimate finds nothing to start", () => {
    const cron = { schedule: '30 6-16/4 * * 1-5', lastScheduleTime: at('2026-01-02T14:30:00Z') };
    const health = cronJobHealth(input(at('2026-01-21T22:47:00Z'), cron));
    assert.match(
      finding(health, 'too-many-missed-starts').message,
      /finds no run to start for this irregular schedule, so nothing starts until the next scheduled time \(2026-01-22 06:30/,
    );
  });

  it('after the fact, the TooManyMissedTimes event is the only trace', () => {
    const health = cronJobHealth(
      input(
        at('2026-01-05T10:30:00Z'),
        {},
        [],
        [event('TooManyMissedTimes', 'too many missed start times', at('2026-01-05T10:00:00Z'), 'Warning')],
      ),
    );
    assert.deepEqual(rules(health), ['too-many-missed-starts@warning']);
  });
});

describe('health: runs held by Forbid and replaced by Replace', () => {
  const blocker = job(at('2026-01-05T09:00:00Z'), 'running');
  const forbid = { concurrencyPolicy: 'Forbid' as const, lastScheduleTime: at('2026-01-05T09:00:00Z'), active: [blocker.name] };

  it('names the Job that blocks the due run, from the status alone, just outside the grace', () => {
    assert.deepEqual(rules(cronJobHealth(input(at('2026-01-05T10:01:59Z'), forbid, [blocker]))), []);
    const held = finding(cronJobHealth(input(at('2026-01-05T10:02:01Z'), forbid, [blocker])), 'runs-held-by-forbid');
    assert.equal(held.job, blocker.name);
    assert.ok(
      held.message.startsWith(
        `the run due at 2026-01-05 10:00 UTC is waiting: concurrencyPolicy Forbid starts no run while Job ${blocker.name}, ` +
          `running since 2026-01-05 09:00 UTC (1h2m) is active`,
      ),
      held.message,
    );
  });

  it('counts the JobAlreadyActive events the server still has', () => {
    const events = [
      event(
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
        at('2026-01-05T08:00:00Z'),
      ),
    ];
    const held = finding(
      cronJobHealth(
        input(at('2026-01-05T09:10:00Z'), { ...forbid, lastScheduleTime: at('2026-01-05T09:00:00Z'), active: [] }, [], events),
      ),
      'runs-held-by-forbid',
    );
    assert.match(held.message, /JobAlreadyActive recorded 1 times \(last at 2026-01-05 08:00 UTC\)/);
  });

  it('Replace: a delete in the same sync as a create is a replaced run; a long run is predicted to be replaced', () => {
    const events = [
      event('SuccessfulDelete', 'Deleted job report-29462400', at('2026-01-05T10:00:00Z')),
      event('SuccessfulCreate', 'Created job report-29462460', at('2026-01-05T10:00:00Z')),
    ];
    const replaced = finding(
      cronJobHealth(input(at('2026-01-05T10:10:00Z'), { concurrencyPolicy: 'Replace' }, [], events)),
      'runs-replaced',
    );
    assert.equal(replaced.severity, 'warning');
    assert.match(replaced.message, /deleted report-29462400 \(last at 2026-01-05 10:00 UTC\)/);
    const cleanup = [event('SuccessfulDelete', 'Deleted job report-29462280', at('2026-01-05T10:03:00Z'))];
    assert.deepEqual(
      rules(cronJobHealth(input(at('2026-01-05T10:10:00Z'), { concurrencyPolicy: 'Replace' }, [], cleanup))),
      [],
      'history cleanup is not a replacement',
    );
    const running = job(at('2026-01-05T10:00:00Z'), 'running');
    const replace = { concurrencyPolicy: 'Replace' as const, active: [running.name] };
    assert.deepEqual(rules(cronJobHealth(input(at('2026-01-05T10:29:00Z'), replace, [running]))), []);
    assert.match(
      finding(cronJobHealth(input(at('2026-01-05T10:31:00Z'), replace, [running])), 'runs-replaced').title,
      /will be replaced at 2026-01-05 11:00 UTC/,
    );
  });
});

describe('health: failures and success', () => {
  const t = (h: number): number => at('2026-01-05T10:00:00Z') - h * HOUR;

  it('the last three runs failed: unhealthy, with the reason; one failure: a warning', () => {
    const jobs = [job(t(0), 'failed'), job(t(1), 'failed'), job(t(2), 'failed'), job(t(3), 'complete')];
    const failing = finding(
      cronJobHealth(input(at('2026-01-05T10:30:00Z'), { lastSuccessfulTime: t(3) + 5 * MIN }, jobs)),
      'last-runs-failed',
    );
    assert.equal(failing.severity, 'error');
    assert.ok(failing.message.startsWith(`the last 3 runs failed: ${jobs[0]!.name} (2026-01-05 10:00 UTC), `), failing.message);
    assert.match(failing.message, /; reason: BackoffLimitExceeded$/);
    const once = finding(
      cronJobHealth(input(at('2026-01-05T10:30:00Z'), {}, [job(t(0), 'failed'), job(t(1), 'complete')])),
      'last-runs-failed',
    );
    assert.equal(once.severity, 'warning');
  });

  it('reads runs whose Jobs were cleaned up from SawCompletedJob events', () => {
    const events = [1, 2].map((h) =>
      event('SawCompletedJob', `Saw completed job: report-${Math.floor(t(h) / MIN)}, condition: Failed`, t(h) + 5 * MIN),
    );
    const failing = finding(
      cronJobHealth(input(at('2026-01-05T10:30:00Z'), {}, [job(t(0), 'failed')], events)),
      'last-runs-failed',
    );
    assert.equal(failing.severity, 'error');
    assert.match(failing.title, /Last 3 runs failed/);
  });

  it('the last success is old after three scheduled runs without one, not two; a run still going does not count', () => {
    const success = at('2026-01-05T07:05:00Z');
    const cron = { lastScheduleTime: at('2026-01-05T10:00:00Z'), lastSuccessfulTime: success };
    assert.deepEqual(
      rules(cronJobHealth(input(at('2026-01-05T09:59:59Z'), { ...cron, lastScheduleTime: at('2026-01-05T09:00:00Z') }))),
      [],
    );
    const stale = finding(cronJobHealth(input(at('2026-01-05T10:00:01Z'), cron)), 'last-success-old');
    assert.match(
      stale.message,
      /the last success was at 2026-01-05 07:05 UTC, 2h55m ago, and 3 or more scheduled runs have passed since/,
    );
    const running = job(at('2026-01-05T10:00:00Z'), 'running');
    assert.deepEqual(rules(cronJobHealth(input(at('2026-01-05T10:00:01Z'), { ...cron, active: [running.name] }, [running]))), []);
  });

  it('never succeeded since creation', () => {
    const stale = finding(
      cronJobHealth(
        input(at('2026-01-05T10:30:00Z'), { creationTimestamp: at('2026-01-05T06:30:00Z'), lastSuccessfulTime: null }),
      ),
      'last-success-old',
    );
    assert.match(stale.message, /no run has succeeded since the CronJob was created/);
  });
});

describe('health: slow runs', () => {
  const done = [1, 2, 3].map((h) => job(at('2026-01-05T10:00:00Z') - h * HOUR, 'complete', 10));
  const running = job(at('2026-01-05T10:00:00Z'), 'running');
  const cron = { active: [running.name] };

  it('over three times the median of its successful siblings, not under', () => {
    assert.deepEqual(rules(cronJobHealth(input(running.startTime! + 29 * MIN, cron, [...done, running]))), []);
    const slow = finding(cronJobHealth(input(running.startTime! + 31 * MIN, cron, [...done, running])), 'run-slower-than-usual');
    assert.match(slow.message, /its 3 successful siblings took 10m \(median\)/);
  });

  it('past its activeDeadlineSeconds by a second, not a second before', () => {
    const bounded = { ...running, activeDeadlineSeconds: 600 };
    assert.deepEqual(rules(cronJobHealth(input(running.startTime! + 599_000, cron, [bounded]))), []);
    const past = finding(cronJobHealth(input(running.startTime! + 601_000, cron, [bounded])), 'run-past-deadline');
    assert.match(past.message, /past its activeDeadlineSeconds \(600 s\) by 1s/);
  });
});

describe('health: the next run', () => {
  it("agrees with the server's status.nextScheduleTime, and says so when it does not", () => {
    const now = at('2026-01-05T10:20:00Z');
    assert.equal(cronJobHealth(input(now)).nextRunTime, at('2026-01-05T11:00:00Z'));
    assert.deepEqual(rules(cronJobHealth(input(now, { nextScheduleTime: at('2026-01-05T11:00:00Z') }))), []);
    const differs = finding(cronJobHealth(input(now, { nextScheduleTime: at('2026-01-05T12:00:00Z') })), 'next-schedule-differs');
    assert.match(differs.message, /status.nextScheduleTime is 2026-01-05 12:00 UTC, kube-jobs computes 2026-01-05 11:00 UTC/);
  });

  it('in Europe/Berlin: 02:30 on 29 March 2026 does not exist (02:00 jumps to 03:00), so the next run is a year on', () => {
    const cron = {
      schedule: '30 2 29 3 *',
      timeZone: 'Europe/Berlin',
      lastScheduleTime: at('2025-03-29T01:30:00Z'),
      lastSuccessfulTime: at('2025-03-29T01:31:00Z'),
      creationTimestamp: at('2025-01-01T00:00:00Z'),
    };
    const health = cronJobHealth(input(at('2026-03-28T12:00:00Z'), cron));
    assert.equal(health.nextRunTime, at('2027-03-29T00:30:00Z'), '29 March 2027 02:30 CEST');
    assert.deepEqual(rules(health), []);
  });

  it('cannot schedule: an unknown zone stops the controller', () => {
    const health = cronJobHealth(input(at('2026-01-05T10:20:00Z'), { timeZone: 'Mars/Olympus' }));
    assert.deepEqual(rules(health), ['cannot-schedule@error']);
    assert.equal(health.nextRunTime, null);
  });
});
