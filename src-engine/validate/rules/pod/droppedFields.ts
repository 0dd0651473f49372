import { KUBERNETES_VERSIONS, compareKubernetesVersions } from '../../../schema/kubernetesVersion';
import type { KubernetesVersion } from '../../../schema/kubernetesVersion';
import { formatFieldPath } from '../../../parse/fieldPath';
import { showValue } from '../../fieldErrors';
import { gateState } from '../../featureGates';
import type { FeatureGate } from '../../featureGates';
import type { RuleDefinition } from '../../rule';
import { practiceRule } from '../../rule';
import type { DroppedField } from './dropDisabledFields';
import { podTemplates } from './podTemplates';

const RULE = 'field-dropped';

/**
 * Fields the API server of the target version removes on create because their feature gate is
 * off there (DropDisabledTemplateFields, pkg/api/pod/util.go): the manifest is accepted, the
 * field is silently gone, and whatever relied on it does not happen. A warning, not an error:
 * the server answers 201.
 */
export const droppedFieldsRule: RuleDefinition = {
  rules: [
    practiceRule('warning', {
      id: RULE,
      title: 'Field the server drops',
      description:
        'A pod-template field whose feature gate is off by default in the target Kubernetes version: the API server ' +
        'accepts the manifest but silently removes the field (or resets it), so the behaviour it asks for never happens.',
      docsUrl: 'https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/',
    }),
  ],
  check(ctx) {
    for (const view of podTemplates(ctx)) {
      // Rarely any: no iterator for an empty list, in code that runs for every document before it is optimised.
      for (let i = 0; i < view.dropped.length; i++) {
        const dropped = view.dropped[i] as DroppedField;
        ctx.report({ rule: RULE, path: dropped.path, at: 'key', message: droppedMessage(dropped, ctx.version) });
      }
    }
  },
};

/** droppedMessage says what the server does, why, and from which version it would keep the field. */
export function droppedMessage(dropped: DroppedField, version: KubernetesVersion): string {
  const server = `${formatFieldPath(dropped.path)}: Kubernetes ${version}`;
  const gate = dropped.gated.gate;
  const why = `its feature gate ${gate} is ${stageWords(gate, version)} there${laterOn(gate, version)}`;
  if (dropped.withVolume !== undefined) {
    return `${server} removes this mount together with the image volume "${dropped.withVolume}" it mounts: ${why}`;
  }
  if (dropped.gated.field === 'image') {
    return `${server} removes this image volume, and every mount of it, without an error: ${why}`;
  }
  const value = showValue(dropped.value);
  if (dropped.gated.replaceWith !== undefined) {
    return `${server} replaces ${value} with "${dropped.gated.replaceWith}" without an error: ${why}`;
  }
  return `${server} silently drops this field (${value}): ${why}, so the Job runs as if it were not set`;
}

function stageWords(gate: FeatureGate, version: KubernetesVersion): string {
  const { stage } = gateState(gate, version);
  return stage === 'absent' ? 'not there yet' : `${stage} and off by default`;
}

/** `(on by default from 1.35)`, or that no supported version turns it on. */
function laterOn(gate: FeatureGate, version: KubernetesVersion): string {
  const later = KUBERNETES_VERSIONS.find((v) => compareKubernetesVersions(v, version) > 0 && gateState(gate, v).on);
  if (later) return ` (on by default from ${later})`;
  const newest = KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1];
  return version === newest ? '' : ` (and still off in ${newest})`;
}
