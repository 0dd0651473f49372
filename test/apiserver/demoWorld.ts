/**
 * The test API server's seeded worlds: a small demo world (CronJobs in two namespaces, the Jobs
 * they own in every state, Pods in the states users meet, events and logs) and a bulk seeder
 * for the tree-view benchmark. The objects are made by seed.ts.
 */
import { nextRuns, parseStandard } from '../../src-engine';
import type { LogStore } from './logs';
import { MIN, seedCronJob, seedEvent, seedJob } from './seed';
import type { JobSeed, JobState, PodState } from './seed';
import type { KObject, Store } from './store';

/** DemoWorld lists what seedDemoWorld created, for the demo's log ticker and for tests. */
export interface DemoWorld {
  namespaces: string[];
  cronJobs: KObject[];
  jobs: KObject[];
  pods: KObject[];
  /** Pods whose container is running (the demo appends log lines to these). */
  runningPods: Array<{ namespace: string; pod: string; container: string }>;
}

/**
 * seedDemoWorld fills the store with a small world: namespaces `demo` and `batch-jobs`, three
 * CronJobs (one suspended), Jobs owned by them in complete/failed/running/suspended states, a
 * standalone Job, Pods Completed/Error/Running/OOMKilled/ImagePullBackOff/CrashLoopBackOff,
 * container logs, and the events the controllers record.
 */
export function seedDemoWorld(store: Store, logs: LogStore, nowMs: number): DemoWorld {
  const appendLog = (ns: string, pod: string, container: string, line: string): void => logs.append(ns, pod, container, line);
  const world: DemoWorld = { namespaces: ['demo', 'batch-jobs'], cronJobs: [], jobs: [], pods: [], runningPods: [] };
  for (const ns of world.namespaces) {
    if (!store.get('namespaces', undefined, ns)) {
      store.create('namespaces', { metadata: { name: ns }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    }
  }
  const counter = { n: 0 };
  const hour = 60 * MIN;
  // The controller starts Jobs at scheduled times: the seeded runs sit on their CronJob's schedule,
  // so the demo's health badges show these two as on time at any hour of the day.
  const lastNightly = lastScheduledAt('0 2 * * *', nowMs, 'Etc/UTC');
  const lastHourly = lastScheduledAt('0 * * * *', nowMs);
  const cleanup = seedCronJob(store, {
    namespace: 'demo',
    name: 'nightly-cleanup',
    schedule: '0 2 * * *',
    timeZone: 'Etc/UTC',
    lastScheduleMs: lastNightly,
  });
  const report = seedCronJob(store, {
    namespace: 'demo',
    name: 'hourly-report',
    schedule: '0 * * * *',
    lastScheduleMs: lastHourly,
  });
  // Its Job's pod crash-loops with 3 restarts: with restartPolicy OnFailure, a backoffLimit of 6 keeps it running.
  const sync = seedCronJob(store, {
    namespace: 'batch-jobs',
    name: 'data-sync',
    schedule: '*/15 * * * *',
    suspend: true,
    lastScheduleMs: nowMs - 2 * hour,
    image: 'registry.example.com/data-sync:2.1',
    backoffLimit: 6,
  });
  world.cronJobs.push(cleanup, report, sync);
  const add = (seed: JobSeed): void => {
    const { job, pods } = seedJob(store, seed, counter);
    world.jobs.push(job);
    world.pods.push(...pods);
    const at = seed.startMs;
    if (seed.owner) {
      seedEvent(store, seed.owner, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`, at, 'cronjob-controller');
    }
    for (const p of pods) {
      seedEvent(store, job, 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`, at, 'job-controller');
      const c = p.spec.containers[0].name as string;
      const status = p.status.containerStatuses?.[0];
      if (status?.state?.terminated || status?.state?.running || status?.lastState?.terminated) {
        appendLog(p.metadata.namespace, p.metadata.name, c, `starting ${job.metadata.name}`);
        appendLog(p.metadata.namespace, p.metadata.name, c, `processing batch 1/3`);
      }
      if (status?.state?.terminated?.reason === 'Completed') {
        appendLog(p.metadata.namespace, p.metadata.name, c, 'done');
      } else if (status?.state?.terminated?.reason === 'Error') {
        appendLog(p.metadata.namespace, p.metadata.name, c, 'error: connection refused');
      } else if (status?.state?.terminated?.reason === 'OOMKilled') {
        appendLog(p.metadata.namespace, p.metadata.name, c, 'allocating buffers');
      } else if (status?.state?.running) {
        world.runningPods.push({ namespace: p.metadata.namespace, pod: p.metadata.name, container: c });
      } else if (status?.state?.waiting?.reason === 'ImagePullBackOff') {
        seedEvent(store, p, 'Warning', 'Failed', `Failed to pull image "${status.image}": not found`, at, 'kubelet');
        seedEvent(store, p, 'Normal', 'BackOff', `Back-off pulling image "${status.image}"`, at, 'kubelet');
      } else if (status?.state?.waiting?.reason === 'CrashLoopBackOff') {
        // The crashed instance's output is what `kubectl logs --previous` shows.
        appendLog(p.metadata.namespace, p.metadata.name, c, 'panic: cannot reach upstream');
        logs.restart(p.metadata.namespace, p.metadata.name, c);
        seedEvent(store, p, 'Warning', 'BackOff', 'Back-off restarting failed container', at, 'kubelet');
      }
      if (status?.state?.terminated) {
        appendLog(p.metadata.namespace, p.metadata.name, c, `exit ${status.state.terminated.exitCode}`);
      }
    }
    if (seed.state === 'complete') {
      seedEvent(store, job, 'Normal', 'Completed', 'Job completed', at + 2 * MIN, 'job-controller');
      if (seed.owner) {
        seedEvent(
          store,
          seed.owner,
          'Normal',
          'SawCompletedJob',
          `Saw completed job: ${job.metadata.name}, condition: Complete`,
          at + 2 * MIN,
          'cronjob-controller',
        );
      }
    } else if (seed.state === 'failed') {
      seedEvent(
        store,
        job,
        'Warning',
        'BackoffLimitExceeded',
        'Job has reached the specified backoff limit',
        at + 2 * MIN,
        'job-controller',
      );
      if (seed.owner) {
        seedEvent(
          store,
          seed.owner,
          'Normal',
          'SawCompletedJob',
          `Saw completed job: ${job.metadata.name}, condition: Failed`,
          at + 2 * MIN,
          'cronjob-controller',
        );
      }
    } else if (seed.state === 'suspended') {
      seedEvent(store, job, 'Normal', 'Suspended', 'Job suspended', at, 'job-controller');
    }
  };
  const minutesName = (owner: KObject, ms: number): string => `${owner.metadata.name}-${Math.floor(ms / MIN)}`;
  const t1 = lastNightly - 24 * hour;
  const t2 = lastNightly;
  add({ namespace: 'demo', name: minutesName(cleanup, t1), state: 'complete', owner: cleanup, startMs: t1 });
  add({ namespace: 'demo', name: minutesName(cleanup, t2), state: 'failed', owner: cleanup, startMs: t2 });
  const r1 = lastHourly - hour;
  const r2 = lastHourly;
  add({ namespace: 'demo', name: minutesName(report, r1), state: 'complete', owner: report, startMs: r1 });
  add({ namespace: 'demo', name: minutesName(report, r2), state: 'running', owner: report, startMs: r2, pods: ['Running'] });
  add({
    namespace: 'batch-jobs',
    name: minutesName(sync, nowMs - 2 * hour),
    state: 'running',
    owner: sync,
    startMs: nowMs - 2 * hour,
    pods: ['CrashLoopBackOff'],
  });
  add({ namespace: 'batch-jobs', name: 'reindex-search', state: 'suspended', startMs: nowMs - 40 * MIN });
  add({
    namespace: 'batch-jobs',
    name: 'image-resize',
    state: 'running',
    startMs: nowMs - 10 * MIN,
    pods: ['ImagePullBackOff'],
    image: 'registry.example.com/image-resize:missing',
  });
  add({ namespace: 'demo', name: 'db-migrate', state: 'complete', startMs: nowMs - 50 * MIN });
  // Keep the CronJobs' status.active pointing at their running Jobs, as the CronJob controller does.
  for (const cj of [report, sync]) {
    const active = world.jobs.filter(
      (j) =>
        j.metadata.ownerReferences?.[0]?.uid === cj.metadata.uid &&
        !(j.status.conditions ?? []).some((c: KObject) => c.type === 'Complete' || c.type === 'Failed'),
    );
    const updated = store.mutate('cronjobs', cj.metadata.namespace, cj.metadata.name, (o) => {
      o.status.active = active.map((j) => ({
        kind: 'Job',
        namespace: j.metadata.namespace,
        name: j.metadata.name,
        uid: j.metadata.uid,
        apiVersion: 'batch/v1',
        resourceVersion: j.metadata.resourceVersion,
      }));
    });
    world.cronJobs[world.cronJobs.indexOf(cj)] = updated;
  }
  return world;
}

/** The latest time at or before `nowMs` that `schedule` fires (searched over the last two days). */
function lastScheduledAt(schedule: string, nowMs: number, timeZone?: string): number {
  const parsed = parseStandard(schedule);
  if (!parsed.ok) throw new Error(`demo schedule ${schedule}: ${parsed.error}`);
  const runs = nextRuns(parsed.schedule, nowMs - 48 * 60 * MIN - 1, 48 * 60, timeZone).filter((ms) => ms <= nowMs);
  const last = runs[runs.length - 1];
  if (last === undefined) throw new Error(`demo schedule ${schedule} does not fire in two days`);
  return last;
}

/**
 * seedBulk creates `jobs` Jobs with `podsPerJob` Pods each, spread over `namespaces`
 * namespaces and `cronJobs` owning CronJobs, for the tree-view benchmark (5,000 Jobs and 20,000
 * Pods: seedBulk(store, { jobs: 5000, podsPerJob: 4 })).
 */
export function seedBulk(
  store: Store,
  opts: { jobs: number; podsPerJob: number; namespaces?: number; cronJobs?: number; nowMs?: number },
): { jobs: number; pods: number } {
  const nowMs = opts.nowMs ?? store.now();
  const nsCount = opts.namespaces ?? 10;
  const cjCount = opts.cronJobs ?? 50;
  const owners: KObject[] = [];
  for (let i = 0; i < cjCount; i++) {
    owners.push(
      seedCronJob(store, {
        namespace: `bulk-${i % nsCount}`,
        name: `cron-${i}`,
        schedule: `${i % 60} * * * *`,
        lastScheduleMs: nowMs - MIN,
      }),
    );
  }
  const states: PodState[] = ['Completed', 'Completed', 'Error', 'Running'];
  let pods = 0;
  const counter = { n: 0 };
  for (let j = 0; j < opts.jobs; j++) {
    const owner = owners.length > 0 ? owners[j % owners.length] : undefined;
    const ns = owner ? owner.metadata.namespace : `bulk-${j % nsCount}`;
    const podStates = Array.from({ length: opts.podsPerJob }, (_, k) => states[k % states.length] as PodState);
    const state: JobState = podStates.includes('Running') ? 'running' : 'complete';
    seedJob(
      store,
      { namespace: ns, name: `job-${j}`, state, owner, startMs: nowMs - (opts.jobs - j) * MIN, pods: podStates },
      counter,
    );
    pods += podStates.length;
  }
  return { jobs: opts.jobs, pods };
}
