/** Lifecycle checks of the non-batch workload kinds (the rest of the engine reads Jobs and CronJobs). */
export { lifecycleKindOf } from './kinds';
export type { LifecycleKind } from './kinds';
export { isLifecycleDocument } from './lintLifecycle';
export { scheduleForInterval } from './intervalSchedule';
