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
const CONTAINER_STATUS: Shape = {
  name: 'string',
  image: 'string',
  restartCount: 'number',
  ready: 'boolean',
  state: CONTAINER_STATE,
  lastState: CONTAINER_STATE,
};

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a value breaks its type: the path to it (filled in on the way out) and what it should be. */
interface Break {
  readonly path: (string | number)[];
  readonly expected: string;
}
/** A compiled check: undefined when the value fits (absent and null values always do). */
type Check = (value: unknown) => Break | undefined;

const scalar =
  (expected: string, fits: (v: unknown) => boolean): Check =>
  (v) =>
    v === undefined || v === null || fits(v) ? undefined : { path: [], expected };
const SCALARS: Record<string, Check> = {
  string: scalar('a string', (v) => typeof v === 'string'),
  number: scalar('a number', (v) => typeof v === 'number'),
  integer: scalar('an integer', (v) => typeof v === 'number'),
  boolean: scalar('a boolean', (v) => typeof v === 'boolean'),
  'int-or-string': scalar('an int-or-string', (v) => typeof v === 'string' || typeof v === 'number'),
  quantity: scalar('a quantity', (v) => typeof v === 'string' || typeof v === 'number'),
  any: () => undefined,
};

function listOf(item: () => Check): Check {
  return (v) => {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) return { path: [], expected: 'a list' };
    const check = item();
    for (let i = 0; i < v.length; i++) {
      const b = check(v[i]);
      if (b) {
        b.path.unshift(i);
        return b;
      }
    }
    return undefined;
  };
}

/** fields checks the fields of an object; `field(name)` gives a field's check, or undefined for a field not checked. */
function fields(expected: string, field: (name: string) => Check | undefined): Check {
  return (v) => {
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) return { path: [], expected };
    for (const name in v) {
      const b = field(name)?.(v[name]);
      if (b) {
        b.path.unshift(name);
        return b;
      }
    }
    return undefined;
  };
}

function compileShape(shape: Shape): Check {
  if (typeof shape === 'string') return SCALARS[shape] as Check;
  if (Array.isArray(shape)) {
    const item = compileShape(shape[0] as Shape);
    return listOf(() => item);
  }
  const checks = new Map(Object.entries(shape as Record<string, Shape>).map(([k, inner]) => [k, compileShape(inner)]));
  return fields('an object', (name) => checks.get(name));
}

/** Fields of the API schema the view never reads, left unchecked: the pod template (beyond container names) and managedFields. */
const UNREAD = new Set(['JobSpec.template', 'ObjectMeta.managedFields']);
const compiled = new Map<SchemaNode, Check>();

/**
 * compileSchema builds the check of an API schema node (generated from kubernetes-types),
 * once per node: every field it describes, except the UNREAD ones. Unknown fields pass: a
 * newer server may send them.
 */
function compileSchema(node: SchemaNode): Check {
  const known = compiled.get(node);
  if (known) return known;
  let check: Check;
  if (node.type === 'array') check = listOf(() => (node.items ? compileSchema(node.items) : (SCALARS.any as Check)));
  else if (node.type === 'map') check = fields('a map', () => (node.values ? compileSchema(node.values) : undefined));
  else if (node.type === 'object') {
    const byField = new Map<string, Check | undefined>();
    check = fields('an object', (name) => {
      if (!byField.has(name)) {
        const child = UNREAD.has(`${node.typeName}.${name}`) ? undefined : propertyOf(node, name);
        byField.set(name, child ? compileSchema(child) : undefined);
      }
      return byField.get(name);
    });
  } else check = SCALARS[node.type] ?? (SCALARS.any as Check);
  compiled.set(node, check);
  return check;
}

/** describe renders a break as `status.containerStatuses[0].state is not an object`. */
function describe(b: Break, prefix: string): string {
  const path = b.path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : out === '' ? p : `${out}.${p}`),
    prefix,
  );
  return `${path} is not ${b.expected}`;
}

const POD_SPEC = compileShape(CONTAINERS);
const POD_STATUS_CHECK = compileShape(POD_STATUS);
const EVENT_CHECK = compileShape(EVENT);
let metaCheck: Check | undefined;
let jobCheck: Check | undefined;
let cronJobCheck: Check | undefined;

function metadataProblem(o: Record<string, unknown>): string | undefined {
  if (!isObject(o.metadata)) return 'metadata is not an object';
  if (typeof o.metadata.name !== 'string' || o.metadata.name === '') return 'metadata.name is missing';
  // Every kind the view watches is namespaced.
  if (typeof o.metadata.namespace !== 'string' || o.metadata.namespace === '') return 'metadata.namespace is missing';
  metaCheck ??= compileSchema(schemaAt('Job', ['metadata']) as SchemaNode);
  const b = metaCheck(o.metadata);
  return b ? describe(b, 'metadata') : undefined;
}

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
  let b: Break | undefined;
  switch (kind) {
    case 'Job': {
      jobCheck ??= compileSchema(rootSchema('Job'));
      b = jobCheck({ spec: object.spec, status: object.status });
      if (b) break;
      const template = isObject(object.spec) && isObject(object.spec.template) ? object.spec.template.spec : undefined;
      const t = POD_SPEC(template);
      return t ? describe(t, 'spec.template.spec') : undefined;
    }
    case 'CronJob':
      cronJobCheck ??= compileSchema(rootSchema('CronJob'));
      b = cronJobCheck({ spec: object.spec, status: object.status });
      break;
    case 'Pod': {
      const spec = POD_SPEC(object.spec);
      if (spec) return describe(spec, 'spec');
      const status = POD_STATUS_CHECK(object.status);
      return status ? describe(status, 'status') : undefined;
    }
    case 'Event':
      b = EVENT_CHECK(object);
      break;
  }
  return b ? describe(b, '') : undefined;
}
