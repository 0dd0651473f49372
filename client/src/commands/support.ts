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
      for (const name of byName.keys()) {
        items.push({ label: name, description: `${kind} · ${namespace}`, ref: { kind, namespace, name } });
      }
    }
  }
  if (items.length === 0) {
    throw new UserMessage(`No ${kinds.join(' or ')} in the watched namespaces of context ${ctx.cluster.contextName}.`);
  }
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

/** What a command does to the object it runs on. */
export interface ObjectCommand {
  /** The kinds it works on (the palette offers these). */
  readonly kinds: readonly ObjectRef['kind'][];
  /** A verb phrase for the failure sentence, completed by the object: "suspend" → "suspend CronJob demo/nightly". */
  readonly doing: string;
  /** How the sentence names the object before it is known (default: `the CronJob` for one kind, else `the object`). */
  readonly unknownObject?: string;
}

/**
 * runOnObject runs a command's body on the object it was invoked on (resolveRef: the row, the
 * panel's object, or the person's pick), under runAction, whose failure sentence names that
 * object once it is known.
 */
export function runOnObject(
  ctx: Ctx,
  arg: unknown,
  command: ObjectCommand,
  body: (ref: ObjectRef) => Promise<void>,
): Promise<void> {
  const unknown = command.unknownObject ?? (command.kinds.length === 1 ? `the ${command.kinds[0]}` : 'the object');
  let ref: ObjectRef | undefined;
  return runAction(
    ctx,
    () => `${command.doing} ${describeRef(ref, unknown)}`,
    async () => {
      ref = await resolveRef(ctx, arg, command.kinds);
      await body(ref);
    },
  );
}
