import { quickFix, replaceValue, yamlString } from '../edits';
import { invalidMessage } from '../fieldErrors';
import { nearestName } from '../nearestName';
import { CRON_DOCS, cronJobStringRule, validationRule } from '../rule';
import { ianaZoneNames, validateTimeZone } from '../scheduleApi';

let zoneNames: string[] | undefined;

/**
 * spec.timeZone on create (pkg/apis/batch/validation validateTimeZone): non-empty, explicit (not Local), and a name
 * Go's time.LoadLocation knows (case-sensitive). The fix offers the closest tzdata name.
 */
export const timeZoneRule = cronJobStringRule(
  validationRule({
    id: 'time-zone',
    title: 'Time zone',
    description:
      'spec.timeZone must be an IANA time zone name, spelled with the exact case (Europe/Berlin, UTC), not empty and not Local.',
    docsUrl: `${CRON_DOCS}#time-zones`,
  }),
  'timeZone',
  (tz, ctx) => {
    const result = validateTimeZone(tz);
    if (result.ok) return;
    const errors = result.errors ?? (result.error ? [result.error] : []);
    const suggestion =
      tz.trim() === '' || tz.trim().toLowerCase() === 'local'
        ? undefined
        : nearestName(tz.trim(), (zoneNames ??= ianaZoneNames()));
    for (const error of errors) {
      ctx.report({
        rule: 'time-zone',
        path: ['spec', 'timeZone'],
        message: invalidMessage('spec.timeZone', tz, error) + (suggestion ? ` (did you mean "${suggestion}"?)` : ''),
        ...(suggestion
          ? quickFix(`Use ${suggestion}`, replaceValue(ctx.doc, ['spec', 'timeZone'], yamlString(suggestion)), {
              preferred: true,
            })
          : {}),
      });
    }
  },
);
