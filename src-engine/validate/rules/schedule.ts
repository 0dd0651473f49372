import type { Fix, TextEdit } from '../../model/diagnostic';
import { findNode } from '../../parse/manifests';
import { setField, replaceValue, yamlString } from '../edits';
import { invalidMessage, requiredMessage } from '../fieldErrors';
import type { RuleDefinition } from '../rule';
import { CRON_DOCS, validationRule } from '../rule';
import { parseStandard } from '../scheduleApi';
import { atLeast } from '../../schema/kubernetesVersion';
import type { KubernetesVersion } from '../../schema/kubernetesVersion';

const TZ_PREFIX = /^(?:CRON_)?TZ=(\S+)\s+([\s\S]*)$/;

/**
 * spec.schedule on create (pkg/apis/batch/validation validateCronJobSpec, ValidateCronJobCreate): required, must
 * parse with robfig ParseStandard, and may not contain `TZ` (a `TZ=`/`CRON_TZ=` prefix):
 * the zone belongs in spec.timeZone.
 */
export const scheduleRules: RuleDefinition = {
  rules: [
    validationRule({
      id: 'schedule-syntax',
      title: 'Schedule syntax',
      description:
        'spec.schedule must be a standard five-field cron expression or a descriptor (@hourly, @daily, @every 1h30m, ...), as parsed by robfig/cron v3.',
      docsUrl: `${CRON_DOCS}#schedule-syntax`,
    }),
    validationRule({
      id: 'schedule-tz-prefix',
      title: 'TZ= in the schedule',
      description: 'A TZ= or CRON_TZ= prefix in spec.schedule is rejected on create; use spec.timeZone.',
      docsUrl: `${CRON_DOCS}#unsupported-timezone-specification`,
    }),
  ],
  check(ctx) {
    if (ctx.kind !== 'CronJob') return;
    const raw = ctx.root['spec'];
    if (raw !== undefined && raw !== null && !ctx.spec) return;
    const spec = ctx.spec ?? {};
    const schedule = spec['schedule'];
    if (schedule === undefined || schedule === null || schedule === '') {
      ctx.report({ rule: 'schedule-syntax', path: ['spec', 'schedule'], at: 'key', message: requiredMessage('spec.schedule') });
      return;
    }
    if (typeof schedule !== 'string') return;
    const parsed = parseStandard(schedule);
    if (!parsed.ok) {
      const message = parsed.panic
        ? panicMessage(schedule, parsed.panic, ctx.version)
        : invalidMessage('spec.schedule', schedule, parsed.error);
      ctx.report({ rule: 'schedule-syntax', path: ['spec', 'schedule'], message });
    }
    // A schedule the server's handler panics on gets no validation message at all (up to 1.34).
    const panics = !parsed.ok && parsed.panic !== undefined && !atLeast(ctx.version, '1.35');
    if (schedule.includes('TZ') && !panics) {
      ctx.report({
        rule: 'schedule-tz-prefix',
        path: ['spec', 'schedule'],
        message: invalidMessage('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'),
        fixes: () => moveZoneFix(ctx.doc, spec, schedule),
      });
    }
  },
};

/**
 * A schedule robfig/cron panics on (`TZ=Europe/Berlin` with nothing after the zone). Up to 1.34
 * validateScheduleFormat calls cron.ParseStandard directly, so the API server's handler panics:
 * the request fails without a Status (HTTP/2 INTERNAL_ERROR, kubectl prints a stream error) and
 * no other problem is reported. From 1.35 it calls ParseCronScheduleWithPanicRecovery
 * (pkg/util/parsers) and answers 422 with the panic's text.
 */
function panicMessage(schedule: string, panic: string, version: KubernetesVersion): string {
  if (atLeast(version, '1.35')) return invalidMessage('spec.schedule', schedule, `invalid schedule format: ${panic}`);
  return (
    `spec.schedule: ${JSON.stringify(schedule)} makes the Kubernetes ${version} API server's handler panic in robfig/cron ` +
    `(${panic}): the request fails with an internal error (HTTP/2 INTERNAL_ERROR, no Status) instead of a validation ` +
    'message; put the zone in spec.timeZone and the schedule on its own'
  );
}

function moveZoneFix(doc: Parameters<typeof setField>[0], spec: Record<string, unknown>, schedule: string): Fix[] {
  const match = TZ_PREFIX.exec(schedule.trim());
  if (!match) return [];
  const [, zone, rest] = match as unknown as [string, string, string];
  const edits: TextEdit[] = [];
  const scheduleEdit = replaceValue(doc, ['spec', 'schedule'], yamlString(rest.trim()));
  if (!scheduleEdit) return [];
  edits.push(scheduleEdit);
  const existing = spec['timeZone'];
  if (existing === undefined || existing === null || findNode(doc, ['spec', 'timeZone']).node === undefined) {
    const zoneEdit = setField(doc, ['spec'], 'timeZone', yamlString(zone));
    if (!zoneEdit) return [];
    edits.push(zoneEdit);
  }
  return [{ title: `Move ${zone} into spec.timeZone`, edits, isPreferred: true }];
}
