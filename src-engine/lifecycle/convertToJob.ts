import { isMap } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { Fix } from '../model/diagnostic';
import type { ManifestDocument } from '../parse/manifests';
import type { LifecycleKind } from './kinds';
import { editableTree, mapOf, nodeIn, replaceDocumentFix, setScalar } from './rewriteDocument';

/** Retries a converted Job gets: a few, as the tutorial's migration Job has, not the default 6. */
export const CONVERTED_BACKOFF_LIMIT = 3;
/** A converted Job is deleted a day after it finishes (the same value the job-ttl-missing fix writes). */
export const CONVERTED_TTL_SECONDS = 86400;

/**
 * jobTemplateOf moves a workload's pod template into a Job's: the same metadata and pod spec,
 * with restartPolicy Never (the Job controller, not the kubelet, retries a failed pod).
 * A Pod's own metadata labels become the template's labels. Undefined when there is no template.
 */
export function podTemplateFor(root: YAMLMap<unknown, unknown>, kind: LifecycleKind): YAMLMap<unknown, unknown> | undefined {
  let template: unknown;
  if (kind === 'Pod') {
    const spec = nodeIn(root, ['spec']);
    if (!isMap(spec)) return undefined;
    const labels = nodeIn(root, ['metadata', 'labels']);
    template = mapOf([
      ['metadata', isMap(labels) ? mapOf([['labels', labels]]) : undefined],
      ['spec', spec],
    ]);
  } else {
    template = nodeIn(root, ['spec', 'template']);
  }
  if (!isMap(template)) return undefined;
  const podSpec = template.get('spec', true);
  if (!isMap(podSpec)) return undefined;
  setScalar(podSpec as YAMLMap<unknown, unknown>, 'restartPolicy', 'Never');
  return template as YAMLMap<unknown, unknown>;
}

/** metadataFor keeps the workload's name, namespace, labels and annotations. */
export function metadataFor(root: YAMLMap<unknown, unknown>): YAMLMap<unknown, unknown> | undefined {
  const metadata = nodeIn(root, ['metadata']);
  if (!isMap(metadata)) return undefined;
  const keep = (key: string): unknown => metadata.get(key, true);
  return mapOf([
    ['name', keep('name')],
    ['namespace', keep('namespace')],
    ['labels', keep('labels')],
    ['annotations', keep('annotations')],
  ]);
}

/**
 * convertToJob rewrites a Deployment, StatefulSet, ReplicaSet or Pod as a batch/v1 Job: name,
 * namespace, labels and the pod template are kept; replicas, selector, strategy and the other
 * controller fields are dropped; restartPolicy Never, backoffLimit and ttlSecondsAfterFinished
 * are set. Not offered for a StatefulSet with volumeClaimTemplates, whose volumes a Job cannot
 * create.
 */
export function convertToJob(doc: ManifestDocument, kind: LifecycleKind): Fix | undefined {
  const editable = editableTree(doc);
  if (!editable) return undefined;
  const { root } = editable;
  if (nodeIn(root, ['spec', 'volumeClaimTemplates']) !== undefined) return undefined;
  const metadata = metadataFor(root);
  const template = podTemplateFor(root, kind);
  if (!metadata || !template) return undefined;
  const job = mapOf([
    ['apiVersion', 'batch/v1'],
    ['kind', 'Job'],
    ['metadata', metadata],
    [
      'spec',
      mapOf([
        ['backoffLimit', CONVERTED_BACKOFF_LIMIT],
        ['ttlSecondsAfterFinished', CONVERTED_TTL_SECONDS],
        ['template', template],
      ]),
    ],
  ]);
  return replaceDocumentFix(
    doc,
    job,
    `Convert to Job (runs once; restartPolicy Never, backoffLimit ${CONVERTED_BACKOFF_LIMIT}, deleted a day after it finishes)`,
    true,
  );
}
