/**
 * Memory between edits. Every edit of a big file leaves the previous version of its text
 * (a large-object allocation) as garbage, which V8 only frees in a full collection; in a long
 * session that garbage, not live data, grows the resident set. A full collection once the
 * editor has been idle for a moment keeps the server near its live heap (~40 MiB for a
 * 1,000-document file) at no cost to typing latency.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const IDLE_MS = 1500;

let collect: (() => void) | undefined;
let timer: NodeJS.Timeout | undefined;

function collector(): (() => void) | undefined {
  if (collect) return collect;
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    collect = undefined;
  }
  return collect;
}

/** afterChange (re)arms the idle collection; call it when a document changed. */
export function afterChange(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    try {
      collector()?.();
    } catch {
      // Collection is an optimisation; never let it disturb the server.
    }
  }, IDLE_MS);
  timer.unref();
}
