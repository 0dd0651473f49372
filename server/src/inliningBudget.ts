import { setFlagsFromString } from 'node:v8';

/**
 * The optimising compiler's inlining budget for this process, in bytes of bytecode inlined
 * into one function (V8's default is 920).
 *
 * A language server's heavy work comes in bursts that run a lot of code a few hundred times:
 * opening a 1,000-document file runs every parser and rule function once per document, in a
 * process started moments before. V8 optimises those functions on its one background compiler
 * thread while they run, and with the default budget each compilation takes long (most of a
 * core, on two, for the first open), so much of the open runs unoptimised. With 200 the open
 * (bench/lsp.mjs "open → diagnostics") takes about 12 % less time; parsing and checking the
 * file again once all is optimised takes about 5 % more, well under a millisecond for an edit.
 *
 * Set at run time, not as a command-line flag: a V8 that no longer knows the flag prints a
 * warning here and goes on, where an unknown command-line flag would stop the server starting.
 */
export const INLINING_BUDGET_BYTES = 200;

export function limitInlining(): void {
  try {
    setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET_BYTES}`);
  } catch {
    // Left at V8's default.
  }
}
