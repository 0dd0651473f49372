import { LIFECYCLE_RULES } from '../../lifecycle/lintLifecycle';
import type { RuleDefinition, RuleInfo } from '../rule';
import { CRON_DOCS } from '../rule';
import { apiVersionRule } from './apiVersion';
import { completionModeRule } from './completionMode';
import { concurrencyPolicyRule } from './concurrencyPolicy';
import { indexedRules } from './indexed';
import { labelsRule } from './labels';
import { managedByRule } from './managedBy';
import { metadataNameRules } from './metadataName';
import { nonNegativeRule } from './nonNegative';
import { objectMetaRule } from './objectMeta';
import { podFailurePolicyRule } from './podFailurePolicy';
import { podReplacementPolicyRule } from './podReplacementPolicy';
import { containersRule } from './pod/containers';
import { droppedFieldsRule } from './pod/droppedFields';
import { envRule } from './pod/env';
import { podSpecRule } from './pod/podSpecFields';
import { portsRule } from './pod/ports';
import { probesRule } from './pod/probes';
import { resourcesRule } from './pod/resources';
import { schedulingRule } from './pod/scheduling';
import { securityContextRule } from './pod/securityContext';
import { volumeMountsRule } from './pod/volumeMounts';
import { volumesRule } from './pod/volumes';
import { PRACTICE_RULES } from './practice';
import { restartPolicyRule } from './restartPolicy';
import { scheduleRules } from './schedule';
import { schemaTypesRules } from './schemaTypes';
import { selectorRule } from './selector';
import { successPolicyRule } from './successPolicy';
import { timeZoneRule } from './timeZone';

/** Rules checked on the text before (or instead of) the decoded object; lint.ts runs them. */
export const SYNTAX_RULES: readonly RuleInfo[] = [
  {
    id: 'yaml-syntax',
    defaultSeverity: 'error',
    category: 'validation',
    title: 'YAML kubectl cannot read',
    description:
      'The document is not valid YAML, or kubectl cannot decode it (control characters, excessive aliasing, .inf/.nan ' +
      'values, keys JSON cannot hold); kubectl cannot send it.',
    docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/#describing-a-kubernetes-object',
  },
  {
    id: 'yaml-duplicate-key',
    defaultSeverity: 'warning',
    category: 'practice',
    title: 'Duplicate key',
    description:
      'A key appears twice in one map; kubectl keeps the last value without a word, so the first one is silently ignored.',
    docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/#describing-a-kubernetes-object',
  },
  {
    id: 'yaml-line-ends',
    defaultSeverity: 'warning',
    category: 'practice',
    title: 'Documents kubectl never reads',
    description:
      'Line ends that are lone carriage returns make kubectl read the file as one line: it decodes only the first YAML ' +
      'document.',
    docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/#describing-a-kubernetes-object',
  },
  {
    id: 'indentation-flattened',
    defaultSeverity: 'error',
    category: 'validation',
    title: 'Indentation looks flattened',
    description:
      'Fields sit in the column of the parent they belong under (metadata: followed by name:), as text copied from a PDF or ' +
      'web page often does; reported once instead of the many errors it causes.',
    docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/#describing-a-kubernetes-object',
  },
  {
    id: 'findings-limit',
    defaultSeverity: 'info',
    category: 'practice',
    title: 'More findings not shown',
    description:
      'A document with very many findings shows the first 100 per rule and 1,000 in all, and counts the rest in this summary.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/',
  },
  {
    id: 'schedule-yaml',
    defaultSeverity: 'error',
    category: 'validation',
    title: 'Schedule breaks the YAML',
    description: 'An unquoted schedule starting with * (a YAML alias) or @ (a reserved character) is not valid YAML; quote it.',
    docsUrl: `${CRON_DOCS}#schedule-syntax`,
  },
  {
    id: 'template-not-checked',
    defaultSeverity: 'info',
    category: 'practice',
    title: 'Template not checked',
    description:
      'The document holds template code ({{ ... }}, e.g. Helm); it is not plain YAML, so it is not checked. Check the rendered output instead.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/',
  },
  {
    id: 'file-skipped',
    defaultSeverity: 'warning',
    category: 'practice',
    title: 'File not checked',
    description: 'The file looks binary or is too large to check.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/',
  },
];

/** Every check, in the order findings are reported. */
export const RULE_DEFINITIONS: readonly RuleDefinition[] = [
  apiVersionRule,
  schemaTypesRules,
  metadataNameRules,
  objectMetaRule,
  labelsRule,
  nonNegativeRule,
  completionModeRule,
  indexedRules,
  podFailurePolicyRule,
  successPolicyRule,
  podReplacementPolicyRule,
  managedByRule,
  selectorRule,
  // The pod template (ValidatePodTemplateSpec), one family per file under pod/, after the
  // version's DropDisabledTemplateFields (whose drops droppedFieldsRule reports).
  droppedFieldsRule,
  containersRule,
  portsRule,
  envRule,
  resourcesRule,
  volumesRule,
  volumeMountsRule,
  probesRule,
  securityContextRule,
  schedulingRule,
  podSpecRule,
  restartPolicyRule,
  scheduleRules,
  timeZoneRule,
  concurrencyPolicyRule,
  ...PRACTICE_RULES,
];

/** The rule catalogue: every rule id with its default severity, title, description and docs link. */
export const RULES: readonly RuleInfo[] = [...SYNTAX_RULES, ...RULE_DEFINITIONS.flatMap((d) => d.rules), ...LIFECYCLE_RULES];
