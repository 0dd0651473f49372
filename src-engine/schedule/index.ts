/** Cron schedules the Kubernetes way: robfig/cron v3 ParseStandard, Next, and CronJob validation. */
export * from './cronSchedule';
export { parseStandard } from './parseStandard';
export { validateTimeZone } from './validateTimeZone';
export type { ZoneCheck } from './validateTimeZone';
export { validateCronJobSchedule } from './validateCronJobSchedule';
export type { ScheduleProblem, ScheduleValidationOptions } from './validateCronJobSchedule';
export { nextRun, nextRuns, forEachRun } from './nextRun';
export { describeSchedule, formatDelay } from './describeSchedule';
export { domDowIsOr, firesNever, isEveryMinute, isFullField, neverFiresReason, runsEveryDay } from './scheduleFacts';
export { zoneOffsetAt, nextZoneTransition, formatUtcOffset } from './zoneTable';
export type { ZoneTransition } from './zoneTable';
export { goLoadLocation, ianaZoneNames, ianaLinkTarget, isIanaZoneName } from './loadLocation';
export { parseGoDuration } from './goDuration';
export { TZDATA_VERSION } from '../generated/ianaZoneNames';
