import type { LocalRunNode, LocalRunsProvider } from './localRunsRegistry';

/**
 * LocalRunRows decides how to redraw the "Local runs" rows when the run-locally feature says
 * they changed. Redrawing the root would make VS Code drop every run row's handle until it asks
 * for the children again, and a click on a row's inline Cancel in that moment reaches the
 * command without its row. So when the same runs are listed in the same order (a status or a
 * count changed), each run row is redrawn in place; only a run added or removed redraws the root.
 */
export class LocalRunRows {
  /** The run ids last listed under the root, in order. */
  private shown: readonly string[] | undefined;

  /** listed records what the tree shows under the root. */
  listed(children: readonly LocalRunNode[]): void {
    this.shown = children.map((c) => c.id);
  }

  /** redraw returns the runs to redraw in place, or 'root' when the list itself changed. */
  async redraw(provider: LocalRunsProvider): Promise<readonly LocalRunNode[] | 'root'> {
    const next = await provider.getChildren(undefined);
    const same = this.shown !== undefined && next.length === this.shown.length && next.every((c, i) => c.id === this.shown?.[i]);
    return same ? next : 'root';
  }
}
