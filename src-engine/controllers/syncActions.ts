import type { JobAction } from './types';

/** Where one Job sync writes its actions; like SyncEvents, the list is created with its first item. */
export class SyncActions {
  private items: JobAction[] | null = null;
  push(action: JobAction): void {
    if (this.items === null) this.items = [action];
    else this.items.push(action);
  }
  /** The actions asked for (a new empty array when none). */
  get list(): JobAction[] {
    return this.items ?? [];
  }
}
