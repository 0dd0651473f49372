import { getJobFromTemplate, syncCronJob } from '../src-engine/controllers';
import type { ControllerEvent, CronJobAction, CronJobObject, JobObject } from '../src-engine/controllers';
import { JobRun } from './jobRun';
import type { JobRunResult } from './jobRun';
import { timelineEvent } from './records';
import { runEnvironment } from './runEnvironment';
import type { RunEnvironment } from './runEnvironment';

/** kubectl create job --from=cronjob/… marks the Job it creates with this annotation. */
export const MANUAL_INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';

export interface CronJobRunOptions extends RunEnvironment {
  readonly cronJob: CronJobObject;
  /** 'now': one Job from the template at once (kubectl create job --from); 'schedule': the controller on the real clock. */
  readonly mode: 'now' | 'schedule';
  readonly onChange?: (run: CronJobRun) => void;
  /** A Job was created (for live displays). */
  readonly onJob?: (job: JobRun) => void;
}

export interface CronJobRunResult {
  readonly result: 'Complete' | 'Failed' | 'Cancelled';
  readonly reason?: string;
  readonly message?: string;
  /** Every Job the run created, with how it ended (undefined while it had not ended). */
  readonly jobs: readonly { readonly name: string; readonly result?: JobRunResult['result'] }[];
}

/**
 * A CronJob run locally: either one Job triggered now, or the engine's own `syncCronJob`
 * on a real (scaled) clock — re-synced at requeueAfterMs and whenever one of its Jobs
 * changes — whose createJob / deleteJob actions start and stop local Job runs, so
 * concurrencyPolicy, history limits and startingDeadlineSeconds behave as on a cluster.
 */
export class CronJobRun {
  cronJob: CronJobObject;
  readonly jobs = new Map<string, JobRun>();
  /** Every Job created, including those deleted since (history cleanup, Replace, TTL). */
  readonly allJobs: JobRun[] = [];
  readonly finished: Promise<CronJobRunResult>;
  private resolveFinished!: (result: CronJobRunResult) => void;
  private syncScheduled = false;
  private requeueTimer: { at: number; cancel: () => void } | undefined;
  private stopped = false;

  constructor(readonly options: CronJobRunOptions) {
    this.cronJob = options.cronJob;
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  start(): void {
    const now = this.options.clock.now();
    if (this.options.mode === 'now') {
      const template = getJobFromTemplate(this.cronJob, now, now);
      const job = { ...template, annotations: { ...template.annotations, [MANUAL_INSTANTIATE_ANNOTATION]: 'manual' } };
      this.event({
        time: now,
        type: 'Normal',
        reason: 'SuccessfulCreate',
        message: `Created job ${job.name} (triggered now, as kubectl create job --from=cronjob/${this.cronJob.name})`,
        object: `CronJob/${this.cronJob.name}`,
      });
      const run = this.startJob(job);
      void run.finished.then((result) => {
        this.stopped = true;
        this.resolveFinished({ ...pick(result), jobs: this.jobSummaries() });
      });
      return;
    }
    this.scheduleSync();
  }

  /** cancel stops the schedule and every Job's pods. */
  async cancel(why = 'Cancelled by the user'): Promise<void> {
    this.stopped = true;
    this.requeueTimer?.cancel();
    await Promise.all(this.allJobs.map((j) => j.cancel(why)));
    const failed = this.allJobs.some((j) => j.result?.result === 'Failed');
    this.resolveFinished({ result: failed ? 'Failed' : 'Cancelled', message: why, jobs: this.jobSummaries() });
  }

  forceKill(): void {
    this.stopped = true;
    this.requeueTimer?.cancel();
    for (const job of this.allJobs) job.forceKill();
  }

  private jobSummaries(): CronJobRunResult['jobs'] {
    return this.allJobs.map((j) => ({ name: j.job.name, ...(j.result === undefined ? {} : { result: j.result.result }) }));
  }

  private startJob(job: JobObject): JobRun {
    const { options } = this;
    const run = new JobRun({
      job,
      ...runEnvironment(options),
      onChange: () => {
        this.options.onChange?.(this);
        this.scheduleSync();
      },
    });
    this.jobs.set(job.name, run);
    this.allJobs.push(run);
    options.recorder?.summary.jobs.push(job.name);
    // The TTL-after-finished controller removes the Job; the CronJob controller then no longer sees it.
    void run.deleted.then(() => {
      if (this.jobs.get(job.name) === run) this.jobs.delete(job.name);
      this.scheduleSync();
    });
    options.onJob?.(run);
    run.start();
    return run;
  }

  private scheduleSync(): void {
    if (this.syncScheduled || this.stopped || this.options.mode !== 'schedule') return;
    this.syncScheduled = true;
    setImmediate(() => {
      this.syncScheduled = false;
      this.sync();
    });
  }

  private sync(): void {
    if (this.stopped) return;
    const now = this.options.clock.now();
    const result = syncCronJob(
      this.cronJob,
      [...this.jobs.values()].map((j) => j.job),
      now,
    );
    this.cronJob = { ...this.cronJob, status: result.status };
    for (const e of result.events) this.event(e);
    for (const action of result.actions) this.apply(action);
    if (result.requeueAfterMs !== null) {
      const at = now + result.requeueAfterMs;
      if (this.requeueTimer === undefined || this.requeueTimer.at > at || this.requeueTimer.at < now) {
        this.requeueTimer?.cancel();
        const cancel = this.options.clock.after(result.requeueAfterMs, () => {
          this.requeueTimer = undefined;
          this.scheduleSync();
        });
        this.requeueTimer = { at, cancel };
      }
    }
    this.options.onChange?.(this);
  }

  private apply(action: CronJobAction): void {
    if (action.type === 'createJob') {
      this.startJob(action.job);
      return;
    }
    // Background propagation: the Job is gone from the API at once; its pods are stopped behind it.
    const run = this.jobs.get(action.name);
    if (run === undefined) return;
    this.jobs.delete(action.name);
    void run.cancel(
      action.why === 'replace'
        ? 'Deleted by the CronJob controller (concurrencyPolicy: Replace)'
        : 'Deleted by the CronJob controller (history limit)',
      'Deleted',
    );
  }

  private event(e: ControllerEvent): void {
    const event = timelineEvent(e, Date.now());
    this.options.recorder?.addEvent(event);
    this.options.onEvent?.(event);
  }
}

function pick(result: JobRunResult): Omit<CronJobRunResult, 'jobs'> {
  return {
    result: result.result,
    ...(result.reason === undefined ? {} : { reason: result.reason }),
    ...(result.message === undefined ? {} : { message: result.message }),
  };
}
