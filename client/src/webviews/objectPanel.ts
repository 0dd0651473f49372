import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { AccessAnswer } from '../views/model/panelCommon';
import type { WatchedKind } from '../views/model/clusterIndex';
import { eventsNote } from '../views/model/notices';
import { ACTION_COMMANDS } from './actionCommands';
import { BasePanel } from './basePanel';
import type { FromWebview } from './contract';
import type { ObjectRef } from './objectRef';

/** What an object panel watches and may do. */
export interface ObjectPanelOptions {
  readonly viewType: string;
  readonly title: string;
  /** Whether a changed cluster object (in any namespace) changes what the panel shows. */
  readonly shows: (object: { readonly kind: WatchedKind; readonly namespace: string; readonly name: string }) => boolean;
  /** The access the panel's buttons need, reviewed once on opening (the buttons say why when refused). */
  readonly buttons: readonly (readonly [verb: string, resource: string])[];
  /** Called when the panel is disposed (its registry forgets it). */
  readonly onDispose: () => void;
}

/**
 * ObjectPanel is the live panel of one cluster object (a CronJob, a Job): it redraws, at most
 * every 100 ms, when something it shows changes on the cluster or when an access review of its
 * namespace answers, and its action buttons run the same commands as the tree's menus.
 */
export abstract class ObjectPanel extends BasePanel {
  private updateTimer: NodeJS.Timeout | undefined;

  protected constructor(
    ctx: Ctx,
    protected readonly ref: ObjectRef,
    options: ObjectPanelOptions,
    existing?: vscode.WebviewPanel,
  ) {
    super(ctx, options.viewType, options.title, existing);
    this.disposables.push(
      ctx.cluster.onDidChangeObjects(({ objects }) => {
        if (objects.some(options.shows)) this.scheduleUpdate();
      }),
      ctx.cluster.onDidResolveAccess(({ q }) => {
        if (q.namespace === ref.namespace) this.scheduleUpdate();
      }),
      { dispose: options.onDispose },
    );
    for (const [verb, resource] of options.buttons) {
      void ctx.cluster.session?.access.check({ namespace: ref.namespace, verb, group: 'batch', resource });
    }
  }

  /** update rebuilds the model from the cluster index and posts it. */
  abstract update(): void;

  protected scheduleUpdate(): void {
    this.updateTimer ??= setTimeout(() => {
      this.updateTimer = undefined;
      this.update();
    }, 100);
  }

  /** access answers from the access reviews of the object's namespace (undefined while one is pending). */
  protected access(): AccessAnswer {
    const session = this.ctx.cluster.session;
    return (verb, resource) => session?.access.lookup({ namespace: this.ref.namespace, verb, group: 'batch', resource });
  }

  /** withEventsNote adds the note that says why events are missing (a watch refused or failing), when one applies. */
  protected withEventsNote<M extends object>(model: M): M & { eventsNote?: string } {
    const note = eventsNote(this.ctx.cluster.session?.index.problemFor(this.ref.namespace, 'events'), this.ref.namespace);
    return note ? { ...model, eventsNote: note } : model;
  }

  /** runAction runs a panel button's command on the object, as its tree row's menu does. */
  protected async runAction(message: Extract<FromWebview, { type: 'action' }>): Promise<void> {
    await vscode.commands.executeCommand(ACTION_COMMANDS[message.action], this.ref);
  }

  override dispose(): void {
    if (this.updateTimer) clearTimeout(this.updateTimer);
    super.dispose();
  }
}
