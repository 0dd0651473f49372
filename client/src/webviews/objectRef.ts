/** Names one cluster object the commands and panels act on. */
export interface ObjectRef {
  readonly kind: 'CronJob' | 'Job' | 'Pod';
  readonly namespace: string;
  readonly name: string;
}

/** toObjectRef accepts a ref, a tree row node carrying one, or anything else (undefined). */
export function toObjectRef(arg: unknown): ObjectRef | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as { kind?: unknown; namespace?: unknown; name?: unknown; ref?: unknown };
  if ((a.kind === 'CronJob' || a.kind === 'Job' || a.kind === 'Pod') && typeof a.namespace === 'string' && typeof a.name === 'string') {
    return { kind: a.kind, namespace: a.namespace, name: a.name };
  }
  return a.ref !== undefined ? toObjectRef(a.ref) : undefined;
}
