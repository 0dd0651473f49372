import { finishedCondition } from '../controllers/conditions';
import { parseCronJobSchedule, syncCronJob } from '../controllers/cronJob';
import type { CronJobObject, CronJobSyncOptions } from '../controllers/cronJob';
import { nextFnFor } from '../controllers/mostRecentScheduleTime';
import type { NextFn } from '../controllers/mostRecentScheduleTime';
import type { EventSink } from '../controllers/syncEvents';
import { DayTally } from './dayTally';
import { DEFAULT_CRONJOB_HORIZON_MS } from './options';
import type { SimulateOptions } from './options';
import type { CronJobSimulation, SimJobRecord } from './records';
import { recordWarnings, stopOf, worldRun } from './simulationRun';
import type { SimulationRun } from './simulationRun';
import { PRIO_CRON } from './simObjects';
import type { JobRuntime, QueueItem } from './simObjects';
import { World } from './world';

const CRON_SYNC_ITEM: QueueItem = { kind: 'syncCronJob', job: null, pod: null, gen: 0 };

/**
 * startCronJobSimulation sets up the CronJob controller on a virtual clock from
 * options.start (the CronJob's creation time) to options.until (default 24 h), together with
 * the Job controller for every Job it creates, to be advanced in slices. Memory stays bounded
 * over long horizons: only the first maxRecords Jobs and events are kept in detail; counts and
 * per-day tallies are exact.
 */
export function startCronJobSimulation(cronJob: CronJobObject, options: SimulateOptions): SimulationRun<CronJobSimulation> {
  const world = new World(options, false);
  const until = options.until ?? options.start + DEFAULT_CRONJOB_HORIZON_MS;
  const driver = new CronJobDriver({ ...cronJob, creationTimestamp: options.start }, world, world.maxRecords);
  driver.enqueue(options.start);
  return worldRun(world, until, () => cronJobResult(world, driver, options.start, until));
}

/** simulateCronJob runs startCronJobSimulation in one go. */
export function simulateCronJob(cronJob: CronJobObject, options: SimulateOptions): CronJobSimulation {
  const run = startCronJobSimulation(cronJob, options);
  run.advance(Infinity);
  return run.result();
}

function cronJobResult(world: World, driver: CronJobDriver, start: number, until: number): CronJobSimulation {
  const remainingJobs = world.jobs
    .values()
    .slice()
    .sort((a, b) => a.job.creationTimestamp - b.job.creationTimestamp || (a.job.name < b.job.name ? -1 : 1))
    .map((rt) => rt.job.name);
  const cj = driver.cronJob;
  const stopped = stopOf(world, start, `${world.jobsCreated.toLocaleString('en-US')} Jobs created`);
  return {
    kind: 'CronJob',
    name: cj.name,
    namespace: cj.namespace,
    start,
    end: stopped !== null ? stopped.at : until,
    status: cj.status,
    jobsCreated: world.jobsCreated,
    jobs: driver.records,
    remainingJobs,
    days: driver.days.sorted(),
    events: world.log.events,
    eventCounts: world.log.counts('cronJob'),
    jobEventCounts: world.log.counts('job'),
    eventsDropped: world.log.dropped,
    stopped,
    warnings: [
      ...(stopped !== null ? [stopped.message] : []),
      ...recordWarnings(driver.records.length, world.jobsCreated, 'Jobs', world.log.dropped),
    ],
  };
}

/**
 * CronJobDriver is the CronJob controller's side of the world: its queue key, its syncs, and
 * the Jobs it creates and deletes. It syncs when the CronJob is created, at its requeue time,
 * and whenever one of its Jobs finishes or is deleted by someone else.
 */
class CronJobDriver {
  readonly records: SimJobRecord[] = [];
  readonly days = new DayTally();
  private readonly syncOptions: CronJobSyncOptions;
  /** The same options with an event sink: once the log is full, events are only counted. */
  private readonly countingSyncOptions: CronJobSyncOptions;
  private pending: number | null = null;
  private deletingOwnJob = false;

  constructor(
    readonly cronJob: CronJobObject,
    private readonly world: World,
    private readonly maxRecords: number,
  ) {
    this.syncOptions = scheduleOptions(cronJob);
    const countCronEvent: EventSink = (_type, reason) => {
      world.log.drop(reason, 'cronJob');
      if (reason === 'JobAlreadyActive') this.days.dayOf(world.now()).skipped++;
    };
    this.countingSyncOptions = { ...this.syncOptions, eventDetails: countCronEvent };
    world.onJobChange = (rt, what) => this.jobChanged(rt, what);
    world.onCronSync = () => this.sync();
  }

  enqueue(at: number): void {
    if (this.pending !== null && this.pending <= at) return;
    this.pending = at;
    this.world.queue.push(at, PRIO_CRON, CRON_SYNC_ITEM);
  }

  private jobChanged(rt: JobRuntime, what: 'created' | 'finished' | 'deleted'): void {
    const world = this.world;
    if (what === 'finished') {
      const cond = finishedCondition(rt.job.status);
      const day = this.days.dayOf(rt.scheduledTime ?? world.now());
      if (cond?.type === 'Complete') day.succeeded++;
      else day.failed++;
    }
    // Deletions the CronJob controller made itself change nothing its next sync would act on.
    if (what === 'deleted' && rt.record?.deletedBy !== 'ttl' && this.deletingOwnJob) return;
    this.enqueue(world.now());
  }

  private sync(): void {
    const world = this.world;
    const now = world.now();
    if (this.pending !== now) return;
    this.pending = null;
    const result = syncCronJob(
      this.cronJob,
      world.storedJobs(),
      now,
      world.log.detailed ? this.syncOptions : this.countingSyncOptions,
    );
    (this.cronJob as { status: CronJobObject['status'] }).status = result.status;
    for (const e of result.events) {
      world.log.add(e);
      if (e.reason === 'JobAlreadyActive') this.days.dayOf(now).skipped++;
    }
    for (const action of result.actions) {
      if (action.type === 'deleteJob') {
        const rt = world.jobs.get(action.name);
        if (rt !== undefined) {
          if (action.why === 'replace') this.days.dayOf(now).replaced++;
          this.deletingOwnJob = true;
          world.deleteJob(rt, action.why);
          this.deletingOwnJob = false;
        }
      } else {
        const record: SimJobRecord | null =
          this.records.length < this.maxRecords
            ? {
                name: action.job.name,
                scheduledTime: action.scheduledTime,
                createdAt: now,
                finishedAt: null,
                deletedAt: null,
                deletedBy: null,
                status: action.job.status,
                podsCreated: 0,
              }
            : null;
        if (record !== null) this.records.push(record);
        this.days.dayOf(action.scheduledTime).created++;
        world.addJob(
          action.job.creationTimestamp === now ? action.job : { ...action.job, creationTimestamp: now },
          record,
          action.scheduledTime,
        );
      }
    }
    // The Job this sync created is a watch event for the controller too, but that sync would
    // find status already up to date (lastScheduleTime is the newest due time), so it is
    // left out; the requeue is what matters.
    if (result.requeueAfterMs !== null) this.enqueue(now + Math.max(0, result.requeueAfterMs));
  }
}

/** scheduleOptions parses the CronJob's schedule once, with a memoised Next, for every sync. */
function scheduleOptions(cj: CronJobObject): CronJobSyncOptions {
  const parsed = parseCronJobSchedule(cj.spec);
  if (!parsed.ok) return {};
  let next: NextFn;
  try {
    next = memoNext(nextFnFor(parsed.schedule, cj.spec.timeZone ?? undefined));
  } catch {
    return {};
  }
  return { schedule: parsed.schedule, next };
}

/**
 * memoNext caches recent Next results: a sync asks for Next of the same few instants again
 * and again. A small ring of (after, next) pairs; no Map, so nothing is rehashed. It buys part of
 * the figure "simulate a year of a `* * * * *` CronJob" (bench/simulate.mjs): without it that run
 * costs about 25 % more CPU (71 × the bare enumeration of the year's runs instead of 57 ×).
 */
function memoNext(next: NextFn): NextFn {
  const size = 8;
  const keys = new Array<number>(size).fill(NaN);
  const values = new Array<number>(size).fill(0);
  let slot = 0;
  return (after) => {
    for (let i = 0; i < size; i++) if (keys[i] === after) return values[i] as number;
    const value = next(after);
    keys[slot] = after;
    values[slot] = value;
    slot = (slot + 1) % size;
    return value;
  };
}
