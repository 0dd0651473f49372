/**
 * The hook the "run locally" feature uses to show its runs under the cluster view's
 * "Local runs" root. Plain data and callbacks, no VS Code types, so the local runtime can
 * implement it without depending on the tree code:
 *
 *   import { registerLocalRunsProvider } from '../views/localRunsRegistry';
 *   ctx.push(registerLocalRunsProvider(myProvider));   // returns a Disposable-like
 */

/** The status icons a local-run row may use (same vocabulary as cluster Jobs and Pods). */
export type LocalRunIcon = 'running' | 'complete' | 'failed' | 'suspended' | 'pending' | 'cronjob' | 'pod' | 'info';

/** One row under "Local runs". */
export interface LocalRunNode {
  /** Stable, unique among all local-run rows (used to keep tree state across updates). */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon?: LocalRunIcon;
  /** Whether the row has children (getChildren will be called with it). */
  readonly collapsible?: boolean;
  /** A command to run when the row is clicked. */
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: readonly unknown[] };
  /** Suffix for the `viewItem` context value (`localRun;<contextValue>`), for menus. */
  readonly contextValue?: string;
}

/** What the run-locally feature implements. */
export interface LocalRunsProvider {
  /** Children of a row, or the top-level runs when `parent` is undefined. */
  getChildren(parent?: LocalRunNode): readonly LocalRunNode[] | Promise<readonly LocalRunNode[]>;
  /**
   * Subscribes to changes: call the listener with the changed row (its row and children are
   * redrawn) or with undefined to redraw all local runs. Returns the unsubscribe.
   */
  onDidChange(listener: (node?: LocalRunNode) => void): { dispose(): void };
}

type Listener = (provider: LocalRunsProvider | undefined) => void;

let current: LocalRunsProvider | undefined;
const listeners = new Set<Listener>();

/** registerLocalRunsProvider plugs a provider in (replacing any previous one); dispose() unplugs it. */
export function registerLocalRunsProvider(provider: LocalRunsProvider): { dispose(): void } {
  current = provider;
  for (const l of listeners) l(current);
  return {
    dispose: () => {
      if (current === provider) {
        current = undefined;
        for (const l of listeners) l(undefined);
      }
    },
  };
}

/** localRunsProvider is the provider plugged in, if any. */
export function localRunsProvider(): LocalRunsProvider | undefined {
  return current;
}

/** onLocalRunsProviderChanged tells the tree when a provider is plugged in or out. */
export function onLocalRunsProviderChanged(listener: Listener): { dispose(): void } {
  listeners.add(listener);
  return { dispose: () => listeners.delete(listener) };
}
