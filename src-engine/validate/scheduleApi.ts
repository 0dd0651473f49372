/**
 * The schedule module functions the rules use, in one place, so the rules do not depend on
 * that module's file layout.
 */
export { parseStandard } from '../schedule/parseStandard';
export { validateTimeZone } from '../schedule/validateTimeZone';
export { ianaZoneNames, isIanaZoneName } from '../schedule/loadLocation';
export { domDowIsOr, isEveryMinute, neverFiresReason } from '../schedule/scheduleFacts';
export type { CronSchedule } from '../schedule/cronSchedule';
