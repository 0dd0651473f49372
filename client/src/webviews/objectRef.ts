import { objectOfNodeId } from '../views/model/clusterIndex';

/** Names one cluster object the commands and panels act on. */
export interface ObjectRef {
  readonly kind: 'CronJob' | 'Job' | 'Pod';
  readonly namespace: string;
  readonly name: string;
}

/**
 * toObjectRef reads the object a command was invoked on, in every shape VS Code passes it: a
 * ref (panels, code, tests), the cluster tree's own element (`{ type: 'row', id }`, what a
 * right-click menu or an inline button passes), or an element wrapping a ref. Anything else:
 * undefined.
 */
export function toObjectRef(arg: unknown): ObjectRef | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as { kind?: unknown; namespace?: unknown; name?: unknown; ref?: unknown; type?: unknown; id?: unknown };
  if (
    (a.kind === 'CronJob' || a.kind === 'Job' || a.kind === 'Pod') &&
    typeof a.namespace === 'string' &&
    typeof a.name === 'string'
  ) {
    return { kind: a.kind, namespace: a.namespace, name: a.name };
  }
  if (a.type === 'row' && typeof a.id === 'string') return objectOfNodeId(a.id);
  return a.ref !== undefined ? toObjectRef(a.ref) : undefined;
}
