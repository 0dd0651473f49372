import type * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { BasePanel } from './basePanel';
import type { ObjectRef } from './objectRef';

/**
 * ObjectPanelRegistry keeps one live panel per cluster object (context/namespace/name):
 * showing an object whose panel is open reveals it instead of opening a second one.
 */
export class ObjectPanelRegistry<P extends BasePanel> {
  private readonly open = new Map<string, P>();

  constructor(private readonly create: (ctx: Ctx, ref: ObjectRef, key: string, existing?: vscode.WebviewPanel) => P) {}

  /** show opens (or reveals) the panel of `ref`. */
  show(ctx: Ctx, ref: ObjectRef): P {
    const key = keyOf(ctx, ref);
    const existing = this.open.get(key);
    if (existing && !existing.isDisposed) {
      existing.panel.reveal();
      return existing;
    }
    return this.remember(key, this.create(ctx, ref, key));
  }

  /** restore re-attaches a panel VS Code kept across a window reload. */
  restore(ctx: Ctx, ref: ObjectRef, existing: vscode.WebviewPanel): P {
    const key = keyOf(ctx, ref);
    return this.remember(key, this.create(ctx, ref, key, existing));
  }

  /** forget is called by a panel when it is disposed. */
  forget(key: string): void {
    this.open.delete(key);
  }

  private remember(key: string, panel: P): P {
    this.open.set(key, panel);
    return panel;
  }
}

function keyOf(ctx: Ctx, ref: ObjectRef): string {
  return `${ctx.cluster.contextName}/${ref.namespace}/${ref.name}`;
}
