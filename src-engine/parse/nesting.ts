/**
 * A guard against documents nested so deeply that parsing them would stall the caller (the YAML
 * parsers slow down quadratically with depth, and a hostile file of `- - - - …` or `[[[[…` is
 * small). Every form of block nesting needs at least one column: indentation, and the `- `, `? `
 * and `: ` indicators of compact sequences, explicit keys and values. So the column where a
 * line's content starts, after its indentation and indicators, bounds its block depth; flow
 * brackets are counted across lines. No real manifest comes near either limit.
 */
export const MAX_CONTENT_COLUMN = 400;
export const MAX_FLOW_DEPTH = 200;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** A line that could start past MAX_CONTENT_COLUMN: that many spaces, tabs and indicator characters. */
const LONG_LINE_START = new RegExp(`^[ \\t?:-]{${MAX_CONTENT_COLUMN + 1}}`, 'm');

/** nestingProblem says why `text` is too deeply nested to parse, or undefined. */
export function nestingProblem(text: string): string | undefined {
  // Nearly every document has neither a line that long nor that many brackets: skip the scan.
  if (!LONG_LINE_START.test(text) && countUpTo(text, MAX_FLOW_DEPTH + 1) <= MAX_FLOW_DEPTH) return undefined;
  let flowDepth = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      lineStart = true;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      const start = i;
      // Indentation and block indicators (`- `, `? `, `: `) before the line's content.
      for (;;) {
        while (c === SPACE || c === TAB) c = text.charCodeAt(++i);
        const isIndicator = (c === 45 || c === 63 || c === 58) && isSeparator(text.charCodeAt(i + 1));
        if (!isIndicator) break;
        c = text.charCodeAt(++i);
      }
      if (i - start > MAX_CONTENT_COLUMN) {
        return `nested more than ${MAX_CONTENT_COLUMN} levels deep (indentation and - ? : indicators)`;
      }
      if (i >= text.length) break;
      if (c === LF || c === CR) {
        lineStart = true;
        continue;
      }
    }
    if (c === 91 || c === 123) {
      if (++flowDepth > MAX_FLOW_DEPTH) return `brackets nested more than ${MAX_FLOW_DEPTH} deep`;
    } else if ((c === 93 || c === 125) && flowDepth > 0) {
      flowDepth--;
    }
  }
  return undefined;
}

/** How many `[` and `{` the text holds, counting no further than `limit`. */
function countUpTo(text: string, limit: number): number {
  let count = 0;
  for (let i = text.indexOf('['); i >= 0 && count < limit; i = text.indexOf('[', i + 1)) count++;
  for (let i = text.indexOf('{'); i >= 0 && count < limit; i = text.indexOf('{', i + 1)) count++;
  return count;
}

function isSeparator(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || Number.isNaN(c);
}
