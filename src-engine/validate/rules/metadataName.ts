import { int, str } from '../context';
import { invalidMessage, requiredMessage } from '../fieldErrors';
import { isDns1123Label, isDns1123Subdomain, isValidLabelValue } from '../nameRules';
import type { RuleDefinition } from '../rule';

const NAMES_DOCS = 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-subdomain-names';
/** 63 (label limit) minus 11 (`-` and the scheduled-time suffix of created Jobs). [VAL ValidateCronJobCreate] */
const CRONJOB_NAME_MAX = 52;

/**
 * metadata.name rules of A.1: DNS-1123 subdomain for both kinds, CronJob ≤ 52 on create, the
 * generated job-name label for Jobs, and the Indexed pod hostname.
 */
export const metadataNameRules: RuleDefinition = {
  rules: [
    {
      id: 'name',
      defaultSeverity: 'error',
      category: 'validation',
      title: 'Object name',
      description: 'metadata.name must be a DNS-1123 subdomain; a CronJob name at most 52 characters.',
      docsUrl: NAMES_DOCS,
    },
    {
      id: 'job-name-length',
      defaultSeverity: 'error',
      category: 'validation',
      title: 'Job name too long for the job-name label',
      description: 'The server copies a Job name into the pod template label job-name, whose values are limited to 63 characters (unless manualSelector is true).',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#specifying-your-own-pod-selector',
    },
    {
      id: 'indexed-hostname',
      defaultSeverity: 'error',
      category: 'validation',
      title: 'Indexed Job pod hostname',
      description: 'Pods of an Indexed Job are named <job>-<index>, which must be a DNS label (at most 63 characters, no dots).',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#completion-mode',
    },
  ],
  check(ctx) {
    const meta = ctx.metadata;
    const rawName = meta?.['name'];
    if (rawName === undefined || rawName === null || rawName === '') {
      const generateName = str(meta?.['generateName']);
      if (!generateName) {
        ctx.report({ rule: 'name', path: ['metadata', 'name'], message: requiredMessage('metadata.name', 'name or generateName is required') });
      }
      return;
    }
    const name = str(rawName);
    if (name === undefined) return;
    for (const detail of isDns1123Subdomain(name)) {
      ctx.report({ rule: 'name', path: ['metadata', 'name'], message: invalidMessage('metadata.name', name, detail) });
    }
    if (ctx.kind === 'CronJob' && name.length > CRONJOB_NAME_MAX) {
      ctx.report({ rule: 'name', path: ['metadata', 'name'], message: invalidMessage('metadata.name', name, `must be no more than ${CRONJOB_NAME_MAX} characters`) });
    }
    if (ctx.kind !== 'Job') return;
    const spec = ctx.spec;
    const view = ctx.jobSpecs[0];
    if (spec?.['manualSelector'] !== true) {
      for (const detail of isValidLabelValue(name)) {
        ctx.report({
          rule: 'job-name-length',
          path: ['spec', 'template', 'labels'],
          locate: ['metadata', 'name'],
          message: `${invalidMessage('spec.template.labels', name, detail)} (the server copies the Job name into the pod template labels job-name and batch.kubernetes.io/job-name)`,
        });
      }
    }
    const completions = view?.completions;
    if (view?.indexed && completions !== undefined && completions > 0 && int(completions) !== undefined) {
      const hostname = `${name}-${completions - 1}`;
      if (isDns1123Label(hostname).length > 0) {
        ctx.report({
          rule: 'indexed-hostname',
          path: ['metadata', 'name'],
          message: invalidMessage('metadata.name', name, `will not able to create pod with invalid DNS label: ${hostname}`),
        });
      }
    }
  },
};
