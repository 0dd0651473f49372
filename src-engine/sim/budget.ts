/**
 * What a simulation may spend: one wake-up (a pod event, a sync, a TTL check) costs
 * WAKE_UP_WORK units, and a Job sync one more per pod it reads. A unit takes about 50 ns of
 * CPU on the 2-core development machine, so the budget is about 2.5 s; a year of a
 * `* * * * *` CronJob takes about 32 M units, a Job of a million 10-second pods about 20 M.
 */
export const DEFAULT_WORK_BUDGET = 50_000_000;
export const WAKE_UP_WORK = 10;
/** Pods existing at once, at most (memory: about 1 kB each with their records). */
export const MAX_LIVE_PODS = 100_000;
