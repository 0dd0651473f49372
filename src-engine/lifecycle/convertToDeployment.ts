import { YAMLMap, isMap, isScalar } from 'yaml';
import type { Fix } from '../model/diagnostic';
import type { ManifestDocument, WorkloadKind } from '../parse/manifests';
import { metadataFor } from './convertToJob';
import { editableTree, mapOf, nodeIn, replaceDocumentFix } from './rewriteDocument';

/**
 * convertToDeployment is the mirror of Convert to Job, for a server written as a Job or CronJob:
 * an apps/v1 Deployment with one replica, the same metadata and pod template (the Job's
 * restartPolicy removed: a Deployment's pods must restart Always, the default), and a selector
 * on the template's labels — `app: <name>` is added when the template has none. Job-only fields
 * (backoffLimit, completions, deadlines, TTL, policies) and the CronJob's schedule are dropped.
 */
export function convertToDeployment(doc: ManifestDocument, kind: WorkloadKind): Fix | undefined {
  const editable = editableTree(doc);
  if (!editable) return undefined;
  const { root } = editable;
  const metadata = metadataFor(root);
  const template = nodeIn(root, kind === 'Job' ? ['spec', 'template'] : ['spec', 'jobTemplate', 'spec', 'template']);
  const name = nodeIn(root, ['metadata', 'name']);
  if (!metadata || !isMap(template) || !isScalar(name) || typeof name.value !== 'string') return undefined;
  const podSpec: unknown = template.get('spec', true);
  if (!isMap(podSpec)) return undefined;
  podSpec.delete('restartPolicy');
  const templateMetadata = mapNode(template, 'metadata', true);
  let labels = mapNode(templateMetadata, 'labels', false);
  if (labels.items.length === 0) {
    labels = mapOf([['app', name.value]]);
    templateMetadata.set('labels', labels);
  }
  const matchLabels = mapOf(
    labels.items.map(
      (pair) =>
        [String(isScalar(pair.key) ? pair.key.value : pair.key), isScalar(pair.value) ? pair.value.value : pair.value] as const,
    ),
  );
  const deployment = mapOf([
    ['apiVersion', 'apps/v1'],
    ['kind', 'Deployment'],
    ['metadata', metadata],
    [
      'spec',
      mapOf([
        ['replicas', 1],
        ['selector', mapOf([['matchLabels', matchLabels]])],
        ['template', template],
      ]),
    ],
  ]);
  return replaceDocumentFix(doc, deployment, 'Convert to Deployment (keeps the server running; one replica)');
}

/** mapNode returns the map under `key`, creating an empty one (first in `parent` when `first`). */
function mapNode(parent: YAMLMap<unknown, unknown>, key: string, first: boolean): YAMLMap<unknown, unknown> {
  const existing: unknown = parent.get(key, true);
  if (isMap(existing)) return existing as YAMLMap<unknown, unknown>;
  const created = new YAMLMap<unknown, unknown>();
  if (first) parent.items.unshift(mapOf([[key, created]]).items[0]!);
  else parent.set(key, created);
  return created;
}
