import { EMPTY_JOB_MEMORY } from '../controllers/jobMemory';
import type { JobObject } from '../controllers/types';
import { NamedList } from './namedList';
import type { PodOutcomeSequence } from './podModel';
import { Mulberry32, stringSeed } from './podModel';
import { PodStore } from './podStore';
import type { SimJobRecord } from './records';
import type { JobRuntime, SimPod } from './simObjects';

/**
 * newJobRuntime: a Job just stored, with nothing known of it yet by the controller, its pods'
 * outcomes from `sequence`, and its pods' names drawn from a generator seeded by its name.
 */
export function newJobRuntime(
  job: JobObject,
  sequence: PodOutcomeSequence,
  record: SimJobRecord | null,
  scheduledTime: number | null,
): JobRuntime {
  return {
    job,
    memory: EMPTY_JOB_MEMORY,
    pods: new PodStore<SimPod>(),
    sequence,
    nameRandom: new Mulberry32(stringSeed(job.name)),
    pendingSync: null,
    batchedSyncAt: null,
    pendingTtl: null,
    podsCreated: 0,
    deleted: false,
    record,
    scheduledTime,
  };
}

/** JobStore: the Jobs that exist in the simulated API server, by name, in creation order. */
export class JobStore {
  private readonly runtimes = new NamedList<JobRuntime>();
  private readonly objects: JobObject[] = [];
  private changed = false;

  get(name: string): JobRuntime | undefined {
    return this.runtimes.get(name);
  }

  set(rt: JobRuntime): void {
    this.runtimes.set(rt.job.name, rt);
    this.changed = true;
  }

  delete(name: string): void {
    if (this.runtimes.delete(name)) this.changed = true;
  }

  /** The Jobs' runtimes in creation order (a live view: do not change the store while iterating). */
  values(): readonly JobRuntime[] {
    return this.runtimes.values();
  }

  /**
   * objects lists the stored Job objects in the order the store holds them (what a CronJob
   * sync lists). The array is reused: a sync reads it and keeps nothing of it (for
   * the figure "simulate a year of a `* * * * *` CronJob" (bench/simulate.mjs), one sync a minute).
   */
  objectList(): readonly JobObject[] {
    if (this.changed) {
      // Overwritten in place: emptying it first (length = 0) would drop its backing store and
      // the pushes would allocate a new one on every change.
      const list = this.objects;
      const rts = this.runtimes.values();
      const n = rts.length;
      for (let i = 0; i < n; i++) {
        const job = (rts[i] as JobRuntime).job;
        if (i < list.length) list[i] = job;
        else list.push(job);
      }
      while (list.length > n) list.pop();
      this.changed = false;
    }
    return this.objects;
  }
}
