import type { SchemaNode } from '../../../src-engine';
import { propertyOf, rootSchema, schemaAt } from '../../../src-engine';
import type { WatchedKind } from '../views/model/clusterIndex';

/**
 * A hand-written shape for the fields the view reads that the engine's generated schema does
 * not describe (it holds Job and CronJob, with ObjectMeta and PodSpec, but not PodStatus or
 * Event): a JSON type, an object's fields, or `[shape]` for a list of that shape.
 */
type Shape = 'string' | 'number' | 'boolean' | { readonly [field: string]: Shape } | readonly [Shape];

/** core/v1 ContainerState and ContainerStatus, the fields the tree and panels read. */
const CONTAINER_STATE: Shape = {
  waiting: { reason: 'string', message: 'string' },
  running: { startedAt: 'string' },
  terminated: { exitCode: 'number', reason: 'string', message: 'string', startedAt: 'string', finishedAt: 'string' },
};
const CONTAINER_STATUS: Shape = { name: 'string', image: 'string', restartCount: 'number', ready: 'boolean', state: CONTAINER_STATE, lastState: CONTAINER_STATE };

/** core/v1 PodStatus, the fields the tree and panels read. */
const POD_STATUS: Shape = {
  phase: 'string',
  reason: 'string',
  message: 'string',
  startTime: 'string',
  conditions: [{ type: 'string', status: 'string', reason: 'string', message: 'string' }],
  containerStatuses: [CONTAINER_STATUS],
  initContainerStatuses: [CONTAINER_STATUS],
};

/** core/v1 Event, the fields the panels read. */
const EVENT: Shape = {
  involvedObject: { kind: 'string', name: 'string', namespace: 'string', uid: 'string' },
  reason: 'string',
  message: 'string',
  type: 'string',
  count: 'number',
  firstTimestamp: 'string',
  lastTimestamp: 'string',
  eventTime: 'string',
  source: { component: 'string' },
};

/** The pod template's containers: the view lists their names; the rest of the template is not read. */
const CONTAINERS: Shape = { containers: [{ name: 'string' }], initContainers: [{ name: 'string' }], restartPolicy: 'string' };

const join = (path: string, field: string): string => (path === '' ? field : `${path}.${field}`);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** checkShape returns where `value` breaks `shape` (`path is not a list`), or undefined. Absent and null values pass. */
function checkShape(value: unknown, shape: Shape, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof shape === 'string') return typeof value === shape ? undefined : `${path} is not a ${shape}`;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return `${path} is not a list`;
    for (let i = 0; i < value.length; i++) {
      const problem = checkShape(value[i], shape[0] as Shape, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (!isObject(value)) return `${path} is not an object`;
  for (const [field, inner] of Object.entries(shape as Record<string, Shape>)) {
    const problem = checkShape(value[field], inner, join(path, field));
    if (problem) return problem;
  }
  return undefined;
}

const JSON_TYPES: Partial<Record<SchemaNode['type'], (v: unknown) => boolean>> = {
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  'int-or-string': (v) => typeof v === 'string' || typeof v === 'number',
  quantity: (v) => typeof v === 'string' || typeof v === 'number',
};

/**
 * checkSchema returns where `value` breaks the API schema node (generated from
 * kubernetes-types), walking every field it has except the ones named in `skip` (`PodTemplateSpec`
 * subtrees the view does not read). Unknown fields pass: a newer server may send them.
 */
function checkSchema(value: unknown, node: SchemaNode, path: string, skip: ReadonlySet<string>): string | undefined {
  if (value === undefined || value === null || node.type === 'any') return undefined;
  const scalar = JSON_TYPES[node.type];
  if (scalar) return scalar(value) ? undefined : `${path} is not a${node.type === 'integer' ? 'n' : ''} ${node.type}`;
  if (node.type === 'array') {
    if (!Array.isArray(value)) return `${path} is not a list`;
    for (let i = 0; i < value.length && node.items; i++) {
      const problem = checkSchema(value[i], node.items, `${path}[${i}]`, skip);
      if (problem) return problem;
    }
    return undefined;
  }
  if (!isObject(value)) return `${path} is not ${node.type === 'map' ? 'a map' : 'an object'}`;
  for (const [field, inner] of Object.entries(value)) {
    const at = join(path, field);
    if (skip.has(at)) continue;
    const child = node.type === 'map' ? node.values : propertyOf(node, field);
    const problem = child ? checkSchema(inner, child, at, skip) : undefined;
    if (problem) return problem;
  }
  return undefined;
}

let objectMeta: SchemaNode | undefined;
function metadataProblem(o: Record<string, unknown>): string | undefined {
  objectMeta ??= schemaAt('Job', ['metadata']);
  if (!isObject(o.metadata)) return 'metadata is not an object';
  if (typeof o.metadata.name !== 'string' || o.metadata.name === '') return 'metadata.name is missing';
  // Every kind the view watches is namespaced.
  if (typeof o.metadata.namespace !== 'string' || o.metadata.namespace === '') return 'metadata.namespace is missing';
  return objectMeta ? checkSchema(o.metadata, objectMeta, 'metadata', new Set()) : undefined;
}

const JOB_SKIP = new Set(['spec.template']);
const CRONJOB_SKIP = new Set(['spec.jobTemplate.spec.template']);

/**
 * malformation tells why a watched object cannot be shown (`metadata.ownerReferences is not a
 * list`), or undefined when it has the API's types in every field the view reads. The API
 * server never sends such objects; a broken proxy or aggregated server may, and one bad
 * object must not break the view.
 */
export function malformation(kind: WatchedKind, object: unknown): string | undefined {
  if (!isObject(object)) return 'the object is not a JSON object';
  const meta = metadataProblem(object);
  if (meta) return meta;
  switch (kind) {
    case 'Job': {
      const template = isObject(object.spec) && isObject(object.spec.template) ? object.spec.template.spec : undefined;
      return checkSchema({ spec: object.spec, status: object.status }, rootSchema('Job'), '', JOB_SKIP) ?? checkShape(template, CONTAINERS, 'spec.template.spec');
    }
    case 'CronJob':
      return checkSchema({ spec: object.spec, status: object.status }, rootSchema('CronJob'), '', CRONJOB_SKIP);
    case 'Pod':
      return checkShape(object.spec, CONTAINERS, 'spec') ?? checkShape(object.status, POD_STATUS, 'status');
    case 'Event':
      return checkShape(object, EVENT, '');
  }
}
