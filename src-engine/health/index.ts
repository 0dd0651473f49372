/** Live CronJob health: pure rules over a CronJob, its Jobs, its events and the time. */
export type { CronJobHealth, HealthFinding, HealthInput, HealthSeverity, LiveCronJob, LiveEvent, LiveJob } from './types';
export { cronJobHealth, HEALTH_RULES } from './cronJobHealth';
export { healthInput, liveCronJob, liveEvent, liveJob } from './fromKubernetes';
export { formatInZone } from './scheduleClock';
export { tooManyMissedAt } from './tooManyMissedStarts';
