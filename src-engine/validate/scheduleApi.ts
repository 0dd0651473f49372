/**
 * The schedule module functions the rules use, in one place, so the rules do not depend on
 * that module's file layout.
 */
import { parseStandard as parseStandardUncached } from '../schedule/parseStandard';
import { validateTimeZone as validateTimeZoneUncached } from '../schedule/validateTimeZone';
import { memoByText } from './textMemo';
export { ianaZoneNames, isIanaZoneName } from '../schedule/loadLocation';
export { domDowIsOr, isEveryMinute, isFullField, neverFiresReason } from '../schedule/scheduleFacts';
export { nextRuns } from '../schedule/nextRun';
export { describeSchedule, formatDelay } from '../schedule/describeSchedule';
export type { CronSchedule } from '../schedule/cronSchedule';

/**
 * parseStandard with a bounded memo: several rules read the same schedule, and an editor
 * re-lints unchanged schedules on every keystroke. Results are plain immutable data. For the
 * figure "lint a 1,000-document file" (bench/lint.mjs): the rules take 14 ms with it, 21 ms without.
 */
export const parseStandard = memoByText(parseStandardUncached);

/** validateTimeZone with a bounded memo: a file names the same few zones in every CronJob. */
export const validateTimeZone = memoByText(validateTimeZoneUncached);
