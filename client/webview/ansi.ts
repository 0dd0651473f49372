/** A run of text with the SGR styles in force. */
export interface AnsiSegment {
  readonly text: string;
  readonly classes: readonly string[];
}

// CSI sequences (ESC [ … final byte), OSC sequences (ESC ] … BEL or ESC \), and other two-byte escapes.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[([0-9;?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * parseAnsi splits a log line into styled segments: SGR colour and weight codes become CSS
 * classes (`ansi-fg-1`, `ansi-bold`…); every other escape and control character is dropped,
 * so terminal sequences can neither style the page freely nor hide text.
 */
export function parseAnsi(line: string): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  let fg: string | undefined;
  let bg: string | undefined;
  let bold = false;
  let dim = false;
  let italic = false;
  let underline = false;
  let last = 0;
  const classes = (): string[] =>
    [
      fg,
      bg,
      bold ? 'ansi-bold' : undefined,
      dim ? 'ansi-dim' : undefined,
      italic ? 'ansi-italic' : undefined,
      underline ? 'ansi-underline' : undefined,
    ].filter((c): c is string => c !== undefined);
  const push = (text: string): void => {
    const clean = text.replace(CONTROL, '');
    if (clean !== '') out.push({ text: clean, classes: classes() });
  };
  for (const m of line.matchAll(ESCAPE)) {
    push(line.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    if (m[2] !== 'm' || m[1] === undefined) continue;
    const codes = m[1] === '' ? [0] : m[1].split(';').map((c) => Number(c) || 0);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i] ?? 0;
      if (c === 0) {
        fg = bg = undefined;
        bold = dim = italic = underline = false;
      } else if (c === 1) bold = true;
      else if (c === 2) dim = true;
      else if (c === 3) italic = true;
      else if (c === 4) underline = true;
      else if (c === 22) bold = dim = false;
      else if (c === 23) italic = false;
      else if (c === 24) underline = false;
      else if (c >= 30 && c <= 37) fg = `ansi-fg-${c - 30}`;
      else if (c >= 90 && c <= 97) fg = `ansi-fg-${c - 90 + 8}`;
      else if (c === 39) fg = undefined;
      else if (c >= 40 && c <= 47) bg = `ansi-bg-${c - 40}`;
      else if (c >= 100 && c <= 107) bg = `ansi-bg-${c - 100 + 8}`;
      else if (c === 49) bg = undefined;
      else if (c === 38 || c === 48) {
        // 256-colour and true-colour forms: skip their arguments (no free-form colours in the page).
        i += codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : 0;
      }
    }
  }
  push(line.slice(last));
  return out;
}

/** stripAnsi is the plain text of a line (for search and saving). */
export function stripAnsi(line: string): string {
  return parseAnsi(line)
    .map((s) => s.text)
    .join('');
}
