/** The advice rules (category `practice`), one per file, in the order their findings are reported. */
import type { RuleDefinition } from '../../rule';
import { completionIndexPracticeRules } from './completionIndexPractice';
import { concurrencyAllowRule } from './concurrencyAllow';
import { everyDeadlineNeverRunsRule } from './everyDeadlineNeverRuns';
import { historyLimitsMissingRule } from './historyLimitsMissing';
import { imageLatestRule } from './imageLatest';
import { indexedTrackingRule } from './indexedTracking';
import { jobLooksLikeServerRule } from './jobLooksLikeServer';
import { jobTtlMissingRule } from './jobTtlMissing';
import { nameNotDnsLabelRule } from './nameNotDnsLabel';
import { resourcesMissingRule } from './resourcesMissing';
import { scheduleDomDowOrRule } from './scheduleDomDowOr';
import { scheduleEveryMinuteRule } from './scheduleEveryMinute';
import { scheduleNeverFiresRule } from './scheduleNeverFires';
import { scheduleUnquotedRule } from './scheduleUnquoted';
import { startingDeadlineShortRule } from './startingDeadlineShort';
import { timeZoneMissingRule } from './timeZoneMissing';

export const PRACTICE_RULES: readonly RuleDefinition[] = [
  scheduleUnquotedRule,
  scheduleNeverFiresRule,
  scheduleDomDowOrRule,
  scheduleEveryMinuteRule,
  timeZoneMissingRule,
  startingDeadlineShortRule,
  everyDeadlineNeverRunsRule,
  jobTtlMissingRule,
  historyLimitsMissingRule,
  concurrencyAllowRule,
  imageLatestRule,
  resourcesMissingRule,
  jobLooksLikeServerRule,
  completionIndexPracticeRules,
  nameNotDnsLabelRule,
  indexedTrackingRule,
];
