import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ObjectRef } from '../webviews/objectRef';
import { toObjectRef } from '../webviews/objectRef';
import { actionErrorSentence } from '../views/model/errorText';

/** Thrown when the person dismissed a question: the command ends without an error toast. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** A message that is already a sentence for the person (no "Could not … on context …" around it). */
export class UserMessage extends Error {}

/**
 * resolveRef reads the object a command acts on: the row it was invoked on (tree menus and
 * inline buttons pass the tree's element), a ref (panels), or — from the Command Palette, with
 * no argument — the person's pick among the objects of that kind the view shows.
 */
export async function resolveRef(ctx: Ctx, arg: unknown, kinds: readonly ObjectRef['kind'][]): Promise<ObjectRef> {
  const ref = toObjectRef(arg);
  if (ref && kinds.includes(ref.kind)) return ref;
  if (arg !== undefined) throw new UserMessage(`This command works on a ${kinds.join(' or ')}; it was run on something else.`);
  const session = await ctx.cluster.requireSession();
  const index = session.index;
  const items: (vscode.QuickPickItem & { ref: ObjectRef })[] = [];
  for (const kind of kinds) {
    const bucket = kind === 'CronJob' ? index.cronJobs : kind === 'Job' ? index.jobs : index.pods;
    for (const [namespace, byName] of bucket.byNs) {
      for (const name of byName.keys())
        {items.push({ label: name, description: `${kind} · ${namespace}`, ref: { kind, namespace, name } });}
    }
  }
  if (items.length === 0)
    {throw new UserMessage(`No ${kinds.join(' or ')} in the watched namespaces of context ${ctx.cluster.contextName}.`);}
  items.sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: `Which ${kinds.join(' or ')}?`,
    matchOnDescription: true,
  });
  if (!picked) throw new Cancelled();
  return picked.ref;
}

/** ensureAllowed asks RBAC first so a refusal is explained instead of surfacing as an HTTP error. */
export async function ensureAllowed(ctx: Ctx, ref: ObjectRef, verb: string, resource: string): Promise<void> {
  const session = await ctx.cluster.requireSession();
  const d = await session.access.check({ namespace: ref.namespace, verb, group: resource === 'pods' ? '' : 'batch', resource });
  if (!d.allowed) throw new UserMessage(d.reason);
}

/**
 * runAction runs a command's body and turns a failure into one sentence (what, on which
 * context and server, what to check) with a Retry button that runs the body again. The
 * command itself ends at once (it does not wait for the toast); `doing` is a verb phrase
 * ("suspend CronJob demo/nightly"), read when the failure happens.
 */
export async function runAction(ctx: Ctx, doing: () => string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof Cancelled) return;
    const text =
      error instanceof UserMessage
        ? error.message
        : actionErrorSentence(
            {
              doing: doing(),
              context: ctx.cluster.contextName,
              ...(ctx.cluster.session ? { server: ctx.cluster.session.transport.server } : {}),
            },
            error,
          );
    ctx.log.error(`${text}${error instanceof Error && error.message !== text ? ` (${error.message})` : ''}`);
    void vscode.window.showErrorMessage(text, 'Retry', 'Show Log').then((answer) => {
      if (answer === 'Show Log') ctx.log.show(true);
      if (answer === 'Retry') void runAction(ctx, doing, body);
    });
  }
}

/** describe names an object for messages: `CronJob demo/nightly`. */
export const describeRef = (ref: ObjectRef | undefined, fallback: string): string =>
  ref ? `${ref.kind} ${ref.namespace}/${ref.name}` : fallback;
