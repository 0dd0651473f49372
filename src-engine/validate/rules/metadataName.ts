import { int, str } from '../context';
import { invalidMessage, requiredMessage } from '../fieldErrors';
import { isDns1123Label, isDns1123Subdomain, isValidLabelValue } from '../nameRules';
import type { RuleDefinition } from '../rule';
import { validationRule } from '../rule';

const NAMES_DOCS = 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-subdomain-names';
/** 63 (label limit) minus 11 (`-` and the scheduled-time suffix of created Jobs) (ValidateCronJobCreate). */
const CRONJOB_NAME_MAX = 52;
/**
 * names.SimpleNameGenerator (apiserver pkg/storage/names): a generateName is cut to 58
 * characters and 5 random ones from "bcdfghjklmnpqrstvwxz2456789" are appended, before
 * validation (genericregistry Store.Create). Any 5 of them validate alike; `x` stands for them.
 */
const GENERATED_PREFIX_MAX = 58;
const GENERATED_SUFFIX = 'xxxxx';

/** maskTrailingDash (apimachinery api/validation/generic.go): a prefix may end in `-`. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/**
 * metadata.name and generateName (ValidateObjectMetaAccessor with NameIsDNSSubdomain, run by
 * ValidateJob and ValidateCronJobCreate): generateName a DNS-1123 subdomain prefix, the name —
 * as written, or as the server generates it from generateName — a DNS-1123 subdomain, a CronJob
 * name at most 52 characters, the job-name label a Job's pods get, and the Indexed pod hostname.
 */
export const metadataNameRules: RuleDefinition = {
  rules: [
    validationRule({
      id: 'name',
      title: 'Object name',
      description: 'metadata.name must be a DNS-1123 subdomain; a CronJob name at most 52 characters.',
      docsUrl: NAMES_DOCS,
    }),
    validationRule({
      id: 'job-name-length',
      title: 'Job name too long for the job-name label',
      description:
        'The server copies a Job name into the pod template label job-name, whose values are limited to 63 characters ' +
        '(unless manualSelector is true).',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#specifying-your-own-pod-selector',
    }),
    validationRule({
      id: 'indexed-hostname',
      title: 'Indexed Job pod hostname',
      description: 'Pods of an Indexed Job are named <job>-<index>, which must be a DNS label (at most 63 characters, no dots).',
      docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#completion-mode',
    }),
  ],
  check(ctx) {
    const meta = ctx.metadata;
    const rawName = meta?.['name'];
    const generateName = str(meta?.['generateName']);
    if (generateName) {
      for (const detail of isDns1123Subdomain(maskTrailingDash(generateName))) {
        ctx.report({
          rule: 'name',
          path: ['metadata', 'generateName'],
          message: invalidMessage('metadata.generateName', generateName, detail),
        });
      }
    }
    let name: string;
    let note = '';
    if (rawName !== undefined && rawName !== null && rawName !== '') {
      const written = str(rawName);
      if (written === undefined) return;
      name = written;
    } else if (generateName) {
      const prefix = generateName.slice(0, GENERATED_PREFIX_MAX);
      name = prefix + GENERATED_SUFFIX;
      const cut = generateName.length > GENERATED_PREFIX_MAX ? `its first ${GENERATED_PREFIX_MAX} characters, ` : '';
      note = ` (the name the server generates from generateName: ${cut}${JSON.stringify(prefix)} and 5 random characters)`;
    } else {
      ctx.report({
        rule: 'name',
        path: ['metadata', 'name'],
        message: requiredMessage('metadata.name', 'name or generateName is required'),
      });
      name = '';
    }
    const nameMessage = (detail: string): string => `${invalidMessage('metadata.name', name, detail)}${note}`;
    if (name !== '') {
      for (const detail of isDns1123Subdomain(name)) {
        ctx.report({ rule: 'name', path: ['metadata', 'name'], locate: locateName(note), message: nameMessage(detail) });
      }
      if (ctx.kind === 'CronJob' && name.length > CRONJOB_NAME_MAX) {
        ctx.report({
          rule: 'name',
          path: ['metadata', 'name'],
          locate: locateName(note),
          message: nameMessage(`must be no more than ${CRONJOB_NAME_MAX} characters`),
        });
      }
    }
    if (ctx.kind !== 'Job') return;
    const view = ctx.jobSpecs[0];
    if (name !== '' && ctx.spec?.['manualSelector'] !== true) {
      for (const detail of isValidLabelValue(name)) {
        ctx.report({
          rule: 'job-name-length',
          path: ['spec', 'template', 'labels'],
          locate: locateName(note),
          message:
            `${invalidMessage('spec.template.labels', name, detail)} (the server copies the Job name into the pod template ` +
            `labels job-name and batch.kubernetes.io/job-name)${note}`,
        });
      }
    }
    // ValidateJob: the last Indexed pod's hostname, <name>-<completions-1>, must be a DNS label.
    const completions = view?.completions;
    if (view?.indexed && completions !== undefined && completions > 0 && int(completions) !== undefined) {
      const hostname = `${name}-${completions - 1}`;
      if (isDns1123Label(hostname).length > 0) {
        ctx.report({
          rule: 'indexed-hostname',
          path: ['metadata', 'name'],
          locate: locateName(note),
          message: nameMessage(`will not able to create pod with invalid DNS label: ${hostname}`),
        });
      }
    }
  },
};

/** A generated name is drawn on generateName, the field the user wrote. */
function locateName(note: string): readonly ['metadata', 'name' | 'generateName'] {
  return note === '' ? ['metadata', 'name'] : ['metadata', 'generateName'];
}
